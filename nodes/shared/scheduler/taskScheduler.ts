import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorMeta } from '../errors/apiError';
import { cancelledError, emptyResultError, taskFailedError, timeoutError } from '../errors/taskErrors';
import type { TaskResult } from '../outputs/normalize';
import { fromV2Task, hasOutputs, isTerminal } from '../outputs/normalize';
import type { RunningHubClient } from '../transport/request';
import { retryTiming, waitMs } from './wait';

export interface Submitted {
	taskId: string;
	/** Set when the submit response already carries the final result (fast models). */
	result?: TaskResult;
}

export interface TaskJob {
	/** Input item index; outcomes come back in this order. */
	index: number;
	submit: () => Promise<Submitted>;
}

export interface SchedulerConfig {
	ctx: IExecuteFunctions;
	client: RunningHubClient;
	/** At most this many tasks in flight (submitted and not finished). */
	concurrency: number;
	/** Poll until finished; false returns right after submit with the task id. */
	waitForResult: boolean;
	timeoutMs: number;
	pollIntervalMs: number;
	/** Without Continue On Fail the first error ends the run. */
	stopOnError: boolean;
}

export interface JobOutcome {
	index: number;
	taskId?: string;
	result?: TaskResult;
	error?: Error;
	polls: number;
}

interface InFlight {
	job: TaskJob;
	taskId: string;
	deadline: number;
	nextPollAt: number;
	submittedAt: number;
	failedPolls: number;
	polls: number;
}

/** Consecutive failed status checks (each already retried by the transport) before giving up. */
const MAX_FAILED_POLLS = 3;
const MAX_POLL_INTERVAL_MS = 30000;

/**
 * The one scheduler shared by every node that runs tasks: keeps at most `concurrency`
 * tasks in flight, refills as they finish, polls all of them from one loop, waits and
 * re-submits only when RunningHub says the submit was refused (421/415 …), never after an
 * ambiguous submit, and returns outcomes in input order.
 */
