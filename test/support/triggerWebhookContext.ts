/**
 * A real n8n-core WebhookContext for the RunningHub Trigger, as n8n's live webhook handler
 * builds it for one incoming POST: the request (parsed and raw body, query, headers), a
 * response object whose status/json calls are captured, and stored credentials.
 */
import { WebhookContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeType, IWebhookData, IWorkflowExecuteAdditionalData, Workflow } from 'n8n-workflow';

import { INSTANCE_URLS, TestCredentialsHelper } from './n8nFakes';

export interface SentResponse {
	status?: number;
	body?: IDataObject;
}

export interface IncomingCallback {
	body: unknown;
	rawBody: string;
	query: IDataObject;
	headers: IDataObject;
}

export function triggerWebhookContext(workflow: Workflow, node: INode, trigger: INodeType, credentials: ICredentialDataDecryptedObject, request: IncomingCallback): { ctx: WebhookContext; sent: SentResponse } {
	const sent: SentResponse = {};
	const response = {
		status(code: number) {
			sent.status = code;
			return response;
		},
		json(body: IDataObject) {
			sent.body = body;
			return response;
		},
	};
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper({ runningHubApi: credentials }),
		httpRequest: { body: request.body, rawBody: Buffer.from(request.rawBody), query: request.query, headers: request.headers, params: {} },
		httpResponse: response,
		...INSTANCE_URLS,
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const webhookData: IWebhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: `${node.webhookId}/callback`,
		webhookDescription: trigger.description.webhooks![0],
		workflowId: String(workflow.id),
		workflowExecuteAdditionalData: additionalData,
		webhookId: node.webhookId,
	};
	return { ctx: new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null), sent };
}
