import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { TaskResult } from '../outputs/normalize';
import { buildApiError } from './apiError';
import { lookupCode } from './errorTable';

const FETCH_LATER = 'Fetch it later with the RunningHub Get Task Result node (operation Get Result) or receive it with the RunningHub Trigger.';

/** A task that ended FAILED or CANCEL becomes an error naming the failing node and exception. */
export function taskFailedError(node: INode, result: TaskResult, itemIndex?: number) {
	const failure = result.failure;
	const known = failure?.code ? lookupCode(failure.code) : undefined;
	const info = known && known.name !== 'UNKNOWN_CODE'
		? known
		: { name: result.status === 'CANCEL' ? 'TASK_CANCELLED' : 'TASK_FAILED', cause: result.status === 'CANCEL' ? 'The task was cancelled.' : 'The task failed on RunningHub.', action: 'See the failure details; fix the inputs or run it again.', retry: 'never' as const };
	const where = failure?.nodeName ? ` in node "${failure.nodeName}"${failure.nodeId ? ` (#${failure.nodeId})` : ''}` : '';
	const what = failure?.exceptionMessage ? `${failure.exceptionType ? `${failure.exceptionType}: ` : ''}${failure.exceptionMessage}` : failure?.message;
	return buildApiError(node, {
		info: { ...info, cause: `Task ${result.taskId} ${result.status === 'CANCEL' ? 'was cancelled' : 'failed'}${where}.` },
		code: failure?.code,
		serverMessage: what,
		itemIndex,
		meta: { taskId: result.taskId },
	});
}

export function emptyResultError(node: INode, taskId: string, itemIndex?: number) {
	return buildApiError(node, {
		info: { name: 'EMPTY_RESULT', cause: `Task ${taskId} finished with SUCCESS but returned no outputs.`, action: 'Check that the workflow has an output (Save) node, then run it again.', retry: 'never' },
		itemIndex,
		meta: { taskId },
	});
}

/** RunningHub reported a status that is none of CREATE, QUEUED, RUNNING, SUCCESS, FAILED, CANCEL. */
export function unknownStatusError(node: INode, taskId: string, status: string, itemIndex?: number) {
	return buildApiError(node, {
		info: {
			name: 'UNKNOWN_TASK_STATUS',
			cause: `RunningHub reported the status "${status.slice(0, 40)}" for task ${taskId}, which is not a task state (CREATE, QUEUED, RUNNING, SUCCESS, FAILED or CANCEL).`,
			action: `Waiting stopped rather than running into the timeout. Check the task on RunningHub. ${FETCH_LATER}`,
			retry: 'never',
		},
		itemIndex,
		meta: { taskId },
	});
}

export function timeoutError(node: INode, taskId: string, seconds: number, itemIndex?: number) {
	return new NodeOperationError(node, `Task ${taskId} did not finish within ${seconds} seconds`, {
		itemIndex,
		description: `The task keeps running on RunningHub. ${FETCH_LATER} Task ID: ${taskId}`,
	});
}

export function cancelledError(node: INode, taskId: string | undefined, itemIndex?: number) {
	return new NodeOperationError(node, taskId ? `Stopped waiting for task ${taskId}: the execution was cancelled` : 'The execution was cancelled before the task was submitted', {
		itemIndex,
		description: taskId ? `The task may still run on RunningHub. ${FETCH_LATER} Task ID: ${taskId}` : 'Nothing was submitted for this item.',
	});
}

/** An earlier attempt's submit got no clear answer: the task may exist, so it is not sent again. */
export function notResubmittedError(node: INode, itemIndex?: number) {
	return new NodeOperationError(node, 'Not submitted again: an earlier attempt of this item may already have created a task', {
		itemIndex,
		description:
			'RunningHub did not answer the first submit clearly (connection lost or server error), so a task may exist and be billed. To avoid paying twice the retry does not submit it again. Check the task list on RunningHub, then run the item again if no task was created.',
	});
}

/** Max Queue Wait ran out before the account had a free slot for this item. */
export function queueWaitError(node: INode, waitedMs: number, ahead: number, itemIndex?: number) {
	const minutes = Math.round(waitedMs / 6000) / 10;
	return new NodeOperationError(node, `No free RunningHub slot after waiting ${minutes} min (${ahead} task(s) were ahead in this key's queue)`, {
		itemIndex,
		description:
			'Nothing was submitted for this item. The account runs only so many tasks at once and other executions were using them. Raise Waiting Options › Max Queue Wait, lower the number of executions running at once (N8N_CONCURRENCY_PRODUCTION_LIMIT), or raise the account\'s concurrency.',
	});
}
