import { createHash } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

import { ExpiringMap, memoryKey } from '../utils/processMemory';
import type { RunningHubClient } from '../transport/request';
import type { BinaryFileInfo } from './binaryFile';
import { streamingFile } from './binaryFile';

/**
 * The same file uploaded again within its validity is uploaded once per process: a flow
 * that sends one reference image with every item, or Upload File followed by a node that
 * uploads the same binary, pays the transfer once. Keyed by account (never shared across
 * API keys or sites), upload kind and content hash; bounded and expiring, no timers.
 *
 * Validity: a v2 media `download_url` lasts about a day (API.md §8.2) — reused for 20 h.
 * RunningHub documents no lifetime for v1 resource file names — reused for 6 h only.
 */
export type UploadKind = 'resource' | 'media';

const TTL_MS: Record<UploadKind, number> = { media: 20 * 3600000, resource: 6 * 3600000 };
const MAX_ENTRIES = 2000;

const uploads = new ExpiringMap<unknown>(MAX_ENTRIES, TTL_MS.media);

/** SHA-256 of the file's bytes, streamed from n8n's binary store (never held in memory whole). */
async function contentHash(ctx: IExecuteFunctions, info: BinaryFileInfo, itemIndex: number): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of streamingFile(ctx, info, itemIndex).stream() as AsyncIterable<Uint8Array>) hash.update(chunk);
	return hash.digest('base64url');
}

/**
 * Returns the earlier upload of the same content for this account and kind, or uploads it
 * (`upload`) and remembers the answer. `variant` separates uploads whose answer depends on
 * more than the bytes (e.g. the v1 file type sent).
 */
export async function uploadOnce<T>(ctx: IExecuteFunctions, client: RunningHubClient, info: BinaryFileInfo, itemIndex: number, kind: UploadKind, variant: string, upload: () => Promise<T>): Promise<T> {
	const digest = await contentHash(ctx, info, itemIndex);
	const key = memoryKey(['rh-upload', client.baseUrl, client.credentials.apiKey, kind, variant, digest]);
	const cached = uploads.get(key);
	if (cached !== undefined) return cached as T;
	const value = await upload();
	uploads.set(key, value, TTL_MS[kind]);
	return value;
}

/** Forgets every upload, as a restart would (tests start each case in a "fresh" process). */
export function forgetUploads(): void {
	uploads.clear();
}
