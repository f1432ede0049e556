import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { normalizeStatus } from '../../../shared/outputs/normalize';
import { runItems } from '../../../shared/runner/runItems';
import { explainNotFound, readTaskId } from '../taskId';

/**
 * v1 status (API.md §7.2): `data` is QUEUED, RUNNING, SUCCESS or FAILED. The v1 API has no
 * CANCEL state; a cancelled task reads as FAILED here (Get Result shows CANCEL).
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	return await runItems(this, {
		prepare: (i) => ({ taskId: readTaskId(this, i) }),
		run: async ({ taskId }, i, client) => {
			let data: unknown;
			try {
				data = await client.call({ path: '/task/openapi/status', body: { taskId }, kind: 'read', itemIndex: i });
			} catch (error) {
				throw explainNotFound(node, error, taskId, i);
			}
			return { taskId, status: normalizeStatus(data) };
		},
	});
}
