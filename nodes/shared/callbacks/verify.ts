import type { TaskResult, TaskStatus } from '../outputs/normalize';
import { fromV2Task, isTerminal } from '../outputs/normalize';
import type { RhContext } from '../transport/request';
import { errorMeta, RunningHubClient } from '../transport/request';

/**
 * Callbacks are unsigned (API.md §9.1): their content is a hint. Verification asks the API
 * (`/openapi/v2/query`) for the task and trusts that answer instead.
 */
export type Verification =
	/** RunningHub says the task ended; `result` is its answer. */
	| { state: 'terminal'; result: TaskResult }
	/** RunningHub says the task is still queued or running. */
	| { state: 'pending'; status: TaskStatus }
	/** RunningHub does not confirm the task (unknown id, other key or site, no credential). */
	| { state: 'unknown'; reason: string }
	/** RunningHub could not be asked right now (network, 5xx); the sender should retry. */
	| { state: 'unavailable'; reason: string };

/** Short, because the sender waits for our answer and retries slow receivers. */
export const VERIFY_TIMEOUT_MS = 15000;

/** Asks RunningHub for one task with an existing client. */
export async function queryTaskState(client: RunningHubClient, taskId: string, timeoutMs = VERIFY_TIMEOUT_MS): Promise<Verification> {
	try {
		const data = await client.call<unknown>({ path: '/openapi/v2/query', body: { taskId }, kind: 'read', taskState: true, timeoutMs });
		const result = fromV2Task(data, 'query');
		if (!result.taskId) result.taskId = taskId;
		if (result.taskId !== taskId) {
			return { state: 'unknown', reason: `RunningHub answered for task ${result.taskId} instead of ${taskId}.` };
		}
		return isTerminal(result.status) ? { state: 'terminal', result } : { state: 'pending', status: result.status };
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
