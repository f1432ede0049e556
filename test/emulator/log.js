'use strict';
// Request log and counters: what tests assert on ("the client never sent more than N
// concurrent tasks", "the download carried no Authorization header", …).

function createCounters() {
	return {
		createsByKey: {},
		runningByKey: {},
		maxConcurrentRunningByKey: {},
		maxConcurrentRunning: 0,
		rejected421: 0,
		rejected415: 0,
		downloads: 0,
		downloadBytes: 0,
		uploads: 0,
		webhookDeliveries: 0,
		webhookAttempts: 0,
		polls: 0,
	};
}

/** Reset counters in place so references held by tests stay valid. */
function resetCounters(counters) {
	const fresh = createCounters();
	for (const k of Object.keys(counters)) delete counters[k];
	Object.assign(counters, fresh);
}

function startEntry(ctx) {
	return {
		time: new Date().toISOString(),
		method: ctx.method,
		path: ctx.path,
		query: ctx.query,
		headers: { ...ctx.headers },
		body: null,
		status: null,
	};
}

module.exports = { createCounters, resetCounters, startEntry };
