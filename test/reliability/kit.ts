/**
 * Shared plumbing of the fault matrix: typed access to the RunningHub emulator, harness runs
 * of every node (each run is Start → [Files] → Node), and the checks every row makes:
 * items neither lost nor duplicated, no task created twice, the API key nowhere.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { RunningHubGetTaskResult } from '../../nodes/RunningHubGetTaskResult/RunningHubGetTaskResult.node';
import { RunningHubRunWorkflow } from '../../nodes/RunningHubRunWorkflow/RunningHubRunWorkflow.node';
import { RunningHubStandardModel } from '../../nodes/RunningHubStandardModel/RunningHubStandardModel.node';
import { RunningHubUploadFile } from '../../nodes/RunningHubUploadFile/RunningHubUploadFile.node';
import type { FileSpec } from '../support/binaryInputNode';
import { BinaryInput, filesNode } from '../support/binaryInputNode';
import type { RunOptions } from '../support/harness';
import { logLines, runWorkflow } from '../support/harness';

export interface LogEntry {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | undefined>;
	body: unknown;
	status: number | null;
	reset?: boolean;
}

export interface EmulatorTask {
	taskId: string;
	key: string;
	status: string;
	kind: string;
	inputs: IDataObject | null;
	createdAt: number;
	endedAt: number | null;
}

export interface Counters {
	createsByKey: Record<string, number>;
	rejected421: number;
	rejected415: number;
	downloads: number;
	uploads: number;
	polls: number;
	webhookDeliveries: number;
	webhookAttempts: number;
}

export interface Emulator {
	url: string;
	log: LogEntry[];
	counters: Counters;
	tasks: Map<string, EmulatorTask>;
	webhookLog: Array<{ taskId: string; attempt: number; status?: number; error?: string }>;
	faults: IDataObject;
	setFaults(faults: IDataObject): void;
	clearFaults(): void;
	setTiming(timing: { queuedMs?: number; runningMs?: number }): void;
	waitForTask(taskId: string, timeoutMs?: number): Promise<EmulatorTask>;
	reset(): void;
	close(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const emulatorModule = require('../emulator') as {
	createEmulator: (options: object) => Promise<Emulator>;
	KEYS: Record<'consumer' | 'shared' | 'exclusive' | 'otherSite' | 'free' | 'unknown', string>;
	WORKFLOWS: Record<'image' | 'video' | 'neverRun' | 'protected' | 'invalid', string>;
	APPS: Record<'image' | 'neverRun', string>;
	QUICK: { webappId: string; quickCreateCode: string };
};
export const { createEmulator, KEYS, WORKFLOWS, APPS, QUICK } = emulatorModule;

/** The key every row runs with (an Enterprise-Shared account: workflows and models). */
export const KEY = KEYS.shared;

export const TYPES = {
	runWorkflow: 'n8n-nodes-runninghub.runningHubRunWorkflow',
	standardModel: 'n8n-nodes-runninghub.runningHubStandardModel',
	uploadFile: 'n8n-nodes-runninghub.runningHubUploadFile',
	getTaskResult: 'n8n-nodes-runninghub.runningHubGetTaskResult',
};

const nodeTypes = {
	runningHubRunWorkflow: new RunningHubRunWorkflow(),
	runningHubStandardModel: new RunningHubStandardModel(),
	runningHubUploadFile: new RunningHubUploadFile(),
	runningHubGetTaskResult: new RunningHubGetTaskResult(),
	binaryInput: new BinaryInput(),
};

export interface NodeRun {
	items: INodeExecutionData[];
	error?: Error & { description?: string | null };
	/** Log lines the package wrote during this run. */
	logs: string[];
}

export interface NodeRunOptions {
	emu: Emulator;
	type: string;
	parameters: IDataObject;
	items?: IDataObject[];
	files?: FileSpec[];
	key?: string;
	continueOnFail?: boolean;
}

/** Start → [Files] → Node, through n8n-core's real WorkflowExecute. */
export async function runNode(options: NodeRunOptions): Promise<NodeRun> {
	const nodes: IDataObject[] = [];
	if (options.files) nodes.push(filesNode(options.files));
	nodes.push({ name: 'Node', type: options.type, parameters: options.parameters, continueOnFail: options.continueOnFail });
	const firstLog = logLines.length;
	let result: Awaited<ReturnType<typeof runWorkflow>>;
	try {
		result = await runWorkflow({
			nodeTypes,
			nodes: nodes as unknown as RunOptions['nodes'],
			credentials: { runningHubApi: { site: 'custom', baseUrl: options.emu.url, apiKey: options.key ?? KEY } },
			items: (options.items ?? [{}]).map((json) => ({ json })),
		});
	} catch (error) {
		// n8n refused to start (e.g. a required parameter is empty): no node ran.
		return { items: [], error: error as NodeRun['error'] & Error, logs: logLines.slice(firstLog).map((line) => line.message) };
	}
	const ran = Boolean(result.run.data.resultData.runData.Node?.length);
	return {
		items: ran ? result.output('Node') : [],
		error: result.error,
		logs: logLines.slice(firstLog).map((line) => `${line.level} ${line.message} ${JSON.stringify(line.meta ?? '')}`),
	};
}

export function mapped(values: IDataObject): IDataObject {
	return { mappingMode: 'defineBelow', value: values, matchingColumns: [], schema: [], attemptToConvertTypes: false, convertFieldsToString: false };
}

export const FAST_WAIT = { maxConcurrency: 2, pollInterval: 0.1, timeoutMinutes: 0.5 };

