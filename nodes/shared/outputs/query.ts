import type { RunningHubClient } from '../transport/request';
import type { TaskResult } from './normalize';
import { fromV1Outputs, fromV2Task, hasOutputs } from './normalize';

export interface QueryOptions {
	itemIndex?: number;
	timeoutMs?: number;
	/**
	 * The task was created through a v1 endpoint (workflow or AI App create, Quick Create):
	 * when the v2 query reports SUCCESS without results, `/task/openapi/outputs` is asked once
	 * before the task counts as EMPTY_RESULT (a third-party client does the same; RunningHub's
	 * ComfyUI plugin reads v1 outputs for these tasks).
	 */
	v1Outputs?: boolean;
}

/** One `/openapi/v2/query` of a task, normalized; the one place that reads a task's state. */
export async function queryTask(client: RunningHubClient, taskId: string, options: QueryOptions = {}): Promise<TaskResult> {
	const data = await client.call({ path: '/openapi/v2/query', body: { taskId }, kind: 'read', taskState: true, itemIndex: options.itemIndex, timeoutMs: options.timeoutMs });
	const result = fromV2Task(data, 'query');
	if (!result.taskId) result.taskId = taskId;
	if (options.v1Outputs && result.status === 'SUCCESS' && !hasOutputs(result)) return await withV1Outputs(client, result, options);
	return result;
}

/** The outputs of a finished v1 task from `/task/openapi/outputs`; the v2 answer unchanged when it has none. */
async function withV1Outputs(client: RunningHubClient, result: TaskResult, options: QueryOptions): Promise<TaskResult> {
	let outputs: TaskResult;
	try {
		const envelope = await client.request({ path: '/task/openapi/outputs', body: { taskId: result.taskId }, kind: 'read', itemIndex: options.itemIndex, timeoutMs: options.timeoutMs, passCodes: [804, 805, 813] });
		outputs = fromV1Outputs(result.taskId, envelope.code, envelope.data, 'outputs');
	} catch {
		// The v2 answer stands: the task is reported as EMPTY_RESULT.
		return result;
	}
	if (outputs.status !== 'SUCCESS' || !hasOutputs(outputs)) return result;
	const usage = { ...outputs.usage };
	for (const [key, value] of Object.entries(result.usage)) if (value !== undefined) usage[key as keyof typeof usage] = value;
	return { ...result, files: outputs.files, texts: outputs.texts, nodeCosts: outputs.nodeCosts, usage };
}
