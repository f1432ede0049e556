import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readInputs } from '../../helpers/readInputs';
import { targetId } from '../../helpers/target';

export const description: INodeProperties[] = [];

/**
 * Lists the inputs an AI App exposes (`GET /api/webapp/apiCallDemo`). The demo's ready-made
 * curl command is not passed on: it would carry the API key.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await readInputs(this, async (i, _client, cache) => {
		const id = targetId(this.getNode(), 'app', this.getNodeParameter('webappId', i), i);
		const schema = await cache.app(id, i);
		return {
			webappId: id,
			...(schema.name ? { webappName: schema.name } : {}),
			inputs: schema.fields.map((f) => ({
				id: f.id,
				nodeId: f.nodeId,
				nodeName: f.nodeTitle,
				fieldName: f.fieldName,
				fieldType: f.fieldType,
				type: f.type,
				value: f.value,
				...(f.options ? { options: f.options } : {}),
				...(f.media ? { media: f.media } : {}),
				...(f.description ? { description: f.description } : {}),
			})),
			nodeInfoList: schema.fields.map((f) => ({ nodeId: f.nodeId, fieldName: f.fieldName, fieldValue: f.value })),
		};
	});
}
