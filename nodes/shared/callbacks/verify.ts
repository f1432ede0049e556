import type { TaskResult, TaskStatus } from '../outputs/normalize';
import { hasEnded } from '../outputs/normalize';
import { queryTask } from '../outputs/query';
import type { RhContext } from '../transport/request';
import { errorMeta, RunningHubClient } from '../transport/request';

/**
 * Callbacks are unsigned (API.md §9.1): their content is a hint. Verification asks the API
 * (`/openapi/v2/query`) for the task and trusts that answer instead.
 */
export type Verification =
	/** RunningHub says the task ended (or reports a status that is no task state); `result` is its answer. */
	| { state: 'terminal'; result: TaskResult }
	/** RunningHub says the task is still queued or running. */
	| { state: 'pending'; status: TaskStatus }
	/** RunningHub does not confirm the task (unknown id, other key or site, no credential). */
	| { state: 'unknown'; reason: string }
	/** RunningHub could not be asked right now (network, 5xx); the sender should retry. */
	| { state: 'unavailable'; reason: string };

/** Short, because the sender waits for our answer and retries slow receivers. */
export const VERIFY_TIMEOUT_MS = 15000;

/**
 * Asks RunningHub for one task with an existing client. `v1Outputs`: the task was created
 * through a v1 endpoint (see outputs/query.ts).
 */
export async function queryTaskState(client: RunningHubClient, taskId: string, timeoutMs = VERIFY_TIMEOUT_MS, v1Outputs = false): Promise<Verification> {
	try {
		const result = await queryTask(client, taskId, { timeoutMs, v1Outputs });
		if (result.taskId !== taskId) {
			return { state: 'unknown', reason: `RunningHub answered for task ${result.taskId} instead of ${taskId}.` };
		}
		return hasEnded(result) ? { state: 'terminal', result } : { state: 'pending', status: result.status };
	} catch (error) {
		const meta = errorMeta(error);
		const reason = client.redact((error as Error).message);
		return meta?.network !== undefined || meta?.retry === 'transient' ? { state: 'unavailable', reason } : { state: 'unknown', reason };
	}
}

export async function verifyTaskEnd(ctx: RhContext, taskId: string, timeoutMs = VERIFY_TIMEOUT_MS): Promise<Verification> {
	let client: RunningHubClient;
	try {
		client = await RunningHubClient.create(ctx);
	} catch (error) {
		return { state: 'unknown', reason: `No usable RunningHub credential (${(error as Error).message}).` };
	}
	return await queryTaskState(client, taskId, timeoutMs);
}
