import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runItems } from '../../../shared/runner/runItems';
import { previewPrice } from './price';
import { readModelRequest, resolveBinaryRefs } from './request';

/** Preview Price uses only the model and its parameters. */
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runItems(this, {
		prepare: (i) => readModelRequest(this, i),
		run: async (request, i, client) => {
			const body = await resolveBinaryRefs(this, client, i, request);
			const price = await previewPrice(client, request.endpoint, body, i);
			const json: IDataObject = { endpoint: request.endpoint, ...price };
			if (request.model && !request.custom) json.model = request.model.name;
			return json;
		},
	});
}
