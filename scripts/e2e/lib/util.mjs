// Small helpers shared by `npm start` (scripts/start.mjs) and the e2e suite (test/e2e/run.mjs).
// Plain Node ESM, no dependencies: these files are not part of the published package.
import net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

export const sleep = (ms) => delay(ms);

const t0 = Date.now();
export const elapsed = () => ((Date.now() - t0) / 1000).toFixed(1);

/** Timestamped logger: `[tag +12.3s] message`. */
export function makeLogger(tag) {
	const log = (...args) => console.log(`[${tag} +${elapsed()}s]`, ...args);
	log.warn = (...args) => console.warn(`[${tag} +${elapsed()}s] WARN`, ...args);
	return log;
}

/** Seconds since `start` (a Date.now() value), one decimal. */
export const secondsSince = (start) => Math.round((Date.now() - start) / 100) / 10;

/** A free TCP port on 127.0.0.1 (or `preferred` when it is free). */
export async function freePort(preferred) {
	if (preferred) {
		const ok = await new Promise((resolve) => {
			const srv = net.createServer();
			srv.once('error', () => resolve(false));
			srv.listen(preferred, '127.0.0.1', () => srv.close(() => resolve(true)));
		});
		if (ok) return preferred;
	}
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/** Poll `fn` until it returns a truthy value; throws `message` after `timeoutMs`. */
export async function waitFor(fn, { timeoutMs = 30000, intervalMs = 200, message = 'condition' } = {}) {
	const start = Date.now();
	let lastError;
	for (;;) {
		try {
			const value = await fn();
			if (value) return value;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() - start > timeoutMs) {
			throw new Error(`Timed out after ${timeoutMs} ms waiting for ${message}${lastError ? ` (last error: ${lastError.message})` : ''}`);
		}
		await sleep(intervalMs);
	}
}

/** fetch() with a timeout; returns { status, headers, text, json }. */
export async function http(url, { method = 'GET', headers = {}, body, timeoutMs = 30000 } = {}) {
	const init = { method, headers: { ...headers }, signal: AbortSignal.timeout(timeoutMs) };
	if (body !== undefined) {
		init.body = typeof body === 'string' ? body : JSON.stringify(body);
		if (!Object.keys(init.headers).some((h) => h.toLowerCase() === 'content-type')) init.headers['content-type'] = 'application/json';
	}
	const res = await fetch(url, init);
	const text = await res.text();
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, text, json };
}

/** Format a table of rows (arrays of strings) with a header row. */
export function table(header, rows) {
	const all = [header, ...rows].map((r) => r.map((c) => String(c ?? '')));
	const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
	const line = (r) => r.map((c, i) => c.padEnd(widths[i])).join(' | ').trimEnd();
	return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('-|-'), ...all.slice(1).map(line)].join('\n');
}
