import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { RunningHubRunWorkflow } from '../../../nodes/RunningHubRunWorkflow/RunningHubRunWorkflow.node';
import { configureRetryTiming } from '../../../nodes/shared/utils/timing';
import { RunWorkflowFiles } from '../../support/runWorkflowFilesNode';
import { runWorkflow } from '../../support/harness';
import { isolateNock } from '../../support/runWorkflowNock';
import { API, APP_ID, apiCallDemoReply, baseParameters, createReply, CREDENTIALS, jsonApiFormatReply, KEY, mapped, NODE_TYPE, QUICK_ID, TASK_ID, WF_ID } from './fixtures';

const SUBMIT_PATHS = /^\/(task\/openapi\/(create|ai-app\/run|quick-ai-app\/run|upload)|openapi\/v2\/run\/)/;

/** Every request that would create (or prepare) a paid task is recorded here. */
let paidCalls: string[] = [];

function trapPaidCalls() {
	paidCalls = [];
	nock(API)
		.persist()
		.post(SUBMIT_PATHS)
		.reply(function () {
			paidCalls.push(this.req.path);
			return [200, createReply()];
		})
		.post('/api/openapi/getJsonApiFormat')
		.reply(200, jsonApiFormatReply())
		.get('/api/webapp/apiCallDemo')
		.query(true)
		.reply(200, apiCallDemoReply())
		.post('/openapi/v2/query')
		.reply(200, { taskId: TASK_ID, status: 'QUEUED', errorCode: '', results: null });
}

function run(parameters: IDataObject, items: IDataObject[] = [{}], continueOnFail = false) {
	return runWorkflow({
		nodeTypes: { runningHubRunWorkflow: new RunningHubRunWorkflow(), runWorkflowFiles: new RunWorkflowFiles() },
		nodes: [{ name: 'Run', type: NODE_TYPE, parameters, continueOnFail }],
		credentials: CREDENTIALS,
		items: items.map((json) => ({ json })),
	});
}

const workflow = (extra: IDataObject) => baseParameters({ waitMode: 'none', ...extra });
const app = (extra: IDataObject) => ({ ...baseParameters({ waitMode: 'none' }), resource: 'aiApp', webappId: { __rl: true, mode: 'id', value: APP_ID }, inputMode: 'define', ...extra });
const quick = (extra: IDataObject) => ({
	...baseParameters({ waitMode: 'none' }),
	resource: 'quickCreate',
	webappId: { __rl: true, mode: 'id', value: QUICK_ID },
	quickCreateCode: '002',
	nodeInfoList: JSON.stringify([{ nodeId: '52', nodeName: 'RH_Prompt', fieldName: 'text', fieldType: 'STRING', fieldValue: 'x', description: 'Prompt' }]),
	...extra,
});

