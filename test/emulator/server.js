'use strict';
// HTTP front: routing table, request pipeline (log → faults → body → handler) and the
// generic error pages (Spring-style JSON, nginx HTML).

const http = require('http');
const { Context } = require('./context');
const { startEntry } = require('./log');
const { parseLossless } = require('./json');
const { drain } = require('./uploads');
const { handleControl } = require('./control');

const JSON_LIMIT = 16 * 1024 * 1024;
const RAW_LOG_LIMIT = 64 * 1024;

function buildRoutes(state) {
	const { v1, v2, uploadApi: uploads, fileStore } = state;
	const r = (methods, path, handler, opts = {}) => ({ methods, path, handler, body: 'json', categories: [], family: 'v1', ...opts });
	return [
		// v1
		r(['POST'], '/task/openapi/create', v1.create, { categories: ['submit'] }),
		r(['POST'], '/task/openapi/ai-app/run', v1.appRun, { categories: ['submit'] }),
		r(['POST'], '/task/openapi/quick-ai-app/run', v1.quickRun, { categories: ['submit'] }),
		r(['POST'], '/task/openapi/status', v1.status, { categories: ['poll'] }),
		r(['POST'], '/task/openapi/outputs', v1.outputs, { categories: ['poll'] }),
		r(['POST'], '/task/openapi/cancel', v1.cancel),
		r(['POST'], '/task/openapi/upload', uploads.v1Upload, { categories: ['upload'], body: 'stream' }),
		r(['POST'], '/task/openapi/getWebhookDetail', v1.webhookDetail),
		r(['POST'], '/task/openapi/retryWebhook', v1.retryWebhook),
		r(['POST'], '/api/openapi/getJsonApiFormat', v1.jsonApiFormat),
		r(['POST'], '/api/openapi/getLoraUploadUrl', uploads.loraUploadUrl),
		r(['GET'], '/api/webapp/apiCallDemo', v1.apiCallDemo, { body: 'none' }),
		r(['POST'], '/api/fast/creation/model/params', v1.quickParams),
		r(['POST'], '/uc/openapi/accountStatus', v1.accountStatus, { categories: ['account'] }),
		// v2
		r(['POST'], '/openapi/v2/query', v2.query, { categories: ['poll'], family: 'v2' }),
		r(['GET'], '/openapi/v2/queue/status', v2.queueStatus, { categories: ['account'], family: 'v2', body: 'none' }),
		r(['POST'], '/openapi/v2/media/upload/binary', uploads.v2Upload, { categories: ['upload'], family: 'v2', body: 'stream' }),
		r(['POST'], '/openapi/v2/aiapp/list', v2.aiappList, { family: 'v2' }),
		r(['POST'], /^\/openapi\/v2\/run\/workflow\/([^/]+)$/, v2.runWorkflow, { categories: ['submit'], family: 'v2', params: ['id'] }),
		r(['POST'], /^\/openapi\/v2\/run\/ai-app\/([^/]+)$/, v2.runApp, { categories: ['submit'], family: 'v2', params: ['id'] }),
		r(['POST'], /^\/openapi\/v2\/price-preview\/(.+)$/, v2.pricePreview, { family: 'v2', params: ['endpoint'] }),
		// Anything else under /openapi/v2/ is a Standard Model endpoint (or 1001).
		r(['POST'], /^\/openapi\/v2\/(.+)$/, v2.modelSubmit, { categories: ['submit'], family: 'v2', params: ['endpoint'] }),
		// storage stand-ins
		r(['PUT'], /^\/__cos\/lora\/([^/]+)$/, uploads.loraPut, { categories: ['upload'], family: 'cos', body: 'stream' }),
		r(['GET', 'HEAD'], /^\/__files\/(.+)$/, fileStore.serve, { categories: ['download'], family: 'cos', body: 'none' }),
	];
}

function matchRoute(routes, method, path) {
	let pathMatch = null;
	for (const route of routes) {
		let params = null;
		if (typeof route.path === 'string') {
			if (route.path !== path) continue;
			params = {};
		} else {
			const m = route.path.exec(path);
			if (!m) continue;
			params = {};
			(route.params || []).forEach((name, i) => {
				params[name] = decodeURIComponent(m[i + 1]);
			});
		}
		if (route.methods.includes(method)) return { route, params };
		// An exact path wins over the catch-all patterns below it (POST queue/status is
		// a wrong method, not a model endpoint).
		if (typeof route.path === 'string') return { route, params, wrongMethod: true };
		if (!pathMatch) pathMatch = { route, params, wrongMethod: true };
	}
	return pathMatch;
}

function springError(ctx, status, error) {
	ctx.json(status, { timestamp: new Date().toISOString(), status, error, path: ctx.path });
}

