import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { RunningHubRunWorkflow } from '../../../nodes/RunningHubRunWorkflow/RunningHubRunWorkflow.node';
import { configureRetryTiming } from '../../../nodes/shared/utils/timing';
import { RunWorkflowFiles, runWorkflowFilesNode } from '../../support/runWorkflowFilesNode';
import { runWorkflow } from '../../support/harness';
import { isolateNock } from '../../support/runWorkflowNock';
import {
	API,
	APP_ID,
	apiCallDemoReply,
	baseParameters,
	CDN,
	createReply,
	CREDENTIALS,
	jsonApiFormatReply,
	KEY,
	mapped,
	NODE_TYPE,
	QUICK_ID,
	successQuery,
	TASK_ID,
	WF_ID,
} from './fixtures';

function run(parameters: IDataObject, options: { items?: IDataObject[]; continueOnFail?: boolean; files?: Parameters<typeof runWorkflowFilesNode>[0]; type?: string } = {}) {
	const nodes = [];
	if (options.files) nodes.push(runWorkflowFilesNode(options.files));
	nodes.push({ name: 'Run', type: options.type ?? NODE_TYPE, parameters, continueOnFail: options.continueOnFail });
	return runWorkflow({
		nodeTypes: { runningHubRunWorkflow: new RunningHubRunWorkflow(), runWorkflowFiles: new RunWorkflowFiles() },
		nodes,
		credentials: CREDENTIALS,
		items: (options.items ?? [{}]).map((json) => ({ json })),
	});
}

isolateNock();

