import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';

import { buildApiError, errorMeta } from '../errors/apiError';
import type { ErrorInfo } from '../errors/errorTable';
import { lookupCode, lookupHttpStatus } from '../errors/errorTable';
import { backoffMs, retryTiming, waitMs } from '../utils/timing';
import type { Envelope } from './envelopes';
import { readEnvelope } from './envelopes';
import { parseJsonKeepingIds } from './jsonIds';
import { keyPlacement } from './keyPlacement';
import { redact } from './redact';

export const CREDENTIAL_NAME = 'runningHubApi';

export type RhContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

/**
 * What a request does to the world decides what may be retried:
 * reads, uploads and cancels are repeatable; a submit creates (and bills) a task, so it is
 * re-sent only when the API says no task was created.
 */
export type RequestKind = 'read' | 'submit' | 'upload' | 'cancel';

export interface RhRequest {
	method?: IHttpRequestMethods;
	path: string;
	/** Query parameters (the credential adds the key only where RunningHub reads it there). */
	qs?: Record<string, string>;
	body?: IDataObject;
	/** For streamed/multipart bodies: builds a fresh body for every attempt. */
	rawBody?: () => Promise<{ body: unknown; headers: Record<string, string> }>;
	kind: RequestKind;
	timeoutMs?: number;
	itemIndex?: number;
	/** Business codes handed back to the caller instead of thrown (e.g. 804/813 while polling). */
	passCodes?: Array<number | string>;
	/**
	 * A task query: a flat v2 body that carries a task state (e.g. FAILED with errorCode 805)
	 * is the answer, not a request error.
	 */
	taskState?: boolean;
}

/** Answers that mean "this key was not accepted" (API.md §13.1) besides HTTP 401. */
const KEY_REJECTED = new Set(['802', '806']);

const DEFAULT_TIMEOUT_MS: Record<RequestKind, number> = { read: 30000, submit: 60000, upload: 300000, cancel: 30000 };

/** Network failures where the request certainly never reached the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

export interface RhCredentials {
	baseUrl: string;
	apiKey: string;
}

export function siteBaseUrl(credentials: IDataObject): string {
	const site = String(credentials.site ?? 'ai');
	if (site === 'custom') return String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
	return site === 'cn' ? 'https://www.runninghub.cn' : 'https://www.runninghub.ai';
}

export async function loadCredentials(ctx: RhContext): Promise<RhCredentials> {
	const credentials = (await ctx.getCredentials(CREDENTIAL_NAME)) as IDataObject;
	return { baseUrl: siteBaseUrl(credentials), apiKey: String(credentials.apiKey ?? '').trim() };
}

function cancelSignal(ctx: RhContext): AbortSignal | undefined {
	const getter = (ctx as Partial<IExecuteFunctions>).getExecutionCancelSignal;
	return typeof getter === 'function' ? getter.call(ctx) : undefined;
}

function networkCode(error: unknown): string {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
		const message = (current as { message?: unknown }).message;
		if (typeof message === 'string') {
			const match = /\b(E[A-Z]{4,})\b/.exec(message);
			if (match) return match[1];
			if (/socket hang up/i.test(message)) return 'ECONNRESET';
			if (/timeout/i.test(message)) return 'ETIMEDOUT';
		}
		current = (current as { cause?: unknown }).cause;
	}
	return 'ENETWORK';
}

interface Outcome {
	envelope?: Envelope;
	error?: Error;
	/** Whether repeating this exact request is safe and could help. */
	retryable: boolean;
}

/**
 * A client bound to one node execution: reads the credential once, then sends every
 * RunningHub request of that execution. All RunningHub traffic goes through `request`.
 */
export class RunningHubClient {
	private constructor(
		private readonly ctx: RhContext,
		readonly credentials: RhCredentials,
	) {}

	static async create(ctx: RhContext): Promise<RunningHubClient> {
		return new RunningHubClient(ctx, await loadCredentials(ctx));
	}

	get baseUrl(): string {
		return this.credentials.baseUrl;
	}

	redact(text: string): string {
		return redact(text, this.credentials.apiKey);
	}

