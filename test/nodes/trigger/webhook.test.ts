import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';
import nock from 'nock';

import { forgetProcessDeliveries, RING_SIZE } from '../../../nodes/shared/callbacks/dedupe';
import { configureRetryTiming } from '../../../nodes/shared/utils/timing';
import { runWorkflow } from '../../support/harness';
import { API, FAILURE_DATA, FakeTrigger, SECRET, SUCCESS_DATA, TEST_KEY, taskEnd } from './context';

const ID = '1904163390028185602';
const CREDENTIALS = { site: 'ai', apiKey: TEST_KEY };
const withToken = { query: { token: SECRET } };
/** Most tests look at the callback alone; verification has its own block. */
const noVerify = { verifyThroughApi: false };

function v2(status: string, extra: Record<string, unknown> = {}) {
	return JSON.stringify({ taskId: ID, status, errorCode: '', errorMessage: '', results: null, clientId: '', promptTips: '', failedReason: {}, usage: null, ...extra });
}

beforeAll(() => {
	nock.disableNetConnect();
	configureRetryTiming({ baseDelayMs: 5, maxDelayMs: 20, confirmDelayMs: 5 });
});
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('token check', () => {
	it('refuses a call without a token with 401 and starts nothing', async () => {
		const trigger = new FakeTrigger({ params: noVerify });
		const res = await trigger.call({ body: taskEnd(ID, SUCCESS_DATA) });
		expect(res.status).toBe(401);
		expect(res.items).toBeUndefined();
		expect(res.body).toMatchObject({ error: 'Unauthorized' });
	});

	it.each([
		['a wrong token of the same length', { token: 'example-secret-token-0043' }],
		['a prefix of the token', { token: SECRET.slice(0, 10) }],
		['an empty token', { token: '' }],
	])('refuses %s with 401', async (_name, query) => {
		const trigger = new FakeTrigger({ params: noVerify });
		const res = await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), query });
		expect(res.status).toBe(401);
		expect(res.items).toBeUndefined();
	});

	it('checks the token before looking at the body', async () => {
		const trigger = new FakeTrigger({ params: noVerify });
		const res = await trigger.call({ rawBody: 'not json', body: {}, query: { token: 'nope' } });
		expect(res.status).toBe(401);
	});

	it('accepts the right token in the query or in the x-runninghub-token header', async () => {
		const trigger = new FakeTrigger({ params: noVerify });
		const viaQuery = await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken });
		expect(viaQuery.status).toBe(200);
		expect(viaQuery.items).toHaveLength(1);
		const viaHeader = await trigger.call({ body: taskEnd('1904163390028185603', SUCCESS_DATA), headers: { 'X-RunningHub-Token': SECRET } });
		expect(viaHeader.items).toHaveLength(1);
	});

	it('never writes the token into logs or output', async () => {
		const trigger = new FakeTrigger({ params: noVerify });
		await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), query: { token: 'wrong' } });
		const ok = await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken });
		expect(JSON.stringify([trigger.logs, ok.items, ok.body])).not.toContain(SECRET);
	});
});

