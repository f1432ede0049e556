'use strict';
// Task lifecycle, status/result endpoints, cancel, concurrency and account endpoints
// (API.md §4.5, §7, §10, §14).

const { KEYS, WORKFLOWS } = require('./index');
const { startEmulator, v1, v2, get, pollV2, waitFor, postJson } = require('./helpers');

let emu;
beforeAll(async () => {
	emu = await startEmulator({ personalQueueLimit: 2 });
});
afterAll(() => emu.close());
afterEach(() => {
	emu.reset();
	emu.setTiming({ queuedMs: 50, runningMs: 100 });
	emu.numericIds = false;
});

async function create(key = KEYS.consumer, extra = {}) {
	const r = await v1(emu, '/task/openapi/create', { apiKey: key, workflowId: WORKFLOWS.image, ...extra });
	return r.json;
}
const withPrompt = (text) => ({ nodeInfoList: [{ nodeId: '6', fieldName: 'text', fieldValue: text }] });

describe('POST /openapi/v2/query', () => {
	test('QUEUED → RUNNING → SUCCESS with results and string usage', async () => {
		emu.setTiming({ queuedMs: 400, runningMs: 1100 });
		const { data } = await create();
		const q1 = (await v2(emu, '/openapi/v2/query', { taskId: data.taskId }, KEYS.consumer)).json;
		expect(q1).toMatchObject({ taskId: data.taskId, status: 'QUEUED', errorCode: '', results: null });
		await waitFor(() => emu.tasks.get(data.taskId).status === 'RUNNING');
		const q2 = (await v2(emu, '/openapi/v2/query', { taskId: data.taskId }, KEYS.consumer)).json;
		expect(q2.status).toBe('RUNNING');
		expect(q2.results).toBeNull();
		const done = await pollV2(emu, data.taskId, KEYS.consumer);
		expect(done.status).toBe('SUCCESS');
		expect(done.results).toEqual([{ url: expect.stringContaining('/__files/'), outputType: 'png', nodeId: '9', text: null }]);
		expect(done.usage).toEqual({ consumeCoins: expect.any(String), consumeMoney: null, thirdPartyConsumeMoney: null, taskCostTime: '1' });
		expect(done.clientId).toBe(data.clientId);
		expect(done).toHaveProperty('failedReason');
	});

	test('[fail] → FAILED, errorCode "805" and a failedReason naming the node', async () => {
		const { data } = await create(KEYS.consumer, withPrompt('cat [fail]'));
		const done = await pollV2(emu, data.taskId, KEYS.consumer);
		expect(done).toMatchObject({ status: 'FAILED', errorCode: '805', results: null });
		expect(done.failedReason).toMatchObject({ node_name: 'KSampler', node_id: '3', exception_type: 'torch.OutOfMemoryError' });
		expect(Object.keys(done.failedReason).sort()).toEqual(['current_inputs', 'current_outputs', 'exception_message', 'exception_type', 'node_id', 'node_name', 'traceback']);
		expect(Array.isArray(JSON.parse(done.failedReason.traceback))).toBe(true);
	});

	test('[empty] → SUCCESS with empty results; [ms:N] sets the run time', async () => {
		const { data } = await create(KEYS.consumer, withPrompt('[empty] [ms:10]'));
		const started = Date.now();
		const done = await pollV2(emu, data.taskId, KEYS.consumer);
		expect(done.status).toBe('SUCCESS');
		expect(done.results).toEqual([]);
		expect(Date.now() - started).toBeLessThan(1000);
	});

	test('[text] → a text result with url null', async () => {
		const { data } = await create(KEYS.consumer, withPrompt('describe [text]'));
		const done = await pollV2(emu, data.taskId, KEYS.consumer);
		expect(done.results).toEqual([expect.objectContaining({ url: null, outputType: 'text', text: expect.any(String) })]);
	});

	test('unknown task (or another key\'s task) → errorCode "1004"', async () => {
		expect((await v2(emu, '/openapi/v2/query', { taskId: '1234567890123456789' }, KEYS.consumer)).json).toMatchObject({ errorCode: '1004', status: '' });
		const { data } = await create(KEYS.consumer);
		expect((await v2(emu, '/openapi/v2/query', { taskId: data.taskId }, KEYS.shared)).json.errorCode).toBe('1004');
	});

	test('v2Shapes: outputType as a category, failedReason as JSON text, task_id instead of taskId', async () => {
		const e = await startEmulator({ v2Shapes: { outputType: 'category', failedReason: 'string', taskIdField: 'task_id' }, timing: { queuedMs: 10, runningMs: 20 } });
		try {
			const ok = await v1(e, '/task/openapi/create', { apiKey: KEYS.consumer, workflowId: WORKFLOWS.image });
			const okId = ok.json.data.taskId;
			await e.waitForTask(okId, 3000);
			const done = (await v2(e, '/openapi/v2/query', { taskId: okId }, KEYS.consumer)).json;
			expect(done).not.toHaveProperty('taskId');
			expect(done).toMatchObject({ task_id: okId, status: 'SUCCESS' });
			expect(done.results[0]).toMatchObject({ outputType: 'image', url: expect.stringMatching(/\.png(\?|$)/) });
			const bad = await v1(e, '/task/openapi/create', { apiKey: KEYS.consumer, workflowId: WORKFLOWS.image, ...withPrompt('x [fail]') });
			await e.waitForTask(bad.json.data.taskId, 3000);
			const failed = (await v2(e, '/openapi/v2/query', { taskId: bad.json.data.taskId }, KEYS.consumer)).json;
			expect(typeof failed.failedReason).toBe('string');
			expect(JSON.parse(failed.failedReason)).toMatchObject({ node_id: '3', node_name: 'KSampler' });
		} finally {
			await e.close();
		}
	});

	test('fault v2EmptyResults: SUCCESS with results [] in the v2 query, the files still in the v1 outputs', async () => {
		emu.setFaults({ v2EmptyResults: 1 });
		const { data } = await create(KEYS.consumer);
		const done = await pollV2(emu, data.taskId, KEYS.consumer);
		expect(done).toMatchObject({ status: 'SUCCESS', results: [] });
		const outputs = await v1(emu, '/task/openapi/outputs', { apiKey: KEYS.consumer, taskId: data.taskId });
		expect(outputs.json.code).toBe(0);
		expect(outputs.json.data).toEqual([expect.objectContaining({ fileType: 'png', nodeId: '9', fileUrl: expect.stringMatching(/^http/) })]);
		// Only the next task is affected.
		const next = await create(KEYS.consumer);
		expect((await pollV2(emu, next.data.taskId, KEYS.consumer)).results).toHaveLength(1);
	});

	test('polls are counted', async () => {
		await v2(emu, '/openapi/v2/query', { taskId: '1' }, KEYS.consumer);
		await v1(emu, '/task/openapi/status', { apiKey: KEYS.consumer, taskId: '1' });
		await v1(emu, '/task/openapi/outputs', { apiKey: KEYS.consumer, taskId: '1' });
		expect(emu.counters.polls).toBe(3);
	});
});

