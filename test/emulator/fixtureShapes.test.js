'use strict';
// The emulator against the golden fixtures (test/fixtures/runninghub): every answer it gives
// must fit a shape RunningHub's docs or public clients show for that kind of answer (field
// names and value types; see shapes.js), and it must accept the request shapes they document.
// The emulator is not the oracle: where this fails, the emulator changes, not the fixtures.

const { KEYS, WORKFLOWS, APPS, QUICK } = require('./index');
const { startEmulator, v1, v2, get, postJson, postMultipart, pollV2, startReceiver, waitFor } = require('./helpers');
const { loadFixtures } = require('../fixtures/runninghub');
const { learnShape, checkShape } = require('../fixtures/runninghub/shapes');

const fixtures = loadFixtures();
const bodyOf = (f) => (f.responseText !== undefined ? JSON.parse(f.responseText) : f.response);

/** Documented request shapes the emulator does not accept yet, with the issue item that fixes it. */
const PENDING_REQUESTS = {};

let emu;
let receiver;
beforeAll(async () => {
	emu = await startEmulator();
	receiver = await startReceiver();
});
afterAll(async () => {
	await emu.close();
	await receiver.close();
});

/** Emulator answers, by fixture kind. */
const answers = {};
function keep(kind, label, response) {
	(answers[kind] = answers[kind] || []).push({ label, body: response.json });
	return response.json;
}

async function createWorkflowTask(prompt, extra = {}, key = KEYS.consumer) {
	const nodeInfoList = prompt ? [{ nodeId: '6', fieldName: 'text', fieldValue: prompt }] : undefined;
	const created = keep('v1.create', `create ${prompt || ''}`, await v1(emu, '/task/openapi/create', { apiKey: key, workflowId: WORKFLOWS.image, nodeInfoList, ...extra }));
	if (created.code !== 0) throw new Error(`create ${prompt}: ${JSON.stringify(created)}`);
	return created.data;
}

async function query(label, taskId, key = KEYS.consumer) {
	return keep('v2.task', label, await v2(emu, '/openapi/v2/query', { taskId }, key));
}

async function outputs(label, taskId) {
	return keep('v1.outputs', label, await v1(emu, '/task/openapi/outputs', { apiKey: KEYS.consumer, taskId }));
}

