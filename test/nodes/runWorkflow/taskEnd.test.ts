/**
 * When a Run Workflow task has ended and what its end means, per RunningHub's official
 * client (ComfyUI_RH_OpenAPI core/task.py, API.md §19): the query answers are nock'ed in the
 * shapes RunningHub's docs and public clients show, and the assertions are on the requests
 * sent and the items or errors produced.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { RunningHubRunWorkflow } from '../../../nodes/RunningHubRunWorkflow/RunningHubRunWorkflow.node';
import { configureRetryTiming } from '../../../nodes/shared/utils/timing';
import { runWorkflow } from '../../support/harness';
import { isolateNock } from '../../support/runWorkflowNock';
import { API, APP_ID, apiCallDemoReply, baseParameters, CDN, createReply, CREDENTIALS, KEY, mapped, NODE_TYPE, successQuery, TASK_ID, WF_ID } from './fixtures';

function run(parameters: IDataObject, options: { continueOnFail?: boolean } = {}) {
	return runWorkflow({
		nodeTypes: { runningHubRunWorkflow: new RunningHubRunWorkflow() },
		nodes: [{ name: 'Run', type: NODE_TYPE, parameters, continueOnFail: options.continueOnFail }],
		credentials: CREDENTIALS,
		items: [{ json: {} }],
	});
}

const flat = (fields: IDataObject) => ({ taskId: TASK_ID, status: 'RUNNING', errorCode: '', errorMessage: '', results: null, clientId: '', promptTips: '', ...fields });

isolateNock();

describe('Run Workflow: when a task has ended (RunningHub\'s official client)', () => {
	beforeAll(() => configureRetryTiming({ baseDelayMs: 5, maxDelayMs: 20 }));

	it('CREATE, QUEUED and RUNNING keep polling; SUCCESS ends it', async () => {
		const api = nock(API)
			.post('/task/openapi/create')
			.reply(200, createReply())
			.post('/openapi/v2/query')
			.reply(200, flat({ status: 'CREATE' }))
			.post('/openapi/v2/query')
			.reply(200, flat({ status: 'QUEUED' }))
			.post('/openapi/v2/query')
			.reply(200, flat({ status: 'RUNNING' }))
			.post('/openapi/v2/query')
			.reply(200, successQuery());
		const result = await run(baseParameters({ inputMode: 'none' }));
		expect(result.error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(result.output('Run')[0].json).toMatchObject({ taskId: TASK_ID, status: 'SUCCESS', files: [{ type: 'png' }] });
	});

	it('a non-empty errorCode next to RUNNING ends the task as failed, without waiting for the timeout', async () => {
		const api = nock(API)
			.post('/task/openapi/create')
			.reply(200, createReply())
			.post('/openapi/v2/query')
			.reply(200, flat({ status: 'RUNNING', errorCode: '1015', errorMessage: 'Generation failed, please try again' }));
		const started = Date.now();
		const result = await run(baseParameters({ inputMode: 'none' }), { continueOnFail: true });
		expect(api.isDone()).toBe(true);
		expect(Date.now() - started).toBeLessThan(10000);
		const [item] = result.output('Run');
		expect(item.json.error).toBe(`RunningHub 1015 GENERATION_FAILED: Task ${TASK_ID} failed.`);
	});

	it('a non-empty errorMessage alone next to SUCCESS also ends the task as failed', async () => {
		nock(API)
			.post('/task/openapi/create')
			.reply(200, createReply())
			.post('/openapi/v2/query')
			.reply(200, { ...successQuery(), errorMessage: 'upstream moderation rejected the output' });
		const result = await run(baseParameters({ inputMode: 'none' }));
		expect(result.error?.message).toBe(`RunningHub TASK_FAILED: Task ${TASK_ID} failed.`);
		expect(result.error?.description).toContain('RunningHub said: upstream moderation rejected the output');
	});

	it('an unknown status is an error naming it, after one poll (not polling until the timeout)', async () => {
		const api = nock(API)
			.post('/task/openapi/create')
			.reply(200, createReply())
			.post('/openapi/v2/query')
			.reply(200, flat({ status: 'PAUSED' }));
		const result = await run(baseParameters({ inputMode: 'none', waitingOptions: { maxConcurrency: 1, pollInterval: 0.1, timeoutMinutes: 30 } }), { continueOnFail: true });
		expect(api.isDone()).toBe(true);
		expect(nock.pendingMocks()).toEqual([]);
		const [item] = result.output('Run');
		expect(item.json.error).toBe(`RunningHub UNKNOWN_TASK_STATUS: RunningHub reported the status "PAUSED" for task ${TASK_ID}, which is not a task state (CREATE, QUEUED, RUNNING, SUCCESS, FAILED or CANCEL).`);
	});

	it('CANCEL is final', async () => {
		nock(API).post('/task/openapi/create').reply(200, createReply()).post('/openapi/v2/query').reply(200, flat({ status: 'CANCEL', failedReason: {} }));
		const result = await run(baseParameters({ inputMode: 'none' }));
		expect(result.error?.message).toBe(`RunningHub TASK_CANCELLED: Task ${TASK_ID} was cancelled.`);
	});
});

describe('Run Workflow: SUCCESS without results for a task created through v1', () => {
	beforeAll(() => configureRetryTiming({ baseDelayMs: 5, maxDelayMs: 20 }));

	const v1Outputs = {
		code: 0,
		msg: 'success',
		data: [{ fileUrl: `${CDN}/output/ComfyUI_00042_x.png`, fileType: 'png', taskCostTime: '12', nodeId: '9', consumeCoins: '5', consumeMoney: null, thirdPartyConsumeMoney: null }],
	};

	it('asks /task/openapi/outputs once and takes its files', async () => {
		let outputsBody: IDataObject = {};
		const api = nock(API)
			.post('/task/openapi/create')
			.reply(200, createReply())
			.post('/openapi/v2/query')
			.reply(200, { ...successQuery(), results: [] })
			.post('/task/openapi/outputs', (b) => {
				outputsBody = b;
				return true;
			})
			.once()
			.reply(200, v1Outputs);
		const result = await run(baseParameters({ inputMode: 'none' }));
		expect(result.error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(outputsBody).toEqual({ taskId: TASK_ID, apiKey: KEY });
		expect(result.output('Run')[0].json).toMatchObject({
			taskId: TASK_ID,
			status: 'SUCCESS',
			files: [{ url: `${CDN}/output/ComfyUI_00042_x.png`, type: 'png', nodeId: '9', fileName: 'ComfyUI_00042_x.png' }],
			usage: { coins: 17, runTimeSeconds: 83 },
			nodeCosts: [{ nodeId: '9', coins: 5, runTimeSeconds: 12 }],
		});
	});

	it('reports EMPTY_RESULT when the v1 outputs are empty too (code 0, data [])', async () => {
		const api = nock(API)
			.post('/task/openapi/create')
			.reply(200, createReply())
			.post('/openapi/v2/query')
			.reply(200, { ...successQuery(), results: null })
			.post('/task/openapi/outputs')
			.once()
			.reply(200, { code: 0, msg: 'success', data: [] });
		const result = await run(baseParameters({ inputMode: 'none' }));
		expect(api.isDone()).toBe(true);
		expect(result.error?.message).toBe(`RunningHub EMPTY_RESULT: Task ${TASK_ID} finished with SUCCESS but returned no outputs.`);
	});

	it('a task created through v2 (run/workflow) is not asked for v1 outputs', async () => {
		nock(API)
			.post(`/openapi/v2/run/workflow/${WF_ID}`)
			.reply(200, flat({ status: 'QUEUED' }))
			.post('/openapi/v2/query')
			.reply(200, { ...successQuery(), results: [] });
		const outputs = nock(API).post('/task/openapi/outputs').reply(200, v1Outputs);
		const result = await run(baseParameters({ inputMode: 'none', apiVersion: 'v2' }));
		expect(result.error?.message).toBe(`RunningHub EMPTY_RESULT: Task ${TASK_ID} finished with SUCCESS but returned no outputs.`);
		expect(outputs.isDone()).toBe(false);
	});

	it('an AI App task created through v1 is asked too', async () => {
		nock(API)
			.get('/api/webapp/apiCallDemo')
			.query({ webappId: APP_ID, apiKey: KEY })
			.reply(200, apiCallDemoReply())
			.post('/task/openapi/ai-app/run')
			.reply(200, createReply())
			.post('/openapi/v2/query')
			.reply(200, { ...successQuery(), results: [] })
			.post('/task/openapi/outputs')
			.reply(200, v1Outputs);
		const result = await run({ ...baseParameters(), resource: 'aiApp', webappId: { __rl: true, mode: 'id', value: APP_ID }, inputMode: 'define', appInputs: mapped({ '52.text': 'x' }) });
		expect(result.error).toBeUndefined();
		expect(result.output('Run')[0].json).toMatchObject({ status: 'SUCCESS', files: [{ fileName: 'ComfyUI_00042_x.png' }] });
	});
});

describe('Run Workflow: v2 run bodies', () => {
	it('always carry nodeInfoList ([] when nothing is overridden) and no workflowId in the body', async () => {
		let body: IDataObject = {};
		nock(API)
			.post(`/openapi/v2/run/workflow/${WF_ID}`, (b) => {
				body = b;
				return true;
			})
			.reply(200, flat({ status: 'QUEUED' }));
		const result = await run(baseParameters({ inputMode: 'none', apiVersion: 'v2', waitMode: 'none', options: { usePersonalQueue: true, instanceType: 'plus' } }));
		expect(result.error).toBeUndefined();
		expect(body).toEqual({ nodeInfoList: [], addMetadata: true, instanceType: 'plus', usePersonalQueue: true });
	});

	it.each([
		['Workflow JSON Override', 'workflow', { workflowJson: JSON.stringify({ 9: { class_type: 'SaveImage', inputs: { images: ['8', 0] } } }) }],
		['Access Password', 'workflow', { accessPassword: 'pw' }],
		['Access Password', 'aiApp', { accessPassword: 'pw' }],
	])('refuses %s on v2 (%s) before any call, naming the option', async (option, resource, options) => {
		const params = resource === 'workflow'
			? baseParameters({ inputMode: 'none', apiVersion: 'v2', options })
			: { ...baseParameters(), resource: 'aiApp', apiVersion: 'v2', webappId: { __rl: true, mode: 'id', value: APP_ID }, inputMode: 'define', appInputs: mapped({ '52.text': 'x' }), options };
		const result = await run(params);
		expect(result.error?.message).toBe(`Options › ${option} is only available with API Version v1`);
		expect(result.error?.description).toContain('Nothing was submitted');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('sends the override and the password on v1', async () => {
		let body: IDataObject = {};
		nock(API)
			.post('/task/openapi/create', (b) => {
				body = b;
				return true;
			})
			.reply(200, createReply());
		const override = { 9: { class_type: 'SaveImage', inputs: { filename_prefix: 'x', images: ['8', 0] } } };
		const result = await run(baseParameters({ inputMode: 'none', waitMode: 'none', options: { workflowJson: JSON.stringify(override), accessPassword: 'pw' } }));
		expect(result.error).toBeUndefined();
		expect(body).toMatchObject({ workflowId: WF_ID, workflow: JSON.stringify(override), accessPassword: 'pw' });
	});
});
