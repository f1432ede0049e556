import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { configureRetryTiming } from '../../nodes/shared/utils/timing';
import { logLines, runWorkflow } from '../support/harness';
import { API, probe, TEST_KEY } from '../support/probeNode';
import type { ScriptStep } from '../support/scriptedServer';
import { refusedUrl, startScriptedServer } from '../support/scriptedServer';

const JSON_HEADERS = { 'Content-Type': 'application/json' };

async function call(path: string, extra: IDataObject = {}, baseUrl?: string) {
	const result = await runWorkflow(probe(path, extra, baseUrl));
	return { result, json: result.error ? undefined : result.output('Probe')[0].json };
}

/** Real sockets for network failures (nock's replyWithError stalls n8n's HTTP stack). */
async function callScripted(path: string, script: ScriptStep[], extra: IDataObject = {}) {
	const server = await startScriptedServer(script);
	try {
		return { ...(await call(path, extra, server.url)), requests: server.requests };
	} finally {
		await server.close();
	}
}

describe('transport', () => {
	beforeAll(() => {
		nock.disableNetConnect();
		nock.enableNetConnect('127.0.0.1');
		configureRetryTiming({ baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 4 });
	});
	afterEach(() => nock.cleanAll());

	describe('envelopes', () => {
		it('reads a v1 envelope, sending the key in the body and as Bearer', async () => {
			const scope = nock(API)
				.post('/task/openapi/create', (body) => body.apiKey === TEST_KEY && body.workflowId === '1904136902449209346')
				.matchHeader('authorization', `Bearer ${TEST_KEY}`)
				.reply(200, { code: 0, msg: 'success', data: { taskId: '1910246754753896450', taskStatus: 'QUEUED' } });
			const { json } = await call('/task/openapi/create', { kind: 'submit', body: JSON.stringify({ workflowId: '1904136902449209346' }) });
			expect(json).toMatchObject({ family: 'v1', ok: true, code: 0, data: { taskId: '1910246754753896450', taskStatus: 'QUEUED' } });
			expect(scope.isDone()).toBe(true);
		});

		it('reads the flat v2 task envelope with Bearer only (no key in the body)', async () => {
			const scope = nock(API)
				.post('/openapi/v2/query', (body) => !('apiKey' in body) && body.taskId === '2009191190196789249')
				.matchHeader('authorization', `Bearer ${TEST_KEY}`)
				.reply(200, { taskId: '2009191190196789249', status: 'RUNNING', errorCode: '', errorMessage: '', results: null });
			const { json } = await call('/openapi/v2/query', { body: JSON.stringify({ taskId: '2009191190196789249' }) });
			expect(json).toMatchObject({ family: 'v2task', ok: true, data: { status: 'RUNNING', taskId: '2009191190196789249' } });
			expect(scope.isDone()).toBe(true);
		});

		it('reads the v2 utility envelope (code/message)', async () => {
			nock(API).post('/openapi/v2/media/upload/binary').reply(200, { code: 0, message: 'success', data: { type: 'image', download_url: 'https://cdn.example/x.png', fileName: 'openapi/x.png', size: '3490' } });
			const { json } = await call('/openapi/v2/media/upload/binary', { kind: 'upload' });
			expect(json).toMatchObject({ family: 'v2util', ok: true, data: { fileName: 'openapi/x.png' } });
		});

		it('uses lowercase apikey for account status', async () => {
			const scope = nock(API).post('/uc/openapi/accountStatus', (body) => body.apikey === TEST_KEY && !('apiKey' in body)).reply(200, { code: 0, msg: 'success', data: { remainCoins: '1' } });
			await call('/uc/openapi/accountStatus');
			expect(scope.isDone()).toBe(true);
		});

		it('GET /api/webapp/apiCallDemo: the key as the apiKey query parameter, no Authorization header', async () => {
			const scope = nock(API, { badheaders: ['authorization'] })
				.get('/api/webapp/apiCallDemo')
				.query({ webappId: '1877265245566922753', apiKey: TEST_KEY })
				.reply(200, { code: 0, msg: 'success', data: { webappName: 'x', nodeInfoList: [] } });
			const { json } = await call('/api/webapp/apiCallDemo', { method: 'GET', qs: JSON.stringify({ webappId: '1877265245566922753' }) });
			expect(json).toMatchObject({ family: 'v1', ok: true, data: { webappName: 'x' } });
			expect(scope.isDone()).toBe(true);
		});

		it('apiCallDemo answered 802 (key sent in its query): the key is rejected, and no printed text carries it', async () => {
			nock(API).get('/api/webapp/apiCallDemo').query(true).reply(200, { code: 802, msg: `APIKEY_UNAUTHORIZED for /api/webapp/apiCallDemo?apiKey=${TEST_KEY}&webappId=1`, data: null });
			const before = logLines.length;
			const { result } = await call('/api/webapp/apiCallDemo', { method: 'GET', qs: JSON.stringify({ webappId: '1' }) });
			expect(result.error?.message).toBe('RunningHub 802 APIKEY_UNAUTHORIZED: The API key was rejected: it is disabled, or it belongs to the other RunningHub site.');
			expect(result.error?.description).toContain('RunningHub said: APIKEY_UNAUTHORIZED for /api/webapp/apiCallDemo?apiKey=***&webappId=1');
			const printed = [result.error?.message, result.error?.description, ...logLines.slice(before).map((l) => l.message)].join('\n');
			expect(printed).not.toContain(TEST_KEY);
		});

		it('a gateway error page quoting the apiCallDemo URL is redacted in the error', async () => {
			nock(API).get('/api/webapp/apiCallDemo').query(true).times(4).reply(502, `upstream failed: GET /api/webapp/apiCallDemo?webappId=1&apiKey=${TEST_KEY}`);
			const { result } = await call('/api/webapp/apiCallDemo', { method: 'GET', qs: JSON.stringify({ webappId: '1' }) });
			expect(result.error?.description).toContain('webappId=1&apiKey=***');
			expect(JSON.stringify(result.error)).not.toContain(TEST_KEY);
		});

		it('sends GET requests with Bearer and no key in the query string', async () => {
			const scope = nock(API)
				.get('/openapi/v2/queue/status')
				.query((q) => Object.keys(q).length === 0)
				.matchHeader('authorization', `Bearer ${TEST_KEY}`)
				.reply(200, { code: 0, msg: 'success', data: { concurrentLimit: 3 } });
			const { json } = await call('/openapi/v2/queue/status', { method: 'GET' });
			expect(json).toMatchObject({ ok: true, data: { concurrentLimit: 3 } });
			expect(scope.isDone()).toBe(true);
		});
	});

	describe('flat v2 bodies (RunningHub\'s docs, official contract and Go SDK disagree on the fields present)', () => {
		it.each([
			['a price preview without code or errorCode (Go SDK test)', { estimatedPrice: 4.8, currency: 'CNY', freeLimit: false, isFreeThisCall: false, priceText: '¥0.50/次', priceTextEn: 'CNY 0.50/call', remainingFreeLimitCount: '0', freeLimitCount: '0' }, 'v2flat'],
			['a price preview next to an empty errorCode', { estimatedPrice: 1.2, currency: 'CNY', errorCode: '', errorMessage: '' }, 'v2flat'],
			['a submit answer carrying only taskId (official contract)', { taskId: '2009191190196789249' }, 'v2task'],
			['a submit answer carrying task_id', { task_id: '2009191190196789249' }, 'v2task'],
			['a query answer without taskId or errorCode (official contract)', { status: 'SUCCESS', results: [{ url: 'https://x/out.png', outputType: 'image' }] }, 'v2task'],
		])('reads %s as a success', async (_label, body, family) => {
			nock(API).post('/openapi/v2/price-preview/acme/x').reply(200, body);
			const { json, result } = await call('/openapi/v2/price-preview/acme/x');
			expect(result.error).toBeUndefined();
			expect(json).toMatchObject({ family, ok: true, data: body });
		});

		it('a flat body with a non-empty error_code (snake case) is an error', async () => {
			nock(API).post('/openapi/v2/x').reply(200, { task_id: '', error_code: '1007', error_message: 'bad prompt' });
			const { result } = await call('/openapi/v2/x', { kind: 'submit' });
			expect(result.error?.message).toBe('RunningHub 1007 INVALID_PARAMETERS: RunningHub rejected the parameters.');
			expect(result.error?.description).toContain('RunningHub said: bad prompt');
		});

		it('a task query hands back any status next to an errorCode (the normalizer judges it), but not an empty one', async () => {
			nock(API).post('/openapi/v2/query').reply(200, { taskId: '2009191190196789249', status: 'PAUSED', errorCode: '1005', errorMessage: 'x' });
			const { json } = await call('/openapi/v2/query', { taskState: true });
			expect(json).toMatchObject({ family: 'v2task', ok: false, code: '1005', data: { status: 'PAUSED' } });
			nock(API).post('/openapi/v2/query').reply(200, { taskId: '', status: '', errorCode: '1004', errorMessage: 'Task not found' });
			const { result } = await call('/openapi/v2/query', { taskState: true });
			expect(result.error?.message).toBe('RunningHub 1004 TASK_NOT_FOUND: The task was not found or has expired.');
		});
	});

	describe('19-digit ids', () => {
		it('keeps ids sent as bare JSON numbers exact, in v1 and v2 bodies and nested arrays', async () => {
			nock(API)
				.post('/openapi/v2/query')
				.reply(200, '{"taskId":2009191190196789249,"status":"SUCCESS","errorCode":"","results":[{"url":"https://x/a.png","outputType":"png","nodeId":9}],"usage":{"consumeCoins":17,"taskCostTime":0.5},"parentTaskId":-9223372036854775807}', JSON_HEADERS);
			const { json } = await call('/openapi/v2/query', { body: '{"taskId":"2009191190196789249"}' });
			const data = json?.data as Record<string, unknown>;
			expect(data.taskId).toBe('2009191190196789249');
			expect(data.parentTaskId).toBe('-9223372036854775807');
			expect(data.usage).toEqual({ consumeCoins: 17, taskCostTime: 0.5 });
			expect((data.results as Array<Record<string, unknown>>)[0].nodeId).toBe(9);
		});

		it('does not touch digits inside strings', async () => {
			nock(API).post('/task/openapi/create').reply(200, '{"code":0,"msg":"id 1910246754753896450 \\"quoted\\" 12345678901234567890","data":{"taskId":1910246754753896450}}', JSON_HEADERS);
			const { json } = await call('/task/openapi/create', { kind: 'submit' });
			expect(json?.message).toBe('id 1910246754753896450 "quoted" 12345678901234567890');
			expect((json?.data as Record<string, unknown>).taskId).toBe('1910246754753896450');
		});
	});

	describe('error table', () => {
		// Every documented business code (API.md §13.1 / §13.2, plus the balance codes 605 / 1620 of
		// §19): its identifier, and whether a
		// status read that meets it is tried again. "retry": RunningHub's table says retry later
		// (or: no task was created); "pending": a status signal, not an error; "no": the user
		// must change something. Task failures the table marks "resubmit" (1006, 1015, 1504) are
		// never repeated automatically: a new task costs again.
		const V1: Array<[number, string, 'retry' | 'no' | 'pending']> = [
			[1, 'BUSINESS_ERROR', 'no'], [301, 'PARAMS_INVALID', 'no'], [380, 'WORKFLOW_NOT_EXISTS', 'no'], [412, 'TOKEN_INVALID', 'no'],
			[414, 'TASK_CREATE_FAILED_BY_NOT_ENOUGH_POWER_VALUE', 'no'], [415, 'TASK_INSTANCE_MAXED', 'retry'], [416, 'TASK_CREATE_FAILED_BY_NOT_ENOUGH_WALLET', 'no'],
			[421, 'TASK_QUEUE_MAXED', 'retry'], [423, 'TASK_NOT_FOUNED', 'no'], [433, 'VALIDATE_PROMPT_FAILED', 'no'], [435, 'TASK_USER_EXCLAPI_INSTANCE_NOT_FOUND', 'no'],
			[436, 'TASK_USER_EXCLAPI_REQUIRED', 'no'], [500, 'UNKNOWN_ERROR', 'retry'], [605, 'INSUFFICIENT_BALANCE', 'no'], [801, 'APIKEY_UNSUPPORTED_FREE_USER', 'no'], [802, 'APIKEY_UNAUTHORIZED', 'no'],
			[803, 'APIKEY_INVALID_NODE_INFO', 'no'], [804, 'APIKEY_TASK_IS_RUNNING', 'pending'], [805, 'APIKEY_TASK_STATUS_ERROR', 'no'], [806, 'APIKEY_USER_NOT_FOUND', 'no'],
			[807, 'APIKEY_TASK_NOT_FOUND', 'no'], [808, 'APIKEY_UPLOAD_FAILED', 'retry'], [809, 'APIKEY_FILE_SIZE_EXCEEDED', 'no'], [810, 'WORKFLOW_NOT_SAVED_OR_NOT_RUNNING', 'no'],
			[811, 'CORPAPIKEY_INVALID', 'no'], [812, 'CORPAPIKEY_INSUFFICIENT_FUNDS', 'no'], [813, 'APIKEY_TASK_IS_QUEUED', 'pending'], [814, 'PERSONAL_QUEUE_COUNT_LIMIT', 'no'],
			[901, 'WEBAPP_NOT_EXISTS', 'no'],
		];
		const V2: Array<[number, string, 'retry' | 'no']> = [
			[1000, 'UNKNOWN_ERROR', 'retry'], [1001, 'INVALID_URL', 'no'], [1002, 'INVALID_API_KEY', 'no'], [1003, 'RATE_LIMIT_EXCEEDED', 'retry'], [1004, 'TASK_NOT_FOUND', 'no'],
			[1005, 'INTERNAL_SERVER_ERROR', 'retry'], [1006, 'TASK_TIMEOUT', 'no'], [1007, 'INVALID_PARAMETERS', 'no'], [1008, 'FILE_SIZE_LIMIT_EXCEEDED', 'no'],
			[1009, 'HTTP_METHOD_NOT_SUPPORTED', 'no'], [1010, 'SERVICE_UNAVAILABLE', 'retry'], [1011, 'SYSTEM_BUSY', 'retry'], [1012, 'UPSTREAM_ERROR', 'retry'],
			[1013, 'FILE_PROCESSING_FAILED', 'no'], [1014, 'STANDARD_MODEL_KEY_REQUIRED', 'no'], [1015, 'GENERATION_FAILED', 'no'], [1101, 'NODE_INFO_ERROR', 'no'],
			[1501, 'CONTENT_VERIFICATION_FAILED', 'no'], [1504, 'MODEL_TIMEOUT', 'no'], [1505, 'REAL_PERSON_PROHIBITED', 'no'],
			// Not in RunningHub's table: insufficient balance as a third-party client meets it (API.md §19).
			[1620, 'INSUFFICIENT_BALANCE', 'no'],
		];
		const cases = [
			...V1.map(([code, name, retry]) => ({ code, name, retry, body: { code, msg: name, data: null } as object })),
			...V2.map(([code, name, retry]) => ({ code, name, retry, body: { taskId: '', status: '', errorCode: String(code), errorMessage: name, results: null } as object })),
		];

		it.each(cases.map((c) => [c.code, c.name, c] as const))('%s %s: named in a NodeApiError with a cause and an action, repeated only where documented', async (_code, _name, c) => {
			if (c.retry === 'pending') {
				nock(API).post('/task/openapi/outputs').reply(200, c.body);
				const { json, result } = await call('/task/openapi/outputs', { passCodes: String(c.code) });
				expect(result.error).toBeUndefined();
				expect(json?.code).toBe(c.code);
				return;
			}
			const repeats = c.retry === 'no' ? 1 : 4;
			const scope = nock(API).post('/task/openapi/status').times(repeats).reply(200, c.body);
			const { result } = await call('/task/openapi/status');
			expect(result.error?.message).toMatch(new RegExp(`^RunningHub ${c.code} ${c.name}: [A-Z].{10,}\\.$`));
			expect(result.error?.description).toMatch(/^[A-Z][a-z]+ [^ ]+.*\./);
			expect(scope.isDone()).toBe(true);
			expect(nock.pendingMocks()).toHaveLength(0);
		});

		it('says what to do for the documented key and site codes', async () => {
			const hints: Array<[object, RegExp]> = [
				[{ code: 802, msg: 'APIKEY_UNAUTHORIZED' }, /runninghub\.cn.*runninghub\.ai/],
				[{ code: 806, msg: 'APIKEY_USER_NOT_FOUND' }, /32 characters/],
				[{ code: 801, msg: 'APIKEY_UNSUPPORTED_FREE_USER' }, /basic membership/],
				[{ taskId: '', status: '', errorCode: '1002', errorMessage: 'Invalid API Key' }, /runninghub\.cn.*runninghub\.ai/],
				[{ taskId: '', status: '', errorCode: '1014', errorMessage: 'Access Denied' }, /Enterprise-Shared/],
				[{ code: 435, msg: 'TASK_USER_EXCLAPI_INSTANCE_NOT_FOUND' }, /Plus \(48 GB\)/],
			];
			for (const [body, hint] of hints) {
				nock(API).post('/task/openapi/status').reply(200, body);
				const { result } = await call('/task/openapi/status');
				expect(result.error?.description).toMatch(hint);
			}
		});

		it('an undocumented code is reported as such, with RunningHub\'s message, and not repeated', async () => {
			const scope = nock(API).post('/task/openapi/status').reply(200, { code: 999, msg: 'something new' });
			const { result } = await call('/task/openapi/status');
			expect(result.error?.message).toMatch(/^RunningHub 999 UNKNOWN_CODE: /);
			expect(`${result.error?.message} ${result.error?.description}`).toContain('something new');
			expect(scope.isDone()).toBe(true);
		});

		it('an HTTP 401 {code,message} from a v2 endpoint (Bearer only) names the key, not the site', async () => {
			nock(API).post('/openapi/v2/query').reply(401, { code: 401, message: 'ApiKey verification failed' });
			const { result } = await call('/openapi/v2/query');
			expect(result.error?.message).toBe('RunningHub 401 UNAUTHORIZED: RunningHub did not accept the API key for this request, which carried it in the Authorization header only.');
			expect(result.error?.description).toContain('does not mean the key belongs to the other RunningHub site');
			expect(result.error?.description).not.toContain('runninghub.cn do not work');
		});

		it.each([
			['802 on a Bearer-only v1 GET', 'get', '/api/webapp/listSomething', { code: 802, msg: 'APIKEY_UNAUTHORIZED', data: null }, '802 APIKEY_UNAUTHORIZED'],
			['806 as a flat v2 errorCode', 'post', '/openapi/v2/run/ai-app/1877265245566922753', { taskId: '', status: '', errorCode: '806', errorMessage: 'APIKEY_USER_NOT_FOUND' }, '806 APIKEY_USER_NOT_FOUND'],
			['802 as a flat v2 errorCode', 'post', '/openapi/v2/query', { taskId: '', status: '', errorCode: '802', errorMessage: 'APIKEY_UNAUTHORIZED' }, '802 APIKEY_UNAUTHORIZED'],
		])('%s does not blame the site', async (_label, method, path, body, code) => {
			nock(API)[method as 'get' | 'post'](path).reply(200, body);
			const { result } = await call(path, { method: method.toUpperCase() });
			expect(result.error?.message).toBe(`RunningHub ${code}: RunningHub did not accept the API key for this request, which carried it in the Authorization header only.`);
			expect(result.error?.description).not.toMatch(/Switch the Site|do not work on runninghub/);
		});

		it('802 on a call that carried the key where RunningHub reads it (JSON body) still points at the site', async () => {
			nock(API).post('/task/openapi/create').reply(200, { code: 802, msg: 'APIKEY_UNAUTHORIZED', data: null });
			const { result } = await call('/task/openapi/create', { kind: 'submit' });
			expect(result.error?.message).toBe('RunningHub 802 APIKEY_UNAUTHORIZED: The API key was rejected: it is disabled, or it belongs to the other RunningHub site.');
			expect(result.error?.description).toContain('Switch the Site');
		});

		it('explains an HTML gateway page instead of failing to parse it', async () => {
			nock(API).post('/task/openapi/status').times(4).reply(502, '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>', { 'Content-Type': 'text/html' });
			const { result } = await call('/task/openapi/status');
			expect(result.error?.message).toContain('HTTP_502');
			expect(result.error?.description).toContain('502 Bad Gateway');
		});
	});

	describe('retry rules', () => {
		it('retries a read after a 5xx and a connection reset', async () => {
			const { json, requests } = await callScripted('/openapi/v2/query', [
				{ status: 503, body: 'busy' },
				{ reset: true },
				{ body: { taskId: '1', status: 'RUNNING', errorCode: '' } },
			]);
			expect(json?.ok).toBe(true);
			expect(requests).toHaveLength(3);
		});

		it('re-sends a submit the API rejected before creating a task (421, 415, 1003, 1011, HTTP 429)', async () => {
			const scope = nock(API)
				.post('/task/openapi/create').reply(200, { code: 421, msg: 'TASK_QUEUE_MAXED' })
				.post('/task/openapi/create').reply(200, { code: 415, msg: 'TASK_INSTANCE_MAXED' })
				.post('/task/openapi/create').reply(429, 'slow down')
				.post('/task/openapi/create').reply(200, { code: 0, msg: 'success', data: { taskId: '1910246754753896450' } });
			const { json } = await call('/task/openapi/create', { kind: 'submit' });
			expect((json?.data as Record<string, unknown>).taskId).toBe('1910246754753896450');
			expect(scope.isDone()).toBe(true);

			const v2 = nock(API)
				.post('/openapi/v2/rhart-video/t2v').reply(200, { taskId: '', status: '', errorCode: '1003', errorMessage: 'Rate limit' })
				.post('/openapi/v2/rhart-video/t2v').reply(200, { taskId: '', status: '', errorCode: '1011', errorMessage: 'busy' })
				.post('/openapi/v2/rhart-video/t2v').reply(200, { taskId: '42', status: 'QUEUED', errorCode: '' });
			const second = await call('/openapi/v2/rhart-video/t2v', { kind: 'submit' });
			expect(second.json?.ok).toBe(true);
			expect(v2.isDone()).toBe(true);
		});

		it.each<[string, ScriptStep]>([
			['a connection reset', { reset: true }],
			['an HTTP 500', { status: 500, body: { code: 500, msg: 'UNKNOWN_ERROR' } }],
			['an HTML 502 page', { status: 502, body: '<html><title>502</title></html>', headers: { 'Content-Type': 'text/html' } }],
			['a v2 internal error 1005', { body: { taskId: '', status: '', errorCode: '1005' } }],
			['a timeout', { hang: true }],
		])('never re-sends an ambiguous submit (%s)', async (_label, step) => {
			const { result, requests } = await callScripted('/task/openapi/create', [step, { body: { code: 0, data: { taskId: '1' } } }], { kind: 'submit', timeoutMs: 300 });
			expect(requests).toHaveLength(1);
			expect(result.error?.description).toContain('not repeated');
			expect((result.error?.context as Record<string, Record<string, unknown>>).runningHub.ambiguous).toBe(true);
		});

		it('reports a submit whose connection was refused as never sent (safe to retry), without ambiguity', async () => {
			const { result } = await call('/task/openapi/create', { kind: 'submit' }, await refusedUrl());
			const meta = (result.error?.context as Record<string, Record<string, unknown>>).runningHub;
			expect(meta.network).toBe('ECONNREFUSED');
			expect(meta.ambiguous).toBe(false);
			expect(meta.retry).toBe('rejected');
		});

		it('gives up on a failing read after the attempt limit', async () => {
			const scope = nock(API).post('/openapi/v2/query').times(4).reply(503, 'down');
			const { result } = await call('/openapi/v2/query');
			expect(scope.isDone()).toBe(true);
			expect(result.error?.message).toContain('HTTP_503');
		});
	});

	describe('the API key never leaks', () => {
		const paths: Array<[string, (scope: nock.Scope) => void, IDataObject]> = [
			['business code echoing the key', (s) => s.post('/task/openapi/status').reply(200, { code: 802, msg: `APIKEY_UNAUTHORIZED for ${TEST_KEY}` }), {}],
			['v2 error echoing the key', (s) => s.post('/task/openapi/status').reply(200, { taskId: '', status: '', errorCode: '1002', errorMessage: `bad key ${TEST_KEY}` }), {}],
			['HTTP 401 echoing Bearer', (s) => s.post('/task/openapi/status').reply(401, { code: 401, message: `Authorization: Bearer ${TEST_KEY} rejected` }), {}],
			['non-JSON body echoing the key', (s) => s.post('/task/openapi/status').reply(200, `apiKey=${TEST_KEY}`), {}],
			['HTML page echoing the key', (s) => s.post('/task/openapi/status').times(4).reply(502, `<html><title>502 ${TEST_KEY}</title></html>`, { 'Content-Type': 'text/html' }), {}],
			['unknown code echoing the key', (s) => s.post('/task/openapi/status').reply(200, { code: 999, msg: TEST_KEY }), {}],
		];

		it.each(paths)('%s', async (_label, setup, extra) => {
			logLines.length = 0;
			setup(nock(API));
			const path = extra.kind === 'submit' ? '/task/openapi/create' : '/task/openapi/status';
			const { result } = await call(path, extra);
			expect(result.error).toBeDefined();
			const error = result.error as unknown as Record<string, unknown>;
			const everything = [
				result.error?.message,
				result.error?.description,
				JSON.stringify(error),
				JSON.stringify(error.context),
				JSON.stringify(error.cause ?? null),
				JSON.stringify((error as { errorResponse?: unknown }).errorResponse ?? null),
				result.error?.stack,
				JSON.stringify(result.run.data.resultData),
				JSON.stringify(logLines),
			].join('\n');
			expect(everything).not.toContain(TEST_KEY);
			expect(logLines.length).toBeGreaterThan(0);
		});

		it.each<[string, ScriptStep[], IDataObject]>([
			['read that keeps resetting', [{ reset: true }, { reset: true }, { reset: true }, { reset: true }], {}],
			['ambiguous submit reset', [{ reset: true }], { kind: 'submit' }],
			['submit timeout', [{ hang: true }], { kind: 'submit', timeoutMs: 300 }],
		])('network failure: %s', async (_label, script, extra) => {
			logLines.length = 0;
			const { result } = await callScripted(extra.kind === 'submit' ? '/task/openapi/create' : '/task/openapi/status', script, extra);
			expect(result.error).toBeDefined();
			const everything = [result.error?.message, result.error?.description, JSON.stringify(result.error), result.error?.stack, JSON.stringify(result.run.data.resultData), JSON.stringify(logLines)].join('\n');
			expect(everything).not.toContain(TEST_KEY);
			expect(logLines.length).toBeGreaterThan(0);
		});
	});
});
