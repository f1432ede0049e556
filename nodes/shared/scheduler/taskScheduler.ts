import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorMeta } from '../errors/apiError';
import { cancelledError, notResubmittedError, queueWaitError, timeoutError } from '../errors/taskErrors';
import { judgeTask } from '../outputs/judge';
import type { TaskResult } from '../outputs/normalize';
import { hasEnded, isTerminal } from '../outputs/normalize';
import { queryTask } from '../outputs/query';
import type { RunningHubClient } from '../transport/request';
import { backoffMs, waitMs } from '../utils/timing';
import type { KeyQueue, Ticket } from './keyQueue';
import type { LedgerScope, ReuseScope } from './ledger';
import { forgetReusable, lookup, lookupReusable, remember, rememberReusable } from './ledger';

export interface Submitted {
	taskId: string;
	/** Set when the submit response already carries the final result (fast models). */
	result?: TaskResult;
}

/** How one item waits; read per item, so expressions may differ between items. */
export interface WaitPlan {
	/** Poll until finished; false returns right after submit with the task id. */
	waitForResult: boolean;
	timeoutMs: number;
	pollIntervalMs: number;
}

export interface TaskJob {
	/** Input item index; outcomes come back in this order. */
	index: number;
	submit: () => Promise<Submitted>;
	/** What this submit is expected to cost, in the budget's unit, where RunningHub says (price preview). */
	estimate?: () => Promise<number | undefined>;
	wait: WaitPlan;
	/**
	 * The request as the user gave it (before uploads). Together with the execution, node
	 * and item it identifies a submit that a retry must not repeat (see ledger.ts). Jobs
	 * that create nothing (watching an existing task) have none.
	 */
	requestKey?: string;
	/** Created through a v1 endpoint: an empty SUCCESS asks the v1 outputs once (outputs/query.ts). */
	v1Outputs?: boolean;
}

/** cancel / finish: the user's choice for the tasks it created; leave: stop watching tasks it did not create. */
export type OnFailure = 'cancel' | 'finish' | 'leave';

export interface SchedulerConfig {
	ctx: IExecuteFunctions;
	client: RunningHubClient;
	/** At most this many tasks in flight (submitted and not finished). */
	concurrency: number;
	/** Without Continue On Fail the first failed task stops the batch. */
	stopOnError: boolean;
	/** What happens to the tasks still running when the batch stops. */
	onFailure?: OnFailure;
	ledger?: LedgerScope;
	/** Opt-in: identical requests of earlier executions within a window take up their task. */
	reuse?: ReuseScope;
	/**
	 * The account's queue, shared by every execution of this process: each submit takes a slot
	 * and gives it back when its task ends. Jobs that create nothing (watching) take none.
	 */
	slots?: { queue: KeyQueue; maxQueueWaitMs: number };
	/**
	 * "Resume on Callback": a submitted task keeps its slot as a lease until its callback or
	 * this time (the execution's deadline).
	 */
	leaseUntil?: number;
	/** Max Total Cost of the execution. */
	budget?: Budget;
}

export interface Budget {
	limit: number;
	unit: 'money' | 'coins';
	/** What the execution had spent before this node run (its custom data). */
	spentBefore: number;
}

/** A task's reported cost in the budget's unit. */
export function costOf(result: TaskResult | undefined, unit: Budget['unit']): number {
	const usage = result?.usage ?? {};
	const parts = unit === 'coins' ? [usage.coins] : [usage.money, usage.thirdPartyMoney];
	return parts.reduce<number>((sum, v) => sum + (typeof v === 'number' && Number.isFinite(v) ? v : 0), 0);
}

export type TaskState = 'done' | 'failed' | 'cancelled' | 'left running' | 'not submitted';

export interface JobOutcome {
	index: number;
	taskId?: string;
	result?: TaskResult;
	error?: Error;
	polls: number;
	state: TaskState;
}

