import type { IBinaryData, IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { buildApiError, errorMeta } from '../errors/apiError';
import type { ErrorInfo } from '../errors/errorTable';
import { backoffMs, retryTiming, waitMs } from '../utils/timing';
import { downloadRefusal } from './downloadTarget';
import { redact } from './redact';

const DOWNLOAD_TIMEOUT_MS = 30 * 60 * 1000;
/** Storage hosts redirect once or twice (CDN → bucket); more is a loop or a detour. */
export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Verdicts on the file itself: repeating the download cannot change them. */
const FINAL = new Set(['DOWNLOAD_REFUSED', 'DOWNLOAD_TOO_LARGE']);

const MIME_BY_EXTENSION: Record<string, string> = {
	png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif', bmp: 'image/bmp',
	mp4: 'video/mp4', webm: 'video/webm', mov: 'video/quicktime', mkv: 'video/x-matroska', avi: 'video/x-msvideo',
	mp3: 'audio/mpeg', wav: 'audio/wav', flac: 'audio/flac', m4a: 'audio/mp4', ogg: 'audio/ogg',
	glb: 'model/gltf-binary', gltf: 'model/gltf+json', obj: 'model/obj', fbx: 'application/octet-stream', zip: 'application/zip',
	txt: 'text/plain', json: 'application/json',
};

export function mimeTypeFor(fileName: string, headerValue?: string): string {
	const header = (headerValue ?? '').split(';')[0].trim().toLowerCase();
	if (header && header !== 'application/octet-stream' && header !== 'binary/octet-stream') return header;
	const ext = fileName.split('.').pop()?.toLowerCase() ?? '';
	return MIME_BY_EXTENSION[ext] ?? (header || 'application/octet-stream');
}

/** What a download may do: where from (see downloadTarget.ts) and how much. */
export interface DownloadRules {
	/** The credential's API base URL; its origin may use http and its host may be private. */
	baseUrl?: string;
	/** Largest body accepted, in bytes (Max Download Size). */
	maxBytes: number;
}

/** The members of a response body stream used here (an http.IncomingMessage or a decoder). */
interface BodyStream {
	destroy(error?: Error): void;
	emit(event: string | symbol, ...args: unknown[]): boolean;
}

type DownloadContext = Pick<IExecuteFunctions, 'getNode' | 'helpers'> & Partial<Pick<IExecuteFunctions, 'getExecutionCancelSignal' | 'logger'>>;

function downloadError(ctx: DownloadContext, info: ErrorInfo, itemIndex: number, httpCode?: number) {
	return buildApiError(ctx.getNode(), { info, httpCode, itemIndex });
}

function refused(ctx: DownloadContext, fileName: string, url: string, reason: string, itemIndex: number) {
	return downloadError(
		ctx,
		{
			name: 'DOWNLOAD_REFUSED',
			cause: `Output file "${fileName}" was not downloaded: its URL ${redact(url)} ${reason}.`,
			action:
				"Output files are downloaded only over https from public hosts. A local or private file server works only as the credential's custom Base URL. With Verify Through API off, a callback can name any URL: turn verification on.",
			retry: 'never',
		},
		itemIndex,
	);
}

function tooLarge(ctx: DownloadContext, fileName: string, maxBytes: number, itemIndex: number, announced?: number) {
	const limit = `${Math.round((maxBytes / 1048576) * 100) / 100} MB`;
	return downloadError(
		ctx,
		{
			name: 'DOWNLOAD_TOO_LARGE',
			cause: announced
				? `Output file "${fileName}" is ${announced} bytes, more than Max Download Size (${limit}); it was not downloaded.`
				: `Output file "${fileName}" is larger than Max Download Size (${limit}); the download was stopped.`,
			action: 'Raise Max Download Size in the node options, or turn Download Outputs off and fetch the file from its URL in the result.',
			retry: 'never',
		},
		itemIndex,
	);
}

/** A refusal or size verdict raised below, which the retry loop passes on unchanged. */
function finalVerdict(error: unknown): NodeApiError | undefined {
	return error instanceof NodeApiError && FINAL.has(errorMeta(error)?.codeName ?? '') ? error : undefined;
}

function discard(body: unknown): void {
	(body as Partial<BodyStream> | undefined)?.destroy?.();
}

function header(response: IN8nHttpFullResponse, name: string): string | undefined {
	const value = (response.headers ?? {})[name];
	if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
	return value === undefined || value === null ? undefined : String(value);
}

/**
 * GETs `url` without letting the HTTP client follow redirects: each hop is checked against
 * the same rules as the first URL, and at most MAX_REDIRECTS are followed. Returns the first
 * answer that is not a redirect, with its body unread.
 */
async function openFollowingRules(ctx: DownloadContext, url: string, fileName: string, itemIndex: number, rules: DownloadRules, signal?: AbortSignal): Promise<IN8nHttpFullResponse> {
	let current = url;
	for (let hop = 0; ; hop++) {
		const reason = downloadRefusal(current, rules.baseUrl);
		if (reason) {
			ctx.logger?.warn(`RunningHub download of "${fileName}" refused: ${redact(current)} ${reason}`);
			throw refused(ctx, fileName, current, reason, itemIndex);
		}
		const response = (await ctx.helpers.httpRequest({
			method: 'GET',
			url: current,
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: DOWNLOAD_TIMEOUT_MS,
			abortSignal: signal,
		})) as IN8nHttpFullResponse;
		const status = Number(response.statusCode);
		const location = header(response, 'location');
		if (!REDIRECT_STATUSES.has(status) || !location) return response;
		discard(response.body);
		if (hop >= MAX_REDIRECTS) throw refused(ctx, fileName, current, `redirected more than ${MAX_REDIRECTS} times`, itemIndex);
		let next: string;
		try {
			next = new URL(location, current).toString();
		} catch {
			throw refused(ctx, fileName, current, `redirected to an unreadable location`, itemIndex);
		}
		ctx.logger?.debug(`RunningHub download of "${fileName}": HTTP ${status} from ${redact(current)} to ${redact(next)}`);
		current = next;
	}
}

/**
 * Counts the bytes the consumer reads and destroys the body once it passes `maxBytes`: the
 * consumer (n8n's binary store) then fails with the stream error and removes what it wrote.
 * Node code cannot import `stream` for a counting Transform, so the stream's own `emit` is
 * wrapped: every chunk reaches its reader as a 'data' event, whether the reader pipes it,
 * listens for 'data' or iterates it. Nothing is buffered and the stream's flow is untouched.
 */
function limitBody(body: BodyStream, maxBytes: number): { exceeded: () => boolean } {
	let seen = 0;
	let over = false;
	const emit = body.emit.bind(body);
	body.emit = (event: string | symbol, ...args: unknown[]): boolean => {
		if (event === 'data' && !over) {
			const length = (args[0] as { length?: unknown } | undefined)?.length;
			seen += typeof length === 'number' ? length : 0;
			if (seen > maxBytes) {
				over = true;
				body.destroy(new Error(`Response body exceeded ${maxBytes} bytes`));
				return false;
			}
		}
		return emit(event, ...args);
	};
	return { exceeded: () => over };
}

/**
 * Streams a RunningHub output file into an n8n binary. Output URLs are signed CDN links,
 * so they are fetched with the plain HTTP helper and never with the credential (which
 * would send the key to a third-party host). The URL is checked first (downloadTarget.ts),
 * redirects are followed here under the same check, and the size is held to
 * `rules.maxBytes`, by the announced Content-Length and by counting the streamed bytes.
 * The body goes straight from the socket into n8n's binary store: no whole-file buffer.
 */
export async function downloadToBinary(ctx: DownloadContext, url: string, fileName: string, itemIndex: number, rules: DownloadRules): Promise<IBinaryData> {
	const signal = ctx.getExecutionCancelSignal?.();
	let attempt = 0;
	for (;;) {
		attempt++;
		let failure: { status?: number; network?: string };
		let limit: { exceeded: () => boolean } | undefined;
		try {
			const response = await openFollowingRules(ctx, url, fileName, itemIndex, rules, signal);
			const status = Number(response.statusCode);
			if (status >= 200 && status < 300) {
				const announced = Number(header(response, 'content-length'));
				if (Number.isFinite(announced) && announced > rules.maxBytes) {
					discard(response.body);
					throw tooLarge(ctx, fileName, rules.maxBytes, itemIndex, announced);
				}
				limit = limitBody(response.body as BodyStream, rules.maxBytes);
				const mimeType = mimeTypeFor(fileName, header(response, 'content-type'));
				return await ctx.helpers.prepareBinaryData(response.body as Buffer, fileName, mimeType);
			}
			discard(response.body);
			failure = { status };
		} catch (error) {
			// The binary store failed because the body was stopped at the limit: not a network error.
			if (limit?.exceeded()) throw tooLarge(ctx, fileName, rules.maxBytes, itemIndex);
			const verdict = finalVerdict(error);
			if (verdict) throw verdict;
			const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
			failure = { network: typeof code === 'string' ? code : 'ENETWORK' };
		}
		const transient = failure.network !== undefined || (failure.status ?? 0) >= 500 || failure.status === 429;
		if (!transient || attempt >= retryTiming.maxAttempts || signal?.aborted) {
			const expired = failure.status === 403;
			throw downloadError(
				ctx,
				{
					name: 'DOWNLOAD_FAILED',
					cause: `Downloading output file "${fileName}" failed (${failure.status ? `HTTP ${failure.status}` : failure.network}).`,
					action: expired
						? 'Output links are signed and expire (about one day). Fetch a fresh link with Get Task Result, then download again.'
						: 'Try again later; the file stays on RunningHub until its link expires.',
					retry: 'never',
				},
				itemIndex,
				failure.status,
			);
		}
		await waitMs(backoffMs(attempt, retryTiming.baseDelayMs, retryTiming.maxDelayMs), signal);
	}
}
