import type { IDataObject } from 'n8n-workflow';

import { flatError } from '../transport/envelopes';
import { idToString } from '../transport/jsonIds';

/**
 * One result shape for every way a finished task reaches us: the v2 query, the v1 outputs
 * call and the TASK_END webhook. Every node that yields a task returns this.
 */
export type TaskStatus = 'CREATE' | 'QUEUED' | 'RUNNING' | 'SUCCESS' | 'FAILED' | 'CANCEL' | 'UNKNOWN';

export interface OutputFile {
	url: string;
	/**
	 * File extension (png, mp4, glb ...): as RunningHub reports it in `outputType`, or taken
	 * from the URL when RunningHub reports a category there ("image", "video" ...).
	 */
	type: string;
	nodeId?: string;
	fileName: string;
}

export interface TaskFailure {
	code?: string;
	message: string;
	nodeName?: string;
	nodeId?: string;
	exceptionType?: string;
	exceptionMessage?: string;
	traceback?: string[];
}

export interface TaskUsage {
	coins?: number;
	money?: number;
	thirdPartyMoney?: number;
	runTimeSeconds?: number;
}

export interface TaskResult {
	taskId: string;
	status: TaskStatus;
	files: OutputFile[];
	texts: string[];
	usage: TaskUsage;
	failure?: TaskFailure;
	/** Per-node costs from the v1 outputs call. */
	nodeCosts?: Array<{ nodeId?: string; coins?: number; money?: number; thirdPartyMoney?: number; runTimeSeconds?: number }>;
	/** The status exactly as RunningHub reported it, when it is none of the known states. */
	reportedStatus?: string;
	source: 'query' | 'outputs' | 'webhook' | 'submit';
}

const TERMINAL = new Set<TaskStatus>(['SUCCESS', 'FAILED', 'CANCEL']);

/** SUCCESS, FAILED and CANCEL: the states a task ends in. */
export function isTerminal(status: TaskStatus): boolean {
	return TERMINAL.has(status);
}

/**
 * Whether to stop waiting for a task, as RunningHub's official client decides
 * (ComfyUI_RH_OpenAPI core/task.py): CREATE, QUEUED and RUNNING keep polling; SUCCESS,
 * FAILED and CANCEL are final (an errorCode or errorMessage next to any status has already
 * made it FAILED, see fromV2Task); a status outside these is an error (judgeTask), not a
 * reason to poll until the timeout. An answer without any status keeps polling, as there.
 */
export function hasEnded(result: TaskResult): boolean {
	return isTerminal(result.status) || result.reportedStatus !== undefined;
}

