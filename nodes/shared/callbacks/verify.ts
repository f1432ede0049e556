import type { TaskResult, TaskStatus } from '../outputs/normalize';
import { hasEnded } from '../outputs/normalize';
import { queryTask } from '../outputs/query';
import type { RunningHubClient } from '../transport/request';
import { errorMeta } from '../transport/request';
import { retryTiming, waitMs } from '../utils/timing';

/**
 * Callbacks are unsigned (API.md §9.1): their content is a hint. Verification asks the API
 * (`/openapi/v2/query`) for the task and trusts that answer instead.
 *
 * It runs after the callback has been answered (RunningHub asks receivers to answer at once
 * and retries slow ones), so nobody waits on it: the Trigger verifies in the execution it
 * started, "Resume on Callback" in webhook() after its answer.
 */
export type Verification =
	/** RunningHub says the task ended (or reports a status that is no task state); `result` is its answer. */
	| { state: 'terminal'; result: TaskResult }
	/** RunningHub says the task is still queued or running. */
	| { state: 'pending'; status: TaskStatus }
	/** RunningHub does not confirm the task (unknown id, other key or site, no credential). */
	| { state: 'unknown'; reason: string }
	/** RunningHub could not be asked right now (network, 5xx); worth asking again later. */
	| { state: 'unavailable'; reason: string };

/** Per attempt; the transport retries transient failures on its own. */
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

/**
 * Confirms the end a TASK_END callback announced. The callback can arrive a moment before
 * the query reports the end, so a task the API still shows queued or running is asked again
 * (`retryTiming.confirmAttempts` tries, `confirmDelayMs` apart) before giving up.
 */
export async function confirmTaskEnd(client: RunningHubClient, taskId: string, signal?: AbortSignal, v1Outputs = false): Promise<Verification> {
	let state = await queryTaskState(client, taskId, VERIFY_TIMEOUT_MS, v1Outputs);
	for (let attempt = 1; state.state === 'pending' && attempt < retryTiming.confirmAttempts && !signal?.aborted; attempt++) {
		await waitMs(retryTiming.confirmDelayMs, signal);
		if (signal?.aborted) break;
		state = await queryTaskState(client, taskId, VERIFY_TIMEOUT_MS, v1Outputs);
	}
	return state;
}
