import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { dedupeKey, recordDelivery } from '../shared/callbacks/dedupe';
import { readCallbackBody, refusedBody, replyWith, requestHasToken } from '../shared/callbacks/request';
import { readTaskEndBody } from '../shared/callbacks/taskEnd';
import { isTerminal } from '../shared/outputs/normalize';
import type { EventFilter } from './description';
import { wanted } from './events';
import { expectedToken } from './secret';

/**
 * `?redeliver=1` on the callback URL: the user resends a task end on purpose (Get Task Result ›
 * Webhook Event › Resend with the trigger URL plus this as New Webhook URL), to recover one
 * whose execution never started although it was answered and recorded. It starts even if the
 * duplicate record has it. (No weaker than the token: whoever has the token can send any end.)
 */
export const REDELIVER_PARAMETER = 'redeliver';

function redeliveryRequested(ctx: IWebhookFunctions): boolean {
	const value = ((ctx.getQueryData() ?? {}) as Record<string, unknown>)[REDELIVER_PARAMETER];
	const first = Array.isArray(value) ? value[0] : value;
	return first === '1' || first === 'true';
}

/** Answered with 200 through n8n's normal response path; no execution starts. */
function acknowledged(reason: string, taskId?: string): IWebhookResponseData {
	const body: IDataObject = { received: true, started: false, reason };
	if (taskId) body.taskId = taskId;
	return { webhookResponse: body };
}

/**
 * webhook() of the RunningHub Trigger: decides from the request alone — no call to
 * RunningHub, no download — whether the callback starts an execution, and answers at once.
 * RunningHub asks receivers to answer quickly and retries (then marks FAILED) slow ones
 * (API.md §9.1), so everything slow happens in the execution this starts (`emit.ts`): the
 * check through the API, the filter on the verified status, the downloads.
 */
export function receiveCallback(ctx: IWebhookFunctions): IWebhookResponseData {
	// 1. Who is calling: the secret must match before anything else is looked at.
	const expected = expectedToken(ctx);
	if (expected === '') ctx.logger.warn('RunningHub Trigger: no Secret Token is set; refusing the callback.');
	if (expected === '' || !requestHasToken(ctx, expected)) {
		return replyWith(ctx, 401, { error: 'Unauthorized', message: 'Missing or wrong token. Add ?token=<Secret Token> to the Webhook URL.' });
	}

	// 2. What was sent: a TASK_END with a task id and an eventData payload.
	const parsed = readTaskEndBody(readCallbackBody(ctx));
	// A callback that is not TASK_END is answered 200 and ignored (a 4xx would be retried).
	if (!parsed.ok) return refusedBody(ctx, parsed.error, 'RunningHub Trigger');
	const { taskId, result: reported, payload } = parsed.event;

	const filter = ctx.getNodeParameter('events', 'all') as EventFilter;
	const verify = ctx.getNodeParameter('verifyThroughApi', true) as boolean;

	// 3. Unwanted ends are acknowledged without starting anything. The verified status is
	//    filtered again in the execution (the callback is only a hint).
	if (isTerminal(reported.status) && !wanted(reported.status, filter)) {
		ctx.logger.debug(`RunningHub Trigger: task ${taskId} ended ${reported.status}; filtered out`);
		return acknowledged('filtered', taskId);
	}
	if (!verify && !isTerminal(reported.status)) {
		ctx.logger.warn(`RunningHub Trigger: callback for task ${taskId} reports ${reported.status}, not an end state; no execution started`);
		return replyWith(ctx, 202, { received: true, started: false, reason: `callback reports ${reported.status}`, taskId });
	}

	// 4. One execution per task end, however often it is delivered. Keyed on what the callback
	//    reports: every delivery of one task end carries the same content.
	const delivery = recordDelivery(ctx, dedupeKey(reported));
	if (!delivery.firstDelivery) {
		if (!redeliveryRequested(ctx)) {
			ctx.logger.debug(`RunningHub Trigger: task ${taskId} (${reported.status}) was already delivered; ignored (seen in ${delivery.seenBy})`);
			return acknowledged('duplicate', taskId);
		}
		ctx.logger.info(`RunningHub Trigger: task ${taskId} (${reported.status}) was already delivered; starting again as asked (?${REDELIVER_PARAMETER}=1)`);
	}

	// 5. Answer here rather than letting n8n answer once it has started the execution: with
	//    `noWebhookResponse` n8n saves static data (the duplicate record above) right after
	//    webhook() returns and before it starts the run; n8n 2.x drops it otherwise (see
	//    shared/callbacks/dedupe.ts). From this answer on RunningHub does not send this task
	//    end again: the execution n8n starts next is the only copy (README: "Callbacks are
	//    answered at once").
	replyWith(ctx, 200, { received: true, started: true, taskId });
	// The callback as it came (eventData decoded, ids as strings): the input of execute().
	const callback: IDataObject = { event: 'TASK_END', taskId, eventData: payload as IDataObject };
	return { noWebhookResponse: true, workflowData: [[{ json: callback }]] };
}
