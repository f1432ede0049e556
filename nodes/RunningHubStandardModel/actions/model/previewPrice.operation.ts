import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { errorItem } from '../../../shared/outputs/emit';
import { RunningHubClient } from '../../../shared/transport/request';
import { previewPrice } from './price';
import { readModelRequest, resolveBinaryRefs, toNodeError } from './request';

/** Preview Price uses only the model and its parameters. */
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const out: INodeExecutionData[] = [];
	let client: RunningHubClient | undefined;
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const request = readModelRequest(this, itemIndex);
			client ??= await RunningHubClient.create(this);
			const body = await resolveBinaryRefs(this, client, itemIndex, request);
			const price = await previewPrice(client, request.endpoint, body, itemIndex);
			const json: IDataObject = { endpoint: request.endpoint, ...price };
			if (request.model && !request.custom) json.model = request.model.name;
			out.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (this.continueOnFail()) {
				out.push(errorItem(error as Error, itemIndex, undefined, client?.credentials.apiKey));
				continue;
			}
			throw toNodeError(this, error, itemIndex);
		}
	}
	return [out];
}
