import { createHmac } from 'crypto';
import type { IBinaryData, IDataObject, INode, INodeExecutionData, IWebhookDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorItem } from '../outputs/emit';
import { judgeTask } from '../outputs/judge';
import type { ItemResult } from '../runner/runItems';
import type { TaskResult, TaskStatus } from '../outputs/normalize';
import { toJson } from '../outputs/normalize';
import { keyQueueFor } from '../scheduler/keyQueue';
import { redactDeep } from '../transport/redact';
import { RunningHubClient } from '../transport/request';
import { downloadTaskFiles } from './download';
import { readCallbackBody, refusedBody, replyWith } from './request';
import { readTaskEndBody, readTaskId, tokenMatches } from './taskEnd';
import { confirmTaskEnd, queryTaskState } from './verify';

/**
 * "Resume on Callback": a task-running node submits its tasks with this execution's resume
 * URL as `webhookUrl`, parks the execution with `putExecutionToWait(deadline)` and holds no
 * worker while RunningHub works. How n8n (1.123 and 2.41, read in their source) continues:
 *
 * - Callback. RunningHub POSTs TASK_END to `<webhook-waiting base>/<executionId>`. n8n's
 *   WaitingWebhooks loads the waiting execution, finds this node's `restartWebhook` and
 *   calls its `webhook()`. Returning `workflowData` resumes the execution: n8n disables the
 *   waiting node and puts that data on its input, so **webhook()'s items become the node's
 *   output** and the workflow goes on with the next node; execute() is not run again.
 *   Returning no `workflowData` leaves the execution waiting (nothing is saved).
 * - Deadline. When the wait date passes, n8n's WaitTracker resumes the execution itself:
 *   the node is disabled and passes its stack input through — no code of the node runs,
 *   so no final status query is possible and the node cannot throw. `park()` therefore
 *   replaces that input (`getExecuteData().data`, the stack entry n8n saves with the
 *   waiting execution) with one item per input item — a "timed out" item naming the task ID
 *   (`timedOut: true`), or the result of a task that had already ended (`timedOut: false`);
 *   those are what a deadline emits. The same items carry the task IDs to webhook(), which reads
 *   them back as its input (`$input.all()`).
 *
 * Several items: every task gets the same URL; the execution resumes once, when every task
 * has ended. Each callback verifies its own task through the API and then asks for the
 * others (stopping at the first that still runs); until all have ended the execution keeps
 * waiting. A lost callback is made up for by any later one.
 *
 * Answer first. RunningHub asks receivers to answer at once and retries (then marks FAILED)
 * slow ones (API.md §9.1), so webhook() answers 200 as soon as the request is known to be
 * one of this execution's callbacks — before the API is asked and before any download —
 * and does the rest afterwards (n8n keeps running webhook() after the response is sent; a
 * returned `workflowData` still resumes the execution). RunningHub does not send the
 * callback again after that answer: when the check cannot finish (RunningHub unreachable,
 * the process stops), the execution keeps waiting until a later callback, a resend (Get
 * Task Result › Webhook Event › Resend) or the deadline (README: "Resume on Callback").
 *
 * Security: n8n 2.x already signs `$execution.resumeUrl` (`signature=` resume token); n8n
 * 1.x does not (the execution id is guessable). The node adds its own token, an HMAC of the
 * execution id keyed with the RunningHub API key, checked before anything else (401). Bodies
 * are validated (400), the task must be one of this execution's (404) and is verified with
 * RunningHub before it counts as ended. Duplicates are harmless: until every task has
 * ended they only repeat the check; once resumed, n8n answers 409 for the finished or
 * running execution; two callbacks finishing the set at the same moment are kept to one
 * resume per process by `claimResume` (and by n8n 2.x's own resume claim across processes).
 */

export const RESUME_TOKEN_PARAMETER = 'rhToken';

/** The restart webhook n8n serves at the execution's resume URL while it waits. */
export const resumeWebhooks: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		path: '',
		restartWebhook: true,
		isFullPath: true,
	},
];

export function resumeToken(apiKey: string, executionId: string): string {
	return createHmac('sha256', apiKey).update(`runninghub-resume:${executionId}`).digest('base64url');
}