	/** Sends a request and returns its envelope; throws a NodeApiError for any failure. */
	async request(req: RhRequest): Promise<Envelope> {
		const signal = cancelSignal(this.ctx);
		let attempt = 0;
		for (;;) {
			attempt++;
			const outcome = await this.attempt(req, signal);
			if (!outcome.error && outcome.envelope) return outcome.envelope;
			const error = outcome.error as Error;
			if (!outcome.retryable || attempt >= retryTiming.maxAttempts || signal?.aborted) throw error;
			const delay = backoffMs(attempt, retryTiming.baseDelayMs, retryTiming.maxDelayMs);
			this.log('warn', `RunningHub ${req.path}: ${this.redact(error.message)}; retry ${attempt}/${retryTiming.maxAttempts - 1} in ${delay} ms`);
			await waitMs(delay, signal);
			if (signal?.aborted) throw error;
		}
	}

	/** Like `request`, but returns the unwrapped data (v1/utility `data`, or the flat v2 object). */
	async call<T = unknown>(req: RhRequest): Promise<T> {
		return (await this.request(req)).data as T;
	}

	private log(level: 'debug' | 'warn', message: string): void {
		const logger = (this.ctx as { logger?: { debug: (m: string) => void; warn: (m: string) => void } }).logger;
		logger?.[level](this.redact(message));
	}

