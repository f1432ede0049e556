import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { buildApiError } from '../../shared/errors/apiError';
import { taskFailedError } from '../../shared/errors/taskErrors';
import type { TaskResult } from '../../shared/outputs/normalize';
import { failureFromReason, fromV2Task, normalizeStatus, taskIdOf } from '../../shared/outputs/normalize';
import type { Submitted } from '../../shared/scheduler/taskScheduler';
import type { RunningHubClient } from '../../shared/transport/request';
import { uploadResource } from '../../shared/uploads/upload';
import type { PlannedEntry } from './inputs';
import type { RunOptions } from './options';
import type { ComfyGraph } from './schema';
import { nodeTitle } from './schema';

export type Resource = 'workflow' | 'aiApp' | 'quickCreate';
export type ApiVersion = 'v1' | 'v2';

/** Everything needed to submit one item, decided (and validated) before the scheduler runs. */
export interface RunPlan {
	resource: Resource;
	apiVersion: ApiVersion;
	targetId: string;
	quickCreateCode?: string;
	entries: PlannedEntry[];
	options: RunOptions;
	/** For naming nodes in validation errors. */
	graph?: ComfyGraph;
	/** Seeds set by Randomize Seeds (also in `entries`), for the output. */
	seeds?: IDataObject;
}

/** Quick Create always, workflows and apps on API version v1: tasks created through /task/openapi/*. */
export function createdThroughV1(resource: string, apiVersion: string): boolean {
	return resource === 'quickCreate' || apiVersion !== 'v2';
}

export function submitPath(plan: RunPlan): string {
	if (plan.resource === 'quickCreate') return '/task/openapi/quick-ai-app/run';
	if (plan.resource === 'workflow') return plan.apiVersion === 'v2' ? `/openapi/v2/run/workflow/${plan.targetId}` : '/task/openapi/create';
	return plan.apiVersion === 'v2' ? `/openapi/v2/run/ai-app/${plan.targetId}` : '/task/openapi/ai-app/run';
}

/**
 * The request body. Ids stay strings; only options the user set are sent. A v2 run body
 * always has `nodeInfoList` (`[]` when nothing is overridden) and `usePersonalQueue` as a
 * JSON boolean, as RunningHub's Go SDK sends them; the workflow override and the access
 * password exist only on v1 (readRunOptions refuses them for v2).
 */
export function submitBody(plan: RunPlan, fileNames: Map<number, string>): IDataObject {
	const { options } = plan;
	const body: IDataObject = {};
	const v2 = plan.apiVersion === 'v2' && plan.resource !== 'quickCreate';
	if (!v2) {
		if (plan.resource === 'workflow') body.workflowId = plan.targetId;
		else body.webappId = plan.targetId;
	}
	if (plan.resource === 'quickCreate') body.quickCreateCode = plan.quickCreateCode;
	if (plan.entries.length || plan.resource !== 'workflow' || v2) {
		body.nodeInfoList = plan.entries.map((entry, index) => {
			const fieldValue = fileNames.has(index) ? fileNames.get(index) : entry.fieldValue;
			if (plan.resource === 'quickCreate') return { ...(entry.extra ?? {}), nodeId: entry.nodeId, fieldName: entry.fieldName, fieldValue } as IDataObject;
			const item: IDataObject = { nodeId: entry.nodeId, fieldName: entry.fieldName, fieldValue: fieldValue as IDataObject[string] };
			if (plan.resource === 'aiApp' && entry.extra?.description !== undefined) item.description = entry.extra.description;
			return item;
		});
	}
	if (plan.resource === 'workflow') {
		body.addMetadata = options.addMetadata;
		if (options.workflow && !v2) body.workflow = options.workflow.text;
	}
	if (options.instanceType) body.instanceType = options.instanceType;
	if (options.usePersonalQueue !== undefined) body.usePersonalQueue = options.usePersonalQueue;
	if (options.webhookUrl) body.webhookUrl = options.webhookUrl;
	if (options.accessPassword && !v2) body.accessPassword = options.accessPassword;
	if (options.retainSeconds !== undefined) body.retainSeconds = options.retainSeconds;
	return body;
}

interface NodeErrorEntry {
	errors?: Array<{ message?: string; details?: string; type?: string }>;
	class_type?: string;
}

interface PromptTips {
	result?: boolean;
	error?: { message?: string; details?: string; type?: string } | string | null;
	node_errors?: Record<string, NodeErrorEntry>;
}

/** `promptTips` is a JSON string with ComfyUI's validation result (or empty). */
export function parsePromptTips(value: unknown): PromptTips | undefined {
	if (value && typeof value === 'object') return value as PromptTips;
	if (typeof value !== 'string' || !value.trim()) return undefined;
	try {
		const parsed = JSON.parse(value) as unknown;
		return parsed && typeof parsed === 'object' ? (parsed as PromptTips) : undefined;
	} catch {
		return undefined;
	}
}

