'use strict';
// Webhook callbacks, retries and the detail/retry endpoints (API.md §9).

const { KEYS, WORKFLOWS } = require('./index');
const { startEmulator, v1, waitFor, startReceiver, sleep } = require('./helpers');

let emu;
let receivers = [];
beforeAll(async () => {
	emu = await startEmulator({ keys: { [KEYS.consumer]: { concurrency: 10 } } });
});
afterAll(() => emu.close());
afterEach(async () => {
	emu.reset();
	emu.numericIds = false;
	await Promise.all(receivers.map((r) => r.close()));
	receivers = [];
});

async function receiver(handler) {
	const r = await startReceiver(handler);
	receivers.push(r);
	return r;
}

async function createWithHook(webhookUrl, text = 'a cat') {
	const r = await v1(emu, '/task/openapi/create', {
		apiKey: KEYS.consumer,
		workflowId: WORKFLOWS.image,
		webhookUrl,
		nodeInfoList: [{ nodeId: '6', fieldName: 'text', fieldValue: text }],
	});
	expect(r.json.code).toBe(0);
	return r.json.data.taskId;
}

describe('TASK_END callback delivery', () => {
	test('POSTs {event, taskId, eventData: JSON string of the outputs response}', async () => {
		const hook = await receiver();
		const taskId = await createWithHook(hook.url);
		await waitFor(() => hook.requests.length === 1 && emu.webhookLog.length === 1);
		const req = hook.requests[0];
		expect(req.headers['content-type']).toBe('application/json');
		expect(req.body.event).toBe('TASK_END');
		expect(req.body.taskId).toBe(taskId);
		expect(typeof req.body.eventData).toBe('string');
		const event = JSON.parse(req.body.eventData);
		expect(event).toEqual({ code: 0, msg: 'success', data: [{ fileUrl: expect.stringContaining('/__files/'), fileType: 'png', taskCostTime: expect.any(Number), nodeId: '9' }] });
		expect(emu.webhookLog).toEqual([expect.objectContaining({ taskId, url: hook.url, attempt: 1, status: 200, durationMs: expect.any(Number) })]);
		expect(emu.counters).toMatchObject({ webhookAttempts: 1, webhookDeliveries: 1 });
	});

	test('failed task → eventData {code:805, data.failedReason}', async () => {
		const hook = await receiver();
		await createWithHook(hook.url, '[fail]');
		await waitFor(() => hook.requests.length === 1);
		const event = JSON.parse(hook.requests[0].body.eventData);
		expect(event).toMatchObject({ code: 805, msg: 'APIKEY_TASK_STATUS_ERROR' });
		expect(event.data.failedReason.node_name).toBe('KSampler');
	});

	test('non-2xx answers are retried `webhook.retries` times', async () => {
		const hook = await receiver((req, entry, res) => {
			res.statusCode = 500;
			res.end('boom');
		});
		const taskId = await createWithHook(hook.url);
		await waitFor(() => emu.webhookLog.length === 3); // 1 + retries(2)
		await sleep(30);
		expect(hook.requests).toHaveLength(3);
		expect(emu.webhookLog.map((e) => e.attempt)).toEqual([1, 2, 3]);
		const d = (await v1(emu, '/task/openapi/getWebhookDetail', { apiKey: KEYS.consumer, taskId })).json.data;
		expect(d).toMatchObject({ callbackStatus: 'FAILED', retryCount: 2, callbackResponse: 'boom' });
	});

	test('a receiver slower than webhook.timeoutMs gets duplicates', async () => {
		let n = 0;
		const hook = await receiver((req, entry, res) => {
			n++;
			if (n === 1) setTimeout(() => res.end('late'), 500); // > timeoutMs 300
			else res.end('ok');
		});
		const taskId = await createWithHook(hook.url);
		await waitFor(() => hook.requests.length === 2, 3000);
		expect(hook.requests.every((r) => r.body.taskId === taskId)).toBe(true);
		expect(emu.webhookLog[0].error).toMatch(/timed out/);
		await waitFor(() => emu.webhookLog.length === 2);
		expect(emu.webhookLog[1].status).toBe(200);
	});

	test('unreachable URL is recorded as an error; cancelled tasks send nothing', async () => {
		const taskId = await createWithHook('http://127.0.0.1:1/unreachable');
		await waitFor(() => emu.webhookLog.length === 3);
		expect(emu.webhookLog[0].error).toBeTruthy();
		expect(emu.counters.webhookDeliveries).toBe(0);
		expect(taskId).toMatch(/^\d{19}$/);

		const hook = await receiver();
		emu.setTiming({ queuedMs: 2000, runningMs: 100 });
		try {
			const cancelled = await createWithHook(hook.url);
			await v1(emu, '/task/openapi/cancel', { apiKey: KEYS.consumer, taskId: cancelled });
			await sleep(100);
			expect(hook.requests).toHaveLength(0);
		} finally {
			emu.setTiming({ queuedMs: 50, runningMs: 100 });
		}
	});

	test('with numericIds the callback taskId is a bare number', async () => {
		emu.numericIds = true;
		const hook = await receiver();
		const r = await v1(emu, '/task/openapi/create', { apiKey: KEYS.consumer, workflowId: WORKFLOWS.image, webhookUrl: hook.url });
		const taskId = /"taskId":(\d+)/.exec(r.text)[1];
		await waitFor(() => hook.requests.length === 1);
		expect(hook.requests[0].text).toContain(`"taskId":${taskId},`);
	});
});

