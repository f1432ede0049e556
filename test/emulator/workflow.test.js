'use strict';
// ComfyUI workflow endpoints (API.md §4).

const { KEYS, WORKFLOWS, WORKFLOW_PASSWORD } = require('./index');
const { startEmulator, v1, v2, pollV2 } = require('./helpers');

let emu;
beforeAll(async () => {
	// Concurrency high enough that these tests never hit 421 by accident.
	emu = await startEmulator({ keys: { [KEYS.consumer]: { concurrency: 100 } } });
});
afterAll(() => emu.close());
afterEach(() => emu.reset());

const create = (body) => v1(emu, '/task/openapi/create', { apiKey: KEYS.consumer, workflowId: WORKFLOWS.image, ...body });

describe('POST /task/openapi/create', () => {
	test('basic: returns the documented data with a 19-digit string taskId', async () => {
		const r = await create({});
		expect(r.json.code).toBe(0);
		expect(r.json.msg).toBe('success');
		const d = r.json.data;
		expect(Object.keys(d).sort()).toEqual(['clientId', 'netWssUrl', 'promptTips', 'taskId', 'taskStatus']);
		expect(d.netWssUrl).toBeNull();
		expect(d.taskId).toMatch(/^\d{19}$/);
		expect(d.clientId).toMatch(/^[0-9a-f]{32}$/);
		expect(d.taskStatus).toBe('QUEUED');
		expect(typeof d.promptTips).toBe('string');
		expect(JSON.parse(d.promptTips)).toEqual({ result: true, error: null, outputs_to_execute: ['9'], node_errors: {} });
		expect(r.text).toContain(`"taskId":"${d.taskId}"`);
	});

	test('advanced: nodeInfoList overrides are applied and numbers-as-strings coerced', async () => {
		const r = await create({
			nodeInfoList: [
				{ nodeId: '6', fieldName: 'text', fieldValue: 'a red fox' },
				{ nodeId: '3', fieldName: 'seed', fieldValue: '1231231' },
				{ nodeId: '5', fieldName: 'batch_size', fieldValue: 3 },
			],
			addMetadata: false,
			instanceType: 'plus',
			webhookUrl: 'http://127.0.0.1:9/hook',
		});
		expect(r.json.code).toBe(0);
		const task = emu.tasks.get(r.json.data.taskId);
		expect(task).toMatchObject({ kind: 'workflow', workflowId: WORKFLOWS.image, addMetadata: false, instanceType: 'plus', webhookUrl: 'http://127.0.0.1:9/hook' });
		const done = await pollV2(emu, task.taskId, KEYS.consumer);
		expect(done.results).toHaveLength(3); // SaveImage × batch_size
	});

	test('unknown nodeId or fieldName → 803 APIKEY_INVALID_NODE_INFO', async () => {
		expect((await create({ nodeInfoList: [{ nodeId: '99', fieldName: 'text', fieldValue: 'x' }] })).json).toMatchObject({ code: 803, msg: 'APIKEY_INVALID_NODE_INFO' });
		expect((await create({ nodeInfoList: [{ nodeId: '6', fieldName: 'prompt', fieldValue: 'x' }] })).json.code).toBe(803);
	});

	test('unknown workflowId → 380 WORKFLOW_NOT_EXISTS', async () => {
		expect((await create({ workflowId: '1111111111111111111' })).json).toMatchObject({ code: 380, msg: 'WORKFLOW_NOT_EXISTS' });
	});

	test('workflow never run on the web → 810', async () => {
		expect((await create({ workflowId: WORKFLOWS.neverRun })).json).toMatchObject({ code: 810, msg: 'WORKFLOW_NOT_SAVED_OR_NOT_RUNNING' });
	});

	test('protected workflow needs accessPassword (301 otherwise)', async () => {
		expect((await create({ workflowId: WORKFLOWS.protected })).json.code).toBe(301);
		expect((await create({ workflowId: WORKFLOWS.protected, accessPassword: 'wrong' })).json.code).toBe(301);
		expect((await create({ workflowId: WORKFLOWS.protected, accessPassword: WORKFLOW_PASSWORD })).json.code).toBe(0);
	});

	test('validation failure → 433 with node_errors in promptTips', async () => {
		const r = await create({ workflowId: WORKFLOWS.invalid });
		expect(r.json).toMatchObject({ code: 433, msg: 'VALIDATE_PROMPT_FAILED' });
		const tips = JSON.parse(r.json.data.promptTips);
		expect(tips.result).toBe(false);
		expect(tips.node_errors['4'].errors[0].type).toBe('value_not_in_list');
		expect(emu.tasks.size).toBe(0);
	});

	test('a value that cannot be coerced fails validation (433)', async () => {
		const r = await create({ nodeInfoList: [{ nodeId: '3', fieldName: 'steps', fieldValue: 'many' }] });
		expect(r.json.code).toBe(433);
		expect(JSON.parse(r.json.data.promptTips).node_errors['3'].class_type).toBe('KSampler');
	});

	test('workflow override: a JSON string graph replaces the template', async () => {
		const graph = {
			1: { class_type: 'CLIPTextEncode', inputs: { text: 'x', clip: ['2', 1] } },
			2: { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'sd_xl_base_1.0.safetensors' } },
			7: { class_type: 'SaveImage', inputs: { filename_prefix: 'o', images: ['1', 0] } },
		};
		const r = await create({ workflow: JSON.stringify(graph), nodeInfoList: [{ nodeId: '1', fieldName: 'text', fieldValue: 'override' }] });
		expect(r.json.code).toBe(0);
		expect(JSON.parse(r.json.data.promptTips).outputs_to_execute).toEqual(['7']);
	});

	test('workflow override that is not JSON → 301; without outputs → 433', async () => {
		expect((await create({ workflow: '{not json' })).json.code).toBe(301);
		const noOut = { 1: { class_type: 'CLIPTextEncode', inputs: { text: 'x' } } };
		const r = await create({ workflow: JSON.stringify(noOut) });
		expect(r.json.code).toBe(433);
		expect(JSON.parse(r.json.data.promptTips).error.type).toBe('prompt_no_outputs');
	});

	test('option validation: instanceType, usePersonalQueue, retainSeconds', async () => {
		expect((await create({ instanceType: 'ultra' })).json.code).toBe(301);
		expect((await create({ usePersonalQueue: 'maybe' })).json.code).toBe(301);
		expect((await create({ retainSeconds: 5 })).json.code).toBe(301);
		expect((await create({ retainSeconds: 200 })).json.code).toBe(301);
		expect((await create({ usePersonalQueue: 'false', retainSeconds: 60, addMetadata: 'true' })).json.code).toBe(0);
	});

	test('video workflow outputs an mp4 from SaveVideo', async () => {
		const r = await create({ workflowId: WORKFLOWS.video, nodeInfoList: [{ nodeId: '1', fieldName: 'image', fieldValue: 'api/abc.png' }] });
		const done = await pollV2(emu, r.json.data.taskId, KEYS.consumer);
		expect(done.results).toEqual([expect.objectContaining({ outputType: 'mp4', nodeId: '9' })]);
	});
});

