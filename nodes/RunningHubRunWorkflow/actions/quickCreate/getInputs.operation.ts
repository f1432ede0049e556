import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readInputs } from '../../helpers/readInputs';
import { targetId } from '../../helpers/target';

export const description: INodeProperties[] = [
	{
		displayName: 'Library Type',
		name: 'libraryType',
		type: 'number',
		default: 2,
		description: 'The "type" value of the Quick Create model library request (2 in RunningHub\'s example)',
		displayOptions: { show: { resource: ['quickCreate'], operation: ['getInputs'] } },
	},
];

/** Lists the style presets of a Quick Create module (`POST /api/fast/creation/model/params`). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await readInputs(this, async (i, client) => {
		const id = targetId(this.getNode(), 'app', this.getNodeParameter('webappId', i), i);
		const type = Number(this.getNodeParameter('libraryType', i, 2));
		const data = await client.call<unknown>({ path: '/api/fast/creation/model/params', body: { type, webappId: id }, kind: 'read', itemIndex: i });
		const styles = Array.isArray(data) ? (data as IDataObject[]) : [];
		return { webappId: id, type, styles };
	});
}
