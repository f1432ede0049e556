import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export interface BinaryFileInfo {
	property: string;
	fileName: string;
	mimeType: string;
	extension: string;
	size: number;
	binary: IBinaryData;
}

/** A File-shaped view of an n8n binary that the HTTP layer reads chunk by chunk. */
export interface StreamingFile {
	name: string;
	type: string;
	size: number;
	stream: () => AsyncIterable<Uint8Array> | NodeJS.ReadableStream;
	readonly [Symbol.toStringTag]: 'File';
}

function extensionOf(fileName: string, mimeType: string): string {
	const fromName = /\.([a-z0-9]{1,5})$/i.exec(fileName)?.[1];
	if (fromName) return fromName.toLowerCase();
	const sub = mimeType.split('/')[1] ?? '';
	return sub.replace('jpeg', 'jpg').replace('quicktime', 'mov').replace('mpeg', 'mp3').toLowerCase();
}

/** Reads an item's binary property metadata, with an error naming the property when it is missing. */
export async function describeBinary(ctx: IExecuteFunctions, itemIndex: number, property: string): Promise<BinaryFileInfo> {
	const item = ctx.getInputData()[itemIndex];
	const binary = item?.binary?.[property];
	if (!binary) {
		const available = Object.keys(item?.binary ?? {});
		throw new NodeOperationError(ctx.getNode(), `Binary property "${property}" does not exist on item ${itemIndex}`, {
			itemIndex,
			description: available.length ? `Available binary properties: ${available.join(', ')}` : 'The input item has no binary data. Add a node that reads or downloads a file before this one.',
		});
	}
	let size = Number((binary as IBinaryData & { bytes?: number }).bytes ?? NaN);
	if (!Number.isFinite(size)) {
		size = binary.id ? Number((await ctx.helpers.getBinaryMetadata(binary.id)).fileSize) : Buffer.byteLength(binary.data ?? '', 'base64');
	}
	const fileName = binary.fileName ?? `${property}.${extensionOf('', binary.mimeType ?? '') || 'bin'}`;
	const mimeType = binary.mimeType ?? 'application/octet-stream';
	return { property, fileName, mimeType, extension: extensionOf(fileName, mimeType), size, binary };
}

/**
 * Wraps a binary so a spec FormData can carry it without loading it: files stored by n8n
 * (filesystem, database, S3) are streamed from the store on demand, once per attempt.
 */
export function streamingFile(ctx: IExecuteFunctions, info: BinaryFileInfo, itemIndex: number): StreamingFile {
	return {
		name: info.fileName,
		type: info.mimeType,
		size: info.size,
		[Symbol.toStringTag]: 'File',
		stream: () => {
			if (info.binary.id) {
				const id = info.binary.id;
				return (async function* () {
					const stream = await ctx.helpers.getBinaryStream(id);
					for await (const chunk of stream as AsyncIterable<Uint8Array>) yield chunk;
				})();
			}
			return (async function* () {
				// In-memory binary mode: n8n already holds the file as base64 in the item.
				yield await ctx.helpers.getBinaryDataBuffer(itemIndex, info.property);
			})();
		},
	};
}
