import type { IDataObject, INode } from 'n8n-workflow';

import { buildApiError } from '../../../shared/errors/apiError';
import { fromV1Outputs, toJson } from '../../../shared/outputs/normalize';
import { idToString, parseJsonKeepingIds } from '../../../shared/transport/jsonIds';
import type { RunningHubClient } from '../../../shared/transport/request';
import { explainNotFound } from '../taskId';

export interface WebhookDetail {
	webhookId: string;
	json: IDataObject;
}

function rec(value: unknown): Record<string, unknown> {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string | null {
	return value === undefined || value === null ? null : String(value);
}

/**
 * `/task/openapi/getWebhookDetail` (API.md §9.2). "No webhook for this task" comes back as
 * code 1, which is turned into an error that says so. `eventData` is a JSON string with the
 * shape of the outputs call; it is parsed and also given in the normalized result shape.
 */
export async function fetchWebhookDetail(node: INode, client: RunningHubClient, taskId: string, itemIndex: number): Promise<WebhookDetail> {
	let envelope;
	try {
		envelope = await client.request({ path: '/task/openapi/getWebhookDetail', body: { taskId }, kind: 'read', passCodes: [1], itemIndex });
	} catch (error) {
		throw explainNotFound(node, error, taskId, itemIndex);
	}
	const data = rec(envelope.data);
	const webhookId = idToString(data.id);
	if (envelope.code !== 0 || !webhookId) {
		throw buildApiError(node, {
			info: {
				name: 'WEBHOOK_EVENT_NOT_FOUND',
				cause: `Task ${taskId} has no webhook event.`,
				action: 'Webhook events exist only for tasks started with a Webhook URL, once they have finished; check the task ID and the credential site.',
				retry: 'never',
			},
			code: envelope.code,
			serverMessage: envelope.message ? client.redact(envelope.message) : undefined,
			itemIndex,
			meta: { taskId },
		});
	}

	const json: IDataObject = {
		webhookId,
		taskId: idToString(data.taskId) ?? taskId,
		webhookUrl: text(data.webhookUrl),
		callbackStatus: text(data.callbackStatus),
		callbackResponse: data.callbackResponse === undefined || data.callbackResponse === null ? null : client.redact(String(data.callbackResponse)),
		retryCount: data.retryCount === undefined || data.retryCount === null || !Number.isFinite(Number(data.retryCount)) ? null : Number(data.retryCount),
		createTime: text(data.createTime),
		updateTime: text(data.updateTime),
	};
	if (typeof data.eventData === 'string' && data.eventData.trim()) {
		try {
			// 19-digit ids inside the event (taskId, nodeId) must keep every digit.
			const event = rec(parseJsonKeepingIds(data.eventData));
			json.eventData = event as IDataObject;
			json.result = toJson(fromV1Outputs(String(json.taskId), event.code as number | string | undefined, event.data, 'webhook'));
		} catch {
			// Not JSON: hand the text over as it came.
			json.eventData = client.redact(data.eventData);
		}
	} else {
		json.eventData = (data.eventData as IDataObject | null | undefined) ?? null;
	}
	return { webhookId, json };
}