describe('body validation', () => {
	it.each([
		['bad JSON in eventData', { event: 'TASK_END', taskId: ID, eventData: '{"code":0,"data":[' }, 'eventData'],
		['a missing event', { taskId: ID, eventData: JSON.stringify(SUCCESS_DATA) }, 'event'],
		['an event that is not text', { event: 7, taskId: ID, eventData: JSON.stringify(SUCCESS_DATA) }, 'event'],
		['a missing taskId', { event: 'TASK_END', eventData: JSON.stringify(SUCCESS_DATA) }, 'taskId'],
		['a malformed taskId', { event: 'TASK_END', taskId: 'abc', eventData: JSON.stringify(SUCCESS_DATA) }, 'taskId'],
	])('answers 400 for %s and starts nothing', async (_name, body, reason) => {
		const trigger = new FakeTrigger({ params: noVerify });
		const res = await trigger.call({ body, ...withToken });
		expect(res.status).toBe(400);
		expect(res.body).toMatchObject({ error: 'Bad Request', reason });
		expect(res.items).toBeUndefined();
	});

	it('answers 200 to an event other than TASK_END and ignores it (a 4xx would make RunningHub retry it)', async () => {
		const trigger = new FakeTrigger({ params: noVerify });
		const res = await trigger.call({ body: { event: 'TASK_STARTED', taskId: ID, eventData: JSON.stringify(SUCCESS_DATA) }, ...withToken });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ received: true, ignored: true });
		expect(res.items).toBeUndefined();
	});

	it('answers 400 for a body that is not JSON', async () => {
		const trigger = new FakeTrigger({ params: noVerify });
		const res = await trigger.call({ rawBody: '{"event":"TASK_END",', body: {}, ...withToken });
		expect(res.status).toBe(400);
		expect(res.body).toMatchObject({ reason: 'notJson' });
	});

	it('keeps a bare 19-digit taskId exact by reading the raw body', async () => {
		const trigger = new FakeTrigger({ params: noVerify });
		const rawBody = `{"event":"TASK_END","taskId":${ID},"eventData":${JSON.stringify(JSON.stringify(SUCCESS_DATA))}}`;
		const res = await trigger.call({ rawBody, ...withToken });
		expect(res.items?.[0].json.taskId).toBe(ID);
	});

	it('refuses (400) a bare 19-digit taskId when only the already-rounded parsed body exists', async () => {
		const trigger = new FakeTrigger({ params: noVerify });
		const rawBody = `{"event":"TASK_END","taskId":${ID},"eventData":${JSON.stringify(JSON.stringify(SUCCESS_DATA))}}`;
		const res = await trigger.call({ rawBody, noRawBody: true, ...withToken });
		expect(res.status).toBe(400);
		expect(res.body).toMatchObject({ reason: 'taskId' });
	});
});

describe('output', () => {
	it('emits the normalized result of the callback', async () => {
		const trigger = new FakeTrigger({ params: noVerify });
		const res = await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken });
		expect(res.items).toEqual([
			{
				json: {
					taskId: ID,
					status: 'SUCCESS',
					files: [{ url: SUCCESS_DATA.data[0].fileUrl, type: 'png', nodeId: '9', fileName: 'ComfyUI_00033_hpgko_1742822929.png' }],
					texts: [],
					usage: { coins: 7, runTimeSeconds: 12 },
					nodeCosts: [{ nodeId: '9', coins: 7, runTimeSeconds: 12 }],
				},
				pairedItem: { item: 0 },
			},
		]);
		// webhook() starts the execution with the callback as it came (eventData decoded).
		expect(res.started).toEqual([{ json: { event: 'TASK_END', taskId: ID, eventData: SUCCESS_DATA } }]);
	});

	it('does not start on a callback that reports no end state (without verification)', async () => {
		const trigger = new FakeTrigger({ params: noVerify });
		const res = await trigger.call({ body: taskEnd(ID, { code: 804, msg: 'APIKEY_TASK_IS_RUNNING', data: null }), ...withToken });
		expect(res.status).toBe(202);
		expect(res.items).toBeUndefined();
	});
});

