import type { IExecuteFunctions, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { handleResumeCallback, parkedEndedItem, parkedTaskItem, resumeUrlFor, unreachableResumeUrl } from '../../shared/callbacks/resume';
import { queryTaskState } from '../../shared/callbacks/verify';
import type { WaitingSettings } from '../../shared/descriptions/waiting';
import { readWaitingSettings } from '../../shared/descriptions/waiting';
import { asNodeError, emitOutcomes, errorItem } from '../../shared/outputs/emit';
import type { TaskResult, TaskStatus } from '../../shared/outputs/normalize';
import { hasOutputs, isTerminal } from '../../shared/outputs/normalize';
import { emptyResultError, taskFailedError } from '../../shared/errors/taskErrors';
import type { JobOutcome, TaskJob } from '../../shared/scheduler/taskScheduler';
import { runTasks } from '../../shared/scheduler/taskScheduler';
import type { RunningHubClient } from '../../shared/transport/request';

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

function finalOutcome(ctx: IExecuteFunctions, index: number, result: TaskResult): JobOutcome {
	const node = ctx.getNode();
	if (result.status === 'SUCCESS' && hasOutputs(result)) return { index, taskId: result.taskId, result, polls: 0 };
	const error = result.status === 'SUCCESS' ? emptyResultError(node, result.taskId, index) : taskFailedError(node, result, index);
	return { index, taskId: result.taskId, result, error, polls: 0 };
}

/**
 * Resume on Callback, execute() side: submit every valid item with the callback URL, and
 * either emit right away (every task already ended) or park the execution until RunningHub
 * calls back or the deadline passes. Why parking works the way it does — and why the node
 * is not re-entered afterwards — is explained in shared/callbacks/resume.ts.
 */
export async function submitAndPark(
	ctx: IExecuteFunctions,
	client: RunningHubClient,
	settings: WaitingSettings,
	early: JobOutcome[],
	jobs: TaskJob[],
	concurrency: number,
): Promise<INodeExecutionData[][]> {
	const node = ctx.getNode();
	const secret = client.credentials.apiKey;
	const deadline = Date.now() + settings.timeoutMs;

	// Submit only: on a 421/415 refusal the scheduler waits for a free slot (holding the worker
	// meanwhile, bounded by the timeout); accepted tasks run on RunningHub while we wait.
	const submitted = jobs.length
		? await runTasks(jobs, { ctx, client, concurrency, waitForResult: false, timeoutMs: settings.timeoutMs, pollIntervalMs: settings.pollIntervalMs, stopOnError: !ctx.continueOnFail() })
		: [];

	// One look before parking: tasks that already ended (fast ones, or ended while later items
	// were submitted) might call back before n8n has saved the execution as waiting.
	const outcomes: JobOutcome[] = [...early];
	const waiting: Array<{ index: number; taskId: string; status: TaskStatus }> = [];
	for (const outcome of submitted) {
		if (outcome.error || !outcome.taskId) {
			outcomes.push(outcome);
			continue;
		}
		const known = outcome.result && isTerminal(outcome.result.status) ? { state: 'terminal' as const, result: outcome.result } : await queryTaskState(client, outcome.taskId);
		if (known.state === 'terminal') outcomes.push(finalOutcome(ctx, outcome.index, known.result));
		else waiting.push({ index: outcome.index, taskId: outcome.taskId, status: known.state === 'pending' ? known.status : (outcome.result?.status ?? 'QUEUED') });
	}
	const failed = outcomes.filter((o) => o.error).sort((a, b) => a.index - b.index)[0];
	if (failed && !ctx.continueOnFail()) {
		const error = asNodeError(node, failed.error, failed.index) as Error & { description?: string | null };
		if (waiting.length) error.description = `${error.description ?? ''} Tasks still running on RunningHub: ${waiting.map((w) => w.taskId).join(', ')}.`.trim();
		throw error;
	}
	if (!waiting.length) {
		const all = outcomes.sort((a, b) => a.index - b.index);
		return [await emitOutcomes(ctx, all, { download: settings.download, binaryProperty: settings.binaryProperty, secret })];
	}

	// Park. Running tasks as timed-out items (what a deadline emits), tasks that already ended
	// as their result (the callback reads every task again and downloads then), items that
	// failed before submit (Continue On Fail) as their error items, which come out unchanged.
	const seconds = Math.round(settings.timeoutMs / 1000);
	const parked: INodeExecutionData[] = [];
	for (const w of waiting) parked[w.index] = parkedTaskItem(w.taskId, w.status, seconds, w.index);
	for (const o of outcomes) {
		parked[o.index] = o.taskId && o.result ? parkedEndedItem(node, o.result, o.index, secret) : errorItem(asNodeError(node, o.error, o.index), o.index, o.taskId, secret);
	}
	// n8n saves this stack entry with the waiting execution: on a deadline resume the disabled
	// node passes it through, and webhook() reads it back as its input.
	const input = ctx.getInputData();
	const list = input.map((_, index) => parked[index]).filter((item): item is INodeExecutionData => item !== undefined);
	ctx.getExecuteData().data = { main: [list] };
	await ctx.putExecutionToWait(new Date(deadline));
	ctx.logger.debug(`${LABEL}: waiting for RunningHub to call back for ${waiting.length} task(s) until ${new Date(deadline).toISOString()}`);
	return [list];
}

/** webhook() of the Run Workflow node: the callback side of "Resume on Callback". */
export async function resumeWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const settings = readWaitingSettings((name, fallback) => this.getNodeParameter(name, fallback));
	return await handleResumeCallback(this, { label: LABEL, download: settings.download, binaryProperty: settings.binaryProperty });
}