describe('POST /task/openapi/status', () => {
	test('data is the bare status string', async () => {
		emu.setTiming({ queuedMs: 400, runningMs: 100 });
		const { data } = await create();
		const s = await v1(emu, '/task/openapi/status', { apiKey: KEYS.consumer, taskId: data.taskId });
		expect(s.json).toEqual({ code: 0, msg: '', data: 'QUEUED' });
		await pollV2(emu, data.taskId, KEYS.consumer);
		expect((await v1(emu, '/task/openapi/status', { apiKey: KEYS.consumer, taskId: data.taskId })).json.data).toBe('SUCCESS');
	});

	test('unknown task → 807', async () => {
		expect((await v1(emu, '/task/openapi/status', { apiKey: KEYS.consumer, taskId: '5' })).json.code).toBe(807);
	});
});

describe('POST /task/openapi/outputs', () => {
	const outputs = (taskId) => v1(emu, '/task/openapi/outputs', { apiKey: KEYS.consumer, taskId }).then((r) => r.json);

	test('813 while queued, 804 (with netWssUrl) while running, then code 0 items', async () => {
		emu.setTiming({ queuedMs: 400, runningMs: 400 });
		const { data } = await create();
		expect(await outputs(data.taskId)).toEqual({ code: 813, msg: 'APIKEY_TASK_IS_QUEUED', data: null });
		await waitFor(() => emu.tasks.get(data.taskId).status === 'RUNNING');
		const running = await outputs(data.taskId);
		expect(running).toMatchObject({ code: 804, msg: 'APIKEY_TASK_IS_RUNNING' });
		expect(running.data.netWssUrl).toMatch(/^ws:\/\/.*clientId=/);
		await pollV2(emu, data.taskId, KEYS.consumer);
		const done = await outputs(data.taskId);
		expect(done.code).toBe(0);
		expect(done.data).toEqual([{
			fileUrl: expect.stringContaining('/__files/'), fileType: 'png', taskCostTime: expect.any(String), nodeId: '9',
			consumeCoins: expect.any(String), consumeMoney: null, thirdPartyConsumeMoney: null,
		}]);
	});

	test('failed task → 805 with data.failedReason', async () => {
		const { data } = await create(KEYS.consumer, withPrompt('[fail]'));
		await pollV2(emu, data.taskId, KEYS.consumer);
		const r = await outputs(data.taskId);
		expect(r).toMatchObject({ code: 805, msg: 'APIKEY_TASK_STATUS_ERROR' });
		expect(r.data.failedReason.node_name).toBe('KSampler');
	});

	test('finished without outputs → code 0, data []', async () => {
		const { data } = await create(KEYS.consumer, withPrompt('[empty]'));
		await pollV2(emu, data.taskId, KEYS.consumer);
		expect(await outputs(data.taskId)).toEqual({ code: 0, msg: 'success', data: [] });
	});

	test('unknown task → 807 APIKEY_TASK_NOT_FOUND', async () => {
		expect(await outputs('1')).toMatchObject({ code: 807, msg: 'APIKEY_TASK_NOT_FOUND' });
	});
});

