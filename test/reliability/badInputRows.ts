/**
 * Bad inputs: each must be rejected with a message naming the field, before any paid call
 * (the emulator saw no submit and no upload) and without the API key in the error.
 */
import type { IDataObject } from 'n8n-workflow';

import type { FileSpec } from '../support/binaryInputNode';
import type { Emulator } from './kit';
import { APPS, errorText, expectNoKey, IMAGE_MODEL, isSubmitPath, isUploadPath, KEY, mapped, modelParameters, QUICK, runNode, TEXT_MODEL, TYPES, workflowParameters } from './kit';
import { tidy } from './faultRows';

export interface BadInputRow {
	id: string;
	node: string;
	field: string;
	input: string;
	run(emu: Emulator): Promise<string>;
}

const MB = 1024 * 1024;
const photo: FileSpec = { property: 'photo', fileName: 'input.png', mimeType: 'image/png', size: 4096 };

interface BadCase {
	node: string;
	field: string;
	input: string;
	type: string;
	parameters: IDataObject;
	items?: IDataObject[];
	files?: FileSpec[];
	/** The error message must match (and so name the field). */
	message: RegExp;
}

async function badCase(emu: Emulator, c: BadCase): Promise<string> {
	const run = await runNode({ emu, type: c.type, parameters: c.parameters, items: c.items ?? [{ prompt: 'a cat' }], files: c.files, continueOnFail: false });
	expect(run.error).toBeDefined();
	expect(run.error?.message).toMatch(c.message);
	// Nothing paid for and nothing uploaded.
	expect(emu.log.filter((e) => isSubmitPath(e.path) || isUploadPath(e.path)).map((e) => e.path)).toEqual([]);
	expect(emu.counters.createsByKey[KEY] ?? 0).toBe(0);
	expectNoKey(emu, KEY, errorText(run.error), run.logs);
	return tidy(run.error?.message ?? '', 120);
}

const wf = (extra: IDataObject, inputs?: IDataObject) => {
	const parameters = workflowParameters({ waitMode: 'none', ...extra });
	if (inputs) parameters.workflowInputs = mapped(inputs);
	return parameters;
};
const wfJson = (nodeInfoList: string, extra: IDataObject = {}) => workflowParameters({ waitMode: 'none', inputMode: 'json', nodeInfoList, ...extra });
const app = (inputs: IDataObject, extra: IDataObject = {}) => ({
	resource: 'aiApp',
	operation: 'run',
	webappId: { __rl: true, mode: 'id', value: APPS.image },
	inputMode: 'define',
	appInputs: mapped(inputs),
	waitMode: 'none',
	...extra,
});
const quick = (extra: IDataObject) => ({
	resource: 'quickCreate',
	operation: 'run',
	webappId: { __rl: true, mode: 'id', value: QUICK.webappId },
	quickCreateCode: QUICK.quickCreateCode,
	nodeInfoList: JSON.stringify([{ nodeId: '52', nodeName: 'RH_Prompt', fieldName: 'text', fieldType: 'STRING', fieldValue: 'a fox', description: 'Prompt' }]),
	waitMode: 'none',
	...extra,
});
const model = (values: IDataObject, endpoint = TEXT_MODEL) => modelParameters(endpoint, values, { waitMode: 'none' });
const custom = (endpoint: string, jsonBody: string) => ({ resource: 'model', operation: 'generate', customEndpoint: true, endpoint, jsonBody, waitMode: 'none' });
const upload = (operation: string, extra: IDataObject = {}) => ({ resource: 'file', operation, binaryProperties: 'photo', ...extra });
const task = (taskId: string, extra: IDataObject = {}): IDataObject => ({ resource: 'task', operation: 'getResult', taskId, waitMode: 'none', ...extra });

const RW = 'Run Workflow';
const SM = 'Standard Model';
const UF = 'Upload File';
const GTR = 'Get Task Result';

