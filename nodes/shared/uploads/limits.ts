import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { BinaryFileInfo } from './binaryFile';

export const MB = 1024 * 1024;

/** v1 resource upload (API.md §8.1): the types workflow and app loader nodes accept, 30 MB each. */
export const RESOURCE_TYPES: Record<string, string[]> = {
	image: ['jpg', 'jpeg', 'png', 'webp'],
	video: ['mp4', 'avi', 'mov', 'mkv'],
	audio: ['mp3', 'wav', 'flac'],
	zip: ['zip'],
};
export const RESOURCE_MAX_BYTES = 30 * MB;
/** v2 media upload: no documented limit; 30 MB unless a model schema says otherwise. */
export const MEDIA_MAX_BYTES = 30 * MB;

export function resourceKind(extension: string): string | undefined {
	return Object.keys(RESOURCE_TYPES).find((kind) => RESOURCE_TYPES[kind].includes(extension));
}

function human(bytes: number): string {
	return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export function checkSize(node: INode, info: BinaryFileInfo, maxBytes: number, itemIndex: number): void {
	if (info.size > maxBytes) {
		throw new NodeOperationError(node, `Binary property "${info.property}" is ${human(info.size)}, over the ${human(maxBytes)} limit`, {
			itemIndex,
			description: `File "${info.fileName}" is too large for RunningHub. Use a smaller file, or host it yourself and pass a URL instead.`,
		});
	}
	if (info.size === 0) {
		throw new NodeOperationError(node, `Binary property "${info.property}" is empty`, { itemIndex });
	}
}

export function checkType(node: INode, info: BinaryFileInfo, allowed: string[], itemIndex: number): void {
	if (!allowed.includes(info.extension)) {
		throw new NodeOperationError(node, `Binary property "${info.property}" has type "${info.extension || info.mimeType}", which is not accepted here`, {
			itemIndex,
			description: `File "${info.fileName}": accepted types are ${allowed.map((a) => a.toUpperCase()).join(', ')}.`,
		});
	}
}
