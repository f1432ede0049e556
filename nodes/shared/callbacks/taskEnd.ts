import { randomBytes, timingSafeEqual } from 'crypto';

import type { TaskResult } from '../outputs/normalize';
import { fromV1Outputs, fromV2Task } from '../outputs/normalize';
import { parseJsonKeepingIds } from '../transport/jsonIds';

/**
 * The TASK_END callback RunningHub POSTs to a task's `webhookUrl` (API.md §9.1):
 *   { "event": "TASK_END", "taskId": "1904163390028185602", "eventData": "<JSON string>" }
 * `eventData` is a JSON-encoded string shaped like `/task/openapi/outputs` ({code, msg, data}).
 * These are pure functions shared by the RunningHub Trigger and the "resume on callback" mode.
 */

export type TaskEndRejectReason = 'notJson' | 'notObject' | 'event' | 'otherEvent' | 'taskId' | 'eventData';

/**
 * Why a callback body was refused; the receiver answers HTTP 400 and starts nothing, except
 * for `otherEvent` (a well-formed event other than TASK_END), which is answered 200 and
 * ignored: a 4xx would make RunningHub retry it (callbacks/request.ts refusedBody).
 */
export class TaskEndBodyError extends Error {
	constructor(
		readonly reason: TaskEndRejectReason,
		message: string,
	) {
		super(message);
		this.name = 'TaskEndBodyError';
	}
}

export interface TaskEndEvent {
	/** Exact digits, always a string. */
	taskId: string;
	/** The callback's own view of the task, normalized (source `webhook`). */
	result: TaskResult;
	/** `eventData` decoded (ids kept as strings), to pass the callback on as it came. */
	payload: Record<string, unknown>;
}

export type TaskEndParse = { ok: true; event: TaskEndEvent } | { ok: false; error: TaskEndBodyError };

const TASK_ID = /^\d{15,20}$/;

function record(value: unknown): Record<string, unknown> | undefined {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: parseJsonKeepingIds(text) };
	} catch {
		return { ok: false };
	}
}

function reject(reason: TaskEndRejectReason, message: string): TaskEndParse {
	return { ok: false, error: new TaskEndBodyError(reason, message) };
}

function shortText(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** A RunningHub task id: 15–20 digits as a string, or a number that a double holds exactly. */
export function readTaskId(value: unknown): string | undefined {
	if (typeof value === 'string') {
		const trimmed = value.trim();
		return TASK_ID.test(trimmed) ? trimmed : undefined;
	}
	if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) {
		const text = String(value);
		return TASK_ID.test(text) ? text : undefined;
	}
	return undefined;
}

function isCode(value: unknown): boolean {
	if (typeof value === 'number') return Number.isFinite(value);
	return typeof value === 'string' && /^-?\d+$/.test(value.trim());
}

/**
 * Checks and normalizes a callback body without throwing. `raw` is the request body as text
 * (preferred: bare 19-digit numbers then keep their digits) or as already-parsed JSON.
 */
export function readTaskEndBody(raw: unknown): TaskEndParse {
	let body: unknown = raw;
	if (typeof raw === 'string' || Buffer.isBuffer(raw)) {
		const parsed = parseJsonText(raw.toString());
		if (!parsed.ok) return reject('notJson', 'The body is not valid JSON.');
		body = parsed.value;
	}
	const b = record(body);
	if (!b) return reject('notObject', 'The body must be a JSON object.');

	if (typeof b.event === 'string' && b.event.trim() !== '' && b.event !== 'TASK_END') {
		return reject('otherEvent', `Event ${shortText(b.event)} is not a task end; ignored.`);
	}
	if (b.event !== 'TASK_END') {
		return reject('event', b.event === undefined ? 'Field "event" is missing (expected "TASK_END").' : `Field "event" is ${shortText(b.event)}, expected "TASK_END".`);
	}

	// `task_id` as some RunningHub answers spell it (official contract).
	const givenId = b.taskId ?? b.task_id;
	if (givenId === undefined || givenId === null || givenId === '') return reject('taskId', 'Field "taskId" is missing.');
	const taskId = readTaskId(givenId);
	if (!taskId) {
		const unsafeNumber = typeof givenId === 'number' && !Number.isSafeInteger(givenId);
		return reject(
			'taskId',
			unsafeNumber
				? 'Field "taskId" arrived as a JSON number too large to keep exactly; send it as a string.'
				: `Field "taskId" must be a 15–20 digit task ID, got ${shortText(givenId)}.`,
		);
	}

	// Documented as a JSON string. An already-decoded object is accepted too, for senders
	// (proxies, other tools) that forward the payload decoded.
	let payload: Record<string, unknown> | undefined;
	if (typeof b.eventData === 'string') {
		const parsed = parseJsonText(b.eventData);
		if (!parsed.ok) return reject('eventData', 'Field "eventData" is not valid JSON text.');
		payload = record(parsed.value);
		if (!payload) return reject('eventData', 'Field "eventData" must encode a JSON object.');
	} else {
		payload = record(b.eventData);
		if (!payload) {
			return reject('eventData', b.eventData === undefined ? 'Field "eventData" is missing.' : 'Field "eventData" must be a JSON string.');
		}
	}

	if ('code' in payload) {
		if (!isCode(payload.code)) return reject('eventData', 'Field "eventData.code" must be a number.');
		return { ok: true, event: { taskId, result: fromV1Outputs(taskId, payload.code as number | string, payload.data, 'webhook'), payload } };
	}
	// Whether v2-started tasks call back with a v2-shaped payload is unconfirmed (API.md §9.1);
	// read it if it comes.
	if (typeof payload.status === 'string') {
		return { ok: true, event: { taskId, result: { ...fromV2Task(payload, 'webhook'), taskId }, payload } };
	}
	return reject('eventData', 'Field "eventData" has neither "code" nor "status".');
}

/** Same as `readTaskEndBody`, but throws a `TaskEndBodyError` naming the reason. */
export function parseTaskEndBody(raw: unknown): TaskEndEvent {
	const parsed = readTaskEndBody(raw);
	if (!parsed.ok) throw parsed.error;
	return parsed.event;
}

/** Constant-time comparison of the expected secret with a received one. Empty never matches. */
export function tokenMatches(expected: string, given: unknown): boolean {
	if (typeof expected !== 'string' || expected === '' || typeof given !== 'string' || given === '') return false;
	const a = Buffer.from(expected, 'utf8');
	const b = Buffer.from(given, 'utf8');
	if (a.length !== b.length) return false;
	return timingSafeEqual(a, b);
}

/** A fresh URL-safe secret (192 bits). */
export function generateToken(): string {
	return randomBytes(24).toString('base64url');
}
