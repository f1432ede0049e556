import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { TaskEndBodyError } from './taskEnd';
import { tokenMatches } from './taskEnd';

/** Where a callback may carry the shared secret: `?token=` in the URL, or this header. */
export const TOKEN_QUERY_PARAMETER = 'token';
export const TOKEN_HEADER = 'x-runninghub-token';

function firstString(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
	return undefined;
}

/** Tokens the request carries (query first, then header). */
export function givenTokens(ctx: IWebhookFunctions): string[] {
	const query = (ctx.getQueryData() ?? {}) as Record<string, unknown>;
	const headers = (ctx.getHeaderData() ?? {}) as Record<string, unknown>;
	return [firstString(query[TOKEN_QUERY_PARAMETER]), firstString(headers[TOKEN_HEADER])].filter((t): t is string => typeof t === 'string' && t !== '');
}

/** True when the request carries the expected secret (compared in constant time). */
export function requestHasToken(ctx: IWebhookFunctions, expected: string): boolean {
	return givenTokens(ctx).some((given) => tokenMatches(expected, given));
}

/**
 * The callback body, preferably as the raw text n8n kept (`rawBody`), so that a taskId sent
 * as a bare 19-digit JSON number keeps its digits; otherwise the body n8n already parsed.
 */
export function readCallbackBody(ctx: IWebhookFunctions): unknown {
	const raw = (ctx.getRequestObject() as { rawBody?: unknown }).rawBody;
	const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : undefined;
	if (text !== undefined && /^\s*[{[]/.test(text)) return text;
	return ctx.getBodyData();
}

/** Answers the HTTP request directly (any status) and starts no execution. */
export function replyWith(ctx: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	ctx.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

/**
 * The answer to a callback body that starts nothing: an event other than TASK_END is
 * acknowledged with 200 and ignored (RunningHub retries a receiver that answers 4xx, and
 * marks the callback FAILED); a malformed body gets 400.
 */
export function refusedBody(ctx: IWebhookFunctions, error: TaskEndBodyError, label: string): IWebhookResponseData {
	if (error.reason === 'otherEvent') {
		ctx.logger.debug(`${label}: ${error.message}`);
		return replyWith(ctx, 200, { received: true, ignored: true, reason: error.message });
	}
	ctx.logger.warn(`${label}: refused a malformed callback (${error.reason}): ${error.message}`);
	return replyWith(ctx, 400, { error: 'Bad Request', reason: error.reason, message: error.message });
}
