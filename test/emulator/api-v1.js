'use strict';
// v1 endpoints (/task/openapi/*, /api/openapi/*, /uc/openapi/*, /api/webapp/*,
// /api/fast/*): `{code,msg,data}` with HTTP 200 for business errors.

const { authV1, bearerKey, lookupKey, v1Failure } = require('./auth');
const { v1err } = require('./errors');
const { prepareWorkflow, prepareApp, prepareQuick } = require('./submit');
const views = require('./task-views');
const { randomHex } = require('./ids');

const NUMERIC_TASK = ['taskId'];

function createV1(state) {
	const body = (ctx) => (ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? ctx.body : {});

	function submitAndRespond(ctx, auth, prep) {
		if (prep.error) return ctx.v1err(prep.error);
		const r = state.taskManager.submit(prep.spec, auth, 'v1');
		if (r.error) return ctx.v1err(r.error);
		ctx.v1ok(views.v1CreateData(r.task), 'success', NUMERIC_TASK);
	}

	function create(ctx) {
		const b = body(ctx);
		const auth = authV1(ctx, [b.apiKey]);
		if (auth) submitAndRespond(ctx, auth, prepareWorkflow(state, b.workflowId, b));
	}

	function appRun(ctx) {
		const b = body(ctx);
		const auth = authV1(ctx, [b.apiKey]);
		if (auth) submitAndRespond(ctx, auth, prepareApp(state, b.webappId, b));
	}

	function quickRun(ctx) {
		const b = body(ctx);
		const auth = authV1(ctx, [b.apiKey]);
		if (auth) submitAndRespond(ctx, auth, prepareQuick(state, b));
	}

	/** Authenticated task lookup; responds 807 when unknown. */
	function taskOf(ctx, unknownErr = v1err('APIKEY_TASK_NOT_FOUND')) {
		const b = body(ctx);
		const auth = authV1(ctx, [b.apiKey]);
		if (!auth) return null;
		const task = state.taskManager.find(b.taskId, auth.key);
		if (!task) ctx.v1err(unknownErr);
		return task;
	}

	function status(ctx) {
		state.counters.polls++;
		const task = taskOf(ctx);
		if (task) ctx.v1ok(views.v1Status(task), '');
	}

	function wsUrl(task) {
		const host = state.url.replace(/^http/, 'ws');
		return `${host}/ws/c_instance?c_host=127.0.0.1&clientId=${task.clientId}&workflowId=${task.workflowId || ''}&Rh-Comfy-Auth=${randomHex(16)}`;
	}

	function outputs(ctx) {
		state.counters.polls++;
		const task = taskOf(ctx);
		if (!task) return;
		const r = views.v1Outputs(task, wsUrl(task));
		ctx.v1(r.code, r.msg, r.data);
	}

	function cancel(ctx) {
		const unknown = Number(state.options.cancelUnknownCode) === 423 ? v1err('TASK_NOT_FOUNED') : v1err('APIKEY_TASK_NOT_FOUND');
		const task = taskOf(ctx, unknown);
		if (!task) return;
		// Cancelling a finished task is a no-op that still answers success.
		state.taskManager.cancel(task);
		ctx.v1ok(null);
	}

	function accountStatus(ctx) {
		const b = body(ctx);
		// Doc: lowercase `apikey`; `apiKey` and Bearer are accepted too.
		const auth = authV1(ctx, [b.apikey, b.apiKey]);
		if (!auth) return;
		const a = auth.account;
		ctx.v1ok({
			remainCoins: a.coins === null || a.coins === undefined ? null : String(a.coins),
			currentTaskCounts: String(state.taskManager.activeCount(auth.key)),
			remainMoney: a.money === null || a.money === undefined ? null : String(a.money),
			currency: a.currency || null,
			apiType: a.type,
		});
	}

	function jsonApiFormat(ctx) {
		const b = body(ctx);
		if (!authV1(ctx, [b.apiKey])) return;
		const id = b.workflowId === undefined || b.workflowId === null ? '' : String(b.workflowId).trim();
		if (!id) return ctx.v1err(v1err('PARAMS_INVALID'));
		const wf = state.fixtures.workflows.get(id);
		if (!wf) return ctx.v1err(v1err('WORKFLOW_NOT_EXISTS'));
		ctx.v1ok({ prompt: JSON.stringify(wf.graph()) });
	}

	function demoNode(n) {
		const asString = state.options.fieldDataFormat !== 'array';
		// A node without choices carries no fieldData (the Go SDK's apiCallDemo fixture), not null.
		if (n.fieldData === null || n.fieldData === undefined) {
			const { fieldData, ...rest } = n;
			return rest;
		}
		return { ...n, fieldData: asString ? JSON.stringify(n.fieldData) : n.fieldData };
	}

	function curlFor(app, key) {
		const payload = {
			webappId: app.id,
			apiKey: key,
			nodeInfoList: app.nodes.map((n) => ({ nodeId: n.nodeId, fieldName: n.fieldName, fieldValue: n.fieldValue, description: n.description })),
		};
		const host = new URL(state.url).host;
		return [
			`curl --location --request POST '${state.url}/task/openapi/ai-app/run'`,
			`--header 'Host: ${host}'`,
			"--header 'Content-Type: application/json'",
			`--data-raw '${JSON.stringify(payload, null, 4)}'`,
		].join(' \\\n');
	}

	// The key only from the query (API.md §5.3): the Authorization header is not read here.
	function apiCallDemo(ctx) {
		const auth = authV1(ctx, [ctx.query.apiKey], { bearer: false });
		if (!auth) return;
		const id = String(ctx.query.webappId || '').trim();
		if (!id) return ctx.v1err(v1err('PARAMS_INVALID'));
		const app = state.fixtures.apps.get(id);
		if (!app) return ctx.v1err(v1err('WEBAPP_NOT_EXISTS'));
		ctx.v1ok({
			url: curlFor(app, auth.key),
			webappName: app.name,
			nodeInfoList: app.nodes.map(demoNode),
			// Cover and statistics fields as the Go SDK types them (AIAppDemoCover, AIAppStatisticsInfo).
			covers: [{ id: `${app.id.slice(0, -2)}01`, objName: `${app.id}.png`, url: state.fileStore.urlFor(`static/covers/${app.id}.png`), thumbnailUri: state.fileStore.urlFor(`static/covers/${app.id}.png`), imageWidth: '1024', imageHeight: '1024' }],
			tags: [{ id: '1001', name: '图像生成', nameEn: 'Image generation' }],
			statisticsInfo: { likeCount: '128', downloadCount: '0', useCount: '4096', pv: '0', collectCount: '64' },
		});
	}

	function quickParams(ctx) {
		const b = body(ctx);
		// Auth is unconfirmed (the doc example sends no key): a key, if sent, must be valid.
		const key = [b.apiKey, bearerKey(ctx.headers)].find((k) => typeof k === 'string' && k.trim());
		if (key) {
			const r = lookupKey(state, key.trim());
			if (!r.ok) return ctx.v1err(v1Failure(r.reason));
		}
		const def = state.fixtures.quick.get(String(b.webappId === undefined || b.webappId === null ? '' : b.webappId).trim());
		if (!def) return ctx.v1err(v1err('WEBAPP_NOT_EXISTS'));
		const type = b.type === undefined || b.type === null || b.type === '' ? 2 : Number(b.type);
		ctx.v1ok(def.styles.map((s, i) => ({
			id: `${def.webappId.slice(0, -3)}${String(801 + i)}`,
			type,
			webappId: def.webappId,
			modelCategory: s.modelCategory,
			modelName: s.modelName,
			modelKey: s.modelKey,
			modelPreviewUrl: state.fileStore.urlFor(`static/quick/${s.modelKey}.png`),
			content: s.content,
			modelTrigger: s.modelTrigger,
			modelLoar1FileName: s.lora1 ? s.lora1[0] : null,
			modelLoar1Weight: s.lora1 ? s.lora1[1] : null,
			modelLoar2FileName: s.lora2 ? s.lora2[0] : null,
			modelLoar2Weight: s.lora2 ? s.lora2[1] : null,
		})));
	}

	function webhookDetail(ctx) {
		const b = body(ctx);
		const auth = authV1(ctx, [b.apiKey]);
		if (!auth) return;
		const d = state.webhooks.detail(b.taskId, auth.key);
		if (!d) return ctx.v1(1, 'webhook event not exists', null);
		ctx.v1ok(d, 'success', ['id', 'taskId']);
	}

	function retryWebhook(ctx) {
		const b = body(ctx);
		const auth = authV1(ctx, [b.apiKey]);
		if (!auth) return;
		if (b.webhookId === undefined || b.webhookId === null || String(b.webhookId).trim() === '') return ctx.v1err(v1err('PARAMS_INVALID'));
		if (b.webhookUrl !== undefined && b.webhookUrl !== null && typeof b.webhookUrl !== 'string') return ctx.v1err(v1err('PARAMS_INVALID'));
		if (!state.webhooks.retry(b.webhookId, auth.key, b.webhookUrl)) return ctx.v1(1, 'webhook event not exists', null);
		ctx.v1(0, '', null);
	}

	return { create, appRun, quickRun, status, outputs, cancel, accountStatus, jsonApiFormat, apiCallDemo, quickParams, webhookDetail, retryWebhook };
}

module.exports = { createV1 };
