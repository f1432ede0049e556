/**
 * RunningHub ids (taskId, workflowId, webappId, webhook id) are 19-digit int64 values.
 * Some responses send them as bare JSON numbers, which JSON.parse would round to the
 * nearest double. This parser quotes every integer literal that a double cannot hold
 * exactly before parsing, so the digits survive as strings.
 */
const MAX_SAFE_DIGITS = 15;

function isDigit(ch: string): boolean {
	return ch >= '0' && ch <= '9';
}

export function quoteUnsafeIntegers(text: string): string {
	let out = '';
	let i = 0;
	let chunkStart = 0;
	const n = text.length;
	while (i < n) {
		const ch = text[i];
		if (ch === '"') {
			// Skip the whole string literal, honouring escapes.
			i++;
			while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
			i++;
			continue;
		}
		if (ch === '-' || isDigit(ch)) {
			const start = i;
			if (ch === '-') i++;
			while (i < n && isDigit(text[i])) i++;
			const isFraction = i < n && (text[i] === '.' || text[i] === 'e' || text[i] === 'E');
			if (isFraction) {
				while (i < n && /[0-9eE.+-]/.test(text[i])) i++;
				continue;
			}
			const literal = text.slice(start, i);
			const digits = literal.replace('-', '');
			if (digits.length > MAX_SAFE_DIGITS && !Number.isSafeInteger(Number(literal))) {
				out += text.slice(chunkStart, start) + '"' + literal + '"';
				chunkStart = i;
			}
			continue;
		}
		i++;
	}
	return chunkStart === 0 ? text : out + text.slice(chunkStart);
}

/** Parses JSON text, keeping integers beyond 2^53 as exact digit strings. */
export function parseJsonKeepingIds(text: string): unknown {
	return JSON.parse(quoteUnsafeIntegers(text));
}

/** Normalises an id that may arrive as a string or a (safe) number into a string. */
export function idToString(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'bigint') return value.toString();
	return undefined;
}