describe('Run Workflow: resources', () => {
	beforeAll(() => {
		configureRetryTiming({ baseDelayMs: 10, maxDelayMs: 50 });
	});

	it('workflow, basic: runs as saved (workflowId + addMetadata only), waits, downloads, emits the normalized shape', async () => {
		let createBody: IDataObject = {};
		const api = nock(API)
			.post('/task/openapi/create', (body) => {
				createBody = body;
				return true;
			})
			.reply(200, createReply(), { 'Content-Type': 'application/json' })
			.post('/openapi/v2/query', { taskId: TASK_ID })
			.matchHeader('authorization', `Bearer ${KEY}`)
			.reply(200, { taskId: TASK_ID, status: 'RUNNING', errorCode: '', errorMessage: '', results: null, promptTips: '' })
			.post('/openapi/v2/query', { taskId: TASK_ID })
			.reply(200, successQuery());
		const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
		const cdn = nock(CDN)
			.get('/output/ComfyUI_00001_abcde.png')
			.reply(function () {
				// Output files are fetched without the credential.
				expect(this.req.headers.authorization).toBeUndefined();
				return [200, png, { 'Content-Type': 'image/png' }];
			});

		const result = await run(baseParameters({ inputMode: 'none', downloadOutputs: true }));
		expect(result.error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(cdn.isDone()).toBe(true);
		expect(createBody).toEqual({ workflowId: WF_ID, addMetadata: true, apiKey: KEY });

		const [item] = result.output('Run');
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toEqual({
			taskId: TASK_ID,
			status: 'SUCCESS',
			files: [{ url: `${CDN}/output/ComfyUI_00001_abcde.png`, type: 'png', nodeId: '9', fileName: 'ComfyUI_00001_abcde.png' }],
			texts: [],
			usage: { coins: 17, runTimeSeconds: 83 },
		});
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/png', fileName: 'ComfyUI_00001_abcde.png' });
		expect(JSON.stringify(item)).not.toContain(KEY);
	});

	it('workflow, advanced: sends only the mapped inputs plus every option, returns the task id immediately', async () => {
		let createBody: IDataObject = {};
		const api = nock(API)
			.post('/api/openapi/getJsonApiFormat', { workflowId: WF_ID, apiKey: KEY })
			.once()
			.reply(200, jsonApiFormatReply())
			.post('/task/openapi/create', (body) => {
				createBody = body;
				return true;
			})
			.times(2)
			.reply(200, createReply());
		const result = await run(
			baseParameters({
				inputMode: 'define',
				workflowInputs: mapped({ '6.text': 'a red fox', '3.steps': '30', '3.cfg': 7.5, '11.enabled': true, '4.ckpt_name': null }, [{ id: '3.steps', type: 'number' }, { id: '4.ckpt_name', type: 'string' }]),
				options: { instanceType: 'plus', addMetadata: false, usePersonalQueue: true, webhookUrl: 'https://example.com/hook', accessPassword: 'pw-1', retainSeconds: 30 },
				waitMode: 'none',
			}),
			{ items: [{ n: 1 }, { n: 2 }] },
		);
		expect(result.error).toBeUndefined();
		// The workflow JSON is read once per execution, however many items use it.
		expect(api.isDone()).toBe(true);
		expect(createBody).toEqual({
			apiKey: KEY,
			workflowId: WF_ID,
			nodeInfoList: [
				{ nodeId: '6', fieldName: 'text', fieldValue: 'a red fox' },
				{ nodeId: '3', fieldName: 'steps', fieldValue: '30' },
				{ nodeId: '3', fieldName: 'cfg', fieldValue: 7.5 },
				{ nodeId: '11', fieldName: 'enabled', fieldValue: true },
			],
			addMetadata: false,
			instanceType: 'plus',
			usePersonalQueue: true,
			webhookUrl: 'https://example.com/hook',
			accessPassword: 'pw-1',
			retainSeconds: 30,
		});
		const items = result.output('Run');
		expect(items.map((i) => i.json)).toEqual([
			{ taskId: TASK_ID, status: 'QUEUED', files: [], texts: [], usage: {} },
			{ taskId: TASK_ID, status: 'QUEUED', files: [], texts: [], usage: {} },
		]);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('workflow, v2 endpoint: id in the path, Bearer only, usePersonalQueue as a JSON boolean, raw nodeInfoList JSON', async () => {
		let body: IDataObject = {};
		const api = nock(API)
			.post('/api/openapi/getJsonApiFormat')
			.reply(200, jsonApiFormatReply())
			.post(`/openapi/v2/run/workflow/${WF_ID}`, (b) => {
				body = b;
				return true;
			})
			.matchHeader('authorization', `Bearer ${KEY}`)
			.reply(200, { taskId: TASK_ID, status: 'QUEUED', errorCode: '', errorMessage: '', results: null, clientId: 'c', promptTips: '{"result":true,"node_errors":{}}' })
			.post('/openapi/v2/query')
			.reply(200, successQuery());
		const result = await run(
			baseParameters({
				apiVersion: 'v2',
				inputMode: 'json',
				nodeInfoList: JSON.stringify([{ nodeId: 6, fieldName: 'text', fieldValue: 'a cat' }]),
				options: { usePersonalQueue: false },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(body).toEqual({ nodeInfoList: [{ nodeId: '6', fieldName: 'text', fieldValue: 'a cat' }], addMetadata: true, usePersonalQueue: false });
		expect(result.output('Run')[0].json).toMatchObject({ taskId: TASK_ID, status: 'SUCCESS' });
	});

	it('workflow, JSON override: checks inputs against the override, sends it as a string with the workflow id', async () => {
		let body: IDataObject = {};
		const override = { 1: { class_type: 'CLIPTextEncode', inputs: { text: 'hello', clip: ['2', 1] } }, 2: { class_type: 'SaveImage', inputs: { filename_prefix: 'x' } } };
		const api = nock(API)
			.post('/task/openapi/create', (b) => {
				body = b;
				return true;
			})
			.reply(200, createReply());
		const result = await run(
			baseParameters({
				inputMode: 'define',
				workflowInputs: mapped({ '1.text': 'override prompt' }),
				options: { workflowJson: JSON.stringify(override) },
				waitMode: 'none',
			}),
		);
		expect(result.error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(body.workflowId).toBe(WF_ID);
		expect(JSON.parse(body.workflow as string)).toEqual(override);
		expect(body.nodeInfoList).toEqual([{ nodeId: '1', fieldName: 'text', fieldValue: 'override prompt' }]);
	});

	it('workflow, media input from binary: uploads the binary (v1 upload) and sends its file name', async () => {
		let uploadBody = '';
		let createBody: IDataObject = {};
		const api = nock(API)
			.post('/api/openapi/getJsonApiFormat')
			.reply(200, jsonApiFormatReply())
			.post('/task/openapi/upload', (b) => {
				// nock hands bodies that are not valid UTF-8 over hex-encoded.
				uploadBody = typeof b !== 'string' ? JSON.stringify(b) : /^[0-9a-f]+$/i.test(b) ? Buffer.from(b, 'hex').toString('latin1') : b;
				return true;
			})
			.reply(200, { code: 0, msg: 'success', data: { fileName: 'api/9d77b8de1f.png', fileType: 'image' } })
			.post('/task/openapi/create', (b) => {
				createBody = b;
				return true;
			})
			.reply(200, createReply());
		const result = await run(
			baseParameters({ inputMode: 'define', workflowInputs: mapped({ '10.image': 'binary:photo' }), waitMode: 'none' }),
			{ files: [{ property: 'photo', fileName: 'cat.png', mimeType: 'image/png', size: 2048 }] },
		);
		expect(result.error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(uploadBody).toMatch(/name="fileType"\r\n\r\nimage\r\n/);
		expect(uploadBody).toContain('filename="cat.png"');
		expect(createBody.nodeInfoList).toEqual([{ nodeId: '10', fieldName: 'image', fieldValue: 'api/9d77b8de1f.png' }]);
	});

	it('workflow: promptTips node_errors after submit fail the item naming the node and the message', async () => {
		const tips = JSON.stringify({ result: false, error: { message: 'Prompt outputs failed validation' }, node_errors: { 4: { errors: [{ type: 'value_not_in_list', message: 'Value not in list', details: "ckpt_name: 'missing.safetensors' not in [...]" }], class_type: 'CheckpointLoaderSimple' } } });
		nock(API)
			.post('/api/openapi/getJsonApiFormat')
			.reply(200, jsonApiFormatReply())
			.post('/task/openapi/create')
			.reply(200, { code: 433, msg: 'VALIDATE_PROMPT_FAILED', data: { promptTips: tips } });
		const result = await run(baseParameters({ inputMode: 'define', workflowInputs: mapped({ '4.ckpt_name': 'missing.safetensors' }) }));
		expect(result.error?.message).toMatch(/433 VALIDATE_PROMPT_FAILED/);
		expect(result.error?.message).toContain('node "Load Checkpoint" (#4): Value not in list');
		expect(result.error?.message).toContain('missing.safetensors');
	});

	it('workflow: a create answer with taskStatus FAILED is a failed task', async () => {
		const api = nock(API).post('/task/openapi/create').reply(200, createReply('FAILED'));
		const result = await run(baseParameters({ inputMode: 'none' }), { continueOnFail: true });
		expect(api.isDone()).toBe(true);
		const [item] = result.output('Run');
		expect(item.json.error).toMatch(new RegExp(`Task ${TASK_ID} failed`));
	});

	it('AI app: checks inputs against the app, sends webappId as a string, LIST and SWITCH values, description', async () => {
		let body: IDataObject = {};
		const api = nock(API)
			.get('/api/webapp/apiCallDemo')
			.query({ webappId: APP_ID, apiKey: KEY })
			.reply(200, apiCallDemoReply())
			.post('/task/openapi/ai-app/run', (b) => {
				body = b;
				return true;
			})
			.reply(200, createReply())
			.post('/openapi/v2/query')
			.reply(200, successQuery());
		const result = await run({
			...baseParameters(),
			resource: 'aiApp',
			webappId: { __rl: true, mode: 'url', value: `https://www.runninghub.ai/ai-detail/${APP_ID}` },
			inputMode: 'define',
			appInputs: mapped({ '52.text': 'a tabby cat', '61.aspect_ratio': '16:9 (Landscape)', '80.select': '2', '81.mode': 'quality', '3.steps': 25, '39.image': 'api/existing.png' }),
			options: { instanceType: 'default' },
		});
		expect(result.error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(body).toEqual({
			apiKey: KEY,
			webappId: APP_ID,
			nodeInfoList: [
				{ nodeId: '52', fieldName: 'text', fieldValue: 'a tabby cat', description: '提示词' },
				{ nodeId: '61', fieldName: 'aspect_ratio', fieldValue: '16:9 (Landscape)', description: '画面比例' },
				{ nodeId: '80', fieldName: 'select', fieldValue: '2', description: '选择分支' },
				{ nodeId: '81', fieldName: 'mode', fieldValue: 'quality', description: '模式' },
				{ nodeId: '3', fieldName: 'steps', fieldValue: 25, description: '步数' },
				{ nodeId: '39', fieldName: 'image', fieldValue: 'api/existing.png', description: '上传图像' },
			],
			instanceType: 'default',
		});
		expect(result.output('Run')[0].json).toMatchObject({ taskId: TASK_ID, status: 'SUCCESS', files: [{ type: 'png' }] });
	});

	it('AI app, v2 endpoint: /openapi/v2/run/ai-app/{id} with Bearer only', async () => {
		let body: IDataObject = {};
		const api = nock(API)
			.get('/api/webapp/apiCallDemo')
			.query(true)
			.reply(200, apiCallDemoReply())
			.post(`/openapi/v2/run/ai-app/${APP_ID}`, (b) => {
				body = b;
				return true;
			})
			.matchHeader('authorization', `Bearer ${KEY}`)
			.reply(200, { taskId: TASK_ID, status: 'QUEUED', errorCode: '', errorMessage: '', results: null, clientId: '', promptTips: '' });
		const result = await run({
			...baseParameters({ waitMode: 'none' }),
			resource: 'aiApp',
			apiVersion: 'v2',
			webappId: { __rl: true, mode: 'id', value: APP_ID },
			inputMode: 'define',
			appInputs: mapped({ '52.text': 'hello' }),
		});
		expect(result.error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(body).toEqual({ nodeInfoList: [{ nodeId: '52', fieldName: 'text', fieldValue: 'hello', description: '提示词' }] });
	});

	it('quick create: sends webappId, quickCreateCode and full nodeInfoList items', async () => {
		let body: IDataObject = {};
		const list = [
			{ nodeId: '52', nodeName: 'RH_Prompt', fieldName: 'text', fieldType: 'STRING', fieldValue: 'a fox', description: 'Prompt' },
			{ nodeId: '3', nodeName: 'KSampler', fieldName: 'steps', fieldType: 'INT', fieldValue: '12', description: 'Steps' },
			// The CN Quick Create doc example's SWITCH: an option index, passed through as given.
			{ nodeId: '80', nodeName: 'ImpactSwitch', fieldName: 'select', fieldType: 'SWITCH', fieldValue: '2', description: '选择分支' },
		];
		const api = nock(API)
			.post('/task/openapi/quick-ai-app/run', (b) => {
				body = b;
				return true;
			})
			.reply(200, createReply())
			.post('/openapi/v2/query')
			.reply(200, successQuery());
		const result = await run({
			...baseParameters(),
			resource: 'quickCreate',
			webappId: { __rl: true, mode: 'id', value: QUICK_ID },
			quickCreateCode: '002',
			nodeInfoList: JSON.stringify(list),
			options: { webhookUrl: 'https://example.com/hook' },
		});
		expect(result.error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(body).toEqual({ apiKey: KEY, webappId: QUICK_ID, quickCreateCode: '002', nodeInfoList: list, webhookUrl: 'https://example.com/hook' });
		expect(result.output('Run')[0].json).toMatchObject({ taskId: TASK_ID, status: 'SUCCESS' });
	});

});

describe('Run Workflow: Get Inputs', () => {

	it('workflow: lists inputs, a nodeInfoList template and the API JSON', async () => {
		nock(API).post('/api/openapi/getJsonApiFormat', { workflowId: WF_ID, apiKey: KEY }).reply(200, jsonApiFormatReply());
		const result = await run({ resource: 'workflow', operation: 'getInputs', workflowId: { __rl: true, mode: 'url', value: `https://www.runninghub.ai/#/workflow/${WF_ID}` } });
		expect(result.error).toBeUndefined();
		const json = result.output('Run')[0].json as IDataObject;
		expect(json.workflowId).toBe(WF_ID);
		expect((json.inputs as IDataObject[]).find((i) => i.id === '10.image')).toEqual({ id: '10.image', nodeId: '10', nodeTitle: 'Load Image', classType: 'LoadImage', fieldName: 'image', type: 'string', value: 'example.png', media: 'image' });
		expect((json.nodeInfoList as IDataObject[])[0]).toEqual({ nodeId: '3', fieldName: 'seed', fieldValue: 156680208700286 });
		expect((json.workflowApiJson as IDataObject)['4']).toMatchObject({ class_type: 'CheckpointLoaderSimple' });
	});

	it('AI app: lists inputs with choices, never passes on the demo curl (it carries the key)', async () => {
		nock(API).get('/api/webapp/apiCallDemo').query({ webappId: APP_ID, apiKey: KEY }).reply(200, apiCallDemoReply());
		const result = await run({ resource: 'aiApp', operation: 'getInputs', webappId: { __rl: true, mode: 'id', value: APP_ID } });
		expect(result.error).toBeUndefined();
		const json = result.output('Run')[0].json as IDataObject;
		expect(json.webappName).toBe('Cat Portrait Studio');
		expect((json.inputs as IDataObject[]).find((i) => i.id === '61.aspect_ratio')).toMatchObject({ type: 'options', options: ['1:1 (Square)', '16:9 (Landscape)'], fieldType: 'LIST' });
		expect(JSON.stringify(json)).not.toContain(KEY);
		expect(JSON.stringify(json)).not.toContain('curl');
	});

	it('quick create: lists the style presets', async () => {
		nock(API)
			.post('/api/fast/creation/model/params', { type: 2, webappId: QUICK_ID, apiKey: KEY })
			.reply(200, `{"code":0,"msg":"success","data":[{"id":1957344152277151801,"type":2,"webappId":${QUICK_ID},"modelName":"Anime","modelKey":"input1","content":"anime style"}]}`);
		const result = await run({ resource: 'quickCreate', operation: 'getInputs', webappId: { __rl: true, mode: 'id', value: QUICK_ID } });
		expect(result.error).toBeUndefined();
		expect(result.output('Run')[0].json).toEqual({ webappId: QUICK_ID, type: 2, styles: [{ id: '1957344152277151801', type: 2, webappId: QUICK_ID, modelName: 'Anime', modelKey: 'input1', content: 'anime style' }] });
	});
});
