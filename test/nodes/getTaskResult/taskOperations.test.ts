import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { RunningHubGetTaskResult } from '../../../nodes/RunningHubGetTaskResult/RunningHubGetTaskResult.node';
import { configureRetryTiming } from '../../../nodes/shared/utils/timing';
import { runWorkflow } from '../../support/harness';
import { API, TEST_KEY } from '../../support/probeNode';

const TASK = '1910246754753896450';
const TASK2 = '1910246754753896451';
const CDN = 'https://rh-images.xiaoyaoyou.com';

function run(parameters: INodeParameters, options: { items?: INodeExecutionData[]; continueOnFail?: boolean } = {}) {
	return runWorkflow({
		nodeTypes: { runningHubGetTaskResult: new RunningHubGetTaskResult() },
		nodes: [{ name: 'Task', type: 'n8n-nodes-runninghub.runningHubGetTaskResult', parameters, continueOnFail: options.continueOnFail }],
		credentials: { runningHubApi: { site: 'ai', apiKey: TEST_KEY } },
		items: options.items,
	});
}

const flat = (fields: IDataObject) => ({ taskId: TASK, status: '', errorCode: '', errorMessage: '', results: null, clientId: '', promptTips: '', ...fields });
const success = (taskId = TASK) =>
	flat({
		taskId,
		status: 'SUCCESS',
		results: [{ url: `${CDN}/output/ComfyUI_0001.png`, outputType: 'png', nodeId: '9', text: null }],
		usage: { consumeCoins: '17', consumeMoney: null, thirdPartyConsumeMoney: null, taskCostTime: '83' },
	});