export interface SchedulerResult {
	outcomes: JobOutcome[];
	/** Set when the batch stopped at a failure: that failure, naming every task and its state. */
	stopped?: Error;
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
const SLOT_RECHECK_MS = 2000;

/**
 * The one scheduler shared by every node that runs tasks: keeps at most `concurrency`
 * tasks in flight, refills as they finish, polls all of them from one loop, waits and
 * re-submits only when RunningHub says the submit was refused (421/415 …), never after an
 * ambiguous submit, resumes the tasks an earlier attempt of the same call created
 * (Retry On Fail), stops at the first failure unless told to continue, and returns
 * outcomes in input order.
 */
export async function runTasks(jobs: TaskJob[], config: SchedulerConfig): Promise<SchedulerResult> {
	const { ctx, client } = config;
	const node = ctx.getNode();
	const signal = ctx.getExecutionCancelSignal?.();
	const pending = [...jobs];
	const inFlight = new Map<string, InFlight>();
	const outcomes = new Map<number, JobOutcome>();
	const concurrency = Math.max(1, Math.floor(config.concurrency));
	let capacityWaitUntil = 0;
	let refusals = 0;
	const started = Date.now();
	const tickets = new Map<number, Ticket>();
	const ticketOf = (job: TaskJob): Ticket | undefined => {
		if (!config.slots) return undefined;
		let ticket = tickets.get(job.index);
		if (!ticket) tickets.set(job.index, (ticket = config.slots.queue.enqueue()));
		return ticket;
	};
	const releaseSlot = (index: number) => {
		const ticket = tickets.get(index);
		if (ticket) config.slots?.queue.release(ticket);
	};
	let stopping: JobOutcome | undefined;
	let stopped = false;

	const finish = (outcome: JobOutcome) => {
		outcomes.set(outcome.index, outcome);
		releaseSlot(outcome.index);
		if (outcome.error && config.stopOnError && !stopping) stopping = outcome;
	};

	// Spend of this run: reported costs of ended tasks, plus the estimates of tasks still running.
	let spent = 0;
	const estimates = new Map<number, number>();
	const settle = (flight: InFlight, result: TaskResult) => {
		inFlight.delete(flight.taskId);
		if (config.budget) {
			estimates.delete(flight.job.index);
			spent += costOf(result, config.budget.unit);
		}
		const error = judgeTask(node, result, flight.job.index);
		if (error) forgetReusable(config.reuse, flight.job.index, flight.job.requestKey, flight.taskId);
		finish({ index: flight.job.index, taskId: flight.taskId, result, error, polls: flight.polls, state: error ? 'failed' : 'done' });
	};

	const track = (job: TaskJob, taskId: string) => {
		const now = Date.now();
		const flight: InFlight = { job, taskId, deadline: now + job.wait.timeoutMs, nextPollAt: now + job.wait.pollIntervalMs, submittedAt: now, failedPolls: 0, polls: 0 };
		inFlight.set(taskId, flight);
		return flight;
	};

	/** The batch stops: nothing new is submitted; running tasks are cancelled or left to finish. */
	const stop = async () => {
		for (const job of pending) {
			outcomes.set(job.index, { index: job.index, error: notSubmitted(node, job.index), polls: 0, state: 'not submitted' });
			releaseSlot(job.index);
		}
		pending.length = 0;
		const onFailure = config.onFailure ?? 'cancel';
		if (onFailure === 'finish') return;
		if (onFailure === 'leave') {
			for (const flight of inFlight.values()) {
				outcomes.set(flight.job.index, { index: flight.job.index, taskId: flight.taskId, error: notSubmitted(node, flight.job.index), polls: flight.polls, state: 'left running' });
				releaseSlot(flight.job.index);
			}
			inFlight.clear();
			return;
		}
		// A retry would resume the running tasks, so they are only cancelled on the last try.
		if (config.ledger?.willRetry) return;
		for (const flight of [...inFlight.values()]) {
			inFlight.delete(flight.taskId);
			const state: TaskState = (await cancelTask(client, flight.taskId, flight.job.index)) ? 'cancelled' : 'left running';
			outcomes.set(flight.job.index, { index: flight.job.index, taskId: flight.taskId, error: cancelledError(node, flight.taskId, flight.job.index), polls: flight.polls, state });
			releaseSlot(flight.job.index);
		}
	};

	try {
		while (pending.length || inFlight.size) {
			if (signal?.aborted) {
				for (const flight of inFlight.values()) finish({ index: flight.job.index, taskId: flight.taskId, error: cancelledError(node, flight.taskId, flight.job.index), polls: flight.polls, state: 'left running' });
				for (const job of pending) finish({ index: job.index, error: cancelledError(node, undefined, job.index), polls: 0, state: 'not submitted' });
				inFlight.clear();
				pending.length = 0;
				break;
			}

			// Fill free slots, in input order.
			while (!stopping && pending.length && inFlight.size < concurrency && Date.now() >= capacityWaitUntil) {
				const job = pending[0];
				const prior = lookup(config.ledger, job.index, job.requestKey);
				if (prior?.ambiguous) {
					pending.shift();
					finish({ index: job.index, error: notResubmittedError(node, job.index), polls: 0, state: 'not submitted' });
					continue;
				}
				// A slot of the account's queue first (arrival order across executions).
				const ticket = ticketOf(job);
				if (ticket && !ticket.granted) {
					const waited = Date.now() - ticket.enqueuedAt;
					if (waited < (config.slots as { maxQueueWaitMs: number }).maxQueueWaitMs) break;
					pending.shift();
					finish({ index: job.index, error: queueWaitError(node, waited, ticket.ahead, job.index), polls: 0, state: 'not submitted' });
					continue;
				}
				let submitted: Submitted;
				const resumed = prior?.taskId ?? lookupReusable(config.reuse, job.index, job.requestKey);
				if (config.budget && !resumed) {
					// Max Total Cost: what was spent, what running tasks are expected to cost, and this
					// item's estimate must fit. Without an estimate, submitting stops once the spend reaches it.
					let estimate: number | undefined;
					try {
						estimate = job.estimate ? await job.estimate() : undefined;
					} catch (error) {
						pending.shift();
						finish({ index: job.index, error: error as Error, polls: 0, state: 'not submitted' });
						continue;
					}
					const committed = config.budget.spentBefore + spent + [...estimates.values()].reduce((a, b) => a + b, 0);
					if (committed >= config.budget.limit || (estimate !== undefined && committed + estimate > config.budget.limit)) {
						pending.shift();
						finish({ index: job.index, error: budgetError(node, config.budget, committed, estimate, job.index), polls: 0, state: 'not submitted' });
						continue;
					}
					estimates.set(job.index, estimate ?? 0);
				}
				if (resumed) {
					// An earlier attempt of this call (or, opted in, an earlier execution) created the
					// task: take it up again.
					submitted = { taskId: resumed };
					remember(config.ledger, job.index, job.requestKey, { taskId: resumed });
				} else {
					try {
						submitted = await job.submit();
					} catch (error) {
						const meta = errorMeta(error);
						if (meta?.ambiguous) remember(config.ledger, job.index, job.requestKey, { ambiguous: true });
						const waitedTooLong = ticket ? Date.now() - ticket.enqueuedAt > (config.slots as { maxQueueWaitMs: number }).maxQueueWaitMs : Date.now() - started > job.wait.timeoutMs;
						if (meta?.retry === 'rejected' && !meta.ambiguous && !waitedTooLong) {
							// RunningHub refused before creating a task (another client or process holds the
							// key's slots): keep the item and its slot, try again after a jittered back-off on
							// the scale of the poll interval, so a freed slot is used soon.
							refusals++;
							const base = job.wait.pollIntervalMs;
							capacityWaitUntil = Date.now() + backoffMs(refusals, base, base * 4);
							break;
						}
						pending.shift();
						finish({ index: job.index, error: error as Error, polls: 0, state: 'not submitted' });
						continue;
					}
					remember(config.ledger, job.index, job.requestKey, { taskId: submitted.taskId });
					rememberReusable(config.reuse, job.index, job.requestKey, submitted.taskId);
				}
				pending.shift();
				refusals = 0;
				if (ticket && config.leaseUntil !== undefined) config.slots?.queue.lease(ticket, submitted.taskId, config.leaseUntil);
				if (!job.wait.waitForResult) {
					const result: TaskResult = submitted.result ?? { taskId: submitted.taskId, status: 'QUEUED', files: [], texts: [], usage: {}, source: 'submit' };
					const error = isTerminal(result.status) ? judgeTask(node, result, job.index) : undefined;
					finish({ index: job.index, taskId: submitted.taskId, result, error, polls: 0, state: error ? 'failed' : 'done' });
					continue;
				}
				const flight = track(job, submitted.taskId);
				// Resumed tasks are looked at right away: they may have ended meanwhile.
				if (resumed) flight.nextPollAt = Date.now();
				if (submitted.result && isTerminal(submitted.result.status)) settle(flight, submitted.result);
			}

			// Poll every task that is due, from this one loop.
			const now = Date.now();
			for (const flight of [...inFlight.values()]) {
				if (flight.nextPollAt > now) continue;
				if (signal?.aborted) break;
				flight.polls++;
				let result: TaskResult | undefined;
				let pollError: unknown;
				try {
					result = await queryTask(client, flight.taskId, { itemIndex: flight.job.index, v1Outputs: flight.job.v1Outputs });
				} catch (error) {
					pollError = error;
				}
				if (result) {
					flight.failedPolls = 0;
					if (hasEnded(result)) {
						settle(flight, result);
						continue;
					}
				} else if (++flight.failedPolls >= MAX_FAILED_POLLS) {
					inFlight.delete(flight.taskId);
					finish({ index: flight.job.index, taskId: flight.taskId, error: statusUnknownError(node, flight.taskId, pollError, flight.job.index), polls: flight.polls, state: 'left running' });
					continue;
				}
				if (Date.now() >= flight.deadline) {
					inFlight.delete(flight.taskId);
					finish({ index: flight.job.index, taskId: flight.taskId, error: timeoutError(node, flight.taskId, Math.round(flight.job.wait.timeoutMs / 1000), flight.job.index), polls: flight.polls, state: 'left running' });
					continue;
				}
				// Wait about a tenth of the time already spent: a task's end is then seen at most
				// ~10 % late, and long tasks cost few requests (bounded by maxInterval).
				const base = flight.job.wait.pollIntervalMs;
				const maxInterval = Math.max(base, Math.min(base * 4, MAX_POLL_INTERVAL_MS));
				const interval = Math.min(maxInterval, Math.max(base, Math.round((Date.now() - flight.submittedAt) / 10)));
				flight.nextPollAt = Math.min(Date.now() + interval, flight.deadline);
			}

			if (stopping && !stopped) {
				stopped = true;
				await stop();
			}

			// Sleep until the next thing is due, or until the account's queue grants the slot waited for.
			const wakeTimes = [...inFlight.values()].map((f) => f.nextPollAt);
			const room = !stopping && pending.length > 0 && inFlight.size < concurrency;
			const head = room ? tickets.get(pending[0].index) : undefined;
			const slotWait = head && !head.granted ? head : undefined;
			if (slotWait) wakeTimes.push(slotWait.enqueuedAt + (config.slots as { maxQueueWaitMs: number }).maxQueueWaitMs);
			else if (room) wakeTimes.push(capacityWaitUntil);
			if (pending.length && inFlight.size >= concurrency && !wakeTimes.length) wakeTimes.push(Date.now() + (pending[0]?.wait.pollIntervalMs ?? 1000));
			if (!wakeTimes.length) continue;
			const delay = Math.min(...wakeTimes) - Date.now();
			// While waiting for a slot, look again at least every few seconds: a sleep cannot be
			// cut short when the slot comes, and a long one would outlive the run.
			if (delay > 0) await (slotWait ? Promise.race([waitMs(Math.min(delay, SLOT_RECHECK_MS), signal), slotWait.ready]) : waitMs(delay, signal));
		}
	} finally {
		// Whatever ended the run (a result, an error, a cancelled execution), no slot stays taken.
		for (const ticket of tickets.values()) config.slots?.queue.release(ticket);
	}

	const list = jobs.map((job) => outcomes.get(job.index) ?? { index: job.index, error: cancelledError(node, undefined, job.index), polls: 0, state: 'not submitted' as const });
	return { outcomes: list, stopped: stopping ? summarize(stopping, list) : undefined };
}

/** Cancels a task this node created; false when RunningHub could not be told (it keeps running). */
export async function cancelTask(client: RunningHubClient, taskId: string, itemIndex: number): Promise<boolean> {
	try {
		await client.call({ path: '/task/openapi/cancel', body: { taskId }, kind: 'cancel', itemIndex });
		return true;
	} catch {
		return false;
	}
}

function budgetError(node: INode, budget: Budget, committed: number, estimate: number | undefined, itemIndex: number) {
	const unit = budget.unit === 'coins' ? ' RH coins' : '';
	const amount = (n: number) => `${Number(n.toFixed(4))}${unit}`;
	return new NodeOperationError(node, `Not submitted: Max Total Cost of ${amount(budget.limit)} would be exceeded`, {
		itemIndex,
		description: `Spent or committed by this execution so far: ${amount(committed)}${estimate !== undefined ? `; estimate for this item: ${amount(estimate)}` : ''}. Raise Waiting Options › Max Total Cost, or run fewer items.`,
	});
}

function notSubmitted(node: INode, itemIndex: number) {
	return new NodeOperationError(node, 'Skipped: an earlier item failed', {
		itemIndex,
		description: 'The node stops at the first failed task (turn on Continue On Fail to run every item). Nothing was submitted for this item.',
	});
}

function statusUnknownError(node: INode, taskId: string, error: unknown, itemIndex: number) {
	const message = `Could not get the status of task ${taskId}: ${(error as Error)?.message ?? String(error)}`;
	const err = new NodeOperationError(node, message, {
		itemIndex,
		description: `The task may still finish on RunningHub. Fetch it later with Get Task Result. Task ID: ${taskId}`,
	});
	// n8n would replace a message that mentions a network code with generic text.
	err.message = message;
	return err;
}

/** The failure the node stops with, its description listing every task and its state. */
function summarize(first: JobOutcome, outcomes: JobOutcome[]): Error {
	const error = first.error as Error & { description?: string | null };
	const lines = outcomes.map((o) => `item ${o.index}: ${o.taskId ? `task ${o.taskId} ` : ''}${o.state}`);
	error.description = `${error.description ? `${error.description} ` : ''}Tasks of this run — ${lines.join('; ')}.`;
	return error;
}
