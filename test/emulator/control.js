'use strict';
// /__emulator/* control API, for tests and demos that drive the emulator over HTTP
// (another process, n8n e2e). Never logged, never subject to faults.
//   GET  /__emulator/health            → { ok: true }
//   GET  /__emulator/state             → { counters, faults, timing, numericIds, site, tasks }
//   GET  /__emulator/log               → request log
//   GET  /__emulator/webhooks          → webhook delivery log
//   POST /__emulator/faults   {…}      → set faults (partial; null clears one)
//   DELETE /__emulator/faults, POST /__emulator/faults/clear → clear all faults
//   POST /__emulator/reset             → clear log, counters, tasks, uploads, webhooks
//   POST /__emulator/timing   { queuedMs, runningMs }
//   POST /__emulator/concurrency { key, concurrency }
//   POST /__emulator/config   { numericIds?, timing?, faults?, concurrency?: {key: n} }

function readJson(req) {
	return new Promise((resolve) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			if (!text.trim()) return resolve({ body: {} });
			try {
				resolve({ body: JSON.parse(text) });
			} catch (err) {
				resolve({ error: err.message });
			}
		});
		req.on('error', (err) => resolve({ error: err.message }));
	});
}

function taskSummary(t) {
	return { taskId: t.taskId, key: t.key, kind: t.kind, status: t.status, createdAt: t.createdAt, webhookUrl: t.webhookUrl };
}

async function handleControl(state, ctx) {
	const emu = state.emulator;
	const ok = (data) => ctx.json(200, data);
	const bad = (message) => ctx.json(400, { error: message });
	const route = `${ctx.method} ${ctx.path.replace(/\/+$/, '')}`;
	let body = {};
	if (ctx.method === 'POST' || ctx.method === 'PUT' || ctx.method === 'DELETE') {
		const r = await readJson(ctx.req);
		if (r.error) return bad(`invalid JSON: ${r.error}`);
		body = r.body || {};
	}
	try {
		switch (route) {
			case 'GET /__emulator/health':
				return ok({ ok: true });
			case 'GET /__emulator/state':
				return ok({
					url: state.url,
					site: state.site,
					counters: state.counters,
					faults: state.faults.snapshot(),
					timing: state.timing,
					numericIds: state.numericIds,
					modelCatalog: state.models.source,
					tasks: [...state.taskManager.tasks.values()].map(taskSummary),
				});
			case 'GET /__emulator/log':
				return ok(state.log);
			case 'GET /__emulator/webhooks':
				return ok(state.webhookLog);
			case 'POST /__emulator/faults':
				emu.setFaults(body);
				return ok({ faults: state.faults.snapshot() });
			case 'DELETE /__emulator/faults':
			case 'POST /__emulator/faults/clear':
				emu.clearFaults();
				return ok({ faults: {} });
			case 'POST /__emulator/reset':
				emu.reset();
				return ok({ ok: true });
			case 'POST /__emulator/timing':
				emu.setTiming(body);
				return ok({ timing: state.timing });
			case 'POST /__emulator/concurrency':
				emu.setConcurrency(body.key, body.concurrency);
				return ok({ key: body.key, concurrency: state.accounts.get(body.key).concurrency });
			case 'POST /__emulator/config':
				if (body.numericIds !== undefined) emu.numericIds = !!body.numericIds;
				if (body.timing) emu.setTiming(body.timing);
				if (body.faults) emu.setFaults(body.faults);
				for (const [key, n] of Object.entries(body.concurrency || {})) emu.setConcurrency(key, n);
				return ok({ numericIds: state.numericIds, timing: state.timing, faults: state.faults.snapshot() });
			default:
				return ctx.json(404, { error: `unknown control endpoint ${route}` });
		}
	} catch (err) {
		return bad(err.message);
	}
}

module.exports = { handleControl };