describe('POST /task/openapi/cancel', () => {
	test('cancels a queued task, frees its slot; v2 shows CANCEL, v1 FAILED', async () => {
		emu.setTiming({ queuedMs: 5000, runningMs: 100 });
		const { data } = await create();
		expect((await create()).code).toBe(421); // consumer concurrency 1
		const r = await v1(emu, '/task/openapi/cancel', { apiKey: KEYS.consumer, taskId: data.taskId });
		expect(r.json).toEqual({ code: 0, msg: 'success', data: null });
		expect((await v2(emu, '/openapi/v2/query', { taskId: data.taskId }, KEYS.consumer)).json.status).toBe('CANCEL');
		expect((await v1(emu, '/task/openapi/status', { apiKey: KEYS.consumer, taskId: data.taskId })).json.data).toBe('FAILED');
		expect((await create()).code).toBe(0);
	});

	test('cancels a running task', async () => {
		emu.setTiming({ queuedMs: 10, runningMs: 5000 });
		const { data } = await create();
		await waitFor(() => emu.tasks.get(data.taskId).status === 'RUNNING');
		await v1(emu, '/task/openapi/cancel', { apiKey: KEYS.consumer, taskId: data.taskId });
		expect(emu.tasks.get(data.taskId).status).toBe('CANCEL');
		expect(emu.counters.runningByKey[KEYS.consumer]).toBe(0);
	});

	test('unknown task → 807 (or 423 with cancelUnknownCode: 423)', async () => {
		expect((await v1(emu, '/task/openapi/cancel', { apiKey: KEYS.consumer, taskId: '9' })).json).toMatchObject({ code: 807, msg: 'APIKEY_TASK_NOT_FOUND' });
		const e = await startEmulator({ cancelUnknownCode: 423 });
		try {
			expect((await v1(e, '/task/openapi/cancel', { apiKey: KEYS.consumer, taskId: '9' })).json).toMatchObject({ code: 423, msg: 'TASK_NOT_FOUNED' });
		} finally {
			await e.close();
		}
	});
});

