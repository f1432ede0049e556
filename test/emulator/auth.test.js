'use strict';
// Authentication and routing contract (API.md §2, §3, §13).

const { KEYS, WORKFLOWS } = require('./index');
const { startEmulator, postJson, get, v1, v2 } = require('./helpers');

let emu;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(() => emu.close());
afterEach(() => emu.reset());

describe('v1 authentication', () => {
	const create = (body, opts) => postJson(emu, '/task/openapi/create', { workflowId: WORKFLOWS.image, ...body }, opts);

	test('body apiKey is accepted', async () => {
		const r = await create({ apiKey: KEYS.consumer });
		expect(r.status).toBe(200);
		expect(r.json.code).toBe(0);
	});

	test('Authorization: Bearer alone is accepted (newer docs)', async () => {
		const r = await create({}, { key: KEYS.consumer });
		expect(r.json.code).toBe(0);
	});

	test('missing key → 802 APIKEY_UNAUTHORIZED with HTTP 200', async () => {
		const r = await create({});
		expect(r.status).toBe(200);
		expect(r.json).toEqual({ code: 802, msg: 'APIKEY_UNAUTHORIZED', data: null });
	});

	test('key of the other site → 802', async () => {
		expect((await create({ apiKey: KEYS.otherSite })).json.code).toBe(802);
	});

	test('unknown key → 806 APIKEY_USER_NOT_FOUND', async () => {
		expect((await create({ apiKey: KEYS.unknown })).json).toMatchObject({ code: 806, msg: 'APIKEY_USER_NOT_FOUND' });
	});

	test('free user → 801 APIKEY_UNSUPPORTED_FREE_USER', async () => {
		expect((await create({ apiKey: KEYS.free })).json).toMatchObject({ code: 801, msg: 'APIKEY_UNSUPPORTED_FREE_USER' });
	});

	test('a rejected create creates no task', async () => {
		await create({ apiKey: KEYS.unknown });
		expect(emu.tasks.size).toBe(0);
		expect(emu.counters.createsByKey).toEqual({});
	});
});

describe('v2 authentication (Bearer only)', () => {
	const query = (key, body = { taskId: '1' }) => postJson(emu, '/openapi/v2/query', body, { key });

	test('Bearer key is accepted', async () => {
		const r = await query(KEYS.consumer);
		expect(r.status).toBe(200);
		expect(r.json.errorCode).toBe('1004');
	});

	test('apiKey in the body is ignored → HTTP 401', async () => {
		const r = await query(null, { taskId: '1', apiKey: KEYS.consumer });
		expect(r.status).toBe(401);
		expect(r.json).toEqual({ code: 401, message: 'ApiKey verification failed, please check your API key' });
	});

	test('key of the other site → flat errorCode "1002"', async () => {
		const r = await query(KEYS.otherSite);
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ errorCode: '1002', status: '' });
		expect(r.json.code).toBeUndefined();
	});

	test('unknown key → flat {status:"", errorCode:"806", errorMessage:"APIKEY_USER_NOT_FOUND"}', async () => {
		expect((await query(KEYS.unknown)).json).toMatchObject({ status: '', errorCode: '806', errorMessage: 'APIKEY_USER_NOT_FOUND' });
	});

	test('free user → errorCode "801"', async () => {
		expect((await query(KEYS.free)).json.errorCode).toBe('801');
	});

	test('Authorization without the Bearer scheme is tolerated (OpenClaw quirk)', async () => {
		const r = await postJson(emu, '/openapi/v2/query', { taskId: '1' }, { headers: { Authorization: KEYS.consumer } });
		expect(r.json.errorCode).toBe('1004');
	});

	test('utility endpoints answer {code,msg} errors', async () => {
		const r = await get(emu, '/openapi/v2/queue/status', { key: KEYS.unknown });
		expect(r.json).toMatchObject({ code: 806, data: null });
	});
});

describe('v2 other-site key with v2AuthFailure: "http401"', () => {
	test('answers HTTP 401 {code:401,message}', async () => {
		const e = await startEmulator({ v2AuthFailure: 'http401' });
		try {
			const r = await postJson(e, '/openapi/v2/query', { taskId: '1' }, { key: KEYS.otherSite });
			expect(r.status).toBe(401);
			expect(r.json.code).toBe(401);
		} finally {
			await e.close();
		}
	});
});

describe('keys option', () => {
	test('overrides type, concurrency and balances per key', async () => {
		const e = await startEmulator({ keys: { [KEYS.consumer]: { concurrency: 3, coins: 5, money: '1.5', currency: 'USD' } } });
		try {
			const r = await postJson(e, '/uc/openapi/accountStatus', { apikey: KEYS.consumer });
			expect(r.json.data).toMatchObject({ remainCoins: '5', remainMoney: '1.5', currency: 'USD', apiType: 'NORMAL' });
			expect(e.account(KEYS.consumer).concurrency).toBe(3);
		} finally {
			await e.close();
		}
	});
});

describe('routing and transport errors', () => {
	test('unknown v1 path → 412 TOKEN_INVALID', async () => {
		expect((await v1(emu, '/task/openapi/nope', { apiKey: KEYS.consumer })).json).toMatchObject({ code: 412, msg: 'TOKEN_INVALID' });
	});

	test('unknown non-API path → 404 JSON', async () => {
		const r = await get(emu, '/nowhere');
		expect(r.status).toBe(404);
		expect(r.json.status).toBe(404);
	});

	test('wrong method on a v1 path → 405', async () => {
		expect((await get(emu, '/task/openapi/create')).status).toBe(405);
	});

	test('GET on a v2 POST endpoint → 1009', async () => {
		const r = await get(emu, '/openapi/v2/query', { key: KEYS.consumer });
		expect(r.json).toMatchObject({ code: 1009, errorCode: '1009' });
	});

	test('malformed JSON → HTTP 400', async () => {
		const r = await postJson(emu, '/task/openapi/create', null, { raw: '{"apiKey":' });
		expect(r.status).toBe(400);
	});

	test('every API request is logged with lowercase headers and parsed body', async () => {
		await v1(emu, '/task/openapi/status', { apiKey: KEYS.consumer, taskId: '1' });
		await v2(emu, '/openapi/v2/query', { taskId: '2' }, KEYS.consumer);
		expect(emu.log.map((e) => e.path)).toEqual(['/task/openapi/status', '/openapi/v2/query']);
		expect(emu.log[0]).toMatchObject({ method: 'POST', body: { apiKey: KEYS.consumer, taskId: '1' }, status: 200 });
		expect(emu.log[1].headers.authorization).toBe(`Bearer ${KEYS.consumer}`);
		expect(typeof emu.log[0].time).toBe('string');
	});
});