describe('POST /openapi/v2/run/workflow/{workflowId}', () => {
	const run = (id, body, key = KEYS.consumer) => v2(emu, `/openapi/v2/run/workflow/${id}`, body, key);

	test('returns the flat v2 task object (no code/msg)', async () => {
		const r = await run(WORKFLOWS.image, { nodeInfoList: [{ nodeId: '6', fieldName: 'text', fieldValue: 'v2' }], usePersonalQueue: 'false', instanceType: 'default' });
		expect(r.json).toMatchObject({ status: 'QUEUED', errorCode: '', errorMessage: '', results: null });
		expect(r.json.taskId).toMatch(/^\d{19}$/);
		expect(r.json.code).toBeUndefined();
		expect(JSON.parse(r.json.promptTips).result).toBe(true);
		expect(emu.tasks.get(r.json.taskId).source).toBe('v2');
	});

	test('errors carry v1 codes as string errorCode', async () => {
		expect((await run('1111111111111111111', {})).json).toMatchObject({ errorCode: '380', errorMessage: 'WORKFLOW_NOT_EXISTS', taskId: '' });
		expect((await run(WORKFLOWS.image, { nodeInfoList: [{ nodeId: '99', fieldName: 'x', fieldValue: 1 }] })).json.errorCode).toBe('803');
		const invalid = await run(WORKFLOWS.invalid, {});
		expect(invalid.json.errorCode).toBe('433');
		expect(JSON.parse(invalid.json.promptTips).node_errors).toHaveProperty('4');
	});

	test('an apiKey in the body does not authenticate', async () => {
		const r = await v2(emu, `/openapi/v2/run/workflow/${WORKFLOWS.image}`, { apiKey: KEYS.consumer }, null);
		expect(r.status).toBe(401);
	});

	test('the Go SDK body: nodeInfoList [] and usePersonalQueue false as a JSON boolean', async () => {
		const r = await run(WORKFLOWS.image, { addMetadata: true, nodeInfoList: [], instanceType: 'default', usePersonalQueue: false });
		expect(r.json).toMatchObject({ status: 'QUEUED', errorCode: '' });
		expect(emu.tasks.get(r.json.taskId)).toMatchObject({ usePersonalQueue: false, instanceType: 'default' });
	});

	test('no workflow override and no accessPassword on v2: both are ignored like any unknown field', async () => {
		const override = JSON.stringify({ 9: { class_type: 'SaveImage', inputs: { filename_prefix: 'x', images: ['8', 0] } } });
		const r = await run(WORKFLOWS.image, { nodeInfoList: [], workflow: override });
		expect(r.json.errorCode).toBe('');
		expect(emu.tasks.get(r.json.taskId).inputs.workflowOverride).toBe(false);
		// A protected workflow cannot be unlocked through v2.
		const locked = await run(WORKFLOWS.protected, { nodeInfoList: [], accessPassword: WORKFLOW_PASSWORD });
		expect(locked.json).toMatchObject({ errorCode: '301', taskId: '' });
	});
});

describe('POST /api/openapi/getJsonApiFormat', () => {
	test('data.prompt is the stringified API-format workflow', async () => {
		const r = await v1(emu, '/api/openapi/getJsonApiFormat', { apiKey: KEYS.consumer, workflowId: WORKFLOWS.image });
		expect(r.json.code).toBe(0);
		expect(typeof r.json.data.prompt).toBe('string');
		const graph = JSON.parse(r.json.data.prompt);
		expect(graph['3'].class_type).toBe('KSampler');
		expect(Object.keys(graph['3'].inputs)).toEqual(expect.arrayContaining(['seed', 'steps', 'cfg', 'sampler_name', 'denoise']));
		expect(graph['6']._meta.title).toBe('Positive Prompt');
		expect(graph['10'].class_type).toBe('LoadImage');
	});

	test('unknown workflowId → 380', async () => {
		expect((await v1(emu, '/api/openapi/getJsonApiFormat', { apiKey: KEYS.consumer, workflowId: '42' })).json.code).toBe(380);
	});
});
