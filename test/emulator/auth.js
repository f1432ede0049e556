'use strict';
// API-key authentication (API.md §2). v1 takes the key from the body (`apiKey`, or
// `apikey` for accountStatus) or a form field, and also accepts a Bearer header because
// newer doc pages require it; `GET /api/webapp/apiCallDemo` reads only its `apiKey` query
// parameter (API.md §5.3, §19: RunningHub's agent skill and Go SDK send no Bearer there),
// so a Bearer-only call gets 802 APIKEY_UNAUTHORIZED; v2 reads the Authorization header only.

const { v1err, v2err, API_KEY_401 } = require('./errors');

function bearerKey(headers) {
	const h = headers.authorization;
	if (typeof h !== 'string' || !h.trim()) return null;
	const m = /^Bearer\s+(\S+)\s*$/i.exec(h.trim());
	if (m) return m[1];
	// The official OpenClaw skill sends `Authorization: <key>` without the scheme.
	return /^\S+$/.test(h.trim()) ? h.trim() : null;
}

function firstKey(candidates) {
	for (const c of candidates) if (typeof c === 'string' && c.trim()) return c.trim();
	return null;
}

/** → { ok: true, key, account } | { ok: false, reason: missing|otherSite|unknown|free } */
function lookupKey(state, key) {
	if (!key) return { ok: false, reason: 'missing' };
	const account = state.accounts.get(key);
	if (!account) return { ok: false, reason: 'unknown' };
	if (account.otherSite) return { ok: false, reason: 'otherSite' };
	if (account.type === 'FREE') return { ok: false, reason: 'free' };
	return { ok: true, key, account };
}

const V1_REASON = {
	missing: 'APIKEY_UNAUTHORIZED',
	otherSite: 'APIKEY_UNAUTHORIZED',
	unknown: 'APIKEY_USER_NOT_FOUND',
	free: 'APIKEY_UNSUPPORTED_FREE_USER',
};

function v1Failure(reason) {
	return v1err(V1_REASON[reason]);
}

/**
 * v1 auth. `candidates` are the places the key may be, in priority order; the Bearer
 * header is the last resort unless `bearer: false`. Responds and returns null when rejected.
 */
function authV1(ctx, candidates, { bearer = true } = {}) {
	const r = lookupKey(ctx.state, firstKey(bearer ? [...candidates, bearerKey(ctx.headers)] : candidates));
	if (r.ok) return r;
	ctx.v1err(v1Failure(r.reason));
	return null;
}

/** Error value for a rejected v2 key, or null when it should be an HTTP 401 instead. */
function v2Failure(state, reason) {
	if (reason === 'missing') return null;
	if (reason === 'otherSite') return state.options.v2AuthFailure === 'http401' ? null : v2err(1002);
	return v1err(V1_REASON[reason]);
}

/** v2 auth (Bearer only). `family` is 'task' (flat errorCode) or 'util' ({code,msg}). */
function authV2(ctx, family) {
	const r = lookupKey(ctx.state, bearerKey(ctx.headers));
	if (r.ok) return r;
	const err = v2Failure(ctx.state, r.reason);
	if (!err) ctx.json(401, API_KEY_401);
	else if (family === 'task') ctx.v2taskErr(err);
	else ctx.v2utilErr(err.code, err.msg);
	return null;
}

module.exports = { bearerKey, lookupKey, authV1, authV2, v1Failure };
