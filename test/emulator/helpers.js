'use strict';
// Shared helpers for the emulator contract tests (not a test file itself).

const http = require('http');
const { createEmulator, KEYS } = require('./index');

const FAST = { queuedMs: 50, runningMs: 100 };
const FAST_WEBHOOK = { timeoutMs: 300, retries: 2, retryDelayMs: 20 };

function startEmulator(options = {}) {
	return createEmulator({ timing: FAST, webhook: FAST_WEBHOOK, ...options });
}

async function parse(res) {
	const text = await res.text();
	let json = null;
	try {
		json = JSON.parse(text);
	} catch {
		json = null;
	}
	return { status: res.status, headers: res.headers, text, json };
}

/** POST JSON; `key` adds a Bearer header. */
async function postJson(emu, path, body, { key, headers = {}, raw } = {}) {
	const h = { 'Content-Type': 'application/json', ...headers };
	if (key) h.Authorization = `Bearer ${key}`;
	const res = await fetch(emu.url + path, { method: 'POST', headers: h, body: raw !== undefined ? raw : JSON.stringify(body) });
	return parse(res);
}

async function get(emu, path, { key, headers = {} } = {}) {
	const h = { ...headers };
	if (key) h.Authorization = `Bearer ${key}`;
	return parse(await fetch(emu.url + path, { headers: h }));
}

/** Shorthands for the two API generations. */
const v1 = (emu, path, body) => postJson(emu, path, body);
const v2 = (emu, path, body, key = KEYS.shared) => postJson(emu, path, body, { key });

async function waitFor(pred, timeoutMs = 3000, intervalMs = 10) {
	const started = Date.now();
	for (;;) {
		const v = await pred();
		if (v) return v;
		if (Date.now() - started > timeoutMs) throw new Error('waitFor: timed out');
		await new Promise((r) => setTimeout(r, intervalMs));
	}
}

/** Poll v2 query until a terminal status; returns the last flat object. */
async function pollV2(emu, taskId, key, timeoutMs = 3000) {
	let last;
	await waitFor(async () => {
		last = (await v2(emu, '/openapi/v2/query', { taskId }, key)).json;
		return ['SUCCESS', 'FAILED', 'CANCEL'].includes(last.status);
	}, timeoutMs, 20);
	return last;
}

/**
 * Local webhook receiver. `handler(req, body, res)` may answer itself; by default it
 * replies 200 "ok". Every request is recorded in `requests` ({ headers, body, text }).
 */
async function startReceiver(handler) {
	const requests = [];
	const sockets = new Set();
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			let body = null;
			try {
				body = JSON.parse(text);
			} catch {
				body = null;
			}
			const entry = { headers: req.headers, text, body, time: Date.now() };
			requests.push(entry);
			if (handler) handler(req, entry, res);
			else res.end('ok');
		});
	});
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	return {
		url: `http://127.0.0.1:${server.address().port}/hook`,
		requests,
		close: () => new Promise((r) => {
			for (const s of sockets) s.destroy();
			server.close(() => r());
		}),
	};
}

/** Build a multipart/form-data body by hand (so tests control every byte). */
function multipart(parts, boundary = `----emu${Date.now().toString(16)}`) {
	const chunks = [];
	for (const p of parts) {
		let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
		if (p.filename !== undefined) head += `; filename="${p.filename}"\r\nContent-Type: ${p.type || 'application/octet-stream'}`;
		chunks.push(Buffer.from(`${head}\r\n\r\n`), Buffer.isBuffer(p.value) ? p.value : Buffer.from(String(p.value)), Buffer.from('\r\n'));
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function postMultipart(emu, path, parts, { key } = {}) {
	const { body, contentType } = multipart(parts);
	const headers = { 'Content-Type': contentType };
	if (key) headers.Authorization = `Bearer ${key}`;
	return parse(await fetch(emu.url + path, { method: 'POST', headers, body }));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

module.exports = { FAST, startEmulator, postJson, get, v1, v2, waitFor, pollV2, startReceiver, multipart, postMultipart, sleep, parse };
