/**
 * Removes the API key from any text that could reach an output, error or log line.
 * The exact key is replaced wherever it appears; key-shaped fields and bearer tokens are
 * masked too, in case a server echoes a different (e.g. rotated) key.
 */
const PATTERNS: RegExp[] = [
	/(Bearer\s+)[^\s"',;]+/gi,
	/("?api_?key"?\s*[:=]\s*"?)[^"&\s,}]+/gi,
	/("?userApiKey"?\s*[:=]\s*"?)[^"&\s,}]+/gi,
];

export function redact(text: string, secret?: string): string {
	let out = text;
	if (secret && secret.length >= 4) out = out.split(secret).join('***');
	for (const pattern of PATTERNS) out = out.replace(pattern, '$1***');
	return out;
}

/** Deep copy of a JSON value with every string redacted. */
export function redactDeep<T>(value: T, secret?: string): T {
	if (typeof value === 'string') return redact(value, secret) as unknown as T;
	if (Array.isArray(value)) return value.map((v) => redactDeep(v, secret)) as unknown as T;
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = redactDeep(v, secret);
		return out as T;
	}
	return value;
}
