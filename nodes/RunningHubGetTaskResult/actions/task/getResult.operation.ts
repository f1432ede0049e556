import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { itemWaitingSettings, waitingProperties } from '../../../shared/descriptions/waiting';
import { isToolRun } from '../../../shared/node/toolRun';
import type { TaskResult } from '../../../shared/outputs/normalize';
import { isTerminal } from '../../../shared/outputs/normalize';
import { queryTask } from '../../../shared/outputs/query';
import { runItems } from '../../../shared/runner/runItems';
import type { TaskItem } from '../../../shared/runner/taskBatch';
import { runTaskBatch } from '../../../shared/runner/taskBatch';
import type { RunningHubClient } from '../../../shared/transport/request';
import { explainNotFound, readTaskId } from '../taskId';

const show = { resource: ['task'], operation: ['getResult'] };

/**
 * The shared waiting options, adapted to a task that already exists: "Return Immediately"
 * becomes "Return Current State", Download Outputs also applies to a task that is already
 * finished, and Max Concurrent Tasks is dropped (watching tasks uses no account capacity).
 */
export const description: INodeProperties[] = waitingProperties(show).map((property) => {
	if (property.name === 'waitMode') {
		return {
			...property,
			options: [
				{ name: 'Poll Until Finished', value: 'poll', description: 'Wait in this node until the task finishes, checking its status with back-off' },
				{ name: 'Return Current State', value: 'none', description: 'Output the task as it is now: QUEUED or RUNNING without files if it has not finished yet' },
			],
		};
	}
	if (property.name === 'downloadOutputs') return { ...property, displayOptions: { show } };
	if (property.name === 'waitingOptions') {
		// Watching tasks uses no account slots, submits nothing, and has no batch to stop.
		return { ...property, options: (property.options ?? []).filter((option) => !['costUnit', 'maxConcurrency', 'maxQueueWaitMinutes', 'maxTotalCost', 'onFailure', 'reuseMinutes'].includes(option.name)) };
	}
	return property;
});

/** One `/openapi/v2/query`; a task that is unknown to this key gets an error naming it. */
async function query(ctx: IExecuteFunctions, client: RunningHubClient, taskId: string, itemIndex: number): Promise<TaskResult> {
	try {
		return await queryTask(client, taskId, { itemIndex });
	} catch (error) {
		throw explainNotFound(ctx.getNode(), error, taskId, itemIndex);
	}
}

/**
 * Get Result: the v2 query, normalized. Every item becomes a scheduler job whose "submit" is a
 * first query of the given id (a finished task settles at once), so waiting, back-off,
 * timeouts naming the task id and cancel work as in Run Workflow; "Return Current State" is
 * the same job that does not wait. Watching tasks takes no account capacity, so all items
 * are watched at once.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const compact = isToolRun(this);
	return await runItems(this, {
		prepare: (i) => ({ taskId: readTaskId(this, i), settings: itemWaitingSettings(this, i), download: Boolean(this.getNodeParameter('downloadOutputs', i, true)) }),
		runAll: async (plans, client) => {
			const items: TaskItem[] = plans.map(({ index, plan }) => {
				const poll = plan.settings.mode !== 'none';
				return {
					download: plan.download,
					binaryProperty: plan.settings.binaryProperty,
					maxDownloadBytes: plan.settings.maxDownloadBytes,
					job: {
						index,
						wait: { waitForResult: poll, timeoutMs: plan.settings.timeoutMs, pollIntervalMs: plan.settings.pollIntervalMs },
						submit: async () => {
							const result = await query(this, client, plan.taskId, index);
							// "Return Current State" outputs the task as it is, running or not.
							return poll && !isTerminal(result.status) ? { taskId: plan.taskId } : { taskId: plan.taskId, result };
						},
					},
				};
			});
			return await runTaskBatch(this, client, items, { concurrency: Math.max(1, items.length), compact, onFailure: 'leave' });
		},
	});
}