describe('concurrency limits', () => {
	test('NORMAL key: beyond its concurrency → 421 TASK_QUEUE_MAXED, counted', async () => {
		emu.setTiming({ queuedMs: 2000, runningMs: 100 });
		expect((await create()).code).toBe(0);
		expect(await create()).toEqual({ code: 421, msg: 'TASK_QUEUE_MAXED', data: null });
		expect(emu.counters.rejected421).toBe(1);
		expect(emu.counters.createsByKey[KEYS.consumer]).toBe(1);
		expect(emu.counters.maxConcurrentRunningByKey[KEYS.consumer]).toBe(1);
	});

	test('v2 run endpoints report the limit as errorCode "421"', async () => {
		emu.setTiming({ queuedMs: 2000, runningMs: 100 });
		await create();
		expect((await v2(emu, `/openapi/v2/run/workflow/${WORKFLOWS.image}`, {}, KEYS.consumer)).json).toMatchObject({ errorCode: '421', errorMessage: 'TASK_QUEUE_MAXED' });
	});

	test('EXCLUSIVE key: beyond its machines → 415 TASK_INSTANCE_MAXED', async () => {
		emu.setTiming({ queuedMs: 2000, runningMs: 100 });
		expect((await create(KEYS.exclusive)).code).toBe(0);
		expect((await create(KEYS.exclusive)).code).toBe(0);
		expect((await create(KEYS.exclusive)).code).toBe(415);
		expect(emu.counters.rejected415).toBe(1);
	});

	test('EXCLUSIVE + usePersonalQueue: waits, then runs; queue overflow → 814', async () => {
		emu.setTiming({ queuedMs: 20, runningMs: 400 });
		const ids = [];
		for (let i = 0; i < 4; i++) {
			const r = await create(KEYS.exclusive, { usePersonalQueue: 'true' });
			expect(r.code).toBe(0);
			ids.push(r.data.taskId);
		}
		expect((await create(KEYS.exclusive, { usePersonalQueue: true })).code).toBe(814); // personalQueueLimit 2
		const q = (await get(emu, '/openapi/v2/queue/status', { key: KEYS.exclusive })).json.data;
		expect(q.totalCurrentTasks).toBe(4);
		for (const id of ids) expect((await pollV2(emu, id, KEYS.exclusive)).status).toBe('SUCCESS');
		expect(emu.counters.maxConcurrentRunningByKey[KEYS.exclusive]).toBe(2);
	});

	test('setConcurrency raises the limit at runtime', async () => {
		emu.setTiming({ queuedMs: 2000, runningMs: 100 });
		emu.setConcurrency(KEYS.consumer, 3);
		try {
			for (let i = 0; i < 3; i++) expect((await create()).code).toBe(0);
			expect((await create()).code).toBe(421);
			expect(emu.counters.maxConcurrentRunning).toBe(3);
		} finally {
			emu.setConcurrency(KEYS.consumer, 1);
		}
	});
});

describe('POST /uc/openapi/accountStatus', () => {
	test('string fields and the current task count', async () => {
		emu.setTiming({ queuedMs: 2000, runningMs: 100 });
		await create();
		const r = await v1(emu, '/uc/openapi/accountStatus', { apikey: KEYS.consumer });
		expect(r.json).toEqual({ code: 0, msg: 'success', data: { remainCoins: '99999', currentTaskCounts: '1', remainMoney: null, currency: null, apiType: 'NORMAL' } });
		const shared = await v1(emu, '/uc/openapi/accountStatus', { apiKey: KEYS.shared });
		expect(shared.json.data).toMatchObject({ remainMoney: '999', currency: 'CNY', apiType: 'SHARED', currentTaskCounts: '0' });
		const bearer = await postJson(emu, '/uc/openapi/accountStatus', {}, { key: KEYS.exclusive });
		expect(bearer.json.data.apiType).toBe('EXCLUSIVE');
	});
});

describe('GET /openapi/v2/queue/status', () => {
	test('reports type, limit and counts', async () => {
		emu.setTiming({ queuedMs: 2000, runningMs: 100 });
		await create(KEYS.shared);
		const r = await get(emu, '/openapi/v2/queue/status', { key: KEYS.shared });
		expect(r.json).toEqual({ code: 0, msg: 'success', data: { apiKeyType: 'SHARED', concurrentLimit: 50, runningCount: 0, queuedCount: 1, totalCurrentTasks: 1, instanceCount: 0 } });
	});

	test('POST → 1009', async () => {
		expect((await v2(emu, '/openapi/v2/queue/status', {}, KEYS.shared)).json).toMatchObject({ code: 1009, errorCode: '1009' });
	});
});

describe('numericIds', () => {
	test('taskId is written as a bare 19-digit number in response bodies', async () => {
		emu.numericIds = true;
		const r = await v1(emu, '/task/openapi/create', { apiKey: KEYS.consumer, workflowId: WORKFLOWS.image });
		const m = /"taskId":(\d{19})[,}]/.exec(r.text);
		expect(m).not.toBeNull();
		const id = m[1];
		expect(emu.tasks.has(id)).toBe(true);
		const q = await v2(emu, '/openapi/v2/query', { taskId: id }, KEYS.consumer);
		expect(q.text).toContain(`"taskId":${id},`);
		// A client parsing with JSON.parse loses digits — which is the point.
		expect(String(q.json.taskId)).not.toBe(id);
	});

	test('switchable over HTTP', async () => {
		await postJson(emu, '/__emulator/config', { numericIds: true });
		expect(emu.numericIds).toBe(true);
	});
});
