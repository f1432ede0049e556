import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readInputs } from '../../helpers/readInputs';
import { targetId } from '../../helpers/target';

export const description: INodeProperties[] = [];

/** Lists the editable inputs of a workflow from `POST /api/openapi/getJsonApiFormat`. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await readInputs(this, async (i, _client, cache) => {
		const id = targetId(this.getNode(), 'workflow', this.getNodeParameter('workflowId', i), i);
		const schema = await cache.workflow(id, i);
		return {
			workflowId: id,
			inputs: schema.fields.map((f) => ({
				id: f.id,
				nodeId: f.nodeId,
				nodeTitle: f.nodeTitle,
				classType: f.classType,
				fieldName: f.fieldName,
				type: f.type,
				value: f.value,
				...(f.media ? { media: f.media } : {}),
			})),
			nodeInfoList: schema.fields.map((f) => ({ nodeId: f.nodeId, fieldName: f.fieldName, fieldValue: f.value })),
			workflowApiJson: schema.graph as unknown as IDataObject,
		};
	});
}
