import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError, errorItem } from '../../shared/outputs/emit';
import { redactDeep } from '../../shared/transport/redact';
import { RunningHubClient } from '../../shared/transport/request';
import { SchemaCache } from './schema';

/**
 * Runs a read for every input item (Get Inputs): one client and one schema cache per
 * execution, Continue On Fail turns a failure into an error item for that item.
 */
export async function forEachItem(
	ctx: IExecuteFunctions,
	read: (itemIndex: number, client: RunningHubClient, cache: SchemaCache) => Promise<IDataObject>,
): Promise<INodeExecutionData[][]> {
	const node = ctx.getNode();
	const client = await RunningHubClient.create(ctx);
	const cache = new SchemaCache(client, node);
	const out: INodeExecutionData[] = [];
	const items = ctx.getInputData();
	for (let i = 0; i < items.length; i++) {
		try {
			const json = await read(i, client, cache);
			out.push({ json: redactDeep(json, client.credentials.apiKey), pairedItem: { item: i } });
		} catch (error) {
			const wrapped = asNodeError(node, error, i);
			if (!ctx.continueOnFail()) throw wrapped;
			out.push(errorItem(wrapped, i, undefined, client.credentials.apiKey));
		}
	}
	return [out];
}
