/**
 * RunningHub answers in three shapes (API.md §3), all usually with HTTP 200:
 * - v1:          { code: number, msg, data }
 * - v2 task:     { taskId, status, errorCode: "" | "1014", errorMessage, results, ... } (flat)
 * - v2 utility:  { code: 0, message | msg, data }
 * The shape, not the endpoint, decides how to read it, so a v1 code arriving in a v2 body
 * (or an HTTP 401 `{code, message}` from a v2 endpoint) is still understood.
 */
export type EnvelopeFamily = 'v1' | 'v2task' | 'v2util';

export interface Envelope {
	family: EnvelopeFamily;
	ok: boolean;
	/** Business code: number for v1/utility, the v2 errorCode string otherwise. */
	code?: number | string;
	message: string;
	/** `data` for v1/utility; the whole flat object for v2 task responses. */
	data: unknown;
	raw: Record<string, unknown>;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string {
	return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

export function readEnvelope(body: unknown): Envelope | undefined {
	const raw = asRecord(body);
	if (!raw) return undefined;
	if ('errorCode' in raw || ('taskId' in raw && 'status' in raw && !('code' in raw))) {
		const errorCode = text(raw.errorCode).trim();
		return {
			family: 'v2task',
			ok: errorCode === '' || errorCode === '0',
			code: errorCode || undefined,
			message: text(raw.errorMessage),
			data: raw,
			raw,
		};
	}
	if ('code' in raw) {
		const numeric = typeof raw.code === 'number' ? raw.code : Number(text(raw.code).trim());
		const code = Number.isFinite(numeric) ? numeric : text(raw.code);
		const family: EnvelopeFamily = 'message' in raw && !('msg' in raw) ? 'v2util' : 'v1';
		return {
			family,
			ok: code === 0,
			code,
			message: text(raw.msg ?? raw.message),
			data: raw.data,
			raw,
		};
	}
	return undefined;
}