const REASONS = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Time-out' };

function send5xx(ctx, fault) {
	const status = Number(fault.status) || 500;
	const reason = REASONS[status] || 'Error';
	const asJson = fault.body ? fault.body === 'json' : status === 500;
	if (asJson) springError(ctx, status, reason);
	else ctx.text(status, 'text/plain; charset=utf-8', reason);
}

function sendNginxHtml(ctx, fault) {
	const status = Number(fault.status) || 502;
	const title = `${status} ${REASONS[status] || 'Error'}`;
	const html = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
	ctx.text(status, 'text/html', html, { Server: 'nginx' });
}

function readJsonBody(ctx) {
	return new Promise((resolve) => {
		const chunks = [];
		let size = 0;
		let tooBig = false;
		ctx.req.on('data', (c) => {
			size += c.length;
			if (size > JSON_LIMIT) tooBig = true;
			else chunks.push(c);
		});
		ctx.req.on('end', () => {
			if (tooBig) return resolve({ error: 'too-big' });
			const text = Buffer.concat(chunks).toString('utf8');
			ctx.rawBody = text;
			if (!text.trim()) return resolve({ body: {} });
			try {
				resolve({ body: parseLossless(text) });
			} catch {
				resolve({ error: 'invalid-json' });
			}
		});
		ctx.req.on('error', () => resolve({ error: 'aborted' }));
	});
}

/** Unknown path: v1 prefixes answer 412 TOKEN_INVALID like the platform; others 404. */
function notFound(ctx) {
	if (/^\/(task|api|uc)\/openapi\//.test(ctx.path)) return ctx.v1(412, 'TOKEN_INVALID', null);
	springError(ctx, 404, 'Not Found');
}

function createServer(state) {
	const routes = buildRoutes(state);

	async function pipeline(ctx) {
		const match = matchRoute(routes, ctx.method, ctx.path);
		const route = match && match.route;
		const cats = route ? route.categories : [];
		ctx.params = (match && match.params) || {};
		ctx.entry = startEntry(ctx);
		state.log.push(ctx.entry);

		const slow = state.faults.take('slow', cats, ctx.path);
		if (slow) await state.delay(Number(slow.delayMs) || 0);
		if (state.faults.takeIf('reset', cats, ctx.path, (f) => f.when !== 'after')) return ctx.resetSocket();

		const bodyMode = route && !match.wrongMethod ? route.body : 'drain';
		if (bodyMode === 'json') {
			const r = await readJsonBody(ctx);
			if (r.error === 'aborted') return;
			if (ctx.rawBody !== null && ctx.rawBody.length <= RAW_LOG_LIMIT) ctx.entry.raw = ctx.rawBody;
			if (r.error) {
				return springError(ctx, r.error === 'too-big' ? 413 : 400, r.error === 'too-big' ? 'Payload Too Large' : 'Bad Request');
			}
			ctx.body = r.body;
			ctx.entry.body = r.body;
		}

		const f5 = state.faults.take('http5xx', cats, ctx.path);
		const html = f5 ? null : state.faults.take('html', cats, ctx.path);
		if (f5 || html) {
			if (bodyMode !== 'json') await drain(ctx.req);
			return f5 ? send5xx(ctx, f5) : sendNginxHtml(ctx, html);
		}
		if (state.faults.takeIf('reset', cats, ctx.path, (f) => f.when === 'after')) ctx.resetAfter = true;

		if (!route) {
			await drain(ctx.req);
			return notFound(ctx);
		}
		if (match.wrongMethod) {
			await drain(ctx.req);
			if (route.family === 'v2') return state.v2.methodNotSupported(ctx);
			return springError(ctx, 405, 'Method Not Allowed');
		}
		await route.handler(ctx);
		// A handler that answered nothing (e.g. client went away) must not leave the socket open.
		if (ctx.resetAfter && !ctx.done) ctx.resetSocket();
	}

	const server = http.createServer((req, res) => {
		// Clients hanging up mid-request are normal here (reset faults, aborted uploads).
		req.on('error', () => {});
		res.on('error', () => {});
		let url;
		try {
			url = new URL(req.url, 'http://emulator.local');
		} catch {
			res.writeHead(400).end();
			return;
		}
		const ctx = new Context(state, req, res, url);
		const run = url.pathname.startsWith('/__emulator/') ? handleControl(state, ctx) : pipeline(ctx);
		Promise.resolve(run).catch((err) => {
			if (ctx.entry) ctx.entry.error = String(err && err.stack ? err.stack : err);
			if (!ctx.done) {
				ctx.resetAfter = false;
				springError(ctx, 500, 'Internal Server Error');
			}
		});
	});
	server.keepAliveTimeout = 5000;
	return server;
}

module.exports = { createServer, matchRoute };
