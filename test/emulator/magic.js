'use strict';
// Magic tokens let a test steer one task from its ordinary inputs, without a control
// call: put e.g. "[fail]" into a prompt and that task fails.
//   [fail]      → FAILED with a failedReason
//   [empty]     → SUCCESS without results
//   [ms:N]      → RUNNING lasts N ms
//   [bytes:N]   → every output file is N bytes
//   [text]      → a text result instead of files

const MAX_BYTES = 2 ** 31 - 1024; // PNG chunk lengths are 31-bit
const MAX_MS = 3600 * 1000;

function collectStrings(value, out, depth = 0) {
	if (depth > 20) return out;
	if (typeof value === 'string') out.push(value);
	else if (Array.isArray(value)) for (const v of value) collectStrings(v, out, depth + 1);
	else if (value && typeof value === 'object') for (const v of Object.values(value)) collectStrings(v, out, depth + 1);
	return out;
}

function parseMagic(...values) {
	const text = collectStrings(values, []).join('\n');
	const magic = {};
	if (/\[fail\]/i.test(text)) magic.fail = true;
	if (/\[empty\]/i.test(text)) magic.empty = true;
	if (/\[text\]/i.test(text)) magic.text = true;
	const ms = /\[ms:(\d+)\]/i.exec(text);
	if (ms) magic.ms = Math.min(Number(ms[1]), MAX_MS);
	const bytes = /\[bytes:(\d+)\]/i.exec(text);
	if (bytes) magic.bytes = Math.min(Number(bytes[1]), MAX_BYTES);
	return magic;
}

module.exports = { parseMagic, MAX_BYTES };
