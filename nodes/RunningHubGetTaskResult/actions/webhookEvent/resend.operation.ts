import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildApiError } from '../../../shared/errors/apiError';
import { runItems } from '../../../shared/runner/runItems';
import { readTaskId } from '../taskId';
import { fetchWebhookDetail } from './webhookDetail';

export const description: INodeProperties[] = [
	{
		displayName: 'New Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/webhook/runninghub',
		description: 'Send the event to this URL instead of the original one. Leave empty to resend to the original URL.',
		displayOptions: { show: { resource: ['webhookEvent'], operation: ['resend'] } },
	},
];

function readWebhookUrl(ctx: IExecuteFunctions, itemIndex: number): string | undefined {
	const value = String(ctx.getNodeParameter('webhookUrl', itemIndex, '') ?? '').trim();
	if (!value) return undefined;
	let valid = false;
	try {
		valid = ['http:', 'https:'].includes(new URL(value).protocol);
	} catch {
		valid = false;
	}
	if (!valid) {
		throw new NodeOperationError(ctx.getNode(), 'The "New Webhook URL" field is not a valid http(s) URL', {
			itemIndex,
			description: 'Enter a full URL starting with https:// (or http://), or leave the field empty to use the original URL.',
		});
	}
	return value;
}

/**
 * Resend (API.md §9.3): reads the task's webhook event for its id, then asks RunningHub to
 * deliver it again. Sent once (kind 'submit'): a timed-out resend may still have been delivered.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	return await runItems(this, {
		prepare: (i) => ({ taskId: readTaskId(this, i), webhookUrl: readWebhookUrl(this, i) }),
		run: async ({ taskId, webhookUrl }, i, client) => {
			const detail = await fetchWebhookDetail(node, client, taskId, i);
			const body: Record<string, string> = { webhookId: detail.webhookId };
			if (webhookUrl) body.webhookUrl = webhookUrl;
			const envelope = await client.request({ path: '/task/openapi/retryWebhook', body, kind: 'submit', passCodes: [1], itemIndex: i });
			if (envelope.code !== 0) {
				throw buildApiError(node, {
					info: { name: 'WEBHOOK_EVENT_NOT_FOUND', cause: `The webhook event of task ${taskId} could not be resent.`, action: 'Get the webhook event again to check it still exists, then retry.', retry: 'never' },
					code: envelope.code,
					serverMessage: envelope.message ? client.redact(envelope.message) : undefined,
					itemIndex: i,
					meta: { taskId },
				});
			}
			return { taskId, webhookId: detail.webhookId, webhookUrl: webhookUrl ?? detail.json.webhookUrl ?? null, resent: true };
		},
	});
}