const CASES: Array<[string, IDataObject, RegExp]> = [
	// Expressions: the values are only known at run time, so the node's own check has to catch them.
	['workflow id with letters', workflow({ inputMode: 'none', workflowId: { __rl: true, mode: 'id', value: "={{ '19041369024492093ab' }}" } }), /^Workflow \(ID\) must be the 19-digit number/],
	['workflow id too short', workflow({ inputMode: 'none', workflowId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }), /^Workflow \(ID\) must be the 19-digit number .*"123456"/],
	['workflow URL without an id', workflow({ inputMode: 'none', workflowId: { __rl: true, mode: 'url', value: "={{ 'https://www.runninghub.ai/#/explore' }}" } }), /^Workflow \(URL\): no workflow ID found in "https:\/\/www\.runninghub\.ai\/#\/explore"/],
	['workflow URL of an app page', workflow({ inputMode: 'none', workflowId: { __rl: true, mode: 'url', value: `https://www.runninghub.ai/ai-detail/${APP_ID}` } }), /^Workflow \(URL\): .* is an AI App page/],
	['unknown node id', workflow({ inputMode: 'define', workflowInputs: mapped({ '99.text': 'x' }) }), /^Input "99\.text": node #99 does not exist in workflow/],
	['unknown field', workflow({ inputMode: 'define', workflowInputs: mapped({ '3.sampler': 'euler' }) }), /^Input "3\.sampler": node "KSampler" \(#3\) has no input "sampler"/],
	['link input', workflow({ inputMode: 'define', workflowInputs: mapped({ '3.model': 'x' }) }), /^Input "3\.model": input "model" of node "KSampler" \(#3\) is connected to another node/],
	['number field given text', workflow({ inputMode: 'define', workflowInputs: mapped({ '3.steps': 'abc' }) }), /^Input "3\.steps" expects a number, got "abc"/],
	['boolean field given text', workflow({ inputMode: 'define', workflowInputs: mapped({ '11.enabled': 'maybe' }) }), /^Input "11\.enabled" expects true or false, got "maybe"/],
	['media field left empty', workflow({ inputMode: 'define', workflowInputs: mapped({ '10.image': '' }, [{ id: '10.image', type: 'string' }]) }), /^Input "10\.image" needs a file/],
	['missing binary property', workflow({ inputMode: 'define', workflowInputs: mapped({ '10.image': 'binary:photo' }) }), /^Input "10\.image": Binary property "photo" does not exist on item 0/],
	['nodeInfoList not JSON', workflow({ inputMode: 'json', nodeInfoList: '[{nodeId: 6}' }), /^nodeInfoList is not valid JSON/],
	['nodeInfoList not an array', workflow({ inputMode: 'json', nodeInfoList: '{"nodeId": "6"}' }), /^nodeInfoList must be a JSON array/],
	['nodeInfoList item without fieldValue', workflow({ inputMode: 'json', nodeInfoList: JSON.stringify([{ nodeId: '6', fieldName: 'text', fieldValue: 'a' }, { nodeId: '6', fieldName: 'text' }]) }), /^nodeInfoList\[1\] is missing "fieldValue"/],
	['nodeInfoList unknown node', workflow({ inputMode: 'json', nodeInfoList: JSON.stringify([{ nodeId: '42', fieldName: 'text', fieldValue: 'a' }]) }), /^nodeInfoList\[0\] \(42\.text\): node #42 does not exist/],
	['workflow override not JSON', workflow({ inputMode: 'none', options: { workflowJson: '{"3": ' } }), /^Workflow JSON Override is not valid JSON/],
	['workflow override not an object', workflow({ inputMode: 'none', options: { workflowJson: '[1, 2]' } }), /^Workflow JSON Override must be a JSON object/],
	['workflow override in UI format', workflow({ inputMode: 'none', options: { workflowJson: '{"nodes": [], "links": []}' } }), /^Workflow JSON Override: node "nodes" needs "class_type" and "inputs"/],
	['input unknown to the override', workflow({ inputMode: 'define', workflowInputs: mapped({ '6.text': 'x' }), options: { workflowJson: '{"1": {"class_type": "SaveImage", "inputs": {}}}' } }), /^Input "6\.text": node #6 does not exist in the Workflow JSON Override/],
	['retain seconds out of range', workflow({ inputMode: 'none', options: { retainSeconds: 5 } }), /^Retain Seconds must be a whole number from 10 to 180/],
	['webhook URL not http', workflow({ inputMode: 'none', options: { webhookUrl: 'ftp://example.com/hook' } }), /^Webhook URL must start with http/],
	['app: no inputs set', app({ appInputs: mapped({}) }), /^Inputs is empty: set at least one input of the AI App/],
	['app: empty nodeInfoList', app({ inputMode: 'json', nodeInfoList: '[]' }), /^nodeInfoList is empty/],
	['app: unknown input', app({ appInputs: mapped({ '52.prompt': 'x' }) }), new RegExp(`^Input "52\\.prompt": AI App ${APP_ID} has no input "52\\.prompt"`)],
	['app: choice not in the list', app({ appInputs: mapped({ '61.aspect_ratio': '4:3' }) }), /^Input "61\.aspect_ratio" must be one of "1:1 \(Square\)", "16:9 \(Landscape\)", got "4:3"/],
	['app: number given text', app({ appInputs: mapped({ '3.steps': 'many' }) }), /^Input "3\.steps" expects a number, got "many"/],
	['app: missing binary', app({ appInputs: mapped({ '39.image': 'binary:photo' }) }), /^Input "39\.image": Binary property "photo" does not exist/],
	['app: URL of a workflow page', app({ webappId: { __rl: true, mode: 'url', value: `https://www.runninghub.ai/#/workflow/${WF_ID}` }, appInputs: mapped({ '52.text': 'x' }) }), /^AI App \(URL\): .* is a workflow page/],
	['quick create: item without description', quick({ nodeInfoList: JSON.stringify([{ nodeId: '52', nodeName: 'RH_Prompt', fieldName: 'text', fieldType: 'STRING', fieldValue: 'x' }]) }), /^nodeInfoList\[0\] is missing "description"/],
	['quick create: no code', quick({ quickCreateCode: "={{ '' }}" }), /^Quick Create Code must be the module code/],
	['quick create: empty list', quick({ nodeInfoList: '[]' }), /^nodeInfoList is empty/],
	['quick create: INT given text', quick({ nodeInfoList: JSON.stringify([{ nodeId: '3', nodeName: 'KSampler', fieldName: 'steps', fieldType: 'INT', fieldValue: 'lots', description: 'Steps' }]) }), /^nodeInfoList\[0\] \(3\.steps\) expects a number, got "lots"/],
];

isolateNock();

describe('Run Workflow: validation before any paid call', () => {
	beforeAll(() => {
		configureRetryTiming({ baseDelayMs: 10, maxDelayMs: 50 });
	});
	beforeEach(() => trapPaidCalls());

	it.each(CASES)('%s', async (_name, parameters, message) => {
		const result = await run(parameters, [{ id: '123456' }]);
		expect(result.error?.message).toMatch(message);
		expect(paidCalls).toEqual([]);
		expect(result.error?.message).not.toContain(KEY);
	});

	it('a literal bad id is already refused by the editor-side check (n8n parameter issues)', async () => {
		await expect(run(workflow({ inputMode: 'none', workflowId: { __rl: true, mode: 'id', value: '12345' } }))).rejects.toThrow(/Enter the 19-digit ID/);
		expect(paidCalls).toEqual([]);
	});

	it('app that never ran (no inputs listed): refused before submitting', async () => {
		nock.cleanAll();
		paidCalls = [];
		nock(API)
			.get('/api/webapp/apiCallDemo')
			.query(true)
			.reply(200, apiCallDemoReply([]))
			.post(SUBMIT_PATHS)
			.optionally()
			.reply(function () {
				paidCalls.push(this.req.path);
				return [200, createReply()];
			});
		const result = await run(app({ appInputs: mapped({ '52.text': 'x' }) }));
		expect(result.error?.message).toMatch(new RegExp(`^AI App ${APP_ID} has no editable inputs yet`));
		expect(paidCalls).toEqual([]);
	});

	it('one bad item fails the run before any item is submitted (no Continue On Fail)', async () => {
		const result = await run(workflow({ inputMode: 'define', workflowInputs: mapped({ '3.steps': '={{ $json.steps }}' }) }), [{ steps: 20 }, { steps: 'abc' }, { steps: 25 }]);
		expect(result.error?.message).toMatch(/^Input "3\.steps" expects a number, got "abc"/);
		expect(paidCalls).toEqual([]);
	});

	it('with Continue On Fail a bad item becomes an error item while the others run', async () => {
		const result = await run(workflow({ inputMode: 'define', workflowInputs: mapped({ '3.steps': '={{ $json.steps }}' }) }), [{ steps: 20 }, { steps: 'abc' }, { steps: 25 }], true);
		expect(result.error).toBeUndefined();
		expect(paidCalls).toEqual(['/task/openapi/create', '/task/openapi/create']);
		const items = result.output('Run');
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({ taskId: TASK_ID, status: 'QUEUED' });
		expect(items[1].json.error).toMatch(/^Input "3\.steps" expects a number, got "abc"/);
		expect(items[2].json).toMatchObject({ taskId: TASK_ID, status: 'QUEUED' });
	});

	it('node_errors in the promptTips of an accepted submit fail the item, naming node and message', async () => {
		nock.cleanAll();
		const tips = JSON.stringify({ result: false, error: null, node_errors: { 5: { errors: [{ message: 'Value 0 smaller than min of 16', details: 'width' }], class_type: 'EmptyLatentImage' } } });
		nock(API).post('/api/openapi/getJsonApiFormat').reply(200, jsonApiFormatReply()).post('/task/openapi/create').reply(200, createReply('QUEUED', tips));
		const result = await run(workflow({ inputMode: 'define', workflowInputs: mapped({ '5.width': 0 }) }));
		expect(result.error?.message).toContain('node "Empty Latent Image" (#5): Value 0 smaller than min of 16: width');
	});
});
