import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { errorMeta } from '../errors/apiError';
import { isToolRun } from '../node/toolRun';
import type { NodeError } from '../outputs/emit';
import { asNodeError, errorItem } from '../outputs/emit';
import type { LedgerScope } from '../scheduler/ledger';
import { closeScope, openScope } from '../scheduler/ledger';
import { redactDeep } from '../transport/redact';
import { RunningHubClient } from '../transport/request';

/** What one input item produced: one or more output items, or an error (with what to keep). */
export interface ItemResult {
	index: number;
	/** Output items without pairedItem (the runner pairs them with `index`). */
	items?: INodeExecutionData[];
	error?: unknown;
	/** Fields kept on the error item, e.g. the task id or the result of a failed task. */
	errorFields?: IDataObject;
	/**
	 * An error item that does not fail the node even without Continue On Fail: a task parked
	 * by "Resume on Callback" is emitted as its timeout in advance (what the deadline passes
	 * on, to the error output where one is wired).
	 */
	parked?: boolean;
}

export interface Prepared<P> {
	index: number;
	plan: P;
}

/** The result of the batch step: per-item results, and the error that stopped the batch. */
export interface BatchResult {
	results: ItemResult[];
	/** Without Continue On Fail: the error the node fails with (it names every task). */
	stopped?: unknown;
}

export interface ItemRunner<P> {
	/**
	 * Reads and checks one item. Runs for every item before anything is sent that costs
	 * money, so bad input never reaches RunningHub (free reads such as a workflow's JSON
	 * are allowed).
	 */
	prepare: (itemIndex: number, client: RunningHubClient) => P | Promise<P>;
	/** One call per item, in input order: returns the item's json, or its output items. */
	run?: (plan: P, itemIndex: number, client: RunningHubClient) => Promise<IDataObject | ItemResult>;
	/** Or all items at once (tasks through the scheduler). */
	runAll?: (plans: Array<Prepared<P>>, client: RunningHubClient, ledger: LedgerScope | undefined) => Promise<BatchResult>;
	/** Last step, with the final output (e.g. to park the execution with it as its data). */
	finish?: (out: INodeExecutionData[]) => Promise<void>;
}

const ITEM_RESULT = Symbol('runningHubItemResult');

/** Marks what `run` returns as an item result (several items, or items plus an error) rather than one item's json. */
export function itemResult(result: ItemResult): ItemResult {
	return Object.assign(result, { [ITEM_RESULT]: true });
}

function isItemResult(value: unknown): value is ItemResult {
	return !!value && typeof value === 'object' && (value as Record<symbol, unknown>)[ITEM_RESULT] === true;
}

/**
 * The one per-item pipeline of every action node: prepare (validate) every item, then run
 * them, then emit one or more output items per input item in input order, each paired with
 * its input item. Continue On Fail turns a failure into an error item (`item.error` set, so
 * n8n's error output receives it); without it the first failure fails the node. Every
 * string that leaves is redacted of the API key.
 */
export async function runItems<P>(ctx: IExecuteFunctions, runner: ItemRunner<P>): Promise<INodeExecutionData[][]> {
	const client = await RunningHubClient.create(ctx);
	const ledger = runner.runAll ? openScope(ctx, client.credentials.apiKey) : undefined;
	let failed = true;
	try {
		const out = await pipeline(ctx, runner, client, ledger);
		// n8n's Retry On Fail also retries a node whose first item carries an error.
		failed = out[0]?.[0]?.json?.error !== undefined;
		return out;
	} finally {
		closeScope(ledger, failed);
	}
}

async function pipeline<P>(ctx: IExecuteFunctions, runner: ItemRunner<P>, client: RunningHubClient, ledger: LedgerScope | undefined): Promise<INodeExecutionData[][]> {
	const node = ctx.getNode();
	const continueOnFail = ctx.continueOnFail();
	const secret = client.credentials.apiKey;
	const toolRun = isToolRun(ctx);
	const fail = (error: unknown, index: number): NodeError => {
		const wrapped = asNodeError(node, error, index);
		wrapped.message = client.redact(wrapped.message);
		if (wrapped.description) wrapped.description = client.redact(String(wrapped.description));
		// A model sees only the message on some paths (MCP through a queue-mode worker, some
		// Agent versions): it must say what to change.
		if (toolRun && wrapped.description && !wrapped.message.includes(wrapped.description)) wrapped.message = `${wrapped.message} ${wrapped.description}`;
		return wrapped;
	};

	const results: ItemResult[] = [];
	const plans: Array<Prepared<P>> = [];
	const count = ctx.getInputData().length;
	for (let i = 0; i < count; i++) {
		try {
			plans.push({ index: i, plan: await runner.prepare(i, client) });
		} catch (error) {
			if (!continueOnFail) throw fail(error, i);
			results.push({ index: i, error });
		}
	}

	if (runner.runAll) {
		const batch: BatchResult = plans.length ? await runner.runAll(plans, client, ledger) : { results: [] };
		if (!continueOnFail) {
			const first = batch.stopped ?? [...batch.results].sort((a, b) => a.index - b.index).find((r) => r.error !== undefined && !r.parked)?.error;
			if (first !== undefined) throw fail(first, errorIndex(first));
		}
		results.push(...batch.results);
	} else if (runner.run) {
		for (const { index, plan } of plans) {
			try {
				const out = await runner.run(plan, index, client);
				const result = isItemResult(out) ? out : { index, items: [{ json: out }] };
				if (result.error && !continueOnFail) throw result.error;
				results.push(result);
			} catch (error) {
				if (!continueOnFail) throw fail(error, index);
				results.push({ index, error });
			}
		}
	}

	results.sort((a, b) => a.index - b.index);
	const out: INodeExecutionData[] = [];
	for (const result of results) {
		for (const item of result.items ?? []) out.push({ ...item, json: redactDeep(item.json, secret), pairedItem: { item: result.index } });
		if (result.error === undefined) continue;
		const fields: IDataObject = { ...(result.errorFields ?? {}) };
		const taskId = errorMeta(result.error)?.taskId;
		if (taskId && fields.taskId === undefined) fields.taskId = taskId;
		out.push(errorItem(node, fail(result.error, result.index), result.index, redactDeep(fields, secret), secret));
	}
	if (runner.finish) await runner.finish(out);
	return [out];
}

function errorIndex(error: unknown): number {
	const index = (error as { context?: { itemIndex?: unknown } })?.context?.itemIndex;
	return typeof index === 'number' ? index : 0;
}
