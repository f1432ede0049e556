'use strict';
// v2 endpoints (/openapi/v2/*): Bearer auth only, flat task objects with a string
// `errorCode`, `{code,msg|message,data}` for the utilities, and the Standard Model API.

const { authV2 } = require('./auth');
const { v1err, v2err } = require('./errors');
const { prepareWorkflow, prepareApp } = require('./submit');
const views = require('./task-views');
const { validateModelParams, outputExt, priceOf, pricePreview } = require('./models');
const { parseMagic } = require('./magic');

function createV2(state) {
	const body = (ctx) => (ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? ctx.body : {});

	function submitAndRespond(ctx, auth, prep) {
		if (prep.error) return ctx.v2taskErr(prep.error);
		const r = state.taskManager.submit(prep.spec, auth, 'v2');
		if (r.error) return ctx.v2taskErr(r.error);
		ctx.v2task(views.v2Flat(r.task, state.options.v2Shapes));
	}

	// The v2 run bodies have no `workflow` override and no `accessPassword` (Go SDK request
	// types and tests, API.md §19): like any unknown field they are ignored, not applied.
	function v2RunBody(ctx) {
		const { workflow: _workflow, accessPassword: _accessPassword, ...rest } = body(ctx);
		return rest;
	}

	function runWorkflow(ctx) {
		const auth = authV2(ctx, 'task');
		if (auth) submitAndRespond(ctx, auth, prepareWorkflow(state, ctx.params.id, v2RunBody(ctx)));
	}

	function runApp(ctx) {
		const auth = authV2(ctx, 'task');
		if (auth) submitAndRespond(ctx, auth, prepareApp(state, ctx.params.id, v2RunBody(ctx)));
	}

	function query(ctx) {
		state.counters.polls++;
		const auth = authV2(ctx, 'task');
		if (!auth) return;
		const b = body(ctx);
		const id = b.taskId === undefined || b.taskId === null ? '' : String(b.taskId).trim();
		if (!id) return ctx.v2taskErr(v2err(1007, "'taskId' is required"));
		const task = state.taskManager.find(id, auth.key);
		if (!task) return ctx.v2task({ taskId: id, errorCode: '1004', errorMessage: v2err(1004).msg });
		ctx.v2task(views.v2Flat(task, state.options.v2Shapes));
	}

	function queueStatus(ctx) {
		const auth = authV2(ctx, 'util');
		if (!auth) return;
		const a = auth.account;
		const s = state.taskManager.queueStats(auth.key);
		ctx.v2util(0, 'success', {
			apiKeyType: a.type,
			concurrentLimit: a.concurrency,
			runningCount: s.running,
			queuedCount: s.queued,
			totalCurrentTasks: s.running + s.queued,
			instanceCount: a.type === 'EXCLUSIVE' ? a.concurrency : 0,
		});
	}

	function aiappList(ctx) {
		if (!authV2(ctx, 'util')) return;
		const b = body(ctx);
		const current = Math.max(1, Number(b.current) || 1);
		const size = Math.min(50, Math.max(1, Number(b.size) || 10));
		const apps = [...state.fixtures.apps.values()].filter((a) => !a.neverRun);
		const page = apps.slice((current - 1) * size, current * size);
		ctx.v2util(0, 'success', {
			records: page.map((a) => ({
				title: a.name,
				description: `${a.name} (emulator fixture)`,
				cover: state.fileStore.urlFor(`static/covers/${a.id}.png`),
				invokeExample: `curl --location --request POST '${state.url}/openapi/v2/run/ai-app/${a.id}' --header 'Authorization: Bearer <YOUR_API_KEY>' --header 'Content-Type: application/json' --data-raw '{"nodeInfoList":[],"instanceType":"default","usePersonalQueue":"false"}'`,
			})),
			total: apps.length,
			size,
			current,
			pages: Math.ceil(apps.length / size),
			hasNext: current * size < apps.length,
		});
	}

	/** Shared checks of model submit and price preview; → { auth, model } or null (responded). */
	function modelGate(ctx, endpoint) {
		const auth = authV2(ctx, 'task');
		if (!auth) return null;
		const model = state.models.get(endpoint);
		if (!model) {
			ctx.v2taskErr(v2err(1001));
			return null;
		}
		if (auth.account.type !== 'SHARED') {
			ctx.v2taskErr(v2err(1014));
			return null;
		}
		const problem = validateModelParams(model, ctx.body);
		if (problem) {
			ctx.v2taskErr(v2err(1007, problem));
			return null;
		}
		return { auth, model };
	}

	function modelSubmit(ctx) {
		const endpoint = ctx.params.endpoint;
		const gate = modelGate(ctx, endpoint);
		if (!gate) return;
		const b = body(ctx);
		const ext = outputExt(gate.model);
		const spec = {
			kind: 'model',
			endpoint,
			outputs: ext === 'text' ? [] : [{ nodeId: null, ext, count: 1 }],
			textOutput: ext === 'text',
			magic: parseMagic(b),
			price: priceOf(endpoint),
			// Not in any model schema; honoured when present (see webhooks.js).
			opts: { webhookUrl: typeof b.webhookUrl === 'string' && b.webhookUrl ? b.webhookUrl : undefined },
			inputs: b,
		};
		submitAndRespond(ctx, gate.auth, { spec });
	}

	// Price preview (API.md §11, §19): the price fields flat at top level, with no `code`.
	// Both documented forms: without errorCode (default, as most of the Go SDK's fixtures)
	// or, with options.pricePreviewEnvelope = 'flatErrorCode', next to errorCode:"" and
	// errorMessage:"". 'wrapped' ({code:0,msg:"success",data:{…}}) is in no source; it is
	// kept to check that clients tolerate it.
	function pricePreviewHandler(ctx) {
		const target = ctx.params.endpoint;
		const appMatch = /^run\/ai-app\/(\d+)$/.exec(target);
		let price;
		if (appMatch) {
			const auth = authV2(ctx, 'task');
			if (!auth) return;
			if (auth.account.type !== 'SHARED') return ctx.v2taskErr(v2err(1014));
			if (!state.fixtures.apps.get(appMatch[1])) return ctx.v2taskErr(v1err('WEBAPP_NOT_EXISTS'));
			price = pricePreview(target);
		} else {
			if (!modelGate(ctx, target)) return;
			price = pricePreview(target);
		}
		const form = state.options.pricePreviewEnvelope;
		if (form === 'wrapped') return ctx.json(200, { code: 0, msg: 'success', data: price });
		if (form === 'flatErrorCode') return ctx.json(200, { ...price, errorCode: '', errorMessage: '' });
		ctx.json(200, price);
	}

	/** GET on a POST-only v2 path (or the reverse): 1009, in both v2 styles. */
	function methodNotSupported(ctx) {
		const msg = v2err(1009).msg;
		ctx.json(200, { code: 1009, msg, errorCode: '1009', errorMessage: msg, data: null });
	}

	return { runWorkflow, runApp, query, queueStatus, aiappList, modelSubmit, pricePreview: pricePreviewHandler, methodNotSupported };
}

module.exports = { createV2 };