const CASES: BadCase[] = [
	// Run Workflow: ComfyUI workflow
	{ node: RW, field: 'nodeInfoList', input: 'malformed JSON `[{nodeId: 6}`', type: TYPES.runWorkflow, parameters: wfJson('[{nodeId: 6}'), message: /^nodeInfoList is not valid JSON/ },
	{ node: RW, field: 'nodeInfoList', input: 'a JSON object instead of an array', type: TYPES.runWorkflow, parameters: wfJson('{"nodeId":"6"}'), message: /^nodeInfoList must be a JSON array/ },
	{ node: RW, field: 'nodeInfoList[0].fieldValue', input: 'entry without fieldValue', type: TYPES.runWorkflow, parameters: wfJson('[{"nodeId":"6","fieldName":"text"}]'), message: /^nodeInfoList\[0\] is missing "fieldValue"/ },
	{ node: RW, field: 'nodeInfoList[0].nodeId', input: 'unknown node id 42', type: TYPES.runWorkflow, parameters: wfJson('[{"nodeId":"42","fieldName":"text","fieldValue":"a"}]'), message: /^nodeInfoList\[0\] \(42\.text\): node #42 does not exist/ },
	{ node: RW, field: 'Inputs (99.text)', input: 'unknown node id 99', type: TYPES.runWorkflow, parameters: wf({}, { '99.text': 'x' }), message: /^Input "99\.text": node #99 does not exist/ },
	{ node: RW, field: 'Inputs (3.sampler)', input: 'unknown input of a known node', type: TYPES.runWorkflow, parameters: wf({}, { '3.sampler': 'euler' }), message: /^Input "3\.sampler": node "KSampler" \(#3\) has no input "sampler"/ },
	{ node: RW, field: 'Inputs (3.steps)', input: 'text for a number input', type: TYPES.runWorkflow, parameters: wf({}, { '3.steps': 'many' }), message: /^Input "3\.steps" expects a number, got "many"/ },
	{ node: RW, field: 'Inputs (3.model)', input: 'value for an input wired to another node', type: TYPES.runWorkflow, parameters: wf({}, { '3.model': 'x' }), message: /^Input "3\.model": .*connected to another node/ },
	{ node: RW, field: 'Inputs (10.image)', input: 'binary:photo without that binary property', type: TYPES.runWorkflow, parameters: wf({}, { '10.image': 'binary:photo' }), message: /^Input "10\.image": Binary property "photo" does not exist/ },
	{ node: RW, field: 'Inputs (10.image)', input: '31 MB binary (over the 30 MB upload limit)', type: TYPES.runWorkflow, parameters: wf({}, { '10.image': 'binary:photo' }), files: [{ ...photo, size: 31 * MB }], message: /Binary property "photo" is 31\.0 MB, over the 30\.0 MB limit/ },
	{ node: RW, field: 'Workflow (ID)', input: 'id with letters (expression)', type: TYPES.runWorkflow, parameters: wf({ inputMode: 'none', workflowId: { __rl: true, mode: 'id', value: "={{ '19041369024492093ab' }}" } }), message: /^Workflow \(ID\) must be the 19-digit number/ },
	{ node: RW, field: 'Workflow (URL)', input: 'a page URL without an id', type: TYPES.runWorkflow, parameters: wf({ inputMode: 'none', workflowId: { __rl: true, mode: 'url', value: "={{ 'https://www.runninghub.ai/#/explore' }}" } }), message: /^Workflow \(URL\): no workflow ID found/ },
	{ node: RW, field: 'Webhook URL', input: 'ftp://example.com/hook', type: TYPES.runWorkflow, parameters: wf({ inputMode: 'none', options: { webhookUrl: 'ftp://example.com/hook' } }), message: /^Webhook URL must start with http/ },
	{ node: RW, field: 'Retain Seconds', input: '5 (allowed 10–180)', type: TYPES.runWorkflow, parameters: wf({ inputMode: 'none', options: { retainSeconds: 5 } }), message: /^Retain Seconds must be a whole number from 10 to 180/ },
	{ node: RW, field: 'Instance Type', input: '"huge"', type: TYPES.runWorkflow, parameters: wf({ inputMode: 'none', options: { instanceType: 'huge' } }), message: /^Instance Type must be "default" \(24 GB\) or "plus" \(48 GB\)/ },
	{ node: RW, field: 'Workflow JSON Override', input: 'malformed JSON', type: TYPES.runWorkflow, parameters: wf({ inputMode: 'none', options: { workflowJson: '{"3": ' } }), message: /^Workflow JSON Override is not valid JSON/ },
	{ node: RW, field: 'Workflow JSON Override', input: 'UI-format workflow', type: TYPES.runWorkflow, parameters: wf({ inputMode: 'none', options: { workflowJson: '{"nodes": [], "links": []}' } }), message: /^Workflow JSON Override: node "nodes" needs "class_type" and "inputs"/ },
	// Run Workflow: AI App and Quick Create
	{ node: RW, field: 'Inputs (61.aspect_ratio)', input: '"4:3", not one of the app\'s choices', type: TYPES.runWorkflow, parameters: app({ '61.aspect_ratio': '4:3' }), message: /^Input "61\.aspect_ratio" must be one of/ },
	{ node: RW, field: 'Inputs (3.steps)', input: 'text for the app\'s INT input', type: TYPES.runWorkflow, parameters: app({ '3.steps': 'many' }), message: /^Input "3\.steps" expects a number, got "many"/ },
	{ node: RW, field: 'Inputs', input: 'no app input set (would run the paid sample)', type: TYPES.runWorkflow, parameters: app({}), message: /^Inputs is empty/ },
	{ node: RW, field: 'Inputs (52.prompt)', input: 'input the app does not have', type: TYPES.runWorkflow, parameters: app({ '52.prompt': 'x' }), message: /^Input "52\.prompt": AI App \d+ has no input "52\.prompt"/ },
	{ node: RW, field: 'Quick Create Code', input: 'empty (expression)', type: TYPES.runWorkflow, parameters: quick({ quickCreateCode: "={{ '' }}" }), message: /^Quick Create Code must be the module code/ },
	{ node: RW, field: 'nodeInfoList[0].fieldValue', input: 'text for an INT field (Quick Create)', type: TYPES.runWorkflow, parameters: quick({ nodeInfoList: JSON.stringify([{ nodeId: '3', nodeName: 'KSampler', fieldName: 'steps', fieldType: 'INT', fieldValue: 'lots', description: 'Steps' }]) }), message: /^nodeInfoList\[0\] \(3\.steps\) expects a number, got "lots"/ },
	// Standard Model
	{ node: SM, field: 'prompt', input: 'required parameter missing', type: TYPES.standardModel, parameters: model({ aspectRatio: '1:1' }), message: /"prompt".*is required/ },
	{ node: SM, field: 'aspectRatio', input: '"7:3", not in the list', type: TYPES.standardModel, parameters: model({ prompt: 'a cat', aspectRatio: '7:3' }), message: /"aspectRatio".*must be one of/ },
	{ node: SM, field: 'duration', input: '99 (allowed 5–20)', type: TYPES.standardModel, parameters: model({ prompt: 'a cat', resolution: 'hd', duration: 99 }, 'rhart-video-flux3/text-to-video'), message: /"duration".*must be (between|at most)/ },
	{ node: SM, field: 'safetyTolerance', input: '"high" for a number', type: TYPES.standardModel, parameters: model({ prompt: 'a cat', resolution: 'hd', safetyTolerance: 'high' }, 'rhart-video-flux3/text-to-video'), message: /"safetyTolerance".*must be a number/ },
	{ node: SM, field: 'draft', input: '"maybe" for a boolean', type: TYPES.standardModel, parameters: model({ prompt: 'a cat', resolution: 'hd', draft: 'maybe' }, 'rhart-video-flux3/text-to-video'), message: /"draft".*true or false/ },
	{ node: SM, field: 'prompt', input: '20 001 characters (maximum 20 000)', type: TYPES.standardModel, parameters: model({ prompt: 'x'.repeat(20001) }), message: /"prompt".*maximum is/ },
	{ node: SM, field: 'imageUrls', input: '"not a url"', type: TYPES.standardModel, parameters: model({ prompt: 'a cat', imageUrls: 'not a url' }, IMAGE_MODEL), message: /"imageUrls".*http\(s\) URL or binary/ },
	{ node: SM, field: 'imageUrls', input: 'a .gif URL (JPG/PNG only)', type: TYPES.standardModel, parameters: model({ prompt: 'a cat', imageUrls: 'https://cdn.example.com/in/a.gif' }, IMAGE_MODEL), message: /"imageUrls".*allowed formats/ },
	{ node: SM, field: 'imageUrls', input: 'binary:photo without that binary property', type: TYPES.standardModel, parameters: model({ prompt: 'a cat', imageUrls: 'binary:photo' }, IMAGE_MODEL), message: /imageUrls.*Binary property "photo" does not exist/ },
	{ node: SM, field: 'imageUrls', input: '11 MB image (limit 10 MB)', type: TYPES.standardModel, parameters: model({ prompt: 'a cat', imageUrls: 'binary:photo' }, IMAGE_MODEL), files: [{ ...photo, size: 11 * MB }], message: /imageUrls.*11\.0 MB, over the 10\.0 MB limit/ },
	{ node: SM, field: 'Model', input: 'endpoint not in the catalog', type: TYPES.standardModel, parameters: model({ prompt: 'a cat' }, 'nobody/no-such-model'), message: /^Model "nobody\/no-such-model" is not in the bundled catalog/ },
	{ node: SM, field: 'JSON Body', input: 'malformed JSON (custom endpoint)', type: TYPES.standardModel, parameters: custom('rhart-image-g-2/text-to-image', '{"prompt": '), message: /^The JSON body is not valid JSON/ },
	{ node: SM, field: 'Endpoint', input: 'a path with ".." (custom endpoint)', type: TYPES.standardModel, parameters: custom('rhart-image/../../query', '{"prompt":"x"}'), message: /^The endpoint "rhart-image\/\.\.\/\.\.\/query" is not a valid model path/ },
	{ node: SM, field: 'Endpoint', input: 'a utility endpoint (media/upload/binary)', type: TYPES.standardModel, parameters: custom('media/upload/binary', '{}'), message: /^"media\/upload\/binary" is a RunningHub utility endpoint, not a model/ },
	// Upload File
	{ node: UF, field: 'Binary Properties (photo)', input: '31 MB file (Upload Resource limit 30 MB)', type: TYPES.uploadFile, parameters: upload('uploadResource'), files: [{ ...photo, size: 31 * MB }], message: /^Binary property "photo" is 31\.0 MB, over the 30\.0 MB limit/ },
	{ node: UF, field: 'Binary Properties (photo)', input: 'a PDF (not an accepted type)', type: TYPES.uploadFile, parameters: upload('uploadResource'), files: [{ property: 'photo', fileName: 'doc.pdf', mimeType: 'application/pdf', size: 100 }], message: /^Binary property "photo" has type "pdf", which is not accepted here/ },
	{ node: UF, field: 'Binary Properties (photo)', input: 'binary property missing', type: TYPES.uploadFile, parameters: upload('uploadMedia'), message: /Binary property "photo" does not exist/ },
	{ node: UF, field: 'Binary Properties', input: 'empty (", ")', type: TYPES.uploadFile, parameters: upload('uploadMedia', { binaryProperties: ' , ' }), files: [photo], message: /^The "Binary Properties" field is empty/ },
	{ node: UF, field: 'Max File Size (MB)', input: '3 MB file with a 2 MB limit', type: TYPES.uploadFile, parameters: upload('uploadMedia', { mediaOptions: { maxSizeMb: 2 } }), files: [{ ...photo, size: 3 * MB }], message: /^Binary property "photo" is 3\.0 MB, over the 2\.0 MB limit/ },
	{ node: UF, field: 'LoRA Name', input: 'name with a slash', type: TYPES.uploadFile, parameters: { resource: 'file', operation: 'uploadLora', binaryProperty: 'data', loraName: 'my/lora' }, files: [{ property: 'data', fileName: 'style.safetensors', size: 1024, safetensors: true }], message: /^The "LoRA Name" field contains a slash/ },
	// Get Task Result
	{ node: GTR, field: 'Task ID', input: '"abc123"', type: TYPES.getTaskResult, parameters: task('abc123'), message: /^The "Task ID" field is not a valid task ID: "abc123"/ },
	{ node: GTR, field: 'Task ID', input: 'empty (n8n parameter check)', type: TYPES.getTaskResult, parameters: task(''), message: /Parameter "Task ID" is required/ },
	{ node: GTR, field: 'Task ID', input: 'blank (expression)', type: TYPES.getTaskResult, parameters: task("={{ '  ' }}"), message: /^The "Task ID" field is empty/ },
	{ node: GTR, field: 'Task ID', input: 'a 19-digit id that arrived as a number (digits lost)', type: TYPES.getTaskResult, parameters: task('={{ $json.id }}'), items: [{ id: 1910246754753896450 }], message: /^The "Task ID" field arrived as a number and has lost digits/ },
	{ node: GTR, field: 'New Webhook URL', input: 'not-a-url', type: TYPES.getTaskResult, parameters: { resource: 'webhookEvent', operation: 'resend', taskId: '1910246754753896450', webhookUrl: 'not-a-url' }, message: /^The "New Webhook URL" field is not a valid http\(s\) URL/ },
];

export function badInputRows(): BadInputRow[] {
	return CASES.map((c, i) => ({ id: `B-${i + 1}`, node: c.node, field: c.field, input: c.input, run: async (emu) => await badCase(emu, c) }));
}
