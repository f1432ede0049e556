/**
 * RunningHub answers in these shapes (API.md §3, §11, §19), all usually with HTTP 200:
 * - v1:          { code: number, msg, data }
 * - v2 task:     { taskId, status, errorCode: "" | "1014", errorMessage, results, ... } (flat);
 *                RunningHub's official contract also shows it reduced to `{ taskId }` or
 *                `{ status, results }`, and some answers spell the fields `task_id`,
 *                `error_code`, `error_message`
 * - v2 flat:     other flat v2 answers, e.g. the price preview
 *                { estimatedPrice, currency, priceText, priceTextEn, freeLimit, isFreeThisCall, … }
 *                with no `code` and `errorCode` empty or absent
 * - v2 utility:  { code: 0, message | msg, data }
 * The shape, not the endpoint, decides how to read it, so a v1 code arriving in a v2 body
 * (or an HTTP 401 `{code, message}` from a v2 endpoint) is still understood.
 */
export type EnvelopeFamily = 'v1' | 'v2task' | 'v2flat' | 'v2util';

export interface Envelope {
	family: EnvelopeFamily;
	ok: boolean;
	/** Business code: number for v1/utility, the v2 errorCode string otherwise. */
	code?: number | string;
	message: string;
	/** `data` for v1/utility; the whole flat object for v2 task and flat responses. */
	data: unknown;
	raw: Record<string, unknown>;
}

/** Fields that only a flat v2 task object carries. */
const TASK_FIELDS = ['errorCode', 'error_code', 'errorMessage', 'error_message', 'taskId', 'task_id', 'status'];

/** Fields of the flat price preview answer (API.md §11). */
const PRICE_FIELDS = ['estimatedPrice', 'priceText', 'priceTextEn', 'isFreeThisCall', 'freeLimit', 'freeLimitCount', 'remainingFreeLimitCount'];

function asRecord(value: unknown): Record<string, unknown> | undefined {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string {
	return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

function has(raw: Record<string, unknown>, keys: string[]): boolean {
	return keys.some((key) => key in raw);
}

/** `errorCode` / `errorMessage` of a flat v2 body, whichever spelling it uses. */
export function flatError(raw: Record<string, unknown>): { code: string; message: string } {
	const code = text(raw.errorCode ?? raw.error_code).trim();
	return { code: code === '0' ? '' : code, message: text(raw.errorMessage ?? raw.error_message).trim() };
}

function flat(family: 'v2task' | 'v2flat', raw: Record<string, unknown>): Envelope {
	const error = flatError(raw);
	return { family, ok: error.code === '', code: error.code || undefined, message: error.message, data: raw, raw };
}

export function readEnvelope(body: unknown): Envelope | undefined {
	const raw = asRecord(body);
	if (!raw) return undefined;
	// A flat body next to a `code` is the utility/v1 envelope with extras (e.g. 1009 carries both).
	if (!('code' in raw) || 'errorCode' in raw) {
		if (has(raw, PRICE_FIELDS)) return flat('v2flat', raw);
		if (has(raw, TASK_FIELDS)) return flat('v2task', raw);
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