async function collect() {
	// Workflow tasks through v1: create, status, outputs and the v2 query in every state.
	emu.setTiming({ queuedMs: 300, runningMs: 300 });
	const queued = await createWorkflowTask('a lighthouse');
	await query('query QUEUED', queued.taskId);
	await outputs('outputs 813', queued.taskId);
	keep('v1.status', 'status', await v1(emu, '/task/openapi/status', { apiKey: KEYS.consumer, taskId: queued.taskId }));
	await waitFor(() => emu.tasks.get(queued.taskId).status === 'RUNNING');
	await query('query RUNNING', queued.taskId);
	await outputs('outputs 804', queued.taskId);
	await pollV2(emu, queued.taskId, KEYS.consumer);
	emu.setTiming({ queuedMs: 20, runningMs: 40 });
	await query('query SUCCESS', queued.taskId);
	await outputs('outputs 0', queued.taskId);

	const failed = await createWorkflowTask('a cat [fail]');
	await pollV2(emu, failed.taskId, KEYS.consumer);
	await query('query FAILED', failed.taskId);
	await outputs('outputs 805', failed.taskId);

	const empty = await createWorkflowTask('[empty]');
	await pollV2(emu, empty.taskId, KEYS.consumer);
	await query('query SUCCESS without results', empty.taskId);
	await outputs('outputs 0 without outputs', empty.taskId);

	emu.setTiming({ queuedMs: 2000, runningMs: 2000 });
	const cancelled = await createWorkflowTask('to cancel');
	keep('v1.cancel', 'cancel', await v1(emu, '/task/openapi/cancel', { apiKey: KEYS.consumer, taskId: cancelled.taskId }));
	await query('query CANCEL', cancelled.taskId);
	emu.setTiming({ queuedMs: 20, runningMs: 40 });

	// v1 errors.
	keep('v1.error', 'cancel unknown task', await v1(emu, '/task/openapi/cancel', { apiKey: KEYS.consumer, taskId: '1900000000000000001' }));
	keep('v1.error', 'create with an unknown key', await v1(emu, '/task/openapi/create', { apiKey: KEYS.unknown, workflowId: WORKFLOWS.image }));
	keep('v1.error', 'create with the other site key', await v1(emu, '/task/openapi/create', { apiKey: KEYS.otherSite, workflowId: WORKFLOWS.image }));
	keep('v1.error', 'create of an invalid workflow', await v1(emu, '/task/openapi/create', { apiKey: KEYS.consumer, workflowId: WORKFLOWS.invalid }));

	// v2 runs and models.
	keep('v2.task', 'run workflow v2', await v2(emu, `/openapi/v2/run/workflow/${WORKFLOWS.image}`, { nodeInfoList: [], usePersonalQueue: false }, KEYS.consumer));
	const model = keep('v2.task', 'model submit', await v2(emu, '/openapi/v2/rhart-image/text-to-image-test', { prompt: 'a teapot' }));
	await pollV2(emu, model.taskId, KEYS.shared);
	await query('query model SUCCESS', model.taskId, KEYS.shared);
	const text = keep('v2.task', 'text model submit', await v2(emu, '/openapi/v2/rhart-text/image-to-text-test', { imageUrl: 'https://cdn.example.com/a.png' }));
	await pollV2(emu, text.taskId, KEYS.shared);
	await query('query text result', text.taskId, KEYS.shared);
	keep('v2.task', 'model submit with a consumer key (1014)', await v2(emu, '/openapi/v2/rhart-image/text-to-image-test', { prompt: 'x' }, KEYS.consumer));
	keep('v2.task', 'query with an unknown key', await v2(emu, '/openapi/v2/query', { taskId: model.taskId }, KEYS.unknown));
	keep('v2.pricePreview', 'price preview', await v2(emu, '/openapi/v2/price-preview/rhart-image/text-to-image-test', { prompt: 'a teapot' }));
	keep('v2.error', 'query without a key', await postJson(emu, '/openapi/v2/query', { taskId: model.taskId }));

	// Callbacks: the TASK_END bodies the emulator POSTs, then the webhook detail and resend.
	// (The shared key runs both at once; the consumer key holds one task at a time.)
	const hooked = await createWorkflowTask('hooked', { webhookUrl: receiver.url }, KEYS.shared);
	const hookedFail = await createWorkflowTask('hooked [fail]', { webhookUrl: receiver.url }, KEYS.shared);
	await waitFor(() => receiver.requests.length >= 2, 5000);
	for (const r of receiver.requests) (answers['webhook.taskEnd'] = answers['webhook.taskEnd'] || []).push({ label: `callback ${r.body && r.body.taskId}`, body: r.body });
	await waitFor(() => emu.webhookLog.length >= 2, 5000);
	const detail = keep('v1.webhookDetail', 'webhook detail', await v1(emu, '/task/openapi/getWebhookDetail', { apiKey: KEYS.shared, taskId: hooked.taskId }));
	keep('v1.webhookDetail', 'webhook detail of a failed task', await v1(emu, '/task/openapi/getWebhookDetail', { apiKey: KEYS.shared, taskId: hookedFail.taskId }));
	keep('v1.retryWebhook', 'resend', await v1(emu, '/task/openapi/retryWebhook', { apiKey: KEYS.shared, webhookId: detail.data.id }));

	// Account, inputs, uploads.
	keep('v1.accountStatus', 'account (consumer)', await v1(emu, '/uc/openapi/accountStatus', { apikey: KEYS.consumer }));
	keep('v1.accountStatus', 'account (shared)', await v1(emu, '/uc/openapi/accountStatus', { apikey: KEYS.shared }));
	keep('v2.queueStatus', 'queue status', await get(emu, '/openapi/v2/queue/status', { key: KEYS.shared }));
	keep('v1.apiCallDemo', 'app inputs', await get(emu, `/api/webapp/apiCallDemo?apiKey=${KEYS.consumer}&webappId=${APPS.image}`));
	keep('v1.apiCallDemo', 'app that never ran', await get(emu, `/api/webapp/apiCallDemo?apiKey=${KEYS.consumer}&webappId=${APPS.neverRun}`));
	keep('v1.workflowJson', 'workflow JSON', await v1(emu, '/api/openapi/getJsonApiFormat', { apiKey: KEYS.consumer, workflowId: WORKFLOWS.image }));
	const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
	keep('v1.upload', 'v1 upload', await postMultipart(emu, '/task/openapi/upload', [{ name: 'apiKey', value: KEYS.consumer }, { name: 'fileType', value: 'image' }, { name: 'file', filename: 'a.png', type: 'image/png', value: png }]));
	keep('v2.upload', 'v2 upload', await postMultipart(emu, '/openapi/v2/media/upload/binary', [{ name: 'file', filename: 'a.png', type: 'image/png', value: png }], { key: KEYS.shared }));
}

beforeAll(collect, 60000);

const kinds = [...new Set(fixtures.filter((f) => f.text !== undefined).map((f) => f.kind))].sort();

describe('emulator answers fit the documented shapes', () => {
	test('every kind of answer was collected and has fixtures', () => {
		expect(Object.keys(answers).filter((k) => !kinds.includes(k))).toEqual([]);
		expect(kinds.filter((k) => !answers[k])).toEqual([]);
	});

	test.each(kinds)('%s', (kind) => {
		const shape = learnShape(fixtures.filter((f) => f.kind === kind && f.text !== undefined).map(bodyOf));
		const violations = [];
		for (const { label, body } of answers[kind] || []) for (const v of checkShape(shape, body)) violations.push(`${label}: ${v}`);
		expect(violations).toEqual([]);
	});
});

describe('emulator accepts the documented request shapes', () => {
	beforeEach(() => emu.reset()); // no task of an earlier row holds the consumer key's one slot
	const requests = fixtures.filter((f) => /^request\./.test(f.kind) && !PENDING_REQUESTS[f.name]);
	const fill = (text, key) =>
		text
			.replace(/\{apiKey\}/g, key)
			.replace(/\{workflowId\}/g, WORKFLOWS.image)
			.replace(/\{webappId\}/g, APPS.image)
			.replace(/\{quickWebappId\}/g, QUICK.webappId)
			.replace(/\{quickCreateCode\}/g, QUICK.quickCreateCode);

	test.each(requests.map((f) => [f.name, f]))('%s', async (_name, f) => {
		const { method, path, auth, keyType, body } = f.request;
		const key = KEYS[keyType || 'consumer'];
		const url = fill(path, key);
		const payload = body === undefined ? undefined : JSON.parse(fill(JSON.stringify(body), key));
		const r = method === 'GET' ? await get(emu, url, { key: auth === 'bearer' ? key : undefined }) : await postJson(emu, url, payload, { key: auth === 'bearer' ? key : undefined });
		const accepted = r.status === 200 && r.json && (r.json.code === 0 || (r.json.code === undefined && !r.json.errorCode));
		expect({ accepted, answer: accepted ? 'ok' : r.json }).toEqual({ accepted: f.expect.accepted, answer: 'ok' });
	});
});