export async function runTasks(jobs: TaskJob[], config: SchedulerConfig): Promise<JobOutcome[]> {
	const { ctx, client } = config;
	const node = ctx.getNode();
	const signal = ctx.getExecutionCancelSignal?.();
	const pending = [...jobs];
	const inFlight = new Map<string, InFlight>();
	const outcomes = new Map<number, JobOutcome>();
	const concurrency = Math.max(1, Math.floor(config.concurrency));
	const maxInterval = Math.max(config.pollIntervalMs, Math.min(config.pollIntervalMs * 4, MAX_POLL_INTERVAL_MS));
	let capacityWaitUntil = 0;
	let capacityBackoff = retryTiming.capacityBackoffMs;
	const started = Date.now();

	const finish = (outcome: JobOutcome) => {
		outcomes.set(outcome.index, outcome);
		if (outcome.error && config.stopOnError) {
			const running = [...inFlight.values()].map((f) => f.taskId);
			const err = outcome.error as Error & { description?: string };
			if (running.length) {
				err.description = `${err.description ?? ''} Tasks still running on RunningHub: ${running.join(', ')}.`.trim();
			}
			throw err;
		}
	};

	const settle = (flight: InFlight, result: TaskResult) => {
		inFlight.delete(flight.taskId);
		const index = flight.job.index;
		if (result.status === 'SUCCESS' && !hasOutputs(result)) {
			finish({ index, taskId: flight.taskId, error: emptyResultError(node, flight.taskId, index), polls: flight.polls });
		} else if (result.status === 'SUCCESS') {
			finish({ index, taskId: flight.taskId, result, polls: flight.polls });
		} else {
			finish({ index, taskId: flight.taskId, result, error: taskFailedError(node, result, index), polls: flight.polls });
		}
	};

	while (pending.length || inFlight.size) {
		if (signal?.aborted) {
			for (const flight of inFlight.values()) outcomes.set(flight.job.index, { index: flight.job.index, taskId: flight.taskId, error: cancelledError(node, flight.taskId, flight.job.index), polls: flight.polls });
			for (const job of pending) outcomes.set(job.index, { index: job.index, error: cancelledError(node, undefined, job.index), polls: 0 });
			inFlight.clear();
			pending.length = 0;
			break;
		}

		// Fill free slots, in input order.
		while (pending.length && inFlight.size < concurrency && Date.now() >= capacityWaitUntil) {
			const job = pending[0];
			let submitted: Submitted;
			try {
				submitted = await job.submit();
			} catch (error) {
				const meta = errorMeta(error);
				const waitedTooLong = Date.now() - started > config.timeoutMs;
				if (meta?.retry === 'rejected' && !meta.ambiguous && !waitedTooLong) {
					// RunningHub refused before creating a task: keep the item, wait for a slot.
					capacityWaitUntil = Date.now() + capacityBackoff;
					capacityBackoff = Math.min(capacityBackoff * 2, retryTiming.capacityBackoffMaxMs);
					break;
				}
				pending.shift();
				finish({ index: job.index, error: error as Error, polls: 0 });
				continue;
			}
			pending.shift();
			capacityBackoff = retryTiming.capacityBackoffMs;
			if (!config.waitForResult) {
				finish({ index: job.index, taskId: submitted.taskId, result: submitted.result ?? { taskId: submitted.taskId, status: 'QUEUED', files: [], texts: [], usage: {}, source: 'submit' }, polls: 0 });
				continue;
			}
			const flight: InFlight = {
				job,
				taskId: submitted.taskId,
				deadline: Date.now() + config.timeoutMs,
				nextPollAt: Date.now() + config.pollIntervalMs,
				submittedAt: Date.now(),
				failedPolls: 0,
				polls: 0,
			};
			inFlight.set(submitted.taskId, flight);
			if (submitted.result && isTerminal(submitted.result.status)) settle(flight, submitted.result);
		}

		// Poll every task that is due, from this one loop.
		const now = Date.now();
		for (const flight of [...inFlight.values()]) {
			if (flight.nextPollAt > now) continue;
			if (signal?.aborted) break;
			flight.polls++;
			try {
				const body = await client.call({ path: '/openapi/v2/query', body: { taskId: flight.taskId }, kind: 'read', taskState: true, itemIndex: flight.job.index });
				flight.failedPolls = 0;
				const result = fromV2Task(body);
				if (!result.taskId) result.taskId = flight.taskId;
				if (isTerminal(result.status)) {
					settle(flight, result);
					continue;
				}
			} catch (error) {
				flight.failedPolls++;
				if (flight.failedPolls >= MAX_FAILED_POLLS) {
					inFlight.delete(flight.taskId);
					const message = `Could not get the status of task ${flight.taskId}: ${(error as Error).message}`;
					const err = new NodeOperationError(node, message, {
						itemIndex: flight.job.index,
						description: `The task may still finish on RunningHub. Fetch it later with Get Task Result. Task ID: ${flight.taskId}`,
					});
					// n8n would replace a message that mentions a network code with generic text.
					err.message = message;
					finish({ index: flight.job.index, taskId: flight.taskId, error: err, polls: flight.polls });
					continue;
				}
			}
			if (Date.now() >= flight.deadline) {
				inFlight.delete(flight.taskId);
				finish({ index: flight.job.index, taskId: flight.taskId, error: timeoutError(node, flight.taskId, Math.round(config.timeoutMs / 1000), flight.job.index), polls: flight.polls });
				continue;
			}
			// Wait about a tenth of the time already spent: a task's end is then seen at most
			// ~10 % late, and long tasks cost few requests (bounded by maxInterval).
			const interval = Math.min(maxInterval, Math.max(config.pollIntervalMs, Math.round((Date.now() - flight.submittedAt) / 10)));
			flight.nextPollAt = Math.min(Date.now() + interval, flight.deadline);
		}

		// Sleep until the next thing is due.
		const wakeTimes = [...inFlight.values()].map((f) => f.nextPollAt);
		if (pending.length && inFlight.size < concurrency) wakeTimes.push(capacityWaitUntil);
		if (pending.length && inFlight.size >= concurrency && !wakeTimes.length) wakeTimes.push(Date.now() + config.pollIntervalMs);
		if (!wakeTimes.length) continue;
		const delay = Math.min(...wakeTimes) - Date.now();
		if (delay > 0) await waitMs(delay, signal);
	}

	return jobs.map((job) => outcomes.get(job.index) ?? { index: job.index, error: cancelledError(node, undefined, job.index), polls: 0 });
}
