'use strict';
// Fault injection. Each fault has a remaining `count` that is consumed when it fires
// (count < 0 = unlimited). Request-level faults carry a `match`:
//   'submit'   every create/run/model submit endpoint
//   'poll'     /openapi/v2/query, /task/openapi/status, /task/openapi/outputs
//   'upload'   both upload endpoints + the LoRA PUT
//   'download' /__files/*
//   'account'  /uc/openapi/accountStatus, /openapi/v2/queue/status
//   'any'      every API request (never /__emulator/*)
//   otherwise  a substring of the request path
//
// Shapes (defaults in brackets):
//   http5xx           { match ['any'], count [1], status [500] }
//   reset             { match ['any'], count [1], when ['before'] }
//   slow              { match ['any'], count [1], delayMs [2000] }
//   html              { match ['any'], count [1], status [502] }
//   capacity          { count [1], code [421] }   (next N creates rejected)
//   failTasks         { count [1] }               (next N created tasks fail)
//   emptySuccess      { count [1] }               (next N tasks succeed without results)
//   v2EmptyResults    { count [1] }               (next N tasks succeed with their files in the v1
//                                                  outputs but none in the v2 query: the case a
//                                                  third-party client answers by asking v1 outputs)
//   duplicateWebhooks { count [1] }               (next N callbacks are delivered twice)
//   expiredDownloads  { count [1] }               (next N downloads get 403 expired)
// Shorthands: a number means { count: n }, true means { count: 1 }, null/false clears.
//
// Time-bounded form (any fault): `durationMs` (from when the fault is set) or `untilMs`
// (epoch ms) ends the fault at that time, e.g. { match: 'poll', status: 503, durationMs: 30000 }
// answers every status check with 503 for 30 s: an outage, not a number of failed requests.
// Without an explicit `count` such a fault is unlimited until then; with one it ends at
// whichever comes first. The snapshot shows the end as `untilMs`.

const FAULT_DEFAULTS = {
	http5xx: { match: 'any', count: 1, status: 500 },
	reset: { match: 'any', count: 1, when: 'before' },
	slow: { match: 'any', count: 1, delayMs: 2000 },
	html: { match: 'any', count: 1, status: 502 },
	capacity: { count: 1, code: 421 },
	failTasks: { count: 1 },
	emptySuccess: { count: 1 },
	v2EmptyResults: { count: 1 },
	duplicateWebhooks: { count: 1 },
	expiredDownloads: { count: 1 },
};

const FAULT_NAMES = Object.keys(FAULT_DEFAULTS);
const CATEGORIES = ['submit', 'poll', 'upload', 'download', 'account', 'any'];

function timeLimit(name, cfg, now) {
	for (const field of ['durationMs', 'untilMs']) {
		if (cfg[field] === undefined) continue;
		const n = Number(cfg[field]);
		if (cfg[field] === null || cfg[field] === '' || !Number.isFinite(n) || (field === 'durationMs' && n < 0)) {
			throw new Error(`fault ${name}: ${field} must be a ${field === 'durationMs' ? 'non-negative ' : ''}number of milliseconds, got ${JSON.stringify(cfg[field])}`);
		}
	}
	if (cfg.durationMs !== undefined && cfg.untilMs !== undefined) throw new Error(`fault ${name}: give durationMs or untilMs, not both`);
	if (cfg.durationMs !== undefined) return now + Number(cfg.durationMs);
	if (cfg.untilMs !== undefined) return Number(cfg.untilMs);
	return undefined;
}

function normalizeFault(name, value, now = Date.now()) {
	if (value === null || value === undefined || value === false) return null;
	let cfg;
	if (value === true) cfg = {};
	else if (typeof value === 'number') cfg = { count: value };
	else if (typeof value === 'object') cfg = { ...value };
	else throw new Error(`fault ${name}: unsupported value ${JSON.stringify(value)}`);
	const untilMs = timeLimit(name, cfg, now);
	const out = { ...FAULT_DEFAULTS[name], ...(untilMs !== undefined ? { count: -1 } : {}), ...cfg };
	delete out.durationMs;
	delete out.untilMs;
	out.count = Number(out.count);
	if (!Number.isFinite(out.count)) out.count = -1;
	if (out.count === 0) return null;
	if (untilMs !== undefined) {
		if (untilMs <= now) return null;
		out.untilMs = untilMs;
	}
	return out;
}

function createFaults(initial) {
	let active = {};

	function set(partial) {
		for (const [name, value] of Object.entries(partial || {})) {
			if (!FAULT_DEFAULTS[name]) throw new Error(`unknown fault "${name}" (known: ${FAULT_NAMES.join(', ')})`);
			const f = normalizeFault(name, value);
			if (f) active[name] = f;
			else delete active[name];
		}
	}

	function clear() {
		active = {};
	}

	/** The active fault `name`, dropping it once its time is up. */
	function current(name) {
		const f = active[name];
		if (f && f.untilMs !== undefined && Date.now() >= f.untilMs) {
			delete active[name];
			return undefined;
		}
		return f;
	}

	function consume(name) {
		const f = active[name];
		if (f.count > 0 && --f.count === 0) delete active[name];
		return f;
	}

	function matches(f, categories, path) {
		const m = f.match || 'any';
		if (m === 'any') return true;
		if (CATEGORIES.includes(m)) return categories.includes(m);
		return path.includes(m);
	}

	/** Consume and return the fault when active (and matching the request), else null. */
	function take(name, categories, path) {
		const f = current(name);
		if (!f) return null;
		if (categories && !matches(f, categories, path)) return null;
		return { ...consume(name) };
	}

	/** Like take, but only when `pred(fault)` holds (e.g. reset with when=after). */
	function takeIf(name, categories, path, pred) {
		const f = current(name);
		if (!f || !pred(f) || !matches(f, categories, path)) return null;
		return { ...consume(name) };
	}

	function snapshot() {
		for (const name of Object.keys(active)) current(name);
		return JSON.parse(JSON.stringify(active));
	}

	set(initial);
	return { set, clear, take, takeIf, snapshot };
}

module.exports = { createFaults, FAULT_NAMES, FAULT_DEFAULTS };
