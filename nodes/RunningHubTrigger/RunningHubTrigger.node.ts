import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { triggerProperties } from './description';
import { emitTaskEnds } from './emit';
import { receiveCallback } from './receive';
import { clearGeneratedToken, ensureToken, expectedToken } from './secret';

export class RunningHubTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RunningHub Trigger',
		name: 'runningHubTrigger',
		icon: { light: 'file:../../icons/runninghub.svg', dark: 'file:../../icons/runninghub.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"] === "success" ? "Successful tasks" : $parameter["events"] === "failure" ? "Failed or cancelled tasks" : "Every task end" }}',
		description: 'Starts the workflow when a RunningHub task ends (TASK_END callback)',
		defaults: { name: 'RunningHub Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'runningHubApi', required: true, displayOptions: { show: { verifyThroughApi: [true] } } }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'callback' }],
		triggerPanel: {
			header: 'Paste this URL plus ?token=<Secret Token> as the Webhook URL of a RunningHub task',
			executionsHelp: {
				inactive:
					'While testing, use the Test URL (with <code>?token=</code> and your Secret Token) as the task\'s Webhook URL, click "Listen for test event", then start the task; n8n listens for about two minutes. Once the workflow is active, RunningHub must call the Production URL instead.',
				active:
					'The workflow is active: RunningHub calls the Production URL (with <code>?token=</code> and your Secret Token) when a task ends, and each task end starts one execution.',
			},
			activationHint:
				'Activate the workflow, then use the Production URL with <code>?token=</code> and your Secret Token as the Webhook URL of your RunningHub tasks.',
		},
		properties: triggerProperties,
	};

	/**
	 * RunningHub has no webhook registration API: the URL travels with each task. The
	 * lifecycle therefore only manages this node's own secret state in static data.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return expectedToken(this) !== '';
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (ensureToken(this)) {
					this.logger.warn(
						'RunningHub Trigger: Secret Token is empty, so a random token was generated and every callback will be refused. Set Secret Token and add it to the Webhook URL as ?token=….',
					);
				}
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				// The duplicate ring is kept on purpose: n8n 1.x calls delete() on every shutdown
				// and deactivation, and a RunningHub retry arriving after the restart or
				// re-activation must still be recognised. It is bounded (shared/callbacks/dedupe.ts).
				clearGeneratedToken(this.getWorkflowStaticData('node') as IDataObject);
				return true;
			},
		},
	};

	/** Answers RunningHub at once and starts the execution; nothing slow happens here (receive.ts). */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return receiveCallback(this);
	}

	/** The started execution's first step: verify, filter, download (emit.ts). */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await emitTaskEnds(this);
	}
}
