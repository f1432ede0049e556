'use strict';
// The live smoke suite's own test (part of `npm test`; the live checks themselves are not):
// - without a key, `npm run test:live` says it skipped and exits 0; a paid run without a max
//   price is refused before anything is sent;
// - the recorder and the sanitiser, with the RunningHub emulator standing in for RunningHub
//   (for the recorder only: it forwards requests and records answers, the sanitiser turns
//   them into live-*.json fixtures without the key, ids, signatures or free text).
const { execFile } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { KEYS, WORKFLOWS, APPS } = require('../emulator');
const { startEmulator, waitFor } = require('../emulator/helpers');
const { readLiveConfig } = require('./config');
const { startRecorder } = require('./recorder');
const { fixturesFrom, parseLossless, JsonNumber } = require('./sanitize');
const { learnShape, checkShape } = require('../fixtures/runninghub/shapes');

const RUN = path.join(__dirname, 'run.js');
const KEY = KEYS.shared;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function runLive(env, args = []) {
	const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('RUNNINGHUB_')));
	return new Promise((resolve) => {
		execFile(process.execPath, [RUN, ...args], { env: { ...clean, ...env }, timeout: 20000 }, (error, stdout, stderr) => {
			resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
		});
	});
}

describe('npm run test:live without a key', () => {
	it('prints that it skipped and exits 0', async () => {
		const r = await runLive({});
		expect(r.code).toBe(0);
		expect(r.stdout.trim()).toBe('RunningHub live smoke suite: skipped (RUNNINGHUB_API_KEY is not set; see README, "Live smoke suite").');
		expect(r.stderr).toBe('');
	});

	it('with a key, refuses a paid run without a max price before sending anything', async () => {
		const r = await runLive({ RUNNINGHUB_API_KEY: 'x'.repeat(32), RUNNINGHUB_LIVE_PAID: '1', RUNNINGHUB_SITE: 'http://127.0.0.1:9' });
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('RUNNINGHUB_LIVE_PAID=1 needs RUNNINGHUB_LIVE_MAX_PRICE');
		expect(r.stdout).toBe('');
	});
});

describe('live settings', () => {
	it('reads the site, the optional ids and the record flag', () => {
		expect(readLiveConfig({ RUNNINGHUB_API_KEY: ' k ', RUNNINGHUB_SITE: 'cn' }, [])).toMatchObject({ apiKey: 'k', site: 'cn', baseUrl: 'https://www.runninghub.cn', credential: { site: 'cn', apiKey: 'k' }, record: false, paid: false, problems: [] });
		const custom = readLiveConfig({ RUNNINGHUB_API_KEY: 'k', RUNNINGHUB_SITE: 'http://127.0.0.1:8189/', RUNNINGHUB_WORKFLOW_ID: '1904136902449209346', RUNNINGHUB_LIVE_MODELS: 'a/b, c/d' }, ['--record', '--fixtures-dir', 'recorded']);
		expect(custom).toMatchObject({ site: 'custom', baseUrl: 'http://127.0.0.1:8189', workflowId: '1904136902449209346', appId: undefined, models: [{ endpoint: 'a/b', values: {} }, { endpoint: 'c/d', values: {} }], record: true, fixturesDir: path.resolve('recorded') });
		// Recording: the nodes talk to the recorder, which forwards to the site.
		expect(readLiveConfig({ RUNNINGHUB_API_KEY: 'k', RUNNINGHUB_LIVE_VIA: 'http://127.0.0.1:5' }, []).credential).toEqual({ site: 'custom', baseUrl: 'http://127.0.0.1:5', apiKey: 'k' });
		expect(readLiveConfig({ RUNNINGHUB_API_KEY: 'k', RUNNINGHUB_SITE: 'moon' }, []).problems).toEqual(['RUNNINGHUB_SITE must be "ai", "cn" or a base URL (http…), got "moon".']);
		expect(readLiveConfig({ RUNNINGHUB_API_KEY: 'k', RUNNINGHUB_LIVE_PAID: '1', RUNNINGHUB_LIVE_MAX_PRICE: '0.5' }, [])).toMatchObject({ paid: true, maxPrice: 0.5, problems: [] });
	});
});

