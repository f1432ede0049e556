'use strict';
// Per-request context: parsed URL, body, log entry and the response helpers for the
// three envelope families of API.md §3. Every response goes through `send`, which is
// where the "reset after processing" fault swaps the answer for a dropped connection.

const { stringifyWithNumericIds } = require('./json');

const V2_TASK_DEFAULTS = Object.freeze({
	taskId: '',
	status: '',
	errorCode: '',
	errorMessage: '',
	results: null,
	clientId: '',
	promptTips: '',
});

class Context {
	constructor(state, req, res, url) {
		this.state = state;
		this.req = req;
		this.res = res;
		this.url = url;
		this.path = url.pathname;
		this.method = req.method;
		this.query = Object.fromEntries(url.searchParams.entries());
		this.body = null;
		this.rawBody = null;
		this.params = {};
		this.resetAfter = false;
		this.entry = null;
	}

	get headers() {
		return this.req.headers;
	}

	/** True once the response can no longer be written (sent, reset or client gone). */
	get done() {
		return this.res.headersSent || this.res.destroyed || this.req.socket.destroyed;
	}

	setStatus(status) {
		if (this.entry) this.entry.status = status;
	}

	/** Drop the connection without an answer (client sees ECONNRESET / socket hang up). */
	resetSocket() {
		if (this.entry) {
			this.entry.status = null;
			this.entry.reset = true;
		}
		this.req.socket.destroy();
	}

	send(status, headers, body) {
		if (this.done) return;
		if (this.resetAfter) {
			this.resetSocket();
			return;
		}
		const buf = Buffer.isBuffer(body) ? body : Buffer.from(body == null ? '' : String(body), 'utf8');
		this.setStatus(status);
		this.res.writeHead(status, { 'Content-Length': buf.length, ...headers });
		this.res.end(this.method === 'HEAD' ? undefined : buf);
	}

	json(status, obj, numericKeys) {
		const keys = this.state.numericIds ? numericKeys : null;
		this.send(status, { 'Content-Type': 'application/json;charset=UTF-8' }, stringifyWithNumericIds(obj, keys));
	}

	// ---- v1: {code,msg,data}, HTTP 200 even for business errors
	v1(code, msg, data = null, extra, numericKeys) {
		this.json(200, { code, msg, data, ...(extra || {}) }, numericKeys);
	}

	v1ok(data, msg = 'success', numericKeys) {
		this.v1(0, msg, data, undefined, numericKeys);
	}

	v1err(err) {
		this.v1(err.code, err.msg, err.data === undefined ? null : err.data, err.extra);
	}

	// ---- v2 task family: flat object, string errorCode, no code/msg
	v2task(fields) {
		// A `task_id` answer (emulator option v2Shapes.taskIdField) carries no `taskId` at all.
		const { taskId: _taskId, ...withoutTaskId } = V2_TASK_DEFAULTS;
		const defaults = 'task_id' in fields ? withoutTaskId : V2_TASK_DEFAULTS;
		this.json(200, { ...defaults, ...fields }, ['taskId', 'task_id']);
	}

	v2taskErr(err) {
		this.v2task({
			errorCode: String(err.code),
			errorMessage: err.msg,
			promptTips: (err.data && err.data.promptTips) || '',
			...(err.v2extra || {}),
		});
	}

	// ---- v2 utility family: {code, message|msg, data}
	v2util(code, message, data = null, messageKey = 'msg') {
		this.json(200, { code, [messageKey]: message, data });
	}

	/** v2 utility error: carries both `msg` and `message` because sources disagree. */
	v2utilErr(code, message) {
		this.json(200, { code, msg: message, message, data: null });
	}

	text(status, contentType, body, headers) {
		this.send(status, { 'Content-Type': contentType, ...(headers || {}) }, body);
	}
}

module.exports = { Context };
