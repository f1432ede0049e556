'use strict';
// RunningHub API emulator: a local HTTP server that behaves like the endpoints in
// shared/runninghub/API.md (both envelopes, 19-digit string ids, task lifecycle,
// uploads, signed downloads, webhooks, concurrency limits) plus fault injection.
// Node built-ins only. See README.md in this folder for the option reference.

const crypto = require('crypto');
const { KEYS, createAccounts } = require('./keys');
const { WORKFLOWS, WORKFLOW_PASSWORD, APPS, QUICK, createFixtures } = require('./fixtures');
const { createIdGenerator } = require('./ids');
const { createFaults, FAULT_NAMES } = require('./faults');
const { createCounters, resetCounters } = require('./log');
const { createModelCatalog, BUILTIN_MODELS } = require('./models');
const { createFileStore } = require('./files');
const { createTaskManager } = require('./tasks');
const { createWebhooks } = require('./webhooks');
const { createUploads, MB } = require('./uploads');
const { createV1 } = require('./api-v1');
const { createV2 } = require('./api-v2');
const { createServer } = require('./server');

const DEFAULTS = {
	port: 0,
	host: '127.0.0.1',
	site: 'ai',
	timing: { queuedMs: 300, runningMs: 1500 },
	numericIds: false,
	webhook: { timeoutMs: 2000, retries: 3, retryDelayMs: 200 },
	cancelUnknownCode: 807, // 807 APIKEY_TASK_NOT_FOUND (CN doc) or 423 TASK_NOT_FOUNED
	v2AuthFailure: 'errorCode', // other-site key on v2: flat errorCode "1002", or 'http401'
	fieldDataFormat: 'string', // apiCallDemo fieldData as JSON string, or 'array'
	pricePreviewEnvelope: 'flat', // price fields only; 'flatErrorCode' adds errorCode:""; 'wrapped' = {code,msg,data}
	// Shapes of the flat v2 task object where sources disagree (task-views.js v2Flat):
	// { outputType: 'extension'|'category', failedReason: 'object'|'string', taskIdField: 'taskId'|'task_id' }
	v2Shapes: { outputType: 'extension', failedReason: 'object', taskIdField: 'taskId' },
	uploadMaxBytes: 30 * MB, // v2 binary upload limit (1008 beyond)
	v1UploadMaxBytes: 30 * MB, // v1 upload limit (809 beyond)
	uploadKeepBytes: 64 * MB, // uploads up to this size are kept so download_url serves them
	personalQueueLimit: 1000, // 814 beyond
	downloadTtlSec: 24 * 3600,
	models: null,
	modelsOnly: false,
	modelsFile: null,
};

function normalizeOptions(options) {
	const o = { ...DEFAULTS, ...options };
	o.timing = { ...DEFAULTS.timing, ...(options.timing || {}) };
	o.webhook = { ...DEFAULTS.webhook, ...(options.webhook || {}) };
	o.v2Shapes = { ...DEFAULTS.v2Shapes, ...(options.v2Shapes || {}) };
	if (!['flat', 'flatErrorCode', 'wrapped'].includes(o.pricePreviewEnvelope)) throw new Error(`pricePreviewEnvelope must be 'flat', 'flatErrorCode' or 'wrapped', got ${o.pricePreviewEnvelope}`);
	if (o.site !== 'ai' && o.site !== 'cn') throw new Error(`site must be 'ai' or 'cn', got ${o.site}`);
	return o;
}

