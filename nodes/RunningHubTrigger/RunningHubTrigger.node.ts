import type {
	IBinaryData,
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { dedupeKey, recordDelivery } from '../shared/callbacks/dedupe';
import { credentialBaseUrl, downloadTaskFiles } from '../shared/callbacks/download';
import { readCallbackBody, refusedBody, replyWith, requestHasToken } from '../shared/callbacks/request';
import { readTaskEndBody } from '../shared/callbacks/taskEnd';
import { verifyTaskEnd } from '../shared/callbacks/verify';
import type { TaskResult, TaskStatus } from '../shared/outputs/normalize';
import { maxDownloadBytes } from '../shared/descriptions/download';
import { isTerminal, toJson } from '../shared/outputs/normalize';
import { redact, redactDeep } from '../shared/transport/redact';
import type { EventFilter } from './description';
import { triggerProperties } from './description';
import { clearGeneratedToken, ensureToken, expectedToken } from './secret';

function wanted(status: TaskStatus, filter: EventFilter): boolean {
	if (filter === 'success') return status === 'SUCCESS';
	if (filter === 'failure') return status === 'FAILED' || status === 'CANCEL';
	return isTerminal(status);
}

/** Answered with 200 through n8n's normal response path; no execution starts. */
function acknowledged(reason: string, taskId?: string): IWebhookResponseData {
	const body: IDataObject = { received: true, started: false, reason };
	if (taskId) body.taskId = taskId;
	return { webhookResponse: body };
}

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

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		// 1. Who is calling: the secret must match before anything else is looked at.
		const expected = expectedToken(this);
		if (expected === '') this.logger.warn('RunningHub Trigger: no Secret Token is set; refusing the callback.');
		if (expected === '' || !requestHasToken(this, expected)) {
			return replyWith(this, 401, { error: 'Unauthorized', message: 'Missing or wrong token. Add ?token=<Secret Token> to the Webhook URL.' });
		}

		// 2. What was sent: a TASK_END with a task id and an eventData payload.
		const parsed = readTaskEndBody(readCallbackBody(this));
		if (!parsed.ok) return refusedBody(this, parsed.error, 'RunningHub Trigger');
		const { taskId, result: reported } = parsed.event;

		const filter = this.getNodeParameter('events', 'all') as EventFilter;
		const verify = this.getNodeParameter('verifyThroughApi', true) as boolean;

		// 3. Skip unwanted events early, before asking the API.
		if (isTerminal(reported.status) && !wanted(reported.status, filter)) {
			this.logger.debug(`RunningHub Trigger: task ${taskId} ended ${reported.status}; filtered out`);
			return acknowledged('filtered', taskId);
		}

		// 4. The callback is a hint; RunningHub's API is the truth.
		let result: TaskResult = reported;
		if (verify) {
			const verification = await verifyTaskEnd(this, taskId);
			if (verification.state === 'unavailable') {
				this.logger.warn(`RunningHub Trigger: could not verify task ${taskId}, asking the sender to retry: ${verification.reason}`);
				return replyWith(this, 503, { error: 'Service Unavailable', message: 'The task could not be verified with RunningHub right now; please retry.', taskId });
			}
			if (verification.state === 'unknown') {
				this.logger.warn(`RunningHub Trigger: RunningHub did not confirm task ${taskId}; no execution started: ${verification.reason}`);
				return replyWith(this, 202, { received: true, started: false, reason: 'not confirmed by RunningHub', taskId });
			}
			if (verification.state === 'pending') {
				this.logger.warn(`RunningHub Trigger: task ${taskId} is ${verification.status} according to RunningHub; no execution started`);
				return replyWith(this, 202, { received: true, started: false, reason: `task is ${verification.status} according to RunningHub`, taskId });
			}
			result = verification.result;
			// Per-node costs only come with the v1-shaped callback; keep them when both agree.
			if (!result.nodeCosts && reported.nodeCosts && reported.status === result.status) result = { ...result, nodeCosts: reported.nodeCosts };
		} else if (!isTerminal(reported.status)) {
			this.logger.warn(`RunningHub Trigger: callback for task ${taskId} reports ${reported.status}, not an end state; no execution started`);
			return replyWith(this, 202, { received: true, started: false, reason: `callback reports ${reported.status}`, taskId });
		}

		if (!wanted(result.status, filter)) {
			this.logger.debug(`RunningHub Trigger: task ${taskId} ended ${result.status}; filtered out`);
			return acknowledged('filtered', taskId);
		}

		// 5. One execution per task end, however often it is delivered.
		const delivery = recordDelivery(this, dedupeKey(result));
		if (!delivery.firstDelivery) {
			this.logger.debug(`RunningHub Trigger: task ${taskId} (${result.status}) was already delivered; ignored (seen in ${delivery.seenBy})`);
			return acknowledged('duplicate', taskId);
		}

		// 6. Emit the normalized result, optionally with the files.
		// URL secrets (e.g. a `token` in a file link) are not shown; the download uses the link as it came.
		const json = redactDeep(toJson(result));
		let binary: Record<string, IBinaryData> | undefined;
		if (this.getNodeParameter('downloadOutputs', false) === true && result.status === 'SUCCESS' && result.files.length > 0) {
			const base = String(this.getNodeParameter('binaryProperty', 'data') || 'data');
			try {
				const rules = { baseUrl: await credentialBaseUrl(this), maxBytes: maxDownloadBytes(this.getNodeParameter('maxDownloadMb', undefined)) };
				binary = await downloadTaskFiles(this, result, base, rules);
			} catch (error) {
				// The delivery is already recorded, so failing here would lose the event: start the
				// workflow anyway and say why the files are missing (their URLs are in `files`).
				const described = error as Error & { description?: string | null };
				json.downloadError = redact([described.message, described.description].filter(Boolean).join(' '));
				this.logger.warn(`RunningHub Trigger: downloading outputs of task ${taskId} failed: ${redact(described.message)}`);
			}
		}
		const items = this.helpers.returnJsonArray(json);
		if (binary) items[0].binary = binary;

		// 7. Answer the request here rather than letting n8n answer once it has started the
		//    execution: with `noWebhookResponse` n8n saves static data (the duplicate record
		//    above) right after webhook() returns and before it starts the run; n8n 2.x drops
		//    it otherwise (see shared/callbacks/dedupe.ts). Answering last keeps delivery
		//    at-least-once: if this process dies before, RunningHub retries.
		replyWith(this, 200, { received: true, started: true, taskId });
		return { noWebhookResponse: true, workflowData: [items] };
	}
}