describe('POST /task/openapi/getWebhookDetail', () => {
	test('returns the event record with masked key and ISO-like local times', async () => {
		const hook = await receiver((req, entry, res) => res.end('received'));
		const taskId = await createWithHook(hook.url);
		await waitFor(() => emu.webhookLog.length === 1);
		const r = await v1(emu, '/task/openapi/getWebhookDetail', { apiKey: KEYS.consumer, taskId });
		expect(r.json.code).toBe(0);
		const d = r.json.data;
		expect(Object.keys(d).sort()).toEqual(['callbackResponse', 'callbackStatus', 'createTime', 'eventData', 'id', 'retryCount', 'taskId', 'updateTime', 'userApiKey', 'webhookUrl']);
		expect(d.id).toMatch(/^\d{19}$/);
		expect(d.userApiKey).toBe(`${KEYS.consumer.slice(0, 4)}****${KEYS.consumer.slice(-4)}`);
		expect(d).toMatchObject({ taskId, webhookUrl: hook.url, callbackStatus: 'SUCCESS', callbackResponse: 'received', retryCount: 0 });
		expect(d.createTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
		expect(JSON.parse(d.eventData).code).toBe(0);
	});

	test('no webhook for the task → {code:1, msg:"webhook event not exists"}', async () => {
		const r = await v1(emu, '/task/openapi/create', { apiKey: KEYS.consumer, workflowId: WORKFLOWS.image });
		const d = await v1(emu, '/task/openapi/getWebhookDetail', { apiKey: KEYS.consumer, taskId: r.json.data.taskId });
		expect(d.json).toEqual({ code: 1, msg: 'webhook event not exists', data: null });
	});
});

describe('POST /task/openapi/retryWebhook', () => {
	test('re-delivers the event, to a new URL when given', async () => {
		const first = await receiver();
		const second = await receiver();
		const taskId = await createWithHook(first.url);
		await waitFor(() => emu.webhookLog.length === 1);
		const { id } = (await v1(emu, '/task/openapi/getWebhookDetail', { apiKey: KEYS.consumer, taskId })).json.data;
		const r = await v1(emu, '/task/openapi/retryWebhook', { apiKey: KEYS.consumer, webhookId: id, webhookUrl: second.url });
		expect(r.json).toEqual({ code: 0, msg: '', data: null });
		await waitFor(() => second.requests.length === 1);
		expect(second.requests[0].body).toEqual(first.requests[0].body);
		const d = (await v1(emu, '/task/openapi/getWebhookDetail', { apiKey: KEYS.consumer, taskId })).json.data;
		expect(d.webhookUrl).toBe(second.url);
	});

	test('unknown webhookId → code 1; missing → 301', async () => {
		expect((await v1(emu, '/task/openapi/retryWebhook', { apiKey: KEYS.consumer, webhookId: '1234567890123456789' })).json.code).toBe(1);
		expect((await v1(emu, '/task/openapi/retryWebhook', { apiKey: KEYS.consumer })).json.code).toBe(301);
	});
});
