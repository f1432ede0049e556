import type { IExecuteFunctions } from 'n8n-workflow';

import { ExpiringMap, memoryKey as hash } from '../utils/processMemory';

/**
 * What this process has submitted, so that a repeated call never pays twice.
 *
 * n8n's Retry On Fail calls execute() again inside the same execution (same execution id,
 * same node); so does its AI-tool wrapper. Without a record, every item whose task was
 * already created would be submitted again. The ledger keeps, per execution + node + item
 * + request, the task that submit created (or that the submit's outcome was unknown), and
 * the scheduler resumes that task instead of submitting.
 *
 * It lives in module scope (one per n8n process: the retry of a node runs in the process
 * that ran it, in queue mode too), bounded in size and age, with no timers. Keys are hashes:
 * no request body or API key is kept in memory longer than the call needs.
 */

export type LedgerEntry = { taskId: string; ambiguous?: undefined } | { taskId?: undefined; ambiguous: true };

const MAX_ENTRIES = 20000;
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

const entries = new ExpiringMap<LedgerEntry>(MAX_ENTRIES, MAX_AGE_MS);
const runs = new ExpiringMap<{ generation: number; attempt: number; failed: boolean }>(MAX_ENTRIES, MAX_AGE_MS);

/** One execute() call of one node in one execution, on one account. */
export interface LedgerScope {
	/** Names the run this call belongs to: a retry shares it with the call that failed. */
	scope: string;
	run: string;
	/** 1 for the first call of a run, 2 for its first retry … */
	attempt: number;
	/** Whether n8n will call execute() again if this call fails (Retry On Fail with tries left). */
	willRetry: boolean;
}

/**
 * Opens the ledger for one execute() call. A call that follows a failed call of the same
 * node in the same execution is a retry and sees what that call submitted; any other call
 * (the first, or the node running again in a loop after a success) starts a new run and
 * submits afresh. Without an execution id there is nothing to retry and no scope.
 */
export function openScope(ctx: IExecuteFunctions, apiKey: string): LedgerScope | undefined {
	const executionId = ctx.getExecutionId?.();
	if (!executionId) return undefined;
	const node = ctx.getNode();
	const run = hash(['rh-ledger', apiKey, executionId, node.id ?? '', node.name]);
	const previous = runs.get(run);
	const state = previous?.failed === true ? { ...previous, attempt: previous.attempt + 1, failed: false } : { generation: (previous?.generation ?? 0) + 1, attempt: 1, failed: false };
	runs.set(run, state);
	// n8n's own bounds for Retry On Fail (workflow-execute getRetryParams): 2 to 5 tries, default 3.
	const maxTries = node.retryOnFail === true ? Math.min(5, Math.max(2, node.maxTries || 3)) : 1;
	return { run, scope: `${run}:${state.generation}`, attempt: state.attempt, willRetry: state.attempt < maxTries };
}

/** Ends the call: a failed call makes the next call of the node in this execution a retry. */
export function closeScope(scope: LedgerScope | undefined, failed: boolean): void {
	if (!scope) return;
	const state = runs.get(scope.run);
	if (state && `${scope.run}:${state.generation}` === scope.scope) state.failed = failed;
}

function keyOf(scope: LedgerScope, itemIndex: number, requestKey: string): string {
	return hash([scope.scope, String(itemIndex), requestKey]);
}

export function lookup(scope: LedgerScope | undefined, itemIndex: number, requestKey: string | undefined): LedgerEntry | undefined {
	if (!scope || requestKey === undefined) return undefined;
	return entries.get(keyOf(scope, itemIndex, requestKey));
}

export function remember(scope: LedgerScope | undefined, itemIndex: number, requestKey: string | undefined, entry: { taskId: string } | { ambiguous: true }): void {
	if (!scope || requestKey === undefined) return;
	entries.set(keyOf(scope, itemIndex, requestKey), entry);
}

/** A stable text for a request: the same inputs give the same key, whatever the key order. */
export function requestKeyOf(value: unknown): string {
	const canonical = (v: unknown): unknown => {
		if (Array.isArray(v)) return v.map(canonical);
		if (v && typeof v === 'object') {
			return Object.fromEntries(
				Object.keys(v as Record<string, unknown>)
					.sort()
					.map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
			);
		}
		return v;
	};
	return hash([JSON.stringify(canonical(value)) ?? 'undefined']);
}

// ---------------------------------------------------------------- opt-in reuse across executions

/**
 * "Reuse Tasks Within": a new execution (the executions list's Retry, a workflow run again)
 * submits every item again. When the user opts in, a request identical to one this process
 * submitted for the same workflow, node, item and account within the window takes up that
 * task instead. Tasks that ended failed are forgotten, so their items are submitted again.
 */
const reusable = new ExpiringMap<{ taskId: string; at: number }>(MAX_ENTRIES, MAX_AGE_MS);

export interface ReuseScope {
	scope: string;
	windowMs: number;
}

export function openReuse(ctx: IExecuteFunctions, apiKey: string, windowMs: number): ReuseScope | undefined {
	if (!(windowMs > 0)) return undefined;
	const node = ctx.getNode();
	return { scope: hash(['rh-reuse', apiKey, String(ctx.getWorkflow().id ?? ''), node.id ?? '', node.name]), windowMs };
}

export function lookupReusable(reuse: ReuseScope | undefined, itemIndex: number, requestKey: string | undefined): string | undefined {
	if (!reuse || requestKey === undefined) return undefined;
	const entry = reusable.get(hash([reuse.scope, String(itemIndex), requestKey]));
	return entry && Date.now() - entry.at < reuse.windowMs ? entry.taskId : undefined;
}

export function rememberReusable(reuse: ReuseScope | undefined, itemIndex: number, requestKey: string | undefined, taskId: string): void {
	if (!reuse || requestKey === undefined) return;
	reusable.set(hash([reuse.scope, String(itemIndex), requestKey]), { taskId, at: Date.now() });
}

export function forgetReusable(reuse: ReuseScope | undefined, itemIndex: number, requestKey: string | undefined, taskId: string): void {
	if (!reuse || requestKey === undefined) return;
	const key = hash([reuse.scope, String(itemIndex), requestKey]);
	if (reusable.get(key)?.taskId === taskId) reusable.delete(key);
}
