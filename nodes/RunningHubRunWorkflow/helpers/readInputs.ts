import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runItems } from '../../shared/runner/runItems';
import type { RunningHubClient } from '../../shared/transport/request';
import { SchemaCache } from './schema';

/**
 * The Get Inputs operations: one free read per item through the shared item runner, with
 * one schema cache per execution so items asking for the same workflow or app load it once.
 */
export async function readInputs(
	ctx: IExecuteFunctions,
	read: (itemIndex: number, client: RunningHubClient, cache: SchemaCache) => Promise<IDataObject>,
): Promise<INodeExecutionData[][]> {
	let cache: SchemaCache | undefined;
	return await runItems(ctx, {
		prepare: () => undefined,
		run: async (_plan, i, client) => {
			cache ??= new SchemaCache(client, ctx.getNode());
			return await read(i, client, cache);
		},
	});
}