describe('duplicates', () => {
	it('starts one execution for a task end delivered twice, and answers the first delivery itself', async () => {
		const trigger = new FakeTrigger({ params: noVerify });
		const first = await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken });
		const second = await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken });
		expect(first.items).toHaveLength(1);
		// Answered by the node (noWebhookResponse + workflowData), so n8n saves static data first.
		expect(first.raw.noWebhookResponse).toBe(true);
		expect(first).toMatchObject({ status: 200, body: { received: true, started: true, taskId: ID } });
		expect(second.status).toBe(200);
		expect(second.items).toBeUndefined();
		expect(second.body).toMatchObject({ started: false, reason: 'duplicate', taskId: ID });
		expect(trigger.staticData.recentTaskEnds).toEqual([`${ID}:SUCCESS`]);
	});

	it('catches a repeat through the persisted ring after a restart (process memory gone)', async () => {
		const trigger = new FakeTrigger({ params: noVerify });
		expect((await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken })).items).toHaveLength(1);
		forgetProcessDeliveries();
		const again = await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), headers: { 'x-runninghub-token': SECRET } });
		expect(again.items).toBeUndefined();
		expect(again.body).toMatchObject({ reason: 'duplicate' });
		expect(trigger.logs.some((l) => /seen in staticData/.test(l.message))).toBe(true);
	});

	it('catches a repeat through process memory when the static-data write was lost (last write wins)', async () => {
		const trigger = new FakeTrigger({ params: noVerify });
		expect((await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken })).items).toHaveLength(1);
		delete trigger.staticData.recentTaskEnds; // another execution saved its older copy over ours
		const again = await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken });
		expect(again.items).toBeUndefined();
		expect(trigger.logs.some((l) => /seen in memory/.test(l.message))).toBe(true);
		// …and the ring is healed, so the record survives the next restart.
		expect(trigger.staticData.recentTaskEnds).toEqual([`${ID}:SUCCESS`]);
	});

	it('catches two deliveries handled at the same moment', async () => {
		const trigger = new FakeTrigger({ params: noVerify });
		const [a, b] = await Promise.all([trigger.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken }), trigger.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken })]);
		expect([a.items, b.items].filter(Boolean)).toHaveLength(1);
	});

	it('does not remember test-URL calls in process memory (the same event can be sent to the test URL again)', async () => {
		const trigger = new FakeTrigger({ params: noVerify, mode: 'manual' });
		expect((await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken })).items).toHaveLength(1);
		delete trigger.staticData.recentTaskEnds; // n8n does not persist static data of test calls
		expect((await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken })).items).toHaveLength(1);
	});

	it('keeps records per workflow: the same task end may start one execution in each of two workflows', async () => {
		const one = new FakeTrigger({ params: noVerify });
		const other = new FakeTrigger({ params: noVerify });
		expect((await one.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken })).items).toHaveLength(1);
		expect((await other.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken })).items).toHaveLength(1);
	});

	it('keeps the last RING_SIZE task ends in static data', async () => {
		const trigger = new FakeTrigger({ params: noVerify });
		expect((await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken })).items).toHaveLength(1);
		for (let i = 0; i < RING_SIZE; i++) {
			const id = `19041633900281${10000 + i}`;
			expect((await trigger.call({ body: taskEnd(id, SUCCESS_DATA), ...withToken })).items).toHaveLength(1);
		}
		const ring = trigger.staticData.recentTaskEnds as string[];
		expect(ring).toHaveLength(RING_SIZE);
		expect(ring).not.toContain(`${ID}:SUCCESS`);
	});

	it('treats a different outcome of the same task as a new event', async () => {
		const trigger = new FakeTrigger({ params: noVerify });
		expect((await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken })).items).toHaveLength(1);
		expect((await trigger.call({ body: taskEnd(ID, FAILURE_DATA), ...withToken })).items?.[0].json).toMatchObject({ status: 'FAILED' });
	});

	it('lets different tasks through', async () => {
		const trigger = new FakeTrigger({ params: noVerify });
		expect((await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken })).items).toHaveLength(1);
		expect((await trigger.call({ body: taskEnd('1904163390028185699', SUCCESS_DATA), ...withToken })).items).toHaveLength(1);
	});

	it('starts a recorded task end again when the resend asks for it (?redeliver=1), e.g. one lost in a crash after the answer', async () => {
		const trigger = new FakeTrigger({ params: noVerify });
		expect((await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken })).items).toHaveLength(1);
		expect((await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken })).items).toBeUndefined();
		const again = await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), query: { token: SECRET, redeliver: '1' } });
		expect(again).toMatchObject({ status: 200, body: { started: true, taskId: ID } });
		expect(again.items?.[0].json).toMatchObject({ taskId: ID, status: 'SUCCESS' });
		// Still only with the token.
		expect((await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), query: { redeliver: '1' } })).status).toBe(401);
	});
});

