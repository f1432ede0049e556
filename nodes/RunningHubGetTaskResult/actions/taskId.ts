import type { IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildApiError, errorMeta } from '../../shared/errors/apiError';

export const taskIdProperty: INodeProperties = {
	displayName: 'Task ID',
	name: 'taskId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 1910246754753896450',
	description: 'The task ID returned when the task was started (19 digits). Keep it as text: as a number it loses digits.',
	displayOptions: { show: { resource: ['task', 'webhookEvent'] } },
};

/** Reads the Task ID field: digits only, 15–20 characters, rejected with the field's name otherwise. */
export function readTaskId(ctx: IExecuteFunctions, itemIndex: number): string {
	const raw = ctx.getNodeParameter('taskId', itemIndex, '') as unknown;
	if (typeof raw === 'number' && !Number.isSafeInteger(raw)) {
		throw new NodeOperationError(ctx.getNode(), 'The "Task ID" field arrived as a number and has lost digits', {
			itemIndex,
			description: 'Task IDs have 19 digits, more than a JavaScript number holds. Pass the ID as text, e.g. the taskId string output of a RunningHub node.',
		});
	}
	const taskId = String(raw ?? '').trim();
	if (!/^\d{15,20}$/.test(taskId)) {
		const shown = taskId.length > 40 ? `${taskId.slice(0, 40)}…` : taskId;
		throw new NodeOperationError(ctx.getNode(), taskId ? `The "Task ID" field is not a valid task ID: "${shown}"` : 'The "Task ID" field is empty', {
			itemIndex,
			description: 'A RunningHub task ID is 15–20 digits, e.g. 1910246754753896450.',
		});
	}
	return taskId;
}

const NOT_FOUND = new Set(['TASK_NOT_FOUND', 'APIKEY_TASK_NOT_FOUND', 'TASK_NOT_FOUNED']);

/**
 * Replaces RunningHub's "task not found" codes (1004, 807, 423) with an error that names the
 * task and the usual reasons; any other error is returned unchanged.
 */
export function explainNotFound(node: INode, error: unknown, taskId: string, itemIndex: number, what = 'was not found'): unknown {
	const meta = errorMeta(error);
	if (!meta || !NOT_FOUND.has(meta.codeName)) return error;
	return buildApiError(node, {
		info: {
			name: meta.codeName,
			cause: `Task ${taskId} ${what}.`,
			action: 'Check the task ID, and that the task was created with this API key on this site (runninghub.ai and runninghub.cn are separate). Tasks are only kept for a limited time.',
			retry: 'never',
		},
		code: meta.code,
		itemIndex,
		meta: { taskId },
	});
}
