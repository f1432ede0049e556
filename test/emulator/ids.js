'use strict';
// RunningHub ids are 19-digit int64 values (snowflake-like). They are generated as
// BigInt so they exceed Number.MAX_SAFE_INTEGER exactly like the real ones, which is the
// whole point: a client that lets them pass through JSON.parse/Number loses digits.

const crypto = require('crypto');

function createIdGenerator() {
	// Date.now() * 1e6 is ~1.7e18: 19 digits until the year 2286.
	let next = BigInt(Date.now()) * 1000000n + BigInt(crypto.randomInt(0, 500000));
	return function nextId() {
		next += BigInt(crypto.randomInt(1, 4096));
		return next.toString();
	};
}

function randomHex(bytes) {
	return crypto.randomBytes(bytes).toString('hex');
}

module.exports = { createIdGenerator, randomHex };
