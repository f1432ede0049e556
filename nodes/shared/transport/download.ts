import type { IBinaryData, IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import { buildApiError } from '../errors/apiError';
import { backoffMs, retryTiming, waitMs } from '../utils/timing';

const DOWNLOAD_TIMEOUT_MS = 30 * 60 * 1000;

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

interface Drainable {
	resume?: () => void;
	destroy?: () => void;
}

/**
 * Streams a RunningHub output file into an n8n binary. Output URLs are signed CDN links,
 * so they are fetched with the plain HTTP helper and never with the credential (which
 * would send the key to a third-party host). The body goes straight from the socket into
 * n8n's binary store: no whole-file buffer, no base64.
 */
export async function downloadToBinary(ctx: IExecuteFunctions, url: string, fileName: string, itemIndex: number): Promise<IBinaryData> {
	const signal = ctx.getExecutionCancelSignal?.();
	let attempt = 0;
	for (;;) {
		attempt++;
		let failure: { status?: number; network?: string };
		try {
			const response = (await ctx.helpers.httpRequest({
				method: 'GET',
				url,
				encoding: 'stream',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: DOWNLOAD_TIMEOUT_MS,
				abortSignal: signal,
			})) as IN8nHttpFullResponse;
			const status = Number(response.statusCode);
			if (status < 400) {
				const mimeType = mimeTypeFor(fileName, String(response.headers['content-type'] ?? ''));
				return await ctx.helpers.prepareBinaryData(response.body as Buffer, fileName, mimeType);
			}
			const body = response.body as Drainable;
			body.destroy?.();
			failure = { status };
		} catch (error) {
			const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
			failure = { network: typeof code === 'string' ? code : 'ENETWORK' };
		}
		const transient = failure.network !== undefined || (failure.status ?? 0) >= 500 || failure.status === 429;
		if (!transient || attempt >= retryTiming.maxAttempts || signal?.aborted) {
			const expired = failure.status === 403;
			throw buildApiError(ctx.getNode(), {
				info: {
					name: 'DOWNLOAD_FAILED',
					cause: `Downloading output file "${fileName}" failed (${failure.status ? `HTTP ${failure.status}` : failure.network}).`,
					action: expired
						? 'Output links are signed and expire (about one day). Fetch a fresh link with Get Task Result, then download again.'
						: 'Try again later; the file stays on RunningHub until its link expires.',
					retry: 'never',
				},
				httpCode: failure.status,
				itemIndex,
			});
		}
		await waitMs(backoffMs(attempt, retryTiming.baseDelayMs, retryTiming.maxDelayMs), signal);
	}
}
