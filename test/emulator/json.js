'use strict';
// JSON helpers that keep 19-digit ids exact in both directions.
//
// Reading: clients may send `webappId: 1877265245566922753` as a bare number (the
// official OpenClaw skill does `int(webapp_id)`). JSON.parse would round it, so big
// integer literals are quoted before parsing and arrive here as strings.
//
// Writing: with `numericIds` the real service's int64 ids are emulated by writing
// selected keys as bare numbers; JSON.stringify cannot do that, so the digits are
// spliced into the text afterwards.

const SAFE_DIGITS = 15;

/** Parse JSON, turning integer literals longer than 15 digits into strings. */
function parseLossless(text) {
	return JSON.parse(quoteBigIntegers(text));
}

function quoteBigIntegers(text) {
	let out = '';
	let last = 0;
	let i = 0;
	const n = text.length;
	while (i < n) {
		const c = text.charCodeAt(i);
		if (c === 34 /* " */) {
			i++;
			while (i < n) {
				const d = text.charCodeAt(i);
				if (d === 92 /* \ */) i += 2;
				else if (d === 34) {
					i++;
					break;
				} else i++;
			}
			continue;
		}
		if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
			const start = i;
			i++;
			while (i < n && /[0-9.eE+-]/.test(text[i])) i++;
			const token = text.slice(start, i);
			if (/^-?\d+$/.test(token) && token.replace('-', '').length > SAFE_DIGITS) {
				out += text.slice(last, start) + '"' + token + '"';
				last = i;
			}
			continue;
		}
		i++;
	}
	return last === 0 ? text : out + text.slice(last);
}

/**
 * Serialize `value`; every `"<key>":"<digits>"` pair for the given keys becomes
 * `"<key>":<digits>`. Nested JSON strings (eventData, promptTips) are escaped, so their
 * quotes never match the pattern and stay untouched.
 */
function stringifyWithNumericIds(value, numericKeys) {
	const text = JSON.stringify(value);
	if (!numericKeys || numericKeys.length === 0) return text;
	const alternatives = numericKeys.map((k) => k.replace(/[^A-Za-z0-9_]/g, '')).join('|');
	const re = new RegExp(`"(${alternatives})":"(\\d{1,19})"`, 'g');
	return text.replace(re, '"$1":$2');
}

module.exports = { parseLossless, quoteBigIntegers, stringifyWithNumericIds };
