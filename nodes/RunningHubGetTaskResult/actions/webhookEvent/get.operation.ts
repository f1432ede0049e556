import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runItems } from '../../../shared/runner/runItems';
import { readTaskId } from '../taskId';
import { fetchWebhookDetail } from './webhookDetail';

/** The webhook event of a task: where it was sent, whether delivery worked, retries, event data. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	return await runItems(this, {
		prepare: (i) => ({ taskId: readTaskId(this, i) }),
		run: async ({ taskId }, i, client) => (await fetchWebhookDetail(node, client, taskId, i)).json,
	});
}
