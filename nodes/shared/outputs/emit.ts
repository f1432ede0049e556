import type { IBinaryData, IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { JobOutcome } from '../scheduler/taskScheduler';
import { downloadToBinary } from '../transport/download';
import { redact } from '../transport/redact';
import type { TaskResult } from './normalize';
import { toJson, toToolJson } from './normalize';

export interface EmitOptions {
	download: boolean;
	/** Binary property for the first file; later files get _1, _2 … */
	binaryProperty: string;
	/** Compact JSON for AI agents. */
	compact?: boolean;
	/** The API key, so nothing echoing it reaches an output item. */
	secret?: string;
}

export function binaryKey(base: string, index: number): string {
	return index === 0 ? base : `${base}_${index}`;
}

/** Downloads a result's files into binary properties, streamed. */
export async function downloadFiles(ctx: IExecuteFunctions, result: TaskResult, itemIndex: number, base: string): Promise<Record<string, IBinaryData>> {
	const binary: Record<string, IBinaryData> = {};
	for (let i = 0; i < result.files.length; i++) {
		const file = result.files[i];
		binary[binaryKey(base, i)] = await downloadToBinary(ctx, file.url, file.fileName, itemIndex);
	}
	return binary;
}

/** Keeps n8n errors as they are (with their item index); wraps anything else. */
export function asNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}

export function errorItem(error: Error & { description?: string | null }, itemIndex: number, taskId?: string, secret?: string): INodeExecutionData {
	const json: IDataObject = { error: redact(error.message, secret) };
	if (error.description) json.description = redact(String(error.description), secret);
	if (taskId) json.taskId = taskId;
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * Turns scheduler outcomes into output items in input order. With Continue On Fail a failed
 * task becomes an error item; otherwise the first failure is thrown.
 */
export async function emitOutcomes(ctx: IExecuteFunctions, outcomes: JobOutcome[], options: EmitOptions): Promise<INodeExecutionData[]> {
	const items: INodeExecutionData[] = [];
	for (const outcome of outcomes) {
		try {
			if (outcome.error) throw outcome.error;
			const result = outcome.result as TaskResult;
			const json = options.compact ? toToolJson(result) : toJson(result);
			const item: INodeExecutionData = { json, pairedItem: { item: outcome.index } };
			if (options.download && result.status === 'SUCCESS' && result.files.length) {
				item.binary = await downloadFiles(ctx, result, outcome.index, options.binaryProperty);
			}
			items.push(item);
		} catch (error) {
			if (!ctx.continueOnFail()) throw asNodeError(ctx.getNode(), error, outcome.index);
			items.push(errorItem(error as Error, outcome.index, outcome.taskId, options.secret));
		}
	}
	return items;
}
