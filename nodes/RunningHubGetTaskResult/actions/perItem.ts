import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError, errorItem } from '../../shared/outputs/emit';
import { RunningHubClient } from '../../shared/transport/request';


/**
 * The loop of the one-call-per-item operations. Every item's parameters are read and checked
 * first (`prepare`), so bad input stops the node before any request; then each item runs in
 * order. With Continue On Fail a failing item becomes an error item and the rest go on.
 */
export async function perItem<P extends { taskId?: string }>(
	ctx: IExecuteFunctions,
	prepare: (itemIndex: number) => P,
	run: (client: RunningHubClient, itemIndex: number, params: P) => Promise<IDataObject>,
): Promise<INodeExecutionData[][]> {
	const node = ctx.getNode();
	const items = ctx.getInputData();
	const prepared: Array<P | Error> = [];
	for (let i = 0; i < items.length; i++) {
		try {
			prepared.push(prepare(i));
		} catch (error) {
			if (!ctx.continueOnFail()) throw asNodeError(node, error, i);
			prepared.push(error as Error);
		}
	}
	const client = await RunningHubClient.create(ctx);
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const params = prepared[i];
		try {
			if (params instanceof Error) throw params;
			out.push({ json: await run(client, i, params), pairedItem: { item: i } });
		} catch (error) {
			if (!ctx.continueOnFail()) throw asNodeError(node, error, i);
			out.push(errorItem(error as Error, i, params instanceof Error ? undefined : params.taskId, client.credentials.apiKey));
		}
	}
	return [out];
}
