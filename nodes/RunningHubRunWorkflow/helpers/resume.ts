import type { IExecuteFunctions, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { handleResumeCallback, parkedEndedResult, parkedTaskFields, parkedTimeoutError, resumeUrlFor, unreachableResumeUrl } from '../../shared/callbacks/resume';
import { queryTaskState } from '../../shared/callbacks/verify';
import type { WaitingSettings } from '../../shared/descriptions/waiting';
import { readWaitingSettings } from '../../shared/descriptions/waiting';
import { recordTasks } from '../../shared/outputs/customData';
import { judgeTask } from '../../shared/outputs/judge';
import type { TaskStatus } from '../../shared/outputs/normalize';
import { isTerminal } from '../../shared/outputs/normalize';
import type { BatchResult, ItemResult } from '../../shared/runner/runItems';
import type { TaskItem } from '../../shared/runner/taskBatch';
import { outcomeResult } from '../../shared/runner/taskBatch';
import type { LedgerScope, ReuseScope } from '../../shared/scheduler/ledger';
import type { JobOutcome, SchedulerConfig } from '../../shared/scheduler/taskScheduler';
import { cancelTask, runTasks } from '../../shared/scheduler/taskScheduler';
import type { RunningHubClient } from '../../shared/transport/request';
import { createdThroughV1 } from './submit';

const LABEL = 'RunningHub Run Workflow';

/**
 * The resume URL RunningHub calls back: `$execution.resumeUrl` (n8n 2.x appends its signed
 * resume token; `getSignedResumeUrl()` is not used because n8n only accepts that signature
 * form for "send and wait" operations), plus this node's own token (see shared/callbacks/resume.ts).
 */
export function callbackUrl(ctx: IExecuteFunctions, client: RunningHubClient): string {
	const node = ctx.getNode();
	const proxy = ctx.getWorkflowDataProxy(0) as { $execution?: { resumeUrl?: unknown } };
	const base = String(proxy.$execution?.resumeUrl ?? '');
	const executionId = ctx.getExecutionId();
	if (!base || !executionId) {
		throw new NodeOperationError(node, 'Wait for Result "Resume on Callback" needs a saved execution with a resume URL', {
			description: 'Run the workflow from n8n (editor, trigger or schedule); use "Poll Until Finished" otherwise.',
		});
	}
	const problem = unreachableResumeUrl(base, client.baseUrl);
	if (problem) {
		throw new NodeOperationError(node, `Wait for Result "Resume on Callback": ${problem}`, {
			description:
				'RunningHub calls n8n back at its public webhook address. Set WEBHOOK_URL (N8N_WEBHOOK_URL) to an address reachable from the internet, or choose "Poll Until Finished". Nothing was submitted.',
		});
	}
	return resumeUrlFor(base, client.credentials.apiKey, executionId);
}

/** Fails, before anything is submitted, when resume mode cannot work for this run. */
export function checkResumeAllowed(ctx: IExecuteFunctions, toolRun: boolean, userWebhookUrl: boolean, itemIndex: number): void {
	const node = ctx.getNode();
	if (toolRun) {
		throw new NodeOperationError(node, 'Wait for Result "Resume on Callback" is not available when the node is used as an AI tool', {
			itemIndex,
			description: 'An agent needs the result in the same step. Choose "Poll Until Finished".',
		});
	}
	if (userWebhookUrl) {
		throw new NodeOperationError(node, 'Options › Webhook URL cannot be set when Wait for Result is "Resume on Callback"', {
			itemIndex,
			description: 'In this mode the node gives RunningHub its own resume URL. Remove the Webhook URL option, or use "Poll Until Finished" and a RunningHub Trigger.',
		});
	}
}

/**
 * Resume on Callback, execute() side: submit every valid item with the callback URL, and
 * either emit right away (every task already ended) or park the execution until RunningHub
 * calls back or the deadline passes. Why parking works the way it does — and why the node
 * is not re-entered afterwards — is explained in shared/callbacks/resume.ts.
 *
 * Returns the items' results plus, when it parks, the `finish` step that parks the
 * execution with the final output (which holds the items of earlier failures too).
 */
export async function submitAndPark(
	ctx: IExecuteFunctions,
	client: RunningHubClient,
	settings: WaitingSettings,
	items: TaskItem[],
	options: { concurrency: number; ledger?: LedgerScope; reuse?: ReuseScope; slots?: SchedulerConfig['slots'] },
): Promise<BatchResult & { park?: (out: INodeExecutionData[]) => Promise<void> }> {
	const node = ctx.getNode();
	const deadline = Date.now() + settings.timeoutMs;

	// Submit only: on a 421/415 refusal the scheduler waits for a free slot (holding the worker
	// meanwhile, bounded by the timeout); accepted tasks run on RunningHub while we wait.
	const jobs = items.map((item) => ({ ...item.job, wait: { ...item.job.wait, waitForResult: false } }));
	const { outcomes, stopped } = await runTasks(jobs, { ctx, client, concurrency: options.concurrency, stopOnError: !ctx.continueOnFail(), ledger: options.ledger, reuse: options.reuse, slots: options.slots, leaseUntil: deadline });

	recordTasks(ctx, outcomes);

	// One look before parking: tasks that already ended (fast ones, or ended while later items
	// were submitted) might call back before n8n has saved the execution as waiting.
	const byIndex = new Map(items.map((item) => [item.job.index, item]));
	const results: ItemResult[] = [];
	const ended: JobOutcome[] = [];
	const waiting: Array<{ index: number; taskId: string; status: TaskStatus }> = [];
	for (const outcome of outcomes) {
		if (outcome.error || !outcome.taskId) {
			ended.push(outcome);
			continue;
		}
		const v1Outputs = byIndex.get(outcome.index)?.job.v1Outputs;
		const known = outcome.result && isTerminal(outcome.result.status) ? { state: 'terminal' as const, result: outcome.result } : await queryTaskState(client, outcome.taskId, undefined, v1Outputs);
		if (known.state === 'terminal') {
			ended.push({ ...outcome, result: known.result, error: judgeTask(node, known.result, outcome.index), state: 'done' });
		} else {
			waiting.push({ index: outcome.index, taskId: outcome.taskId, status: known.state === 'pending' ? known.status : (outcome.result?.status ?? 'QUEUED') });
		}
	}
	// Tasks that already ended give their slot back now; the others keep it while parked.
	for (const outcome of ended) if (outcome.taskId) options.slots?.queue.endLease(outcome.taskId);
	// Without Continue On Fail the first failure (a refused submit, or a task that already
	// failed) fails the node before it parks; the tasks still running follow On Failure.
	const failure = ctx.continueOnFail() ? undefined : (stopped ?? [...ended].sort((a, b) => a.index - b.index).find((o) => o.error)?.error);
	if (!waiting.length || failure) {
		for (const outcome of ended) results.push(await outcomeResult(ctx, client, outcome, byIndex.get(outcome.index) as TaskItem, false));
		if (failure && waiting.length) {
			const cancel = settings.onFailure === 'cancel' && !options.ledger?.willRetry;
			const states: string[] = [];
			for (const w of waiting) states.push(`task ${w.taskId} ${cancel && (await cancelTask(client, w.taskId, w.index)) ? 'cancelled' : 'left running'}`);
			const error = failure as Error & { description?: string | null };
			error.description = `${error.description ?? ''} Other tasks: ${states.join('; ')}.`.trim();
		}
		// Not parking after all: nothing will call this process back for them.
		for (const w of waiting) options.slots?.queue.endLease(w.taskId);
		return { results, stopped: failure };
	}

	// Park. Running tasks as timed-out items (what a deadline emits), tasks that already ended
	// as their result without files (the callback reads every task again and downloads then),
	// items that failed before submit (Continue On Fail) as their error items, unchanged.
	const seconds = Math.round(settings.timeoutMs / 1000);
	for (const w of waiting) results.push({ index: w.index, error: parkedTimeoutError(node, w.taskId, seconds, w.index), errorFields: parkedTaskFields(w.taskId, w.status), parked: true });
	for (const outcome of ended) {
		if (outcome.taskId && outcome.result) results.push(parkedEndedResult(outcome.index, outcome.result, outcome.error));
		else results.push({ index: outcome.index, error: outcome.error, errorFields: outcome.taskId ? { taskId: outcome.taskId } : {} });
	}
	const park = async (out: INodeExecutionData[]) => {
		// n8n saves this stack entry with the waiting execution: on a deadline resume the
		// disabled node passes it through, and webhook() reads it back as its input. A copy:
		// n8n rewrites the returned items in place (error items become `{ error }`, the
		// error output takes them out of the list).
		ctx.getExecuteData().data = { main: [out.map((item) => ({ ...item, json: { ...item.json } }))] };
		await ctx.putExecutionToWait(new Date(deadline));
		ctx.logger.debug(`${LABEL}: waiting for RunningHub to call back for ${waiting.length} task(s) until ${new Date(deadline).toISOString()}`);
	};
	return { results, park };
}

/** webhook() of the Run Workflow node: the callback side of "Resume on Callback". */
export async function resumeWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const settings = readWaitingSettings((name, fallback) => this.getNodeParameter(name, fallback));
	const v1Outputs = createdThroughV1(String(this.getNodeParameter('resource', 'workflow')), String(this.getNodeParameter('apiVersion', 'v1')));
	return await handleResumeCallback(this, { label: LABEL, download: settings.download, binaryProperty: settings.binaryProperty, maxDownloadBytes: settings.maxDownloadBytes, v1Outputs });
}