describe('event filter', () => {
	const success = taskEnd(ID, SUCCESS_DATA);
	const failure = taskEnd('1904163390028185611', FAILURE_DATA);

	it('Only Successes: starts on success, acknowledges failures with 200', async () => {
		const trigger = new FakeTrigger({ params: { ...noVerify, events: 'success' } });
		expect((await trigger.call({ body: success, ...withToken })).items).toHaveLength(1);
		const skipped = await trigger.call({ body: failure, ...withToken });
		expect(skipped.status).toBe(200);
		expect(skipped.items).toBeUndefined();
		expect(skipped.body).toMatchObject({ started: false, reason: 'filtered' });
	});

	it('Only Failures: starts on failure, acknowledges successes with 200', async () => {
		const trigger = new FakeTrigger({ params: { ...noVerify, events: 'failure' } });
		const skipped = await trigger.call({ body: success, ...withToken });
		expect(skipped.status).toBe(200);
		expect(skipped.items).toBeUndefined();
		const started = await trigger.call({ body: failure, ...withToken });
		expect(started.items?.[0].json).toMatchObject({ status: 'FAILED', failure: { code: '805', nodeName: 'KSampler', exceptionMessage: 'CUDA out of memory' } });
	});

	it('All: starts on both', async () => {
		const trigger = new FakeTrigger({ params: { ...noVerify, events: 'all' } });
		expect((await trigger.call({ body: success, ...withToken })).items).toHaveLength(1);
		expect((await trigger.call({ body: failure, ...withToken })).items).toHaveLength(1);
	});

	it('a filtered event is not recorded as delivered', async () => {
		const trigger = new FakeTrigger({ params: { ...noVerify, events: 'failure' } });
		await trigger.call({ body: success, ...withToken });
		expect(trigger.staticData.recentTaskEnds).toBeUndefined();
	});
});

