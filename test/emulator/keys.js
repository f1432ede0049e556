'use strict';
// Test API keys and the per-key account model (type, concurrency, balances).
// Keys are 32-char lowercase hex like real ones, so client-side format checks pass.

const KEYS = Object.freeze({
	consumer: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
	shared: 'b2c3d4e5f60718293a4b5c6d7e8f90a1',
	exclusive: 'c3d4e5f60718293a4b5c6d7e8f90a1b2',
	// A valid key of the *other* site (.cn key used on .ai or vice versa).
	otherSite: 'd4e5f60718293a4b5c6d7e8f90a1b2c3',
	// Account without membership: API access refused (801).
	free: 'e5f60718293a4b5c6d7e8f90a1b2c3d4',
	// Not known anywhere (806); exported only for convenience.
	unknown: 'f60718293a4b5c6d7e8f90a1b2c3d4e5',
});

function defaultAccounts() {
	return {
		[KEYS.consumer]: { type: 'NORMAL', concurrency: 1, coins: '99999', money: null, currency: null },
		[KEYS.shared]: { type: 'SHARED', concurrency: 50, coins: '0', money: '999', currency: 'CNY' },
		[KEYS.exclusive]: { type: 'EXCLUSIVE', concurrency: 2, coins: '99999', money: '999', currency: 'CNY' },
		[KEYS.otherSite]: { type: 'NORMAL', concurrency: 1, coins: '99999', money: null, currency: null, otherSite: true },
		[KEYS.free]: { type: 'FREE', concurrency: 0, coins: '0', money: null, currency: null },
	};
}

/**
 * Account registry. `overrides` is `{ [key]: { type, concurrency, coins, money, currency,
 * otherSite } }`; unknown keys in it become new accounts (type defaults to NORMAL).
 */
function createAccounts(overrides) {
	const accounts = new Map();
	for (const [key, info] of Object.entries(defaultAccounts())) accounts.set(key, { ...info });
	for (const [key, info] of Object.entries(overrides || {})) {
		const base = accounts.get(key) || { type: 'NORMAL', concurrency: 1, coins: '99999', money: null, currency: null };
		accounts.set(key, normalize({ ...base, ...info }));
	}
	return accounts;
}

function normalize(info) {
	const out = { ...info };
	if (typeof out.type === 'string') out.type = out.type.toUpperCase();
	if (out.coins !== null && out.coins !== undefined) out.coins = String(out.coins);
	if (out.money !== null && out.money !== undefined) out.money = String(out.money);
	out.concurrency = Number(out.concurrency);
	return out;
}

/** "a1b2c3d4…" → "a1b2****8f90", the way getWebhookDetail shows the owner key. */
function maskKey(key) {
	if (typeof key !== 'string' || key.length < 8) return '****';
	return `${key.slice(0, 4)}****${key.slice(-4)}`;
}

module.exports = { KEYS, createAccounts, maskKey };
