'use strict';
// Webhook callbacks (API.md §9). On task end the platform POSTs
//   {"event":"TASK_END","taskId":"…","eventData":"<outputs response as a JSON string>"}
// and retries when the receiver does not answer 2xx within `webhook.timeoutMs` — the
// receiver may well have processed the timed-out attempt, which is how duplicates arise.
// Cancelled tasks send no callback (the client cancelled them itself).

const http = require('http');
const https = require('https');
const { maskKey } = require('./keys');
const { webhookEventData } = require('./task-views');
const { stringifyWithNumericIds } = require('./json');

const RESPONSE_LIMIT = 2048;

function formatTime(ms) {
	const d = new Date(ms);
	const p = (n) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

function createWebhooks(state) {
	const records = new Map(); // webhook id → record
	const byTask = new Map(); // taskId → record
	const inflight = new Set();
	let generation = 0; // bumped by reset/close so running series stop

	const cfg = () => state.options.webhook;

	function post(url, body) {
		return new Promise((resolve) => {
			let u;
			try {
				u = new URL(url);
			} catch {
				resolve({ error: `Invalid webhook URL: ${url}` });
				return;
			}
			const mod = u.protocol === 'https:' ? https : u.protocol === 'http:' ? http : null;
			if (!mod) {
				resolve({ error: `Unsupported protocol ${u.protocol}` });
				return;
			}
			let settled = false;
			const req = mod.request(u, {
				method: 'POST',
				agent: false,
				headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'User-Agent': 'RunningHub-Webhook/emulator' },
			});
			const done = (r) => {
				if (settled) return;
				settled = true;
				state.unschedule(timer);
				inflight.delete(req);
				resolve(r);
			};
			const timer = state.schedule(() => {
				req.destroy(new Error(`Read timed out after ${cfg().timeoutMs} ms`));
			}, cfg().timeoutMs);
			inflight.add(req);
			req.on('response', (res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (c) => {
					if (text.length < RESPONSE_LIMIT) text += c;
				});
				res.on('end', () => done({ status: res.statusCode, body: text.slice(0, RESPONSE_LIMIT) }));
				res.on('error', (err) => done({ error: err.message }));
			});
			req.on('error', (err) => done({ error: err.message }));
			req.end(body);
		});
	}

	function payloadOf(rec) {
		const payload = { event: 'TASK_END', taskId: rec.taskId, eventData: rec.eventData };
		return stringifyWithNumericIds(payload, state.numericIds ? ['taskId'] : null);
	}

	async function attempt(rec, url, n) {
		const gen = generation;
		const started = Date.now();
		state.counters.webhookAttempts++;
		const r = await post(url, payloadOf(rec));
		const ok = r.status >= 200 && r.status < 300;
		if (gen !== generation) return { ok, ...r };
		if (ok) state.counters.webhookDeliveries++;
		const logEntry = { taskId: rec.taskId, webhookId: rec.id, url, attempt: n, durationMs: Date.now() - started, time: new Date().toISOString() };
		if (r.error) logEntry.error = r.error;
		else logEntry.status = r.status;
		state.webhookLog.push(logEntry);
		return { ok, ...r };
	}

	async function deliverSeries(rec, duplicate) {
		const gen = generation;
		const max = 1 + Math.max(0, cfg().retries);
		let delivered = false;
		for (let n = 1; n <= max && gen === generation; n++) {
			const r = await attempt(rec, rec.webhookUrl, n);
			if (gen !== generation) return;
			rec.visible = true;
			rec.callbackStatus = r.ok ? 'SUCCESS' : 'FAILED';
			rec.callbackResponse = r.error ? r.error : r.body || (r.ok ? '' : `HTTP ${r.status}`);
			rec.updateTime = Date.now();
			if (r.ok) {
				delivered = true;
				break;
			}
			if (n < max) {
				rec.retryCount++;
				await state.delay(cfg().retryDelayMs);
			}
		}
		if (delivered && duplicate && gen === generation) await attempt(rec, rec.webhookUrl, 2);
	}

	function start(rec, duplicate) {
		deliverSeries(rec, duplicate).catch(() => {});
	}

	function taskEnded(task) {
		if (!task.webhookUrl || task.status === 'CANCEL') return;
		const now = Date.now();
		const rec = {
			id: state.nextId(),
			key: task.key,
			taskId: task.taskId,
			webhookUrl: task.webhookUrl,
			eventData: webhookEventData(task),
			callbackStatus: 'FAILED',
			callbackResponse: '',
			retryCount: 0,
			createTime: now,
			updateTime: now,
			visible: false,
		};
		records.set(rec.id, rec);
		byTask.set(task.taskId, rec);
		start(rec, !!state.faults.take('duplicateWebhooks'));
	}

	/** getWebhookDetail view; null when there is no (finished first) delivery yet. */
	function detail(taskId, key) {
		const rec = byTask.get(String(taskId === undefined || taskId === null ? '' : taskId).trim());
		if (!rec || rec.key !== key || !rec.visible) return null;
		return {
			id: rec.id,
			userApiKey: maskKey(rec.key),
			taskId: rec.taskId,
			webhookUrl: rec.webhookUrl,
			eventData: rec.eventData,
			callbackStatus: rec.callbackStatus,
			callbackResponse: rec.callbackResponse,
			retryCount: rec.retryCount,
			createTime: formatTime(rec.createTime),
			updateTime: formatTime(rec.updateTime),
		};
	}

	/** Re-deliver event `id` (optionally to a new URL); false when unknown for this key. */
	function retry(id, key, url) {
		const rec = records.get(String(id === undefined || id === null ? '' : id).trim());
		if (!rec || rec.key !== key) return false;
		if (typeof url === 'string' && url.trim()) rec.webhookUrl = url.trim();
		start(rec, false);
		return true;
	}

	function abortAll() {
		generation++;
		for (const req of inflight) req.destroy();
		inflight.clear();
	}

	function reset() {
		abortAll();
		records.clear();
		byTask.clear();
	}

	return { taskEnded, detail, retry, reset, close: abortAll, records };
}

module.exports = { createWebhooks, formatTime };
