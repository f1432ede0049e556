import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runItems } from '../../../shared/runner/runItems';
import { explainNotFound, readTaskId } from '../taskId';

/**
 * Cancel (API.md §4.5). Works for queued and running tasks; a finished task is left as it is.
 * An unknown task (807, or 423 in another doc version) becomes an error naming the task.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	return await runItems(this, {
		prepare: (i) => ({ taskId: readTaskId(this, i) }),
		run: async ({ taskId }, i, client) => {
			try {
				await client.call({ path: '/task/openapi/cancel', body: { taskId }, kind: 'cancel', itemIndex: i });
			} catch (error) {
				throw explainNotFound(node, error, taskId, i, 'was not found, so nothing was cancelled');
			}
			return { taskId, cancelled: true };
		},
	});
}
