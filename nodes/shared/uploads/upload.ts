import type { IExecuteFunctions } from 'n8n-workflow';

import type { RhRequest, RunningHubClient } from '../transport/request';
import type { BinaryFileInfo } from './binaryFile';
import { describeBinary, streamingFile } from './binaryFile';
import { checkSize, checkType, MEDIA_MAX_BYTES, RESOURCE_MAX_BYTES, RESOURCE_TYPES, resourceKind } from './limits';
import { MultipartForm } from './multipartForm';
import { uploadOnce } from './reuse';

export interface ResourceUpload {
	fileName: string;
	fileType: string;
	size: number;
	sourceProperty: string;
}

export interface MediaUpload {
	url: string;
	fileName: string;
	type: string;
	size: number;
	sourceProperty: string;
}

function multipart(ctx: IExecuteFunctions, info: BinaryFileInfo, itemIndex: number, fields: Record<string, string>) {
	return async () => {
		const form = new MultipartForm();
		for (const [name, value] of Object.entries(fields)) form.append(name, value);
		form.append('file', streamingFile(ctx, info, itemIndex));
		return { body: form, headers: {} };
	};
}

/**
 * Sends an upload; a failure names the binary property and file, so it cannot be mistaken
 * for a failed submit or status check (nothing is billed for a failed upload).
 */
async function sendUpload(client: RunningHubClient, info: BinaryFileInfo, request: RhRequest): Promise<unknown> {
	try {
		return await client.call(request);
	} catch (error) {
		const err = error as Error & { description?: string | null };
		err.message = `Uploading binary property "${info.property}" (${info.fileName}) failed: ${err.message}`;
		err.description = `${err.description ?? ''} Nothing was submitted for this item.`.trim();
		throw err;
	}
}

/**
 * v1 resource upload → a `fileName` for LoadImage/LoadVideo/LoadAudio/ZIP loader nodes.
 * The key travels as the `apiKey` form field (the v1 convention) and as Bearer, never in a URL.
 */
export async function uploadResource(ctx: IExecuteFunctions, client: RunningHubClient, itemIndex: number, property: string, allowedKinds?: string[]): Promise<ResourceUpload> {
	const info = await describeBinary(ctx, itemIndex, property);
	const kinds = allowedKinds ?? Object.keys(RESOURCE_TYPES);
	checkType(ctx.getNode(), info, kinds.flatMap((k) => RESOURCE_TYPES[k] ?? []), itemIndex);
	checkSize(ctx.getNode(), info, RESOURCE_MAX_BYTES, itemIndex);
	const kind = resourceKind(info.extension) ?? 'input';
	const fields: Record<string, string> = { apiKey: client.credentials.apiKey };
	if (kind !== 'zip') fields.fileType = kind;
	const data = await uploadOnce(ctx, client, info, itemIndex, 'resource', kind, async () => (await sendUpload(client, info, { path: '/task/openapi/upload', kind: 'upload', itemIndex, rawBody: multipart(ctx, info, itemIndex, fields) })) as Record<string, unknown>);
	return { fileName: String(data?.fileName ?? ''), fileType: String(data?.fileType ?? kind), size: info.size, sourceProperty: property };
}

/** v2 media upload → a signed `download_url` (valid about a day) for Standard Model parameters. */
export async function uploadMedia(ctx: IExecuteFunctions, client: RunningHubClient, itemIndex: number, property: string, limits: { maxBytes?: number; accept?: string[] } = {}): Promise<MediaUpload> {
	const info = await describeBinary(ctx, itemIndex, property);
	if (limits.accept?.length) checkType(ctx.getNode(), info, limits.accept.map((a) => a.toLowerCase()), itemIndex);
	checkSize(ctx.getNode(), info, limits.maxBytes ?? MEDIA_MAX_BYTES, itemIndex);
	const data = await uploadOnce(ctx, client, info, itemIndex, 'media', '', async () => (await sendUpload(client, info, { path: '/openapi/v2/media/upload/binary', kind: 'upload', itemIndex, rawBody: multipart(ctx, info, itemIndex, {}) })) as Record<string, unknown>);
	return {
		url: String(data?.download_url ?? data?.downloadUrl ?? ''),
		fileName: String(data?.fileName ?? ''),
		type: String(data?.type ?? ''),
		size: Number(data?.size ?? info.size),
		sourceProperty: property,
	};
}

