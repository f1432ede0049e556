import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { perItem } from '../perItem';
import { readTaskId } from '../taskId';
import { fetchWebhookDetail } from './webhookDetail';

/** The webhook event of a task: where it was sent, whether delivery worked, retries, event data. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	return await perItem(
		this,
		(i) => ({ taskId: readTaskId(this, i) }),
		async (client, i, { taskId }) => (await fetchWebhookDetail(node, client, taskId, i)).json,
	);
}