describe('verify through API', () => {
	const credentials = CREDENTIALS;

	function query(reply: string, times = 1) {
		return nock(API)
			.post('/openapi/v2/query', (body) => body.taskId === ID && body.apiKey === undefined)
			.matchHeader('authorization', `Bearer ${TEST_KEY}`)
			.times(times)
			.reply(200, reply, { 'Content-Type': 'application/json' });
	}

	it('API says SUCCESS: emits the API result (and keeps per-node costs from the callback)', async () => {
		const scope = query(
			v2('SUCCESS', {
				taskId: undefined,
				results: [{ url: 'https://rh-images.example.com/output/verified.png', outputType: 'png', nodeId: '9', text: null }],
				usage: { consumeCoins: '17', consumeMoney: null, thirdPartyConsumeMoney: null, taskCostTime: '83' },
			}).replace('{', `{"taskId":${ID},`),
		);
		const trigger = new FakeTrigger({ credentials });
		const res = await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken });
		expect(scope.isDone()).toBe(true);
		expect(res.status).toBe(200);
		expect(res.items?.[0].json).toEqual({
			taskId: ID,
			status: 'SUCCESS',
			files: [{ url: 'https://rh-images.example.com/output/verified.png', type: 'png', nodeId: '9', fileName: 'verified.png' }],
			texts: [],
			usage: { coins: 17, runTimeSeconds: 83 },
			nodeCosts: [{ nodeId: '9', coins: 7, runTimeSeconds: 12 }],
		});
	});

	it('answers before asking RunningHub: webhook() sends nothing, the started execution verifies', async () => {
		const scope = query(v2('SUCCESS', { results: [{ url: 'https://rh-images.example.com/output/a.png', outputType: 'png' }] }));
		const trigger = new FakeTrigger({ credentials });
		// receive() fails the test on any HTTP request from webhook().
		const answer = await trigger.receive({ body: taskEnd(ID, SUCCESS_DATA), ...withToken });
		expect(answer).toMatchObject({ status: 200, body: { received: true, started: true, taskId: ID } });
		expect(scope.isDone()).toBe(false);
		const run = await trigger.execute(answer.started ?? []);
		expect(scope.isDone()).toBe(true);
		expect(run.output('RunningHub Trigger')[0].json).toMatchObject({ taskId: ID, status: 'SUCCESS', files: [{ fileName: 'a.png' }] });
	});

	it('API says RUNNING at first: the execution asks again and emits once RunningHub confirms the end', async () => {
		const running = query(v2('RUNNING'), 2);
		const done = query(v2('SUCCESS', { results: [{ url: 'https://rh-images.example.com/output/a.png', outputType: 'png' }] }));
		const trigger = new FakeTrigger({ credentials });
		const res = await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken });
		expect(res.status).toBe(200);
		expect(running.isDone() && done.isDone()).toBe(true);
		expect(res.items?.[0].json).toMatchObject({ taskId: ID, status: 'SUCCESS' });
	});

	it('API keeps saying RUNNING: the execution fails naming the task (the callback was answered)', async () => {
		const scope = query(v2('RUNNING'), 4);
		const trigger = new FakeTrigger({ credentials });
		const res = await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken });
		expect(res.status).toBe(200);
		expect(scope.isDone()).toBe(true);
		expect(res.items).toEqual([]);
		expect(res.error?.message).toBe(`RunningHub still reports task ${ID} as RUNNING after its TASK_END callback`);
		expect(res.error?.description).toContain('retry this execution');
	});

	it('API does not know the task: the execution fails, without the key in the message', async () => {
		nock(API).post('/openapi/v2/query').reply(200, JSON.stringify({ taskId: ID, status: '', errorCode: '1004', errorMessage: 'TASK_NOT_FOUND', results: null }));
		const trigger = new FakeTrigger({ credentials });
		const res = await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken });
		expect(res.status).toBe(200);
		expect(res.items).toEqual([]);
		expect(res.error?.message).toMatch(new RegExp(`^RunningHub did not confirm task ${ID}: `));
		expect(JSON.stringify([res.error?.message, res.error?.description, trigger.logs])).not.toContain(TEST_KEY);
	});

	it('API unreachable: the execution fails after the transport retries; a retry of the execution succeeds', async () => {
		const scope = nock(API).post('/openapi/v2/query').times(4).reply(502, '<html><title>Bad Gateway</title></html>', { 'Content-Type': 'text/html' });
		const trigger = new FakeTrigger({ credentials });
		const res = await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken });
		expect(scope.isDone()).toBe(true);
		expect(res.status).toBe(200);
		expect(res.error?.message).toMatch(new RegExp(`^Could not verify task ${ID} with RunningHub`));
		// The delivery is recorded (RunningHub got its answer): a repeat starts nothing…
		expect((await trigger.receive({ body: taskEnd(ID, SUCCESS_DATA), ...withToken })).started).toBeUndefined();
		// …and running the same input again (what Executions › Retry does) completes it.
		query(v2('SUCCESS', { results: [{ url: 'https://rh-images.example.com/output/a.png', outputType: 'png' }] }));
		const retried = await trigger.execute(res.started ?? []);
		expect(retried.error).toBeUndefined();
		expect(retried.output('RunningHub Trigger')[0].json).toMatchObject({ taskId: ID, status: 'SUCCESS' });
	});

	it('filters on the verified status: the callback said SUCCESS but the API says FAILED', async () => {
		query(v2('FAILED', { errorCode: '805', errorMessage: 'APIKEY_TASK_STATUS_ERROR', failedReason: { node_name: 'VAE Decode', exception_message: 'boom' } }));
		const trigger = new FakeTrigger({ credentials, params: { events: 'success' } });
		const res = await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken });
		expect(res.status).toBe(200);
		// The execution starts (the callback said SUCCESS) and emits nothing: the next node does not run.
		expect(res.error).toBeUndefined();
		expect(res.items).toEqual([]);
	});

	it('verifies a callback that reports no end state: the API says CANCEL', async () => {
		query(v2('CANCEL'));
		const trigger = new FakeTrigger({ credentials, params: { events: 'failure' } });
		const res = await trigger.call({ body: taskEnd(ID, { code: 804, msg: 'APIKEY_TASK_IS_RUNNING', data: null }), ...withToken });
		expect(res.items?.[0].json).toMatchObject({ taskId: ID, status: 'CANCEL' });
	});

	it('no credential: the execution fails, saying so', async () => {
		const trigger = new FakeTrigger({});
		const res = await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken });
		expect(res.status).toBe(200);
		expect(res.items).toEqual([]);
		expect(res.error?.message).toMatch(/credential/i);
	});

	it('Continue On Fail: an unconfirmed task becomes an error item naming it', async () => {
		nock(API).post('/openapi/v2/query').reply(200, JSON.stringify({ taskId: ID, status: '', errorCode: '1004', errorMessage: 'TASK_NOT_FOUND', results: null }));
		const trigger = new FakeTrigger({ credentials });
		const answer = await trigger.receive({ body: taskEnd(ID, SUCCESS_DATA), ...withToken });
		const run = await runWorkflow({
			nodeTypes: { runningHubTrigger: trigger.node },
			nodes: [{ name: 'RunningHub Trigger', type: 'n8n-nodes-runninghub.runningHubTrigger', parameters: { secretToken: SECRET }, onError: 'continueRegularOutput' }],
			triggerStart: true,
			items: answer.started,
			credentials: { runningHubApi: credentials },
			mode: 'webhook',
		});
		expect(run.error).toBeUndefined();
		const out = run.output('RunningHub Trigger');
		expect(out).toHaveLength(1);
		expect(out[0]).toMatchObject({ json: { error: expect.stringContaining(`RunningHub did not confirm task ${ID}`) }, pairedItem: { item: 0 } });
	});
});

