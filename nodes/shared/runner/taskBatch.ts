import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { recordTasks } from '../outputs/customData';
import { downloadFiles, resultJson } from '../outputs/emit';
import { toJson } from '../outputs/normalize';
import type { LedgerScope, ReuseScope } from '../scheduler/ledger';
import type { JobOutcome, OnFailure, SchedulerConfig, TaskJob } from '../scheduler/taskScheduler';
import { runTasks } from '../scheduler/taskScheduler';
import type { RunningHubClient } from '../transport/request';
import type { BatchResult, ItemResult } from './runItems';

/** One item's task and what to do with its result. */
export interface TaskItem {
	job: TaskJob;
	download: boolean;
	binaryProperty: string;
	/** Max Download Size, in bytes. */
	maxDownloadBytes: number;
	/** Fields added to the item's json on success (e.g. the model endpoint). */
	extra?: IDataObject;
}

export interface TaskBatchOptions {
	concurrency: number;
	onFailure?: OnFailure;
	/** Compact json for AI agents. */
	compact: boolean;
	ledger?: LedgerScope;
	reuse?: ReuseScope;
	slots?: SchedulerConfig['slots'];
	/** Record the created tasks and their cost in the execution's custom data. */
	record?: boolean;
	budget?: SchedulerConfig['budget'];
}

/**
 * The task-running step of Run Workflow, Standard Model and Get Task Result: the jobs go
 * through the scheduler, then each outcome becomes the item's output — its normalized
 * result, with the files streamed into binaries when asked — or its error, keeping the
 * task id and the failed task's result fields for the next node.
 */
export async function runTaskBatch(ctx: IExecuteFunctions, client: RunningHubClient, items: TaskItem[], options: TaskBatchOptions): Promise<BatchResult> {
	const byIndex = new Map(items.map((item) => [item.job.index, item]));
	const { outcomes, stopped } = await runTasks(
		items.map((item) => item.job),
		{ ctx, client, concurrency: options.concurrency, stopOnError: !ctx.continueOnFail(), onFailure: options.onFailure, ledger: options.ledger, reuse: options.reuse, slots: options.slots, budget: options.budget },
	);
	if (options.record) recordTasks(ctx, outcomes);
	const results: ItemResult[] = [];
	for (const outcome of outcomes) results.push(await outcomeResult(ctx, client, outcome, byIndex.get(outcome.index) as TaskItem, options.compact));
	return { results, stopped };
}

/** One scheduler outcome as the item's output: the result (files downloaded if asked) or the error. */
export async function outcomeResult(ctx: IExecuteFunctions, client: RunningHubClient, outcome: JobOutcome, item: TaskItem, compact: boolean): Promise<ItemResult> {
	const index = outcome.index;
	const result = outcome.result;
	if (outcome.error || !result) {
		const fields: IDataObject = result && !compact ? toJson(result) : {};
		if (outcome.taskId) fields.taskId = outcome.taskId;
		return { index, error: outcome.error, errorFields: fields };
	}
	try {
		const json = { ...resultJson(result, compact), ...(compact ? {} : item.extra) };
		const binary = item.download && result.status === 'SUCCESS' && result.files.length ? await downloadFiles(ctx, result, index, item.binaryProperty, { baseUrl: client.baseUrl, maxBytes: item.maxDownloadBytes }) : undefined;
		return { index, items: [binary ? { json, binary } : { json }] };
	} catch (error) {
		return { index, error, errorFields: { ...toJson(result) } };
	}
}