async function createEmulator(options = {}) {
	const opts = normalizeOptions(options);
	const timers = new Set();
	const state = {
		options: opts,
		site: opts.site,
		url: '',
		timing: { ...opts.timing },
		numericIds: !!opts.numericIds,
		secret: crypto.randomBytes(32),
		nextId: createIdGenerator(),
		accounts: createAccounts(opts.keys),
		faults: createFaults(opts.faults),
		counters: createCounters(),
		log: [],
		webhookLog: [],
		fixtures: createFixtures(),
		models: createModelCatalog(opts),
		uploads: new Map(),
		loras: new Map(),
		lastError: null,
		schedule(fn, ms) {
			const h = setTimeout(() => {
				timers.delete(h);
				try {
					fn();
				} catch (err) {
					state.lastError = err;
				}
			}, Math.max(0, Number(ms) || 0));
			h.unref();
			timers.add(h);
			return h;
		},
		unschedule(h) {
			if (!h) return;
			clearTimeout(h);
			timers.delete(h);
		},
		delay(ms) {
			return new Promise((resolve) => state.schedule(resolve, ms));
		},
	};
	state.fileStore = createFileStore(state);
	state.taskManager = createTaskManager(state);
	state.webhooks = createWebhooks(state);
	state.uploadApi = createUploads(state);
	state.v1 = createV1(state);
	state.v2 = createV2(state);

	const server = createServer(state);
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port, opts.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const addr = server.address();
	const host = addr.family === 'IPv6' || addr.family === 6 ? `[${addr.address}]` : addr.address;
	state.url = `http://${host}:${addr.port}`;

	// Cover images and Quick Create previews are served like outputs.
	function registerStaticFiles() {
		for (const id of state.fixtures.apps.keys()) state.fileStore.addGenerated(`static/covers/${id}.png`, 'png', 4096);
		for (const q of state.fixtures.quick.values()) {
			for (const s of q.styles) state.fileStore.addGenerated(`static/quick/${s.modelKey}.png`, 'png', 4096);
		}
	}
	registerStaticFiles();

	let closed = false;
	const emulator = {
		get url() {
			return state.url;
		},
		get port() {
			return addr.port;
		},
		get site() {
			return state.site;
		},
		get log() {
			return state.log;
		},
		get counters() {
			return state.counters;
		},
		get tasks() {
			return state.taskManager.tasks;
		},
		get webhookLog() {
			return state.webhookLog;
		},
		get uploads() {
			return state.uploads;
		},
		get loras() {
			return state.loras;
		},
		get faults() {
			return state.faults.snapshot();
		},
		get timing() {
			return { ...state.timing };
		},
		get numericIds() {
			return state.numericIds;
		},
		set numericIds(v) {
			state.numericIds = !!v;
		},
		get models() {
			return state.models.list();
		},
		keys: KEYS,
		server,
		setNumericIds(v) {
			state.numericIds = !!v;
		},
		setFaults(partial) {
			state.faults.set(partial);
		},
		clearFaults() {
			state.faults.clear();
		},
		setTiming(t = {}) {
			for (const k of ['queuedMs', 'runningMs']) if (Number.isFinite(Number(t[k])) && t[k] !== null && t[k] !== undefined) state.timing[k] = Number(t[k]);
		},
		setConcurrency(key, n) {
			if (typeof key !== 'string' || !key) throw new Error('setConcurrency: key required');
			const value = Number(n);
			if (!Number.isInteger(value) || value < 0) throw new Error('setConcurrency: concurrency must be an integer >= 0');
			const account = state.accounts.get(key) || { type: 'NORMAL', coins: '99999', money: null, currency: null };
			account.concurrency = value;
			state.accounts.set(key, account);
			state.taskManager.promote(key);
		},
		/** Account info of a key ({ type, concurrency, coins, money, currency }). */
		account(key) {
			const a = state.accounts.get(key);
			return a ? { ...a } : null;
		},
		/** Resolves when `taskId` reaches a terminal state (SUCCESS, FAILED, CANCEL). */
		waitForTask(taskId, timeoutMs = 10000) {
			const started = Date.now();
			return new Promise((resolve, reject) => {
				const check = () => {
					const t = state.taskManager.tasks.get(String(taskId));
					if (t && state.taskManager.isTerminal(t)) return resolve(t);
					if (closed || Date.now() - started > timeoutMs) return reject(new Error(`task ${taskId} not finished after ${timeoutMs} ms`));
					state.schedule(check, 10);
				};
				check();
			});
		},
		reset() {
			state.log.length = 0;
			state.webhookLog.length = 0;
			resetCounters(state.counters);
			state.taskManager.reset();
			state.webhooks.reset();
			state.uploads.clear();
			state.loras.clear();
			state.fileStore.files.clear();
			registerStaticFiles();
		},
		async close() {
			if (closed) return;
			closed = true;
			state.webhooks.close();
			for (const h of timers) clearTimeout(h);
			timers.clear();
			const done = new Promise((resolve) => server.close(() => resolve()));
			server.closeAllConnections();
			await done;
		},
	};
	state.emulator = emulator;
	return emulator;
}

module.exports = {
	createEmulator,
	KEYS,
	WORKFLOWS,
	WORKFLOW_PASSWORD,
	APPS,
	QUICK,
	FAULT_NAMES,
	BUILTIN_MODELS,
	DEFAULTS,
};
