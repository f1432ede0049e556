'use strict';
// Turns what the live suite recorded into fixtures that can be committed: the shape of every
// RunningHub answer stays (field names, JSON types, ids as strings or bare numbers, JSON text
// inside strings, URL hosts and file extensions), the values that identify an account or
// carry secrets do not. The rules, applied to request and response bodies alike:
//
//   1. The API key disappears: every occurrence becomes "REDACTED", as does any value under a
//      secret-like key (apiKey, apikey, userApiKey, key, token, password, accessPassword, …).
//   2. Ids (15–20 digits, as a string or a bare number, also inside text) become other ids of
//      the same length and the same JSON type, the same id always the same replacement.
//   3. URLs keep scheme, host and the last path segment's extension; the other path segments
//      become "p1", "p2" …, query values become "x" (signatures go).
//   4. Hex runs of 16+ characters with a letter (file hashes) become zeros of the same length.
//   5. JSON text inside a string (eventData, fieldData, promptTips, workflow JSON) is
//      sanitised by the same rules and stays a string.
//   6. Free text becomes "text": every string except those under protocol keys (code, msg,
//      status, errorCode, fieldType, class_type, …), upper-case words (SUCCESS, COMBO),
//      numbers in strings, "true"/"false" and "".
//   7. Account figures (remainCoins, remainMoney, currentTaskCounts, quota…) keep their
//      format with every digit replaced by 1.
//
// Plain JS with a small lossless JSON reader, so that bare 19-digit numbers keep their digits.

const SECRET_KEYS = new Set(['apikey', 'userapikey', 'key', 'token', 'password', 'accesspassword', 'authorization', 'secret', 'rhtoken', 'signature']);
const PROTOCOL_KEYS = new Set([
	'code',
	'msg',
	'message',
	'status',
	'taskstatus',
	'errorcode',
	'errormessage',
	'errormessages',
	'currency',
	'apitype',
	'apikeytype',
	'type',
	'filetype',
	'outputtype',
	'class_type',
	'fieldtype',
	'fieldname',
	'nodeid',
	'nodename',
	'callbackstatus',
	'event',
	'instancetype',
	'exception_type',
	'storagetype',
	'resourcetype',
	'mimetype',
]);
const ACCOUNT_KEYS = new Set(['remaincoins', 'remainmoney', 'currenttaskcounts', 'quotalimit', 'quotaused', 'balance']);
const ID = /(^|[^0-9])([0-9]{15,20})(?![0-9])/g;
const HEX = /[0-9a-f]{16,}/gi;
const URL_START = /^https?:\/\//i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** A JSON number as it was written, so that 19-digit ids keep every digit. */
class JsonNumber {
	constructor(raw) {
		this.raw = raw;
	}
}

function parseLossless(text) {
	let i = 0;
	const fail = (what) => {
		throw new SyntaxError(`${what} at position ${i}`);
	};
	const ws = () => {
		while (i < text.length && /\s/.test(text[i])) i++;
	};
	function value() {
		ws();
		const c = text[i];
		if (c === '{') {
			i++;
			const out = {};
			ws();
			if (text[i] === '}') return i++, out;
			for (;;) {
				ws();
				if (text[i] !== '"') fail('expected a key');
				const k = string();
				ws();
				if (text[i++] !== ':') fail('expected ":"');
				out[k] = value();
				ws();
				if (text[i] === ',') i++;
				else if (text[i] === '}') return i++, out;
				else fail('expected "," or "}"');
			}
		}
		if (c === '[') {
			i++;
			const out = [];
			ws();
			if (text[i] === ']') return i++, out;
			for (;;) {
				out.push(value());
				ws();
				if (text[i] === ',') i++;
				else if (text[i] === ']') return i++, out;
				else fail('expected "," or "]"');
			}
		}
		if (c === '"') return string();
		const literal = /^(true|false|null|-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?)/.exec(text.slice(i, i + 400));
		if (!literal) fail('unexpected character');
		i += literal[0].length;
		if (literal[0] === 'true') return true;
		if (literal[0] === 'false') return false;
		if (literal[0] === 'null') return null;
		return new JsonNumber(literal[0]);
	}
	function string() {
		const start = i;
		i++;
		while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
		if (i >= text.length) fail('unterminated string');
		i++;
		return JSON.parse(text.slice(start, i));
	}
	const out = value();
	ws();
	if (i !== text.length) fail('trailing characters');
	return out;
}

/** JSON text with JsonNumbers written as they were; `indent` '' writes it on one line. */
function stringifyLossless(value, indent = '\t', depth = 0) {
	if (value instanceof JsonNumber) return value.raw;
	if (value === null || typeof value !== 'object') return JSON.stringify(value);
	const entries = Array.isArray(value) ? value.map((v) => [undefined, v]) : Object.entries(value);
	const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
	if (!entries.length) return `${open}${close}`;
	const items = entries.map(([k, v]) => `${k === undefined ? '' : `${JSON.stringify(k)}:${indent ? ' ' : ''}`}${stringifyLossless(v, indent, depth + 1)}`);
	if (!indent) return `${open}${items.join(',')}${close}`;
	const pad = indent.repeat(depth + 1);
	return `${open}\n${items.map((item) => pad + item).join(',\n')}\n${indent.repeat(depth)}${close}`;
}