/** The URL RunningHub calls back: n8n's resume URL plus this node's token. */
export function resumeUrlFor(baseResumeUrl: string, apiKey: string, executionId: string): string {
	const url = new URL(baseResumeUrl);
	url.searchParams.set(RESUME_TOKEN_PARAMETER, resumeToken(apiKey, executionId));
	return url.toString();
}

const LOOPBACK = /^(localhost|127(\.\d+){3}|\[::1\]|0\.0\.0\.0)$/i;

function hostOf(url: string): string {
	try {
		return new URL(url).hostname;
	} catch {
		return '';
	}
}

/**
 * Why RunningHub could not reach the resume URL, or undefined. A loopback n8n address only
 * works with an API on the same machine (the local emulator).
 */
export function unreachableResumeUrl(resumeUrl: string, apiBaseUrl: string): string | undefined {
	if (!/^https?:\/\//i.test(resumeUrl)) return `n8n's resume URL "${resumeUrl}" is not an http(s) URL`;
	if (LOOPBACK.test(hostOf(resumeUrl)) && !LOOPBACK.test(hostOf(apiBaseUrl))) {
		return `n8n's resume URL points to ${hostOf(resumeUrl)}, which RunningHub cannot reach`;
	}
	return undefined;
}

// ---------------------------------------------------------------- parked items

/**
 * A task still waited for is parked as an error item with these fields: the deadline passes
 * it on (n8n then reduces it to `{ error }` and routes it to the error output where one is
 * wired), and webhook() reads the task id back from the saved copy.
 */
export function parkedTaskFields(taskId: string, status: TaskStatus): IDataObject {
	return { taskId, status, timedOut: true };
}

export function parkedTimeoutError(node: INode, taskId: string, timeoutSeconds: number, itemIndex: number): NodeOperationError {
	return new NodeOperationError(node, `Task ${taskId} did not finish within ${timeoutSeconds} seconds`, {
		itemIndex,
		description: `RunningHub did not report the end of this task before the deadline of "Resume on Callback", so n8n continued without it (a resumed node cannot stop the workflow, hence an item instead of an error). The task keeps running on RunningHub. Fetch it later with the RunningHub Get Task Result node or receive it with the RunningHub Trigger. Task ID: ${taskId}`,
	});
}

/**
 * A task that had already ended when the execution parked: its result (without files; the
 * callback downloads them), marked `timedOut: false` so the callback reads it again.
 */
export function parkedEndedResult(itemIndex: number, result: TaskResult, error: unknown): ItemResult {
	const json = { ...toJson(result), timedOut: false };
	return error ? { index: itemIndex, error, errorFields: json } : { index: itemIndex, items: [{ json }] };
}

export interface PendingTask {
	index: number;
	taskId: string;
}

/** A parked task (waiting or already ended); anything else is a final item. */
function isParkedTask(json: IDataObject | undefined): boolean {
	return !!json && typeof json.timedOut === 'boolean' && readTaskId(json.taskId) !== undefined;
}

/** The node's input while it waits: the parked items (one per input item, in order). */
export function readParkedItems(ctx: IWebhookFunctions): IDataObject[] | undefined {
	let text: unknown;
	try {
		text = ctx.evaluateExpression('{{ JSON.stringify($input.all().map((item) => item.json)) }}', 0);
	} catch (error) {
		ctx.logger.warn(`RunningHub resume: could not read the waiting node's input: ${(error as Error).message}`);
		return undefined;
	}
	if (typeof text !== 'string') return undefined;
	try {
		const parsed = JSON.parse(text) as unknown;
		return Array.isArray(parsed) ? (parsed as IDataObject[]) : undefined;
	} catch {
		return undefined;
	}
}

export function pendingTasks(parked: IDataObject[]): PendingTask[] {
	return parked.flatMap((json, index) => (isParkedTask(json) ? [{ index, taskId: readTaskId(json.taskId) as string }] : []));
}

// ---------------------------------------------------------------- resume claim

/** Executions this process is resuming (execution key → claim time), bounded. */
const resuming = new Map<string, number>();
const CLAIM_TTL_MS = 10 * 60000;
const MAX_CLAIMS = 1000;

/** True for the first caller per execution (within CLAIM_TTL_MS). Synchronous on purpose. */
export function claimResume(key: string, now = Date.now()): boolean {
	const claimed = resuming.get(key);
	if (claimed !== undefined && now - claimed < CLAIM_TTL_MS) return false;
	resuming.delete(key);
	resuming.set(key, now);
	if (resuming.size > MAX_CLAIMS) resuming.delete(resuming.keys().next().value as string);
	return true;
}

export function releaseResume(key: string): void {
	resuming.delete(key);
}

// ---------------------------------------------------------------- webhook()

export interface ResumeOptions {
	/** For log lines, e.g. "RunningHub Run Workflow". */
	label: string;
	download: boolean;
	binaryProperty: string;
	/** Max Download Size, in bytes. */
	maxDownloadBytes: number;
	/** The tasks were created through v1 endpoints (an empty SUCCESS asks the v1 outputs once). */
	v1Outputs?: boolean;
}

/** The output item for an ended task: its result, or an error item (with the result fields) naming it. */
export function taskOutcomeItem(node: INode, result: TaskResult, itemIndex: number, secret: string): INodeExecutionData {
	const error = judgeTask(node, result, itemIndex);
	if (!error) return { json: toJson(result), pairedItem: { item: itemIndex } };
	return errorItem(node, error, itemIndex, toJson(result), secret);
}

/** An item that was final before the execution parked, read back from the saved input. */
function finalItem(node: INode, json: IDataObject, itemIndex: number): INodeExecutionData {
	if (typeof json.error !== 'string') return { json, pairedItem: { item: itemIndex } };
	// Only the json survives the wait: the error is rebuilt so the error output still gets it.
	const error = new NodeOperationError(node, json.error, { itemIndex, description: typeof json.description === 'string' ? json.description : undefined });
	return { json, error, pairedItem: { item: itemIndex } };
}

/** Returned once the request has been answered: nothing more is sent, nothing resumes. */
const ANSWERED: IWebhookResponseData = { noWebhookResponse: true };

/**
 * webhook() of a node in "Resume on Callback" mode: checks the token, the body and that the
 * task is one of this execution's, answers at once, then verifies through the API and
 * resumes the execution (returns workflowData, downloads done) only when every task of this
 * execution has ended.
 */
export async function handleResumeCallback(ctx: IWebhookFunctions, options: ResumeOptions): Promise<IWebhookResponseData> {
	const { label } = options;
	const node = ctx.getNode();
	let client: RunningHubClient;
	try {
		client = await RunningHubClient.create(ctx);
	} catch (error) {
		ctx.logger.warn(`${label}: no usable RunningHub credential to check a callback: ${(error as Error).message}`);
		return replyWith(ctx, 503, { error: 'Service Unavailable', message: 'The callback cannot be checked right now; please retry.' });
	}
	const secret = client.credentials.apiKey;

	// 1. Token: only URLs this node handed to RunningHub carry it.
	const executionId = ctx.getExecutionId();
	const query = (ctx.getQueryData() ?? {}) as Record<string, unknown>;
	const given = Array.isArray(query[RESUME_TOKEN_PARAMETER]) ? (query[RESUME_TOKEN_PARAMETER] as unknown[])[0] : query[RESUME_TOKEN_PARAMETER];
	if (!executionId || !secret || !tokenMatches(resumeToken(secret, String(executionId)), given)) {
		return replyWith(ctx, 401, { error: 'Unauthorized', message: 'Missing or wrong resume token.' });
	}

	// 2. Body: a TASK_END with a task id.
	const parsed = readTaskEndBody(readCallbackBody(ctx));
	if (!parsed.ok) return refusedBody(ctx, parsed.error, `${label} (execution ${executionId})`);
	const { taskId } = parsed.event;

	// 3. Which tasks this execution waits for (parked as the node's input by execute()).
	const parked = readParkedItems(ctx);
	let pending = parked ? pendingTasks(parked) : [];
	if (!parked || !pending.length) {
		// Not expected: n8n kept the node's original input. Fall back to the one task we know.
		ctx.logger.warn(`${label}: execution ${executionId} has no parked task list; resuming with task ${taskId} alone`);
		pending = [{ index: 0, taskId }];
	}
	const self = pending.find((p) => p.taskId === taskId);
	if (!self) {
		ctx.logger.warn(`${label}: callback for task ${taskId}, which execution ${executionId} does not wait for; ignored`);
		return replyWith(ctx, 404, { error: 'Not Found', message: `Task ${taskId} is not one this execution waits for.`, taskId });
	}

	// 4. Answer now: everything below asks RunningHub or downloads, and the sender must not
	//    wait for that.
	replyWith(ctx, 200, { received: true, taskId });

	// 5. Verify the calling task first, then the others (stop at the first still running).
	const results = new Map<string, TaskResult>();
	for (const task of [self, ...pending.filter((p) => p !== self)]) {
		const state = task === self ? await confirmTaskEnd(client, task.taskId, undefined, options.v1Outputs) : await queryTaskState(client, task.taskId, undefined, options.v1Outputs);
		if (state.state === 'unavailable') {
			ctx.logger.warn(
				`${label}: could not ask RunningHub about task ${task.taskId}; execution ${executionId} keeps waiting (a later callback, a resend of this one or the deadline continues it): ${state.reason}`,
			);
			return ANSWERED;
		}
		if (task === self && state.state !== 'terminal') {
			ctx.logger.warn(`${label}: callback for task ${taskId} not confirmed (${state.state === 'pending' ? `RunningHub reports ${state.status}` : state.reason}); execution ${executionId} keeps waiting`);
			return ANSWERED;
		}
		if (state.state === 'pending') {
			ctx.logger.debug(`${label}: task ${taskId} ended; execution ${executionId} still waits for task ${task.taskId} (${state.status})`);
			return ANSWERED;
		}
		if (state.state === 'unknown') {
			// Another of this execution's tasks that RunningHub does not confirm: report it as failed rather than wait for ever.
			results.set(task.taskId, { taskId: task.taskId, status: 'FAILED', files: [], texts: [], usage: {}, source: 'query', failure: { message: `RunningHub did not confirm task ${task.taskId}: ${state.reason}` } });
			continue;
		}
		results.set(task.taskId, state.result);
		// The task has ended: its slot in this account's queue (if this process parked it) is free.
		keyQueueFor(secret, client.baseUrl).endLease(task.taskId);
	}

	// 6. Every task has ended: resume, once, with the files downloaded.
	const claim = `${ctx.getWorkflow().id ?? ''}:${executionId}`;
	if (!claimResume(claim)) {
		ctx.logger.debug(`${label}: task ${taskId} ended; execution ${executionId} is already resuming`);
		return ANSWERED;
	}
	try {
		const items: INodeExecutionData[] = [];
		const byIndex = new Map(pending.map((p) => [p.index, p.taskId]));
		const count = parked && parked.length ? parked.length : 1;
		for (let index = 0; index < count; index++) {
			const id = byIndex.get(index);
			if (id === undefined) {
				// An item that failed before submit (Continue On Fail): already final.
				items.push(finalItem(node, (parked as IDataObject[])[index], index));
				continue;
			}
			const result = results.get(id) as TaskResult;
			const item = taskOutcomeItem(node, result, index, secret);
			if (options.download && result.status === 'SUCCESS' && result.files.length) {
				try {
					item.binary = (await downloadTaskFiles(ctx, result, options.binaryProperty, { baseUrl: client.baseUrl, maxBytes: options.maxDownloadBytes }, index)) as Record<string, IBinaryData>;
				} catch (error) {
					// A resumed node cannot fail the workflow (n8n runs no code of it afterwards):
					// say why the files are missing; their URLs are in `files`.
					const described = error as Error & { description?: string | null };
					item.json.downloadError = client.redact([described.message, described.description].filter(Boolean).join(' '));
					ctx.logger.warn(`${label}: downloading outputs of task ${id} failed: ${client.redact(described.message)}`);
				}
			}
			// As runItems does for every action node's output: no key, no URL secrets.
			items.push({ ...item, json: redactDeep(item.json, secret) });
		}
		ctx.logger.debug(`${label}: every task of execution ${executionId} has ended; resuming (last callback: task ${taskId})`);
		return { noWebhookResponse: true, workflowData: [items] };
	} catch (error) {
		// Never throw from here: n8n would resume the execution with an error in place of its
		// run data. Stay waiting (a resend or the deadline continues it).
		releaseResume(claim);
		ctx.logger.error(`${label}: could not build the result of execution ${executionId}: ${client.redact((error as Error).message)}`);
		return ANSWERED;
	}
}
