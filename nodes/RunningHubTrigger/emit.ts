import type { IBinaryData, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { credentialBaseUrl } from '../shared/callbacks/download';
import { readTaskEndBody } from '../shared/callbacks/taskEnd';
import type { Verification } from '../shared/callbacks/verify';
import { confirmTaskEnd } from '../shared/callbacks/verify';
import { maxDownloadBytes } from '../shared/descriptions/download';
import { asNodeError, downloadFiles, errorItem } from '../shared/outputs/emit';
import type { TaskResult } from '../shared/outputs/normalize';
import { toJson } from '../shared/outputs/normalize';
import { redact, redactDeep } from '../shared/transport/redact';
import { RunningHubClient } from '../shared/transport/request';
import type { EventFilter } from './description';
import { wanted } from './events';

const RETRY_HINT =
	'The callback was received and answered, so RunningHub will not send it again: retry this execution (Executions › Retry) once RunningHub answers, or turn on Settings › Retry On Fail for the trigger.';

function notConfirmed(node: INode, taskId: string, state: Exclude<Verification, { state: 'terminal' }>, itemIndex: number): NodeOperationError {
	if (state.state === 'pending') {
		return new NodeOperationError(node, `RunningHub still reports task ${taskId} as ${state.status} after its TASK_END callback`, {
			itemIndex,
			description: `The callback said the task ended, but Query Result V2 does not confirm it. ${RETRY_HINT} Task ID: ${taskId}`,
		});
	}
	if (state.state === 'unavailable') {
		return new NodeOperationError(node, `Could not verify task ${taskId} with RunningHub: ${state.reason}`, { itemIndex, description: `${RETRY_HINT} Task ID: ${taskId}` });
	}
	return new NodeOperationError(node, `RunningHub did not confirm task ${taskId}: ${state.reason}`, {
		itemIndex,
		description: `The callback carried the right token, but RunningHub does not know this task for the credential's key and site (or the credential is missing). Check the credential of the trigger. Task ID: ${taskId}`,
	});
}

/**
 * execute() of the RunningHub Trigger. n8n runs a start node that has execute() with the
 * items its webhook() returned as input (n8n-core WorkflowExecute.runNode, 1.123 and 2.41),
 * so the slow part of a callback happens here, after RunningHub has been answered, in the
 * execution (on a worker in queue mode, with the execution's cancel signal): verification
 * through the API, the filter on the verified status, the downloads. A task RunningHub does
 * not confirm fails the execution, which keeps the callback as its input for a retry; a
 * failed download does not (the item says why in `downloadError`).
 */
export async function emitTaskEnds(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const node = ctx.getNode();
	const out: INodeExecutionData[] = [];
	let client: RunningHubClient | undefined;
	const items = ctx.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const parsed = readTaskEndBody(items[itemIndex].json);
			if (!parsed.ok) {
				throw new NodeOperationError(node, `The trigger's input is not a TASK_END callback: ${parsed.error.message}`, {
					itemIndex,
					description: 'The RunningHub Trigger runs on the callbacks it receives; pinned or hand-made input must keep the callback shape (event, taskId, eventData).',
				});
			}
			const { taskId, result: reported } = parsed.event;
			let result: TaskResult = reported;
			if (ctx.getNodeParameter('verifyThroughApi', itemIndex, true) === true) {
				client ??= await RunningHubClient.create(ctx);
				const state = await confirmTaskEnd(client, taskId, ctx.getExecutionCancelSignal());
				if (state.state !== 'terminal') throw notConfirmed(node, taskId, state, itemIndex);
				result = state.result;
				// Per-node costs only come with the v1-shaped callback; keep them when both agree.
				if (!result.nodeCosts && reported.nodeCosts && reported.status === result.status) result = { ...result, nodeCosts: reported.nodeCosts };
			}
			const filter = ctx.getNodeParameter('events', itemIndex, 'all') as EventFilter;
			if (!wanted(result.status, filter)) {
				ctx.logger.info(`RunningHub Trigger: task ${taskId} ended ${result.status} according to RunningHub; filtered out, nothing emitted`);
				continue;
			}
			// URL secrets (e.g. a `token` in a file link) are not shown; the download uses the link as it came.
			const item: INodeExecutionData = { json: redactDeep(toJson(result)), pairedItem: { item: itemIndex } };
			if (ctx.getNodeParameter('downloadOutputs', itemIndex, false) === true && result.status === 'SUCCESS' && result.files.length > 0) {
				const base = String(ctx.getNodeParameter('binaryProperty', itemIndex, 'data') || 'data');
				try {
					const rules = { baseUrl: client?.baseUrl ?? (await credentialBaseUrl(ctx)), maxBytes: maxDownloadBytes(ctx.getNodeParameter('maxDownloadMb', itemIndex, undefined)) };
					item.binary = (await downloadFiles(ctx, result, itemIndex, base, rules)) as Record<string, IBinaryData>;
				} catch (error) {
					// The event goes on without its files, saying why (their URLs are in `files`):
					// a refused or expired link does not get better by failing the execution.
					const described = error as Error & { description?: string | null };
					item.json.downloadError = redact([described.message, described.description].filter(Boolean).join(' '), client?.credentials.apiKey);
					ctx.logger.warn(`RunningHub Trigger: downloading outputs of task ${taskId} failed: ${redact(described.message, client?.credentials.apiKey)}`);
				}
			}
			out.push(item);
		} catch (error) {
			if (!ctx.continueOnFail()) throw asNodeError(node, error, itemIndex);
			out.push(errorItem(node, error, itemIndex, {}, client?.credentials.apiKey));
		}
	}
	return [out];
}