describe('recording (the emulator standing in for RunningHub)', () => {
	let emu;
	let recorder;
	let dir;
	const files = {};
	const sent = {};
	let skipped;
	const PROMPT = 'a portrait of Alice Example for her birthday';
	const SECRET = 'callback-secret-0123456789';

	async function call(method, p, { body, query, bearer = true, form } = {}) {
		const url = new URL(`${recorder.url}${p}`);
		for (const [k, v] of Object.entries(query || {})) url.searchParams.set(k, v);
		const headers = bearer ? { authorization: `Bearer ${KEY}` } : {};
		let payload;
		if (form) payload = form;
		else if (body !== undefined) {
			headers['content-type'] = 'application/json';
			payload = JSON.stringify(body);
		}
		const res = await fetch(url, { method, headers, body: payload });
		return { status: res.status, text: await res.text() };
	}

	beforeAll(async () => {
		emu = await startEmulator({ numericIds: true, timing: { queuedMs: 10, runningMs: 30 }, webhook: { timeoutMs: 500, retries: 0, retryDelayMs: 10 } });
		recorder = await startRecorder({ upstream: emu.url });
		sent.account = await call('POST', '/uc/openapi/accountStatus', { body: { apikey: KEY }, bearer: false });
		sent.demo = await call('GET', '/api/webapp/apiCallDemo', { query: { apiKey: KEY, webappId: APPS.image }, bearer: false });
		sent.workflow = await call('POST', '/api/openapi/getJsonApiFormat', { body: { apiKey: KEY, workflowId: WORKFLOWS.image } });
		sent.create = await call('POST', '/task/openapi/create', {
			body: { apiKey: KEY, workflowId: WORKFLOWS.image, nodeInfoList: [{ nodeId: '6', fieldName: 'text', fieldValue: PROMPT }], webhookUrl: `http://127.0.0.1:9/webhook/abc/callback?token=${SECRET}` },
		});
		sent.taskId = /"taskId":(\d+)/.exec(sent.create.text)[1];
		await emu.waitForTask(sent.taskId);
		sent.query = await call('POST', '/openapi/v2/query', { body: { taskId: sent.taskId } });
		await waitFor(() => emu.webhookLog.length >= 1, 5000);
		sent.detail = await call('POST', '/task/openapi/getWebhookDetail', { body: { apiKey: KEY, taskId: sent.taskId } });
		const form = new FormData();
		form.append('file', new Blob([PNG], { type: 'image/png' }), 'me.png');
		sent.upload = await call('POST', '/openapi/v2/media/upload/binary', { form });

		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rh-live-fixtures-'));
		const written = fixturesFrom(recorder.records, { apiKey: KEY, origin: emu.url, date: new Date('2026-12-06T12:00:00Z') });
		skipped = written.skipped;
		for (const f of written.fixtures) fs.writeFileSync(path.join(dir, f.name), f.text);
		for (const name of fs.readdirSync(dir)) files[name] = fs.readFileSync(path.join(dir, name), 'utf8');
	});
	afterAll(async () => {
		await recorder?.close();
		await emu?.close();
		if (dir) fs.rmSync(dir, { recursive: true, force: true });
	});

	/** A fixture as plain values: numbers a double holds exactly as numbers, longer ones as their digits. */
	function plain(value) {
		if (value instanceof JsonNumber) return Number.isSafeInteger(Number(value.raw)) || value.raw.includes('.') ? Number(value.raw) : value.raw;
		if (Array.isArray(value)) return value.map(plain);
		if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
		return value;
	}
	const read = (name) => plain(parseLossless(files[name]));
	/** The recorded answer: `response`, or the exact `responseText` (bare 19-digit ids) read losslessly. */
	const body = (name) => {
		const f = read(name);
		return f.responseText !== undefined ? plain(parseLossless(f.responseText)) : f.response;
	};

	it('forwards requests unchanged: the client got the emulator\'s own answers', () => {
		expect(JSON.parse(sent.account.text)).toMatchObject({ code: 0, data: { apiType: 'SHARED' } });
		expect(JSON.parse(sent.upload.text)).toMatchObject({ code: 0, data: { type: 'image', size: String(PNG.length) } });
		expect(emu.uploads.size).toBe(1);
		expect(sent.query.text).toContain(`"taskId":${sent.taskId}`);
	});

	it('writes one live-*.json per answer in the fixtures folder\'s format, each naming its source and kind', () => {
		expect(Object.keys(files).sort()).toEqual([
			'live-api-openapi-getjsonapiformat.json',
			'live-api-webapp-apicalldemo.json',
			'live-openapi-v2-media-upload-binary.json',
			'live-openapi-v2-query.json',
			'live-task-openapi-create.json',
			'live-task-openapi-getwebhookdetail.json',
			'live-uc-openapi-accountstatus.json',
		]);
		for (const name of Object.keys(files)) {
			expect(read(name)._source).toMatch(/^Recorded from 127\.0\.0\.1:\d+ by "npm run test:live -- --record" on 2026-12-06; sanitised/);
		}
		expect(Object.fromEntries(Object.keys(files).map((name) => [name, [read(name).kind, read(name).endpoint]]))).toEqual({
			'live-api-openapi-getjsonapiformat.json': ['v1.workflowJson', 'POST /api/openapi/getJsonApiFormat'],
			'live-api-webapp-apicalldemo.json': ['v1.apiCallDemo', 'GET /api/webapp/apiCallDemo'],
			'live-openapi-v2-media-upload-binary.json': ['v2.upload', 'POST /openapi/v2/media/upload/binary'],
			'live-openapi-v2-query.json': ['v2.task', 'POST /openapi/v2/query'],
			'live-task-openapi-create.json': ['v1.create', 'POST /task/openapi/create'],
			'live-task-openapi-getwebhookdetail.json': ['v1.webhookDetail', 'POST /task/openapi/getWebhookDetail'],
			'live-uc-openapi-accountstatus.json': ['v1.accountStatus', 'POST /uc/openapi/accountStatus'],
		});
		expect(skipped).toEqual([]);
		// Bare 19-digit ids travel as the exact text, which JSON.parse would change.
		expect(typeof read('live-openapi-v2-query.json').responseText).toBe('string');
		expect(read('live-uc-openapi-accountstatus.json').response).toBeDefined();
	});

	it('keeps no key, no callback token, no prompt and no original id anywhere', () => {
		const all = Object.values(files).join('\n');
		expect(all).not.toContain(KEY);
		expect(all).not.toContain(KEY.slice(0, 4) + '****');
		expect(all).not.toContain(SECRET);
		expect(all).not.toMatch(/Alice|birthday/);
		expect(all).not.toContain(sent.taskId);
		expect(all).not.toContain(WORKFLOWS.image);
		expect(all).not.toContain(APPS.image);
		expect(read('live-api-webapp-apicalldemo.json').recordedRequest.query).toEqual({ apiKey: 'REDACTED', webappId: expect.stringMatching(/^\d{19}$/) });
		expect(body('live-task-openapi-getwebhookdetail.json').data.userApiKey).toBe('REDACTED');
	});

	it('keeps ids as ids: same length, same JSON type (bare numbers stay bare), the same id mapped the same way', () => {
		const text = read('live-openapi-v2-query.json').responseText;
		const bare = /"taskId":(\d+),/.exec(text);
		expect(bare?.[1]).toHaveLength(sent.taskId.length);
		expect(bare?.[1]).not.toBe(sent.taskId);
		// The request asked for the same task (as a string): its id maps to the same replacement.
		expect(read('live-openapi-v2-query.json').recordedRequest.body.taskId).toBe(bare?.[1]);
		expect(read('live-task-openapi-create.json').responseText).toMatch(new RegExp(`"taskId":${bare?.[1]}\\b`));
	});

	it('keeps URLs as shapes: host and extension stay, path and signatures go', () => {
		const host = new URL(emu.url).host;
		const upload = body('live-openapi-v2-media-upload-binary.json').data;
		expect(upload.download_url).toMatch(new RegExp(`^http://${host.replace(/\./g, '\\.')}/(p\\d+/)*file\\.png(\\?([a-z_]+=x&?)+)?$`));
		expect(upload.fileName).toMatch(/^openapi\/0{16,}\.png$/);
		const [result] = body('live-openapi-v2-query.json').results;
		expect(result).toMatchObject({ outputType: 'png', url: expect.stringMatching(/\/file\.png(\?|$)/) });
		expect(Object.values(files).join('\n')).not.toMatch(/[?&](sign|signature|expires|token)=(?!x\b)/);
		// The upload itself is described, never kept.
		expect(read('live-openapi-v2-media-upload-binary.json').recordedRequest.form).toEqual({ contentType: 'multipart/form-data', bytes: expect.any(Number), fields: [{ field: 'file', file: true }] });
	});

	it('keeps JSON text inside strings as sanitised JSON text (fieldData, eventData, the workflow JSON)', () => {
		const list = body('live-api-webapp-apicalldemo.json').data.nodeInfoList.find((n) => n.fieldType === 'LIST');
		expect(typeof list.fieldData).toBe('string');
		const fieldData = JSON.parse(list.fieldData);
		expect(Array.isArray(fieldData)).toBe(true);
		const detail = body('live-task-openapi-getwebhookdetail.json').data;
		expect(typeof detail.eventData).toBe('string');
		expect(JSON.parse(detail.eventData)).toMatchObject({ code: 0, data: [{ fileType: 'png', nodeId: '9', fileUrl: expect.stringMatching(/\/file\.png/) }] });
		expect(detail).toMatchObject({ callbackStatus: 'FAILED', webhookUrl: 'http://127.0.0.1:9/p1/p2/file?token=x' });
		const graph = JSON.parse(body('live-api-openapi-getjsonapiformat.json').data.prompt);
		expect(graph['6']).toMatchObject({ class_type: 'CLIPTextEncode', inputs: { text: 'text' } });
	});

	it('keeps every JSON type: each raw answer fits the shape learnt from its sanitised fixture (the folder\'s shape checker)', () => {
		const violations = [];
		for (const rec of recorder.records) {
			const name = Object.keys(files).find((n) => read(n).endpoint === `${rec.method} ${rec.path}`);
			const f = JSON.parse(files[name]);
			const shape = learnShape([f.responseText !== undefined ? JSON.parse(f.responseText) : f.response]);
			for (const v of checkShape(shape, JSON.parse(rec.responseBody))) violations.push(`${name}: ${v}`);
		}
		expect(violations).toEqual([]);
	});

	it('keeps protocol values and replaces account figures by same-format ones', () => {
		const account = body('live-uc-openapi-accountstatus.json');
		expect(account).toMatchObject({ code: 0, msg: 'success', data: { apiType: 'SHARED', currency: 'CNY' } });
		const original = JSON.parse(sent.account.text).data;
		expect(account.data.remainMoney).toBe(String(original.remainMoney).replace(/\d/g, '1'));
		expect(body('live-openapi-v2-query.json')).toMatchObject({ status: 'SUCCESS', errorCode: '' });
		const request = read('live-task-openapi-create.json').recordedRequest.body;
		expect(request).toMatchObject({ apiKey: 'REDACTED', nodeInfoList: [{ nodeId: '6', fieldName: 'text', fieldValue: 'text' }] });
	});
});
