import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { waitingProperties, readWaitingSettings } from '../../../shared/descriptions/waiting';
import { emptyResultError, taskFailedError } from '../../../shared/errors/taskErrors';
import { asNodeError, emitOutcomes } from '../../../shared/outputs/emit';
import type { TaskResult } from '../../../shared/outputs/normalize';
import { fromV2Task, hasOutputs, isTerminal } from '../../../shared/outputs/normalize';
import type { JobOutcome, TaskJob } from '../../../shared/scheduler/taskScheduler';
import { runTasks } from '../../../shared/scheduler/taskScheduler';
import { RunningHubClient } from '../../../shared/transport/request';
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
		return { ...property, options: (property.options ?? []).filter((option) => option.name !== 'maxConcurrency') };
	}
	return property;
});

/** One `/openapi/v2/query`; a task that is unknown to this key gets an error naming it. */
async function query(ctx: IExecuteFunctions, client: RunningHubClient, taskId: string, itemIndex: number): Promise<TaskResult> {
	let body: unknown;
	try {
		body = await client.call({ path: '/openapi/v2/query', body: { taskId }, kind: 'read', taskState: true, itemIndex });
	} catch (error) {
		throw explainNotFound(ctx.getNode(), error, taskId, itemIndex);
	}
	const result = fromV2Task(body);
	if (!result.taskId) result.taskId = taskId;
	return result;
}

/** Same rules as the scheduler applies when it settles a task. */
function judge(ctx: IExecuteFunctions, result: TaskResult, itemIndex: number): Error | undefined {
	if (result.status === 'SUCCESS' && !hasOutputs(result)) return emptyResultError(ctx.getNode(), result.taskId, itemIndex);
	if (result.status === 'FAILED' || result.status === 'CANCEL') return taskFailedError(ctx.getNode(), result, itemIndex);
	return undefined;
}

/**
 * Get Result: the v2 query, normalized. "Poll Until Finished" hands the tasks to the shared
 * scheduler as jobs whose "submit" is a first query of the given id (a finished task settles at
 * once), so waiting, back-off, timeouts naming the task id and cancel work as in Run Workflow.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	const items = this.getInputData();
	const settings = readWaitingSettings((name, fallback) => this.getNodeParameter(name, 0, fallback));
	const download = Boolean(this.getNodeParameter('downloadOutputs', 0, true));
	const stopOnError = !this.continueOnFail();

	const outcomes: JobOutcome[] = [];
	const taskIds = new Map<number, string>();
	for (let i = 0; i < items.length; i++) {
		try {
			taskIds.set(i, readTaskId(this, i));
		} catch (error) {
			if (stopOnError) throw asNodeError(node, error, i);
			outcomes.push({ index: i, error: error as Error, polls: 0 });
		}
	}

	const client = await RunningHubClient.create(this);
	if (settings.mode === 'none') {
		for (const [index, taskId] of taskIds) {
			try {
				const result = await query(this, client, taskId, index);
				outcomes.push({ index, taskId, result, error: judge(this, result, index), polls: 1 });
			} catch (error) {
				if (stopOnError) throw asNodeError(node, error, index);
				outcomes.push({ index, taskId, error: error as Error, polls: 1 });
			}
		}
	} else {
		const jobs: TaskJob[] = [...taskIds].map(([index, taskId]) => ({
			index,
			submit: async () => {
				const result = await query(this, client, taskId, index);
				return isTerminal(result.status) ? { taskId, result } : { taskId };
			},
		}));
		try {
			outcomes.push(
				...(await runTasks(jobs, {
					ctx: this,
					client,
					concurrency: Math.max(1, jobs.length),
					waitForResult: true,
					timeoutMs: settings.timeoutMs,
					pollIntervalMs: settings.pollIntervalMs,
					stopOnError,
				})),
			);
		} catch (error) {
			throw asNodeError(node, error, 0);
		}
	}

	outcomes.sort((a, b) => a.index - b.index);
	try {
		return [await emitOutcomes(this, outcomes, { download, binaryProperty: settings.binaryProperty, secret: client.credentials.apiKey })];
	} catch (error) {
		throw asNodeError(node, error, 0);
	}
}
