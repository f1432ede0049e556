'use strict';
// Fault injection: one describe per fault, plus the runtime control API.

const { KEYS, WORKFLOWS } = require('./index');
const { startEmulator, v1, v2, get, postJson, pollV2, waitFor, startReceiver, sleep } = require('./helpers');

let emu;
beforeAll(async () => {
	emu = await startEmulator({ keys: { [KEYS.consumer]: { concurrency: 10 } } });
});
afterAll(() => emu.close());
afterEach(() => {
	emu.clearFaults();
	emu.reset();
});

const create = () => v1(emu, '/task/openapi/create', { apiKey: KEYS.consumer, workflowId: WORKFLOWS.image });
const account = () => v1(emu, '/uc/openapi/accountStatus', { apikey: KEYS.consumer });
async function finished() {
	const r = await create();
	return pollV2(emu, r.json.data.taskId, KEYS.consumer);
}

describe('fault http5xx', () => {
	test('answers 503 text for N matching requests, then recovers', async () => {
		emu.setFaults({ http5xx: { match: 'submit', count: 2, status: 503 } });
		const a = await create();
		expect(a.status).toBe(503);
		expect(a.text).toBe('Service Unavailable');
		expect((await account()).status).toBe(200); // not a submit: untouched
		expect((await create()).status).toBe(503);
		expect((await create()).json.code).toBe(0);
		expect(emu.counters.createsByKey[KEYS.consumer]).toBe(1);
		expect(emu.faults).toEqual({});
	});

	test('500 is a JSON error page', async () => {
		emu.setFaults({ http5xx: { match: 'poll' } });
		const r = await v2(emu, '/openapi/v2/query', { taskId: '1' }, KEYS.consumer);
		expect(r.status).toBe(500);
		expect(r.json).toMatchObject({ status: 500, error: 'Internal Server Error', path: '/openapi/v2/query' });
	});
});

describe('fault reset (when: before)', () => {
	test('drops the connection before processing: no task is created', async () => {
		emu.setFaults({ reset: { match: 'submit', when: 'before' } });
		await expect(create()).rejects.toThrow();
		expect(emu.tasks.size).toBe(0);
		expect(emu.log[0]).toMatchObject({ path: '/task/openapi/create', reset: true, status: null });
		expect((await create()).json.code).toBe(0);
	});
});

describe('fault reset (when: after)', () => {
	test('processes the request (task created) and then drops the connection', async () => {
		emu.setFaults({ reset: { match: 'submit', when: 'after' } });
		await expect(create()).rejects.toThrow();
		expect(emu.tasks.size).toBe(1);
		expect(emu.counters.createsByKey[KEYS.consumer]).toBe(1);
		const [task] = emu.tasks.values();
		expect((await pollV2(emu, task.taskId, KEYS.consumer)).status).toBe('SUCCESS');
	});

	test('on a download the body is cut short', async () => {
		const done = await finished();
		emu.setFaults({ reset: { match: 'download', when: 'after' } });
		const res = await fetch(done.results[0].url);
		expect(res.headers.get('content-length')).toBe('2048');
		await expect(res.arrayBuffer()).rejects.toThrow();
	});
});

describe('fault slow', () => {
	test('delays matching requests by delayMs', async () => {
		emu.setFaults({ slow: { match: 'account', count: 1, delayMs: 300 } });
		let t = Date.now();
		expect((await account()).json.code).toBe(0);
		expect(Date.now() - t).toBeGreaterThanOrEqual(280);
		t = Date.now();
		await account();
		expect(Date.now() - t).toBeLessThan(200);
	});
});

describe('fault html', () => {
	test('answers an nginx HTML error page', async () => {
		emu.setFaults({ html: { match: 'poll', status: 502 } });
		const r = await v1(emu, '/task/openapi/outputs', { apiKey: KEYS.consumer, taskId: '1' });
		expect(r.status).toBe(502);
		expect(r.headers.get('content-type')).toBe('text/html');
		expect(r.text).toContain('<html>\r\n<head><title>502 Bad Gateway</title></head>');
		expect(r.text).toContain('<center>nginx</center>');
		expect(r.json).toBeNull();
	});
});

describe('fault capacity', () => {
	test('the next N creates get 421 under the limit (a burst), then pass', async () => {
		emu.setFaults({ capacity: { count: 2, code: 421 } });
		expect((await create()).json).toMatchObject({ code: 421, msg: 'TASK_QUEUE_MAXED' });
		expect((await v2(emu, `/openapi/v2/run/workflow/${WORKFLOWS.image}`, {}, KEYS.consumer)).json.errorCode).toBe('421');
		expect((await create()).json.code).toBe(0);
		expect(emu.counters.rejected421).toBe(2);
	});

	test('code 415 emulates an exclusive key without free machines', async () => {
		emu.setFaults({ capacity: { code: 415 } });
		expect((await create()).json).toMatchObject({ code: 415, msg: 'TASK_INSTANCE_MAXED' });
		expect(emu.counters.rejected415).toBe(1);
	});
});

describe('fault failTasks', () => {
	test('the next N tasks fail', async () => {
		emu.setFaults({ failTasks: 1 });
		expect((await finished()).status).toBe('FAILED');
		expect((await finished()).status).toBe('SUCCESS');
	});
});