describe('download outputs', () => {
	const params = { ...noVerify, downloadOutputs: true, binaryProperty: 'image' };

	it('streams the files into binary properties in the execution, after the answer', async () => {
		const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
		const file = nock('https://rh-images.example.com').get('/output/ComfyUI_00033_hpgko_1742822929.png').reply(200, png, { 'Content-Type': 'image/png' });
		const trigger = new FakeTrigger({ params });
		const answer = await trigger.receive({ body: taskEnd(ID, SUCCESS_DATA), ...withToken });
		expect(answer.status).toBe(200);
		expect(file.isDone()).toBe(false);
		const run = await trigger.execute(answer.started ?? []);
		expect(file.isDone()).toBe(true);
		const binary = run.output('RunningHub Trigger')[0].binary?.image;
		expect(binary).toMatchObject({ mimeType: 'image/png', fileName: 'ComfyUI_00033_hpgko_1742822929.png', bytes: png.length });
		expect((await Container.get(BinaryDataService).getAsBuffer(binary as IBinaryData)).equals(png)).toBe(true);
	});

	it('still emits the event when the download fails, saying why (the URLs stay in files)', async () => {
		nock('https://rh-images.example.com').get('/output/ComfyUI_00033_hpgko_1742822929.png').reply(403, 'expired');
		const trigger = new FakeTrigger({ params });
		const res = await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), ...withToken });
		expect(res.status).toBe(200);
		expect(res.error).toBeUndefined();
		expect(res.items).toHaveLength(1);
		expect(res.items?.[0].binary).toBeUndefined();
		expect(String(res.items?.[0].json.downloadError)).toMatch(/HTTP 403/);
		expect(res.items?.[0].json.files).toEqual([expect.objectContaining({ url: SUCCESS_DATA.data[0].fileUrl })]);
	});

	it('does not download for failed tasks', async () => {
		const trigger = new FakeTrigger({ params });
		const res = await trigger.call({ body: taskEnd(ID, FAILURE_DATA), ...withToken });
		expect(res.items?.[0].binary).toBeUndefined();
	});
});
