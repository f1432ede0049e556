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
//   duplicateWebhooks { count [1] }               (next N callbacks are delivered twice)
//   expiredDownloads  { count [1] }               (next N downloads get 403 expired)
// Shorthands: a number means { count: n }, true means { count: 1 }, null/false clears.

const FAULT_DEFAULTS = {
	http5xx: { match: 'any', count: 1, status: 500 },
	reset: { match: 'any', count: 1, when: 'before' },
	slow: { match: 'any', count: 1, delayMs: 2000 },
	html: { match: 'any', count: 1, status: 502 },
	capacity: { count: 1, code: 421 },
	failTasks: { count: 1 },
	emptySuccess: { count: 1 },
	duplicateWebhooks: { count: 1 },
	expiredDownloads: { count: 1 },
};

const FAULT_NAMES = Object.keys(FAULT_DEFAULTS);
const CATEGORIES = ['submit', 'poll', 'upload', 'download', 'account', 'any'];

function normalizeFault(name, value) {
	if (value === null || value === undefined || value === false) return null;
	let cfg;
	if (value === true) cfg = {};
	else if (typeof value === 'number') cfg = { count: value };
	else if (typeof value === 'object') cfg = { ...value };
	else throw new Error(`fault ${name}: unsupported value ${JSON.stringify(value)}`);
	const out = { ...FAULT_DEFAULTS[name], ...cfg };
	out.count = Number(out.count);
	if (!Number.isFinite(out.count)) out.count = -1;
	if (out.count === 0) return null;
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
		const f = active[name];
		if (!f) return null;
		if (categories && !matches(f, categories, path)) return null;
		return { ...consume(name) };
	}

	/** Like take, but only when `pred(fault)` holds (e.g. reset with when=after). */
	function takeIf(name, categories, path, pred) {
		const f = active[name];
		if (!f || !pred(f) || !matches(f, categories, path)) return null;
		return { ...consume(name) };
	}

	function snapshot() {
		return JSON.parse(JSON.stringify(active));
	}

	set(initial);
	return { set, clear, take, takeIf, snapshot };
}

module.exports = { createFaults, FAULT_NAMES, FAULT_DEFAULTS };
