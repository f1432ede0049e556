import { createHash } from 'crypto';
import type { IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import { buildApiError } from '../../../shared/errors/apiError';
import { backoffMs, retryTiming, waitMs } from '../../../shared/utils/timing';
import type { BinaryFileInfo } from '../../../shared/uploads/binaryFile';

/** A presigned PUT of a big LoRA can take a while on a slow uplink. */
const PUT_TIMEOUT_MS = 30 * 60 * 1000;

export interface LoraDigest {
	md5: string;
	/** Bytes actually read, the Content-Length of the PUT. */
	size: number;
	/** Whether the file starts like a safetensors file (8-byte header length, then '{'). */
	safetensors: boolean;
}

/** The file's bytes, streamed from n8n's binary store (or the in-memory buffer in memory mode). */
async function binaryChunks(ctx: IExecuteFunctions, info: BinaryFileInfo, itemIndex: number): Promise<AsyncIterable<Uint8Array> | Buffer[]> {
	if (info.binary.id) return (await ctx.helpers.getBinaryStream(info.binary.id)) as AsyncIterable<Uint8Array>;
	return [await ctx.helpers.getBinaryDataBuffer(itemIndex, info.property)];
}

/**
 * One streaming pass over the file: MD5 (RunningHub's cache key for LoRAs) and a header check.
 * Memory use is one chunk, whatever the file size.
 */
export async function digestLora(ctx: IExecuteFunctions, info: BinaryFileInfo, itemIndex: number): Promise<LoraDigest> {
	const hash = createHash('md5');
	let head = Buffer.alloc(0);
	let size = 0;
	for await (const chunk of await binaryChunks(ctx, info, itemIndex)) {
		hash.update(chunk);
		size += chunk.length;
		if (head.length < 9) head = Buffer.concat([head, Buffer.from(chunk.subarray(0, 9 - head.length))]);
	}
	let safetensors = false;
	if (head.length >= 9) {
		const headerLength = head.readUInt32LE(0) + head.readUInt32LE(4) * 2 ** 32;
		safetensors = headerLength >= 2 && headerLength <= size - 8 && head[8] === 0x7b;
	}
	return { md5: hash.digest('hex'), size, safetensors };
}

function cosErrorCode(body: unknown): string | undefined {
	const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
	return /<Code>([^<]{1,80})<\/Code>/.exec(text)?.[1];
}

/**
 * PUTs the file to the presigned storage URL RunningHub handed out. The URL is a third-party
 * storage host, so this uses the plain HTTP helper: no credential, no Authorization header
 * (the key must never leave for another host, and the signature would not accept it anyway).
 * The body is a fresh stream per attempt; network errors, 5xx and 429 are retried.
 */
export async function putLora(ctx: IExecuteFunctions, url: string, info: BinaryFileInfo, size: number, itemIndex: number): Promise<void> {
	const signal = ctx.getExecutionCancelSignal?.();
	let attempt = 0;
	for (;;) {
		attempt++;
		let failure: { status?: number; network?: string; cosCode?: string };
		try {
			const body = info.binary.id ? await ctx.helpers.getBinaryStream(info.binary.id) : await ctx.helpers.getBinaryDataBuffer(itemIndex, info.property);
			const response = (await ctx.helpers.httpRequest({
				method: 'PUT',
				url,
				body,
				headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) },
				encoding: 'text',
				json: false,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: PUT_TIMEOUT_MS,
				abortSignal: signal,
				// Without this the HTTP client keeps a copy of every body chunk (to replay the
				// body after a redirect): the whole LoRA would sit in memory until the PUT ends.
				disableFollowRedirect: true,
			})) as IN8nHttpFullResponse;
			const status = Number(response.statusCode);
			if (status >= 200 && status < 300) return;
			failure = { status, cosCode: cosErrorCode(response.body) };
		} catch (error) {
			const code = (error as { code?: unknown }).code ?? (error as { cause?: { code?: unknown } }).cause?.code;
			failure = { network: typeof code === 'string' ? code : 'ENETWORK' };
		}
		const transient = failure.network !== undefined || (failure.status ?? 0) >= 500 || failure.status === 429;
		if (!transient || attempt >= retryTiming.maxAttempts || signal?.aborted) {
			const what = failure.status ? `HTTP ${failure.status}${failure.cosCode ? ` ${failure.cosCode}` : ''}` : failure.network;
			const action =
				failure.cosCode === 'BadDigest'
					? 'The stored file changed while it was being uploaded; run the node again.'
					: failure.status === 403
						? 'The upload link was refused or has expired (links are valid for a limited time); run the node again to get a fresh link.'
						: 'Try again later.';
			throw buildApiError(ctx.getNode(), {
				info: { name: 'LORA_UPLOAD_FAILED', cause: `Uploading the LoRA file "${info.fileName}" to RunningHub storage failed (${what}).`, action, retry: 'never' },
				httpCode: failure.status,
				itemIndex,
			});
		}
		await waitMs(backoffMs(attempt, retryTiming.baseDelayMs, retryTiming.maxDelayMs), signal);
	}
}
