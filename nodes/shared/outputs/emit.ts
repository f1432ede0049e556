import type { IBinaryData, IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { DownloadRules } from '../transport/download';
import { downloadToBinary } from '../transport/download';
import { redact } from '../transport/redact';
import type { TaskResult } from './normalize';
import { toJson, toToolJson } from './normalize';

export function binaryKey(base: string, index: number): string {
	return index === 0 ? base : `${base}_${index}`;
}

/** Downloads a result's files into binary properties, streamed, under `rules` (where from, how much). */
export async function downloadFiles(ctx: IExecuteFunctions, result: TaskResult, itemIndex: number, base: string, rules: DownloadRules): Promise<Record<string, IBinaryData>> {
	const binary: Record<string, IBinaryData> = {};
	for (let i = 0; i < result.files.length; i++) {
		const file = result.files[i];
		binary[binaryKey(base, i)] = await downloadToBinary(ctx, file.url, file.fileName, itemIndex, rules);
	}
	return binary;
}

export type NodeError = NodeApiError | NodeOperationError;

/** Keeps n8n errors as they are (with their item index); wraps anything else. */
export function asNodeError(node: INode, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/**
 * The item a failed input item becomes with Continue On Fail. `error` is set on the item
 * (n8n's convention): with "Continue (using error output)" n8n routes exactly such items
 * to the error branch. The json says the same in plain fields for the next node.
 */
export function errorItem(node: INode, error: unknown, itemIndex: number, extra: IDataObject = {}, secret?: string): INodeExecutionData {
	const wrapped = asNodeError(node, error, itemIndex);
	wrapped.message = redact(wrapped.message, secret);
	if (wrapped.description) wrapped.description = redact(String(wrapped.description), secret);
	const json: IDataObject = { ...extra, error: wrapped.message };
	if (wrapped.description) json.description = wrapped.description;
	return { json, error: wrapped, pairedItem: { item: itemIndex } };
}

/** The JSON of a task result: the full shape, or the compact one an AI agent gets. */
export function resultJson(result: TaskResult, compact: boolean): IDataObject {
	return compact ? toToolJson(result) : toJson(result);
}