function tryParse(text) {
	if (typeof text !== 'string' || !/^\s*[[{]/.test(text)) return undefined;
	try {
		return { value: parseLossless(text) };
	} catch {
		return undefined;
	}
}

/** One sanitiser per recording: the id mapping is shared by all its fixtures. */
function createSanitizer({ apiKey }) {
	const ids = new Map();
	const key = String(apiKey || '');

	function mapId(digits) {
		let mapped = ids.get(digits);
		if (!mapped) {
			const n = String(ids.size + 1);
			mapped = `1${'0'.repeat(Math.max(0, digits.length - 1 - n.length))}${n}`.slice(-digits.length);
			ids.set(digits, mapped);
		}
		return mapped;
	}

	function scrubText(text) {
		let out = key ? text.split(key).join('REDACTED') : text;
		out = out.replace(ID, (_m, before, digits) => `${before}${mapId(digits)}`);
		out = out.replace(HEX, (run) => (/^[0-9]+$/.test(run) ? run : '0'.repeat(run.length)));
		return out.replace(EMAIL, 'user@example.com');
	}

	function url(text) {
		let u;
		try {
			u = new URL(text);
		} catch {
			return 'text';
		}
		const segments = u.pathname.split('/').filter(Boolean);
		const last = segments.length ? segments[segments.length - 1] : '';
		const ext = /\.([A-Za-z0-9]{1,5})$/.exec(last);
		const pathOut = segments.map((_s, i) => (i === segments.length - 1 ? `file${ext ? `.${ext[1]}` : ''}` : `p${i + 1}`));
		const query = [...u.searchParams.keys()].map((k) => `${encodeURIComponent(k)}=x`).join('&');
		return `${u.protocol}//${u.host}/${pathOut.join('/')}${query ? `?${query}` : ''}`;
	}

	function account(text) {
		return text.replace(/[0-9]/g, '1');
	}

	function str(value, k) {
		const lower = String(k || '').toLowerCase();
		if (value === '') return value;
		if (SECRET_KEYS.has(lower) || (key && value === key)) return 'REDACTED';
		const nested = tryParse(value);
		if (nested) return stringifyLossless(walk(nested.value, k), '');
		if (URL_START.test(value.trim())) return url(value.trim());
		if (ACCOUNT_KEYS.has(lower)) return account(value);
		if (/^-?[0-9]+(\.[0-9]+)?$/.test(value)) return /^[0-9]{15,20}$/.test(value) ? mapId(value) : value;
		if (value === 'true' || value === 'false') return value;
		// Upper-case words are protocol vocabulary (SUCCESS, COMBO, IMAGE, APIKEY_TASK_IS_RUNNING).
		if (/^[A-Z][A-Z0-9_]{1,40}$/.test(value)) return value;
		if (PROTOCOL_KEYS.has(lower)) return scrubText(value);
		// Paths such as "api/<hash>.png" keep their shape (prefix, extension) without the hash.
		if (/^[A-Za-z0-9_-]+\/[A-Za-z0-9_./-]+$/.test(value) && /[0-9a-f]{16,}/i.test(value)) return scrubText(value);
		return 'text';
	}

	function walk(value, k) {
		if (value instanceof JsonNumber) {
			const lower = String(k || '').toLowerCase();
			if (SECRET_KEYS.has(lower)) return 'REDACTED';
			if (/^[0-9]{15,20}$/.test(value.raw)) return new JsonNumber(mapId(value.raw));
			if (ACCOUNT_KEYS.has(lower)) return new JsonNumber(account(value.raw));
			return value;
		}
		if (typeof value === 'string') return str(value, k);
		if (Array.isArray(value)) return value.map((v) => walk(v, k));
		if (value && typeof value === 'object') {
			const out = {};
			for (const [name, v] of Object.entries(value)) out[name] = walk(v, name);
			return out;
		}
		return value;
	}

	/** A query string or object → sanitised object (values by the same rules). */
	function query(q) {
		const out = {};
		for (const [name, v] of Object.entries(q || {})) out[name] = str(String(v), name);
		return out;
	}

	/** A recorded request, sanitised: JSON bodies by the rules above, uploads only described. */
	function request(rec) {
		const out = { method: rec.method, path: scrubText(rec.path) };
		if (rec.query && Object.keys(rec.query).length) out.query = query(rec.query);
		const parsed = tryParse(rec.requestBody);
		if (parsed) out.body = walk(parsed.value);
		if (rec.requestForm) out.form = rec.requestForm;
		return out;
	}

	return { request, walk, text: scrubText, url };
}

/** What RunningHub answered, in the fixture kinds of test/fixtures/runninghub/README.md. */
function kindOf(rec, body) {
	const p = rec.path;
	const has = (k) => body && typeof body === 'object' && !Array.isArray(body) && k in body;
	const code = has('code') ? Number(body.code instanceof JsonNumber ? body.code.raw : body.code) : undefined;
	if (p.startsWith('/openapi/v2/')) {
		if (p.startsWith('/openapi/v2/price-preview/') && has('estimatedPrice')) return 'v2.pricePreview';
		if (has('taskId') || has('status') || has('errorCode')) return 'v2.task';
		if (code !== undefined && code !== 0) return 'v2.error';
		if (p === '/openapi/v2/media/upload/binary') return 'v2.upload';
		if (p === '/openapi/v2/queue/status') return 'v2.queueStatus';
		return undefined;
	}
	if (code === undefined) return undefined;
	if (p === '/task/openapi/outputs') return 'v1.outputs';
	if (code !== 0) return 'v1.error';
	const byPath = {
		'/task/openapi/create': 'v1.create',
		'/task/openapi/ai-app/run': 'v1.create',
		'/task/openapi/quick-ai-app/run': 'v1.create',
		'/task/openapi/status': 'v1.status',
		'/task/openapi/cancel': 'v1.cancel',
		'/task/openapi/upload': 'v1.upload',
		'/task/openapi/getWebhookDetail': 'v1.webhookDetail',
		'/task/openapi/retryWebhook': 'v1.retryWebhook',
		'/uc/openapi/accountStatus': 'v1.accountStatus',
		'/api/webapp/apiCallDemo': 'v1.apiCallDemo',
		'/api/openapi/getJsonApiFormat': 'v1.workflowJson',
	};
	return byPath[p];
}

/** Whether the text holds a bare integer a double cannot keep (JSON.parse would change it). */
function hasUnsafeNumber(value) {
	if (value instanceof JsonNumber) return /^-?[0-9]+$/.test(value.raw) && !Number.isSafeInteger(Number(value.raw));
	if (Array.isArray(value)) return value.some(hasUnsafeNumber);
	if (value && typeof value === 'object') return Object.values(value).some(hasUnsafeNumber);
	return false;
}

/** The fixture file name for a recorded request: live-<path slug>[-n].json. */
function fixtureName(rec, taken) {
	const slug = `live-${rec.path.replace(/^\/+/, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '')}`.toLowerCase();
	let name = `${slug}.json`;
	for (let n = 2; taken.has(name); n++) name = `${slug}-${n}.json`;
	taken.add(name);
	return name;
}

/**
 * Sanitised fixtures for a list of recorded exchanges, in this repository's fixture format
 * (test/fixtures/runninghub/README.md: `_source`, `kind`, `endpoint`, `response` or, where
 * JSON.parse would change a bare 19-digit id, the exact `responseText`; `httpStatus` when not
 * 200), plus the sanitised `recordedRequest`. No `expect`: the meaning of a live answer is what
 * the tests learn from it (its shape), not a claim of ours. Answers that are not JSON, or not
 * one of the known kinds, are left out and listed in `skipped`. → { fixtures: [{ name, text }], skipped }
 */
function fixturesFrom(records, { apiKey, origin, date = new Date() }) {
	const sanitizer = createSanitizer({ apiKey });
	const taken = new Set();
	const day = date.toISOString().slice(0, 10);
	let host = 'RunningHub';
	try {
		host = new URL(origin).host;
	} catch {
		// keep the generic name
	}
	const source = `Recorded from ${host} by "npm run test:live -- --record" on ${day}; sanitised by test/live/sanitize.js (ids, URLs, free text and account figures replaced by values of the same shape; no key).`;
	const fixtures = [];
	const skipped = [];
	for (const rec of records) {
		const parsed = tryParse(rec.responseBody);
		const kind = parsed && kindOf(rec, parsed.value);
		if (!kind) {
			skipped.push(`${rec.method} ${rec.path} (HTTP ${rec.status}${parsed ? ', unknown kind' : ', not JSON'})`);
			continue;
		}
		const body = sanitizer.walk(parsed.value);
		const fixture = { _source: source, kind, endpoint: `${rec.method} ${rec.path}` };
		if (rec.status !== 200) fixture.httpStatus = rec.status;
		const recordedRequest = sanitizer.request(rec);
		if (kind === 'v1.outputs' && recordedRequest.body && recordedRequest.body.taskId !== undefined) {
			const id = recordedRequest.body.taskId;
			fixture.taskId = id instanceof JsonNumber ? id.raw : String(id);
		}
		if (hasUnsafeNumber(body)) fixture.responseText = stringifyLossless(body, '');
		else fixture.response = body;
		fixture.recordedRequest = recordedRequest;
		fixtures.push({ name: fixtureName(rec, taken), text: `${stringifyLossless(fixture)}\n` });
	}
	return { fixtures, skipped };
}

module.exports = { createSanitizer, fixturesFrom, fixtureName, kindOf, parseLossless, stringifyLossless, JsonNumber };