/** Run Workflow: the emulator's image workflow, prompt from `$json.prompt`. */
export function workflowParameters(extra: IDataObject = {}, inputs: IDataObject = {}): IDataObject {
	return {
		resource: 'workflow',
		operation: 'run',
		workflowId: { __rl: true, mode: 'id', value: WORKFLOWS.image },
		inputMode: 'define',
		workflowInputs: mapped({ '6.text': '={{ $json.prompt }}', ...inputs }),
		waitMode: 'poll',
		downloadOutputs: false,
		waitingOptions: FAST_WAIT,
		...extra,
	};
}

export const TEXT_MODEL = 'rhart-image-g-2/text-to-image';
export const IMAGE_MODEL = 'rhart-image-g-4/image-to-image';

/** Standard Model: a catalog model, values from the resource mapper. */
export function modelParameters(endpoint: string, values: IDataObject, extra: IDataObject = {}): IDataObject {
	return {
		resource: 'model',
		operation: 'generate',
		category: 'all',
		model: { __rl: true, mode: 'list', value: endpoint },
		modelParameters: mapped(values),
		downloadOutputs: false,
		waitingOptions: FAST_WAIT,
		...extra,
	};
}

/** Get Task Result → Get Result for the task id in `$json.id`. */
export function resultParameters(extra: IDataObject = {}): IDataObject {
	return { resource: 'task', operation: 'getResult', taskId: '={{ $json.id }}', waitMode: 'poll', downloadOutputs: false, waitingOptions: { pollInterval: 0.1, timeoutMinutes: 0.5 }, ...extra };
}

/** Starts a workflow task the way another system would (a direct v1 create). */
export async function createTask(emu: Emulator, prompt: string, extra: IDataObject = {}): Promise<string> {
	const response = await fetch(`${emu.url}/task/openapi/create`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ apiKey: KEY, workflowId: WORKFLOWS.image, nodeInfoList: [{ nodeId: '6', fieldName: 'text', fieldValue: prompt }], ...extra }),
	});
	// Read as text: a 19-digit id must not pass through JSON.parse.
	const text = await response.text();
	const taskId = /"taskId":"?(\d+)/.exec(text)?.[1];
	if (!taskId) throw new Error(`create failed: ${text.slice(0, 200)}`);
	return taskId;
}

/** Paths that create (and bill) a task. */
export function isSubmitPath(path: string): boolean {
	if (/^\/task\/openapi\/(create|ai-app\/run|quick-ai-app\/run)$/.test(path)) return true;
	if (!path.startsWith('/openapi/v2/')) return false;
	return !/^\/openapi\/v2\/(query|queue\/status|media\/upload\/binary|aiapp\/list|price-preview\/.*)$/.test(path);
}

export function isUploadPath(path: string): boolean {
	return path === '/task/openapi/upload' || path === '/openapi/v2/media/upload/binary' || path.startsWith('/__cos/');
}

/** The text of a task's prompt (workflow node 6 or a model's `prompt`). */
export function promptOf(task: EmulatorTask): string | undefined {
	const inputs = task.inputs ?? {};
	const list = (inputs.nodeInfoList as IDataObject[] | undefined)?.find((i) => i.nodeId === '6');
	const value = list?.fieldValue ?? inputs.prompt;
	return typeof value === 'string' ? value : undefined;
}

/**
 * Where the key must never appear: outputs, errors, log lines, and URLs the emulator saw —
 * except the one place RunningHub reads it from a URL, the `apiKey` query parameter of
 * `GET /api/webapp/apiCallDemo` (API.md §5.3).
 */
export function expectNoKey(emu: Emulator, key: string, ...texts: unknown[]): void {
	for (const text of texts) {
		const serialized = typeof text === 'string' ? text : JSON.stringify(text ?? '');
		expect(serialized.includes(key)).toBe(false);
	}
	for (const entry of emu.log) {
		const { apiKey, ...otherQuery } = (entry.query ?? {}) as Record<string, unknown>;
		const allowed = entry.path === '/api/webapp/apiCallDemo' ? undefined : apiKey;
		expect(`${entry.path}?${JSON.stringify({ ...otherQuery, apiKey: allowed })}`.includes(key)).toBe(false);
	}
}

/** A run's error (message + description) as one string. */
export function errorText(error?: Error & { description?: string | null }): string {
	return error ? `${error.message} ${error.description ?? ''}` : '';
}

/**
 * Items in input order, one per input item: `pairedItem` 0…n-1, nothing lost, nothing doubled.
 * Returns the items by kind.
 */
export function expectOnePerItem(items: INodeExecutionData[], count: number): { ok: INodeExecutionData[]; failed: INodeExecutionData[] } {
	expect(items.map((item) => item.pairedItem)).toEqual(Array.from({ length: count }, (_, i) => ({ item: i })));
	return { ok: items.filter((item) => item.json.error === undefined), failed: items.filter((item) => item.json.error !== undefined) };
}

/** No prompt was submitted twice and the create count is as expected. */
export function expectCreates(emu: Emulator, expected: number, key: string = KEY): void {
	expect(emu.counters.createsByKey[key] ?? 0).toBe(expected);
	const prompts = [...emu.tasks.values()].filter((t) => t.key === key).map(promptOf).filter((p): p is string => p !== undefined);
	expect(new Set(prompts).size).toBe(prompts.length);
}

export function submitRequests(emu: Emulator): LogEntry[] {
	return emu.log.filter((e) => e.method === 'POST' && isSubmitPath(e.path));
}
