import type { INode, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { emptyResultError, taskFailedError, unknownStatusError } from '../errors/taskErrors';
import type { TaskResult } from './normalize';
import { hasOutputs } from './normalize';

/**
 * The one verdict on a task that has ended, whichever way its end reached us (poll, submit
 * answer, outputs call, callback): SUCCESS with outputs is a result; SUCCESS without any
 * output is EMPTY_RESULT; FAILED and CANCEL are failures naming the failing node; a status
 * RunningHub does not define is an error naming it (see hasEnded).
 * Returns undefined for a result, the error otherwise. Not for tasks that are still running.
 */
export function judgeTask(node: INode, result: TaskResult, itemIndex?: number): NodeApiError | NodeOperationError | undefined {
	if (result.status === 'SUCCESS') return hasOutputs(result) ? undefined : emptyResultError(node, result.taskId, itemIndex);
	if (result.status === 'FAILED' || result.status === 'CANCEL') return taskFailedError(node, result, itemIndex);
	if (result.reportedStatus !== undefined) return unknownStatusError(node, result.taskId, result.reportedStatus, itemIndex);
	return undefined;
}