	private async attempt(req: RhRequest, signal?: AbortSignal): Promise<Outcome> {
		const started = Date.now();
		const method = req.method ?? 'POST';
		const options: IHttpRequestOptions = {
			method,
			baseURL: this.baseUrl,
			url: req.path,
			headers: { Accept: 'application/json' },
			encoding: 'text',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: req.timeoutMs ?? DEFAULT_TIMEOUT_MS[req.kind],
		};
		if (signal) options.abortSignal = signal;
		if (req.qs) options.qs = { ...req.qs };
		if (req.rawBody) {
			const built = await req.rawBody();
			options.body = built.body as IHttpRequestOptions['body'];
			options.headers = { ...options.headers, ...built.headers };
			// A redirect-following client keeps a copy of every body chunk to replay it, which
			// would hold a whole streamed upload in memory; upload endpoints never redirect.
			options.disableFollowRedirect = true;
		} else if (method !== 'GET') {
			options.body = req.body ?? {};
			options.headers = { ...options.headers, 'Content-Type': 'application/json' };
		}

		let response: IN8nHttpFullResponse;
		try {
			response = (await this.ctx.helpers.httpRequestWithAuthentication.call(
				this.ctx,
				CREDENTIAL_NAME,
				options,
			)) as IN8nHttpFullResponse;
		} catch (caught) {
			return this.networkFailure(req, caught, signal, started);
		}

		const status = Number(response.statusCode ?? 0);
		const bodyText = typeof response.body === 'string' ? response.body : Buffer.isBuffer(response.body) ? response.body.toString('utf8') : JSON.stringify(response.body ?? '');
		const contentType = String((response.headers ?? {})['content-type'] ?? '');
		this.log('debug', `RunningHub ${method} ${req.path} -> HTTP ${status} in ${Date.now() - started} ms`);

		let parsed: unknown;
		const looksJson = /^\s*[[{]/.test(bodyText);
		if (looksJson) {
			try {
				parsed = parseJsonKeepingIds(bodyText);
			} catch {
				parsed = undefined;
			}
		}
		const envelope = readEnvelope(parsed);

		if (!envelope) {
			const isHtml = /html/i.test(contentType) || /^\s*</.test(bodyText);
			const info: ErrorInfo =
				status >= 400
					? lookupHttpStatus(status)
					: { name: 'UNREADABLE_RESPONSE', cause: 'RunningHub answered with something that is not a RunningHub JSON response.', action: 'Check the Base URL of the credential; if it is right, try again later.', retry: 'transient' };
			const pageTitle = /<title>([^<]{1,120})<\/title>/i.exec(bodyText)?.[1];
			const extra = isHtml
				? `The reply was an HTML page${pageTitle ? ` ("${pageTitle.trim()}")` : ''}, usually from a gateway or proxy in front of RunningHub.`
				: bodyText.trim()
					? `Reply started with: ${this.redact(bodyText.trim().slice(0, 120))}`
					: 'The reply was empty.';
			return this.apiFailure(req, info, status, undefined, undefined, extra);
		}

		if (envelope.ok && status < 400) return { envelope, retryable: false };
		// Any status next to an errorCode is the task's state: the normalizer decides what it
		// means (an error code ends the task as failed, an unknown status is an error).
		if (req.taskState && envelope.family === 'v2task' && status < 400 && String(envelope.raw.status ?? '').trim() !== '') {
			return { envelope, retryable: false };
		}
		if (envelope.code !== undefined && (req.passCodes ?? []).some((c) => String(c) === String(envelope.code))) {
			return { envelope, retryable: false };
		}
		if (envelope.ok) {
			return this.apiFailure(req, lookupHttpStatus(status), status, undefined, envelope.message);
		}
		const code = envelope.code ?? status;
		let info = lookupCode(code);
		if (info.name === 'UNKNOWN_CODE' && status >= 400) info = lookupHttpStatus(status);
		if (KEY_REJECTED.has(String(code)) || status === 401) info = this.keyRejected(req, info);
		return this.apiFailure(req, info, status, code, envelope.message);
	}

	/**
	 * A key refused on a call that carried it only in the Authorization header: RunningHub
	 * answers 802/806/401 there for more reasons than a key of the other site (apiCallDemo
	 * answered 802 to every Bearer-only call), so the error names the key, not the site.
	 */
	private keyRejected(req: RhRequest, info: ErrorInfo): ErrorInfo {
		const method = req.method ?? 'POST';
		if (keyPlacement(req.path, method, !req.rawBody) !== 'bearer') return info;
		return {
			...info,
			cause: 'RunningHub did not accept the API key for this request, which carried it in the Authorization header only.',
			action:
				'Check that the API key in the credential is complete (32 characters) and enabled. This answer alone does not mean the key belongs to the other RunningHub site: test the credential before changing its Site.',
		};
	}

	private apiFailure(
		req: RhRequest,
		info: ErrorInfo,
		status: number,
		code: number | string | undefined,
		serverMessage?: string,
		extra?: string,
	): Outcome {
		const retryable = info.retry === 'rejected' || (info.retry === 'transient' && req.kind !== 'submit');
		const ambiguous = req.kind === 'submit' && info.retry === 'transient';
		const error = buildApiError(this.ctx.getNode(), {
			info,
			code,
			serverMessage: serverMessage ? this.redact(serverMessage) : undefined,
			httpCode: status,
			itemIndex: req.itemIndex,
			extra: ambiguous
				? [extra && this.redact(extra), 'The submit was not repeated, because RunningHub may have created the task anyway. Check the task list on RunningHub before running again.'].filter(Boolean).join(' ')
				: extra && this.redact(extra),
			meta: { ambiguous },
		});
		return { error, retryable };
	}

	private networkFailure(req: RhRequest, caught: unknown, signal: AbortSignal | undefined, started: number): Outcome {
		const code = networkCode(caught);
		const aborted = signal?.aborted === true;
		const neverSent = NOT_SENT_CODES.has(code);
		const ambiguous = req.kind === 'submit' && !neverSent && !aborted;
		this.log('debug', `RunningHub ${req.path} failed after ${Date.now() - started} ms: ${code}`);
		const info: ErrorInfo = aborted
			? { name: 'CANCELLED', cause: 'The execution was cancelled while waiting for RunningHub.', action: 'Nothing to do.', retry: 'never' }
			: {
					name: 'NETWORK_ERROR',
					cause: `The connection to RunningHub failed (${code}).`,
					action: neverSent ? 'Check the credential site or Base URL and the network, then try again.' : 'Try again later.',
					retry: neverSent ? 'rejected' : 'transient',
				};
		const error = buildApiError(this.ctx.getNode(), {
			info,
			itemIndex: req.itemIndex,
			extra: ambiguous
				? 'The submit was not repeated, because RunningHub may have created the task before the connection failed. Check the task list on RunningHub before running again.'
				: undefined,
			meta: { ambiguous, network: code },
		});
		const retryable = !aborted && (neverSent || req.kind !== 'submit');
		return { error, retryable };
	}
}

export { errorMeta };
