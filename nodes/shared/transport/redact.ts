/**
 * The one redaction of secrets in text that could reach an output, error or log line.
 *
 * - The API key: the exact key wherever it appears; key-shaped fields and bearer tokens
 *   are masked too, in case a server echoes a different (e.g. rotated) key.
 * - URL query values that are secrets: `token` (the RunningHub Trigger's secret), `rhToken`
 *   (the "Resume on Callback" HMAC), `signature` (n8n's signed resume URL) and `apiKey`.
 *   Also when URL-encoded (`%3Ftoken%3D…`, a URL inside another URL's query).
 *   `token`, `rhToken` and `signature` are matched case-sensitively, as n8n and this package
 *   read them: storage hosts sign output file links with look-alike names (`Signature=` on
 *   OSS, `q-signature=` on COS, `X-Amz-Signature=`), and those links must stay usable.
 */
const PATTERNS: RegExp[] = [
	/(Bearer\s+)[^\s"',;]+/gi,
	/("?api_?key"?\s*[:=]\s*"?)[^"&\s,}]+/gi,
	/("?userApiKey"?\s*[:=]\s*"?)[^"&\s,}]+/gi,
	/([?&](?:token|rhToken|signature)=)[^&#\s"'<>]+/g,
	/((?:%3[Ff]|%26)(?:token|rhToken|signature)%3[Dd])(?:(?!%26)[^&#\s"'<>])+/g,
	/((?:%3F|%26)api_?key%3D)(?:(?!%26)[^&#\s"'<>])+/gi,
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
