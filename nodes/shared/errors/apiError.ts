import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ErrorInfo, RetryClass } from './errorTable';

/** What the transport and the scheduler need to know about a failure. */
export interface RunningHubErrorMeta {
	code?: string;
	codeName: string;
	retry: RetryClass;
	/** A submit whose outcome is unknown: a task may exist, so it must never be re-sent. */
	ambiguous?: boolean;
	taskId?: string;
	/** Network-level failure code such as ECONNRESET. */
	network?: string;
	[key: string]: string | boolean | undefined;
}

interface BuildOptions {
	info: ErrorInfo;
	code?: number | string;
	serverMessage?: string;
	httpCode?: number;
	itemIndex?: number;
	extra?: string;
	meta?: Partial<RunningHubErrorMeta>;
}

/**
 * Builds the NodeApiError every RunningHub failure becomes. The response object given to
 * n8n is assembled here from already-redacted fields only, so no request options,
 * headers or bodies (which hold the key) can ride along.
 */
export function buildApiError(node: INode, options: BuildOptions): NodeApiError {
	const { info, code, serverMessage, httpCode, itemIndex, extra } = options;
	const codeText = code === undefined || code === '' ? '' : `${code} `;
	const message = `RunningHub ${codeText}${info.name}: ${info.cause}`;
	const parts = [info.action];
	if (serverMessage && serverMessage.trim() && serverMessage.trim() !== info.name) {
		parts.push(`RunningHub said: ${serverMessage.trim()}`);
	}
	if (extra) parts.push(extra);
	const response: JsonObject = { message, code: code === undefined ? null : String(code), name: info.name };
	const error = new NodeApiError(node, response, {
		message,
		description: parts.join(' '),
		httpCode: httpCode ? String(httpCode) : undefined,
		itemIndex,
	});
	// NodeApiError swaps any message holding a Node error code (ECONNRESET …) for n8n's
	// generic text, which drops "RunningHub" and invites retrying a maybe-created task.
	error.message = message;
	const meta: RunningHubErrorMeta = {
		code: code === undefined ? undefined : String(code),
		codeName: info.name,
		retry: info.retry,
		...options.meta,
	};
	error.context.runningHub = meta;
	return error;
}

export function errorMeta(error: unknown): RunningHubErrorMeta | undefined {
	const context = (error as { context?: { runningHub?: RunningHubErrorMeta } } | undefined)?.context;
	return context?.runningHub;
}