function rec(value: unknown): Record<string, unknown> {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function str(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() === '' ? undefined : value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return undefined;
}

/** RunningHub sends numbers as strings ("17"), numbers or null. */
function num(value: unknown): number | undefined {
	if (value === null || value === undefined || value === '') return undefined;
	const n = typeof value === 'number' ? value : Number(value);
	return Number.isFinite(n) ? n : undefined;
}

/** The task id of a flat answer: `taskId`, or `task_id` as some answers spell it (official contract). */
export function taskIdOf(body: unknown): string | undefined {
	const b = rec(body);
	return idToString(b.taskId) ?? idToString(b.task_id);
}

export function normalizeStatus(value: unknown): TaskStatus {
	const s = String(value ?? '').trim().toUpperCase();
	if (s === 'CANCELED' || s === 'CANCELLED') return 'CANCEL';
	return (['CREATE', 'QUEUED', 'RUNNING', 'SUCCESS', 'FAILED', 'CANCEL'] as string[]).includes(s) ? (s as TaskStatus) : 'UNKNOWN';
}

/** A stray "%" in a result URL must not turn a finished task into an error. */
function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

function fileNameFromUrl(url: string, type: string, index: number): string {
	const path = url.split('?')[0];
	const last = safeDecode(path.substring(path.lastIndexOf('/') + 1));
	if (last && /\.[a-z0-9]{1,5}$/i.test(last)) return last;
	return `output_${index}${type ? `.${type}` : ''}`;
}

function extensionOf(url: string): string {
	const match = /\.([a-z0-9]{1,5})(?:$|\?)/i.exec(url.split('?')[0]);
	return match ? match[1].toLowerCase() : '';
}

const TEXT_TYPES = new Set(['text', 'string', 'txt', 'json']);

/**
 * `outputType` values that name a kind of output rather than a file type: RunningHub's
 * official contract shows `"outputType": "image"`, its model registry uses image / video /
 * audio / 3d / string; other answers carry the extension ("png"). For a kind the file type
 * comes from the URL.
 */
const OUTPUT_KINDS = new Set(['image', 'video', 'audio', '3d', 'model', 'mesh', 'file', 'other']);

function collectOutputs(entries: unknown[], urlKeys: string[], typeKeys: string[]): { files: OutputFile[]; texts: string[] } {
	const files: OutputFile[] = [];
	const texts: string[] = [];
	entries.forEach((entry, index) => {
		const e = rec(entry);
		const url = urlKeys.map((k) => str(e[k])).find(Boolean);
		const declared = typeKeys.map((k) => str(e[k])).find(Boolean)?.toLowerCase() ?? '';
		const text = str(e.text) ?? str(e.content) ?? str(e.output);
		if (text !== undefined && (TEXT_TYPES.has(declared) || !url)) texts.push(text);
		if (url && !(TEXT_TYPES.has(declared) && !/^https?:/i.test(url))) {
			const type = declared && !TEXT_TYPES.has(declared) && !OUTPUT_KINDS.has(declared) ? declared : extensionOf(url);
			files.push({ url, type, nodeId: idToString(e.nodeId), fileName: fileNameFromUrl(url, type, index) });
		}
	});
	return { files, texts };
}

function parseTraceback(value: unknown): string[] | undefined {
	if (Array.isArray(value)) return value.map(String);
	if (typeof value === 'string' && value.trim()) {
		try {
			const parsed = JSON.parse(value) as unknown;
			if (Array.isArray(parsed)) return parsed.map(String);
		} catch {
			return [value];
		}
		return [value];
	}
	return undefined;
}

/**
 * `failedReason` arrives as an object, as JSON text of one, or as a plain sentence; a
 * sentence becomes the exception message.
 */
function readReason(reason: unknown): Record<string, unknown> {
	if (typeof reason !== 'string') return rec(reason);
	const trimmed = reason.trim();
	if (!trimmed) return {};
	if (trimmed.startsWith('{')) {
		try {
			return rec(JSON.parse(trimmed) as unknown);
		} catch {
			// not JSON after all: keep the text
		}
	}
	return { exception_message: trimmed };
}

export function failureFromReason(reason: unknown, code?: string, message?: string): TaskFailure {
	const r = readReason(reason);
	const exceptionMessage = str(r.exception_message) ?? str(r.exceptionMessage);
	const nodeName = str(r.node_name) ?? str(r.nodeName);
	const parts = [message, nodeName ? `node "${nodeName}"${str(r.node_id) ? ` (#${str(r.node_id)})` : ''}` : undefined, exceptionMessage].filter(Boolean);
	return {
		code,
		message: parts.join(': ') || 'The task failed on RunningHub.',
		nodeName,
		nodeId: idToString(r.node_id ?? r.nodeId),
		exceptionType: str(r.exception_type) ?? str(r.exceptionType),
		exceptionMessage,
		traceback: parseTraceback(r.traceback),
	};
}

/**
 * From the flat v2 object of `/openapi/v2/query` (also a submit answer and a v2-shaped
 * callback). As in RunningHub's official client, a non-empty `errorCode` or `errorMessage`
 * next to any status means the task failed; a status outside the known ones is kept as
 * `reportedStatus` (an error, see hasEnded / judgeTask).
 */
export function fromV2Task(body: unknown, source: TaskResult['source'] = 'query'): TaskResult {
	const b = rec(body);
	const { files, texts } = collectOutputs(Array.isArray(b.results) ? b.results : [], ['url', 'outputUrl', 'fileUrl'], ['outputType', 'fileType']);
	const usage = rec(b.usage);
	const reported = typeof b.status === 'string' ? b.status.trim() : '';
	let status = normalizeStatus(reported);
	const error = flatError(b);
	const failedByError = (error.code !== '' || error.message !== '') && status !== 'FAILED' && status !== 'CANCEL';
	if (failedByError) status = 'FAILED';
	const result: TaskResult = {
		taskId: taskIdOf(b) ?? '',
		status,
		files,
		texts,
		usage: {
			coins: num(usage.consumeCoins),
			money: num(usage.consumeMoney),
			thirdPartyMoney: num(usage.thirdPartyConsumeMoney),
			runTimeSeconds: num(usage.taskCostTime),
		},
		source,
	};
	if (status === 'UNKNOWN' && reported !== '') result.reportedStatus = reported;
	if (status === 'FAILED' || status === 'CANCEL') {
		const said = error.message || (status === 'CANCEL' ? 'The task was cancelled.' : undefined);
		const message = failedByError && reported && !said ? `RunningHub reported error ${error.code} while the task was ${reported}` : said;
		result.failure = failureFromReason(b.failedReason, error.code || undefined, message);
	}
	return result;
}

/**
 * From `/task/openapi/outputs` (and webhook `eventData`, which has the same shape). The outer
 * code is the state: 0 success, 804 running, 813 queued, 805 failed.
 */
export function fromV1Outputs(taskId: string, code: number | string | undefined, data: unknown, source: TaskResult['source'] = 'outputs'): TaskResult {
	const c = Number(code);
	const base: TaskResult = { taskId, status: 'UNKNOWN', files: [], texts: [], usage: {}, source };
	if (c === 804) return { ...base, status: 'RUNNING' };
	if (c === 813) return { ...base, status: 'QUEUED' };
	if (c === 0 && (data === null || data === undefined)) return { ...base, status: 'RUNNING' };
	if (c === 0 && Array.isArray(data)) {
		const { files, texts } = collectOutputs(data, ['fileUrl', 'url'], ['fileType', 'outputType']);
		const nodeCosts = data.map((entry) => {
			const e = rec(entry);
			return { nodeId: idToString(e.nodeId), coins: num(e.consumeCoins), money: num(e.consumeMoney), thirdPartyMoney: num(e.thirdPartyConsumeMoney), runTimeSeconds: num(e.taskCostTime) };
		});
		const sum = (key: 'coins' | 'money' | 'thirdPartyMoney') => {
			const values = nodeCosts.map((n) => n[key]).filter((v): v is number => v !== undefined);
			return values.length ? values.reduce((a, b) => a + b, 0) : undefined;
		};
		const times = nodeCosts.map((n) => n.runTimeSeconds).filter((v): v is number => v !== undefined);
		return {
			...base,
			status: 'SUCCESS',
			files,
			texts,
			nodeCosts,
			usage: { coins: sum('coins'), money: sum('money'), thirdPartyMoney: sum('thirdPartyMoney'), runTimeSeconds: times.length ? Math.max(...times) : undefined },
		};
	}
	const d = rec(data);
	return { ...base, status: 'FAILED', failure: failureFromReason(d.failedReason, String(code ?? ''), 'The task failed on RunningHub') };
}

export function hasOutputs(result: TaskResult): boolean {
	return result.files.length > 0 || result.texts.length > 0;
}

function compact<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The JSON every node emits for a task. */
export function toJson(result: TaskResult): IDataObject {
	const json: IDataObject = {
		taskId: result.taskId,
		status: result.status,
		files: result.files.map((f) => compact({ url: f.url, type: f.type, nodeId: f.nodeId, fileName: f.fileName })),
		texts: result.texts,
		text: result.texts.length ? result.texts.join('\n') : undefined,
		usage: compact({ ...result.usage }),
	};
	if (result.nodeCosts) json.nodeCosts = result.nodeCosts.map((n) => compact({ ...n }));
	if (result.reportedStatus !== undefined) json.reportedStatus = result.reportedStatus;
	if (result.failure) json.failure = compact({ ...result.failure }) as IDataObject;
	return compact(json);
}

/** A smaller form for AI agents: just what a model needs to continue. */
export function toToolJson(result: TaskResult): IDataObject {
	return compact({
		taskId: result.taskId,
		status: result.status,
		urls: result.files.map((f) => f.url),
		text: result.texts.length ? result.texts.join('\n') : undefined,
		error: result.failure?.message,
	});
}