/** One readable line per failing node: `node "Load Checkpoint" (#4): Value not in list: ...`. */
export function nodeErrorLines(tips: PromptTips | undefined, graph?: ComfyGraph): string[] {
	const nodeErrors = tips?.node_errors && typeof tips.node_errors === 'object' ? tips.node_errors : {};
	return Object.entries(nodeErrors).map(([nodeId, entry]) => {
		const title = graph?.[nodeId] ? nodeTitle(graph, nodeId) : entry?.class_type ?? `Node ${nodeId}`;
		const messages = (Array.isArray(entry?.errors) ? entry.errors : []).map((e) => [e?.message, e?.details].filter(Boolean).join(': ')).filter(Boolean);
		return `node "${title}" (#${nodeId})${messages.length ? `: ${messages.join('; ')}` : ''}`;
	});
}

function validationError(node: INode, plan: RunPlan, itemIndex: number, tips: PromptTips | undefined, code: string | number | undefined, serverMessage: string | undefined, taskId?: string) {
	const lines = nodeErrorLines(tips, plan.graph ?? plan.options.workflow?.graph);
	const general = typeof tips?.error === 'string' ? tips.error : [tips?.error?.message, tips?.error?.details].filter(Boolean).join(': ');
	const where = lines.length ? ` in ${lines.join(' | ')}` : general ? `: ${general}` : '.';
	return buildApiError(node, {
		info: {
			name: 'VALIDATE_PROMPT_FAILED',
			cause: `RunningHub rejected the workflow${where}`,
			action: 'Fix the value of the named node input (or the model/file it refers to), then run again.',
			retry: 'never',
		},
		code,
		serverMessage,
		itemIndex,
		extra: taskId ? `Task ID: ${taskId}.` : undefined,
		meta: taskId ? { taskId } : undefined,
	});
}

/**
 * Builds the scheduler's submit function for one item: uploads `binary:` inputs once
 * (a submit refused with 421/415 is re-sent, the uploads are not repeated), then creates
 * the task. A `promptTips` with node errors and an immediate FAILED status fail the item.
 */
export function submitter(ctx: IExecuteFunctions, client: RunningHubClient, plan: RunPlan, itemIndex: number): () => Promise<Submitted> {
	const node = ctx.getNode();
	const fileNames = new Map<number, string>();
	return async () => {
		for (let i = 0; i < plan.entries.length; i++) {
			const upload = plan.entries[i].upload;
			if (!upload || fileNames.has(i)) continue;
			const uploaded = await uploadResource(ctx, client, itemIndex, upload.property, upload.kinds);
			fileNames.set(i, uploaded.fileName);
		}
		const v2 = plan.apiVersion === 'v2' && plan.resource !== 'quickCreate';
		const envelope = await client.request({
			path: submitPath(plan),
			body: submitBody(plan, fileNames),
			kind: 'submit',
			itemIndex,
			passCodes: [433],
			taskState: v2,
		});
		const data = (envelope.family === 'v1' || envelope.family === 'v2util' ? envelope.data ?? {} : envelope.raw) as IDataObject;
		if (String(envelope.code ?? '') === '433') {
			throw validationError(node, plan, itemIndex, parsePromptTips(data?.promptTips), envelope.code, envelope.message, taskIdOf(data));
		}
		const taskId = taskIdOf(data);
		const tips = parsePromptTips(data.promptTips);
		if (nodeErrorLines(tips).length) throw validationError(node, plan, itemIndex, tips, undefined, undefined, taskId);
		if (!taskId) {
			throw buildApiError(node, {
				info: {
					name: 'NO_TASK_ID',
					cause: 'RunningHub accepted the request but returned no task ID.',
					action: 'Check the task list on RunningHub before running again: a task may have been created.',
					retry: 'never',
				},
				itemIndex,
			});
		}
		// A v2 answer is read like a query (an errorCode next to a status means FAILED).
		const result: TaskResult = v2
			? { ...fromV2Task(data, 'submit'), taskId }
			: { taskId, status: normalizeStatus(data.taskStatus ?? data.status), files: [], texts: [], usage: {}, source: 'submit' };
		if (result.status === 'FAILED' || result.status === 'CANCEL') {
			result.failure ??= failureFromReason(data.failedReason, undefined, 'The task failed right after it was submitted');
			throw taskFailedError(node, result, itemIndex);
		}
		if (v2 && result.status === 'SUCCESS') return { taskId, result };
		return { taskId };
	};
}