describe('Get Task Result: Get Result', () => {
	beforeAll(() => {
		nock.disableNetConnect();
		configureRetryTiming({ baseDelayMs: 5, maxDelayMs: 20 });
	});
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('returns the normalized result of a finished task and keeps a bare 19-digit id exact', async () => {
		const scope = nock(API)
			.post('/openapi/v2/query', { taskId: TASK })
			.matchHeader('authorization', `Bearer ${TEST_KEY}`)
			.reply(200, JSON.stringify(success()).replace(`"taskId":"${TASK}"`, `"taskId":${TASK}`), { 'Content-Type': 'application/json' });
		const result = await run({ taskId: TASK, waitMode: 'none', downloadOutputs: false });
		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(result.output('Task')).toEqual([
			{
				json: {
					taskId: TASK,
					status: 'SUCCESS',
					files: [{ url: `${CDN}/output/ComfyUI_0001.png`, type: 'png', nodeId: '9', fileName: 'ComfyUI_0001.png' }],
					texts: [],
					usage: { coins: 17, runTimeSeconds: 83 },
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('Return Current State outputs an unfinished task as it is', async () => {
		nock(API).post('/openapi/v2/query').reply(200, flat({ status: 'RUNNING' }));
		const result = await run({ taskId: TASK, waitMode: 'none' });
		expect(result.error).toBeUndefined();
		expect(result.output('Task')[0].json).toEqual({ taskId: TASK, status: 'RUNNING', files: [], texts: [], usage: {} });
	});

	it('polls until finished and downloads the outputs (no credentials on the CDN request)', async () => {
		nock(API).post('/openapi/v2/query').reply(200, flat({ status: 'QUEUED' })).post('/openapi/v2/query').reply(200, flat({ status: 'RUNNING' })).post('/openapi/v2/query').reply(200, success());
		let cdnHeaders: Record<string, unknown> = {};
		nock(CDN)
			.get('/output/ComfyUI_0001.png')
			.reply(function () {
				cdnHeaders = this.req.headers;
				return [200, Buffer.from('PNGDATA'), { 'Content-Type': 'image/png' }];
			});
		const result = await run({ taskId: TASK, waitMode: 'poll', waitingOptions: { pollInterval: 0.1 } });
		expect(result.error).toBeUndefined();
		const item = result.output('Task')[0];
		expect(item.json.status).toBe('SUCCESS');
		expect(item.binary?.data).toMatchObject({ fileName: 'ComfyUI_0001.png', mimeType: 'image/png' });
		expect(cdnHeaders.authorization).toBeUndefined();
	});

	it('downloads into a custom binary property when the task is already finished in Return Current State mode', async () => {
		nock(API).post('/openapi/v2/query').reply(200, success());
		nock(CDN).get('/output/ComfyUI_0001.png').reply(200, Buffer.from('PNGDATA'), { 'Content-Type': 'image/png' });
		const result = await run({ taskId: TASK, waitMode: 'none', waitingOptions: { binaryProperty: 'image' } });
		expect(result.error).toBeUndefined();
		expect(Object.keys(result.output('Task')[0].binary ?? {})).toEqual(['image']);
	});

	it('SUCCESS without results is an error', async () => {
		nock(API).post('/openapi/v2/query').reply(200, flat({ status: 'SUCCESS', results: [] }));
		const result = await run({ taskId: TASK, waitMode: 'none' });
		expect(result.error?.message).toBe(`RunningHub EMPTY_RESULT: Task ${TASK} finished with SUCCESS but returned no outputs.`);
	});

	it('a failed task is an error naming the failing node and exception', async () => {
		nock(API)
			.post('/openapi/v2/query')
			.reply(200, flat({ status: 'FAILED', errorCode: '805', errorMessage: 'CUDA out of memory', failedReason: { node_name: 'KSampler', node_id: '3', exception_type: 'torch.OutOfMemoryError', exception_message: 'CUDA out of memory', traceback: '[]' } }));
		const result = await run({ taskId: TASK, waitMode: 'poll' });
		expect(result.error?.message).toBe(`RunningHub 805 APIKEY_TASK_STATUS_ERROR: Task ${TASK} failed in node "KSampler" (#3).`);
		expect(result.error?.description).toContain('torch.OutOfMemoryError: CUDA out of memory');
	});

	it('an unknown task id gives a clear message (1004)', async () => {
		nock(API).post('/openapi/v2/query').reply(200, flat({ errorCode: '1004', errorMessage: 'Task not found, please check the task ID' }));
		const result = await run({ taskId: TASK, waitMode: 'poll' });
		expect(result.error?.message).toBe(`RunningHub 1004 TASK_NOT_FOUND: Task ${TASK} was not found.`);
		expect(result.error?.description).toContain('this API key on this site');
	});

	it('times out naming the task id', async () => {
		nock(API).post('/openapi/v2/query').times(50).reply(200, flat({ status: 'RUNNING' }));
		const result = await run({ taskId: TASK, waitMode: 'poll', waitingOptions: { pollInterval: 0.5, timeoutMinutes: 0.05 } });
		expect(result.error?.message).toBe(`Task ${TASK} did not finish within 3 seconds`);
		expect(result.error?.description).toContain(TASK);
	});

	it('validates the Task ID before any request', async () => {
		const scope = nock(API).post('/openapi/v2/query').reply(200, success());
		for (const [value, message] of [
			['', 'The "Task ID" field is empty'],
			['abc', 'The "Task ID" field is not a valid task ID: "abc"'],
			['12345', 'The "Task ID" field is not a valid task ID: "12345"'],
			['191024675475389645012345', 'The "Task ID" field is not a valid task ID: "191024675475389645012345"'],
		]) {
			const result = await run({ taskId: '={{ $json.id }}', waitMode: 'none' }, { items: [{ json: { id: value } }] });
			expect(result.error?.message).toBe(message);
		}
		const asNumber = await run({ taskId: '={{ 1910246754753896450 }}', waitMode: 'none' });
		expect(asNumber.error?.message).toBe('The "Task ID" field arrived as a number and has lost digits');
		expect(scope.isDone()).toBe(false);
	});

	it('several items: results in input order; with Continue On Fail, failures become error items', async () => {
		nock(API)
			.post('/openapi/v2/query', { taskId: TASK })
			.reply(200, success())
			.post('/openapi/v2/query', { taskId: TASK2 })
			.reply(200, flat({ taskId: TASK2, status: 'FAILED', errorCode: '805', errorMessage: 'boom', failedReason: { node_name: 'VAE', exception_message: 'boom' } }));
		const result = await run(
			{ taskId: '={{ $json.id }}', waitMode: 'poll', downloadOutputs: false },
			{ items: [{ json: { id: 'bad' } }, { json: { id: TASK } }, { json: { id: TASK2 } }], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		const out = result.output('Task');
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.error).toBe('The "Task ID" field is not a valid task ID: "bad"');
		expect(out[1].json.status).toBe('SUCCESS');
		expect(out[2].json).toEqual({ error: expect.stringContaining(`Task ${TASK2} failed in node "VAE"`) });
		expect(out[2].error).toBeDefined();
	});
});

describe('Get Task Result: Get Status, Get Outputs, Cancel', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('Get Status reads the v1 status (key in the body and as Bearer)', async () => {
		const scope = nock(API).post('/task/openapi/status', { taskId: TASK, apiKey: TEST_KEY }).matchHeader('authorization', `Bearer ${TEST_KEY}`).reply(200, { code: 0, msg: '', data: 'RUNNING' });
		const result = await run({ operation: 'getStatus', taskId: TASK });
		expect(scope.isDone()).toBe(true);
		expect(result.output('Task')).toEqual([{ json: { taskId: TASK, status: 'RUNNING' }, pairedItem: { item: 0 } }]);
	});

	it('Get Status of an unknown task (807) names the task', async () => {
		nock(API).post('/task/openapi/status').reply(200, { code: 807, msg: 'APIKEY_TASK_NOT_FOUND', data: null });
		const result = await run({ operation: 'getStatus', taskId: TASK });
		expect(result.error?.message).toBe(`RunningHub 807 APIKEY_TASK_NOT_FOUND: Task ${TASK} was not found.`);
	});

	it('Get Outputs: 804 running and 813 queued are states, not failures', async () => {
		nock(API)
			.post('/task/openapi/outputs')
			.reply(200, { code: 804, msg: 'APIKEY_TASK_IS_RUNNING', data: { netWssUrl: 'wss://x' } })
			.post('/task/openapi/outputs')
			.reply(200, { code: 813, msg: 'APIKEY_TASK_IS_QUEUED', data: null });
		const result = await run({ operation: 'getOutputs', taskId: '={{ $json.id }}' }, { items: [{ json: { id: TASK } }, { json: { id: TASK2 } }] });
		expect(result.error).toBeUndefined();
		expect(result.output('Task').map((o) => [o.json.taskId, o.json.status])).toEqual([
			[TASK, 'RUNNING'],
			[TASK2, 'QUEUED'],
		]);
	});

	it('Get Outputs on success gives files with per-node cost', async () => {
		nock(API)
			.post('/task/openapi/outputs', { taskId: TASK, apiKey: TEST_KEY })
			.reply(200, {
				code: 0,
				msg: 'success',
				data: [
					{ fileUrl: `${CDN}/a.png`, fileType: 'png', taskCostTime: '12', nodeId: '9', consumeCoins: '5', consumeMoney: null, thirdPartyConsumeMoney: null },
					{ fileUrl: `${CDN}/b.mp4`, fileType: 'mp4', taskCostTime: '40', nodeId: '12', consumeCoins: '7', consumeMoney: '0.3', thirdPartyConsumeMoney: null },
				],
			});
		const result = await run({ operation: 'getOutputs', taskId: TASK });
		expect(result.output('Task')[0].json).toEqual({
			taskId: TASK,
			status: 'SUCCESS',
			files: [
				{ url: `${CDN}/a.png`, type: 'png', nodeId: '9', fileName: 'a.png' },
				{ url: `${CDN}/b.mp4`, type: 'mp4', nodeId: '12', fileName: 'b.mp4' },
			],
			texts: [],
			usage: { coins: 12, money: 0.3, runTimeSeconds: 40 },
			nodeCosts: [
				{ nodeId: '9', coins: 5, runTimeSeconds: 12 },
				{ nodeId: '12', coins: 7, money: 0.3, runTimeSeconds: 40 },
			],
		});
	});

	it('Get Outputs: 805 is a failure with the node; success with no files is an error', async () => {
		nock(API)
			.post('/task/openapi/outputs')
			.reply(200, { code: 805, msg: 'APIKEY_TASK_STATUS_ERROR', data: { failedReason: { node_name: 'LoadImage', node_id: '4', exception_type: 'FileNotFoundError', exception_message: 'api/x.png not found', traceback: '["a","b"]' } } })
			.post('/task/openapi/outputs')
			.reply(200, { code: 0, msg: 'success', data: [] });
		const failed = await run({ operation: 'getOutputs', taskId: TASK });
		expect(failed.error?.message).toBe(`RunningHub 805 APIKEY_TASK_STATUS_ERROR: Task ${TASK} failed in node "LoadImage" (#4).`);
		expect(failed.error?.description).toContain('FileNotFoundError: api/x.png not found');
		const empty = await run({ operation: 'getOutputs', taskId: TASK });
		expect(empty.error?.message).toBe(`RunningHub EMPTY_RESULT: Task ${TASK} finished with SUCCESS but returned no outputs.`);
	});

	it('Cancel sends the task id once and confirms', async () => {
		const scope = nock(API).post('/task/openapi/cancel', { taskId: TASK, apiKey: TEST_KEY }).reply(200, { code: 0, msg: 'success', data: null });
		const result = await run({ operation: 'cancel', taskId: TASK });
		expect(scope.isDone()).toBe(true);
		expect(result.output('Task')).toEqual([{ json: { taskId: TASK, cancelled: true }, pairedItem: { item: 0 } }]);
	});

	it('Cancel of an unknown task (807 or 423) gives a clear error', async () => {
		nock(API).post('/task/openapi/cancel').reply(200, { code: 807, msg: 'APIKEY_TASK_NOT_FOUND', data: null }).post('/task/openapi/cancel').reply(200, { code: 423, msg: 'TASK_NOT_FOUNED', data: null });
		const a = await run({ operation: 'cancel', taskId: TASK });
		expect(a.error?.message).toBe(`RunningHub 807 APIKEY_TASK_NOT_FOUND: Task ${TASK} was not found, so nothing was cancelled.`);
		const b = await run({ operation: 'cancel', taskId: TASK });
		expect(b.error?.message).toBe(`RunningHub 423 TASK_NOT_FOUNED: Task ${TASK} was not found, so nothing was cancelled.`);
	});

	it('Cancel retries a transient failure (cancel is repeatable)', async () => {
		configureRetryTiming({ baseDelayMs: 5, maxDelayMs: 20 });
		nock(API).post('/task/openapi/cancel').reply(503, 'Service Unavailable').post('/task/openapi/cancel').reply(200, { code: 0, msg: 'success', data: null });
		const result = await run({ operation: 'cancel', taskId: TASK });
		expect(result.error).toBeUndefined();
		expect(result.output('Task')[0].json.cancelled).toBe(true);
	});
});