describe('fault emptySuccess', () => {
	test('the next N tasks succeed without results', async () => {
		emu.setFaults({ emptySuccess: { count: 1 } });
		const done = await finished();
		expect(done.status).toBe('SUCCESS');
		expect(done.results).toEqual([]);
	});
});

describe('fault duplicateWebhooks', () => {
	test('each callback is delivered twice', async () => {
		const hook = await startReceiver();
		try {
			emu.setFaults({ duplicateWebhooks: 1 });
			await v1(emu, '/task/openapi/create', { apiKey: KEYS.consumer, workflowId: WORKFLOWS.image, webhookUrl: hook.url });
			await waitFor(() => emu.counters.webhookDeliveries === 2);
			expect(hook.requests).toHaveLength(2);
			expect(hook.requests[0].text).toBe(hook.requests[1].text);
		} finally {
			await hook.close();
		}
	});
});

describe('fault expiredDownloads', () => {
	test('the next N downloads get 403 "Request has expired"', async () => {
		const done = await finished();
		emu.setFaults({ expiredDownloads: 1 });
		const res = await fetch(done.results[0].url);
		expect(res.status).toBe(403);
		expect(await res.text()).toContain('Request has expired');
		expect((await fetch(done.results[0].url)).status).toBe(200);
	});
});

describe('time-bounded faults (durationMs / untilMs)', () => {
	const poll = () => v2(emu, '/openapi/v2/query', { taskId: '1999999999999999999' }, KEYS.consumer);

	test('durationMs: every matching request fails until the time is up, then the fault is gone', async () => {
		emu.setFaults({ http5xx: { match: 'poll', status: 503, durationMs: 300 } });
		expect(emu.faults.http5xx).toMatchObject({ match: 'poll', status: 503, count: -1 });
		expect(emu.faults.http5xx.untilMs).toBeGreaterThan(Date.now());
		for (let i = 0; i < 4; i++) expect((await poll()).status).toBe(503); // not count-limited
		expect((await account()).status).toBe(200); // not a poll: untouched
		await sleep(350);
		expect((await poll()).status).toBe(200);
		expect(emu.faults).toEqual({});
	});

	test('untilMs is an absolute end; one already past sets nothing', async () => {
		emu.setFaults({ http5xx: { match: 'submit', untilMs: Date.now() + 250 } });
		expect((await create()).status).toBe(500);
		expect((await create()).status).toBe(500);
		await sleep(300);
		expect((await create()).json.code).toBe(0);
		emu.setFaults({ http5xx: { match: 'submit', untilMs: Date.now() - 1 } });
		expect(emu.faults).toEqual({});
	});

	test('with a count as well, the fault ends at whichever comes first', async () => {
		emu.setFaults({ http5xx: { match: 'poll', count: 2, durationMs: 5000 } });
		expect((await poll()).status).toBe(500);
		expect((await poll()).status).toBe(500);
		expect((await poll()).status).toBe(200);
		emu.setFaults({ failTasks: { count: 5, durationMs: 200 } });
		await sleep(250);
		expect(emu.faults).toEqual({});
	});

	test('bad time limits are refused', () => {
		expect(() => emu.setFaults({ http5xx: { durationMs: -5 } })).toThrow(/durationMs/);
		expect(() => emu.setFaults({ http5xx: { untilMs: 'soon' } })).toThrow(/untilMs/);
		expect(() => emu.setFaults({ http5xx: { durationMs: 10, untilMs: Date.now() + 10 } })).toThrow(/not both/);
	});
});

describe('fault matching and control', () => {
	test('match by path substring; count -1 is unlimited; null clears', async () => {
		emu.setFaults({ http5xx: { match: 'accountStatus', count: -1, status: 502 } });
		expect((await account()).status).toBe(502);
		expect((await account()).status).toBe(502);
		emu.setFaults({ http5xx: null });
		expect((await account()).status).toBe(200);
	});

	test('faults given at start are active immediately', async () => {
		const e = await startEmulator({ faults: { http5xx: { match: 'any', count: 1 } } });
		try {
			expect((await get(e, '/openapi/v2/queue/status', { key: KEYS.shared })).status).toBe(500);
			expect((await get(e, '/openapi/v2/queue/status', { key: KEYS.shared })).status).toBe(200);
		} finally {
			await e.close();
		}
	});

	test('HTTP control API: faults, state, reset; control requests are never faulted', async () => {
		const set = await postJson(emu, '/__emulator/faults', { http5xx: { match: 'any', count: 5 } });
		expect(set.json.faults.http5xx).toMatchObject({ match: 'any', count: 5 });
		const state = await get(emu, '/__emulator/state');
		expect(state.status).toBe(200);
		expect(state.json.faults.http5xx.count).toBe(5);
		expect(state.json.counters).toHaveProperty('createsByKey');
		expect((await postJson(emu, '/__emulator/faults', { bogus: 1 })).status).toBe(400);
		await fetch(`${emu.url}/__emulator/faults`, { method: 'DELETE' });
		expect(emu.faults).toEqual({});
		await create();
		expect(emu.log).toHaveLength(1);
		await postJson(emu, '/__emulator/reset', {});
		expect(emu.log).toHaveLength(0);
		expect(emu.tasks.size).toBe(0);
		await postJson(emu, '/__emulator/timing', { queuedMs: 20, runningMs: 30 });
		expect(emu.timing).toEqual({ queuedMs: 20, runningMs: 30 });
		emu.setTiming({ queuedMs: 50, runningMs: 100 });
	});
});
