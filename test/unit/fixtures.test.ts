/**
 * Every parser against every golden fixture it applies to (test/fixtures/runninghub: shapes as
 * RunningHub's docs and public clients show them, each citing its source). One assertion per
 * parser, listing every fixture it misreads, so a change that breaks several shapes shows all.
 * Expected values come from the fixtures (the sources), never from the code under test.
 */
import { appFields, parseGraph, workflowFields } from '../../nodes/RunningHubRunWorkflow/helpers/schema';
import type { InputField } from '../../nodes/RunningHubRunWorkflow/helpers/schema';
import { numberOrNull, textOrNull } from '../../nodes/RunningHubGetTaskResult/actions/account/values';
import { readPrice } from '../../nodes/RunningHubStandardModel/actions/model/price';
import { readTaskEndBody } from '../../nodes/shared/callbacks/taskEnd';
import type { TaskResult } from '../../nodes/shared/outputs/normalize';
import { fromV1Outputs, fromV2Task } from '../../nodes/shared/outputs/normalize';
import { readEnvelope } from '../../nodes/shared/transport/envelopes';
import { parseJsonKeepingIds } from '../../nodes/shared/transport/jsonIds';
import type { Fixture } from '../fixtures/runninghub';
import { loadFixtures } from '../fixtures/runninghub';

type Parser = 'envelope' | 'v2Task' | 'v1Outputs' | 'webhook' | 'appSchema' | 'workflowSchema' | 'accountValues' | 'price';

/**
 * Documented shapes a parser still misreads. They stay in the fixtures folder and out of that
 * parser's assertion until the fix named here lands; then delete the entry.
 */
const PENDING: Record<string, { parsers: Parser[]; why: string }> = {};

const fixtures = loadFixtures();
const KINDS = [
	'v1.create', 'v1.outputs', 'v1.cancel', 'v1.error', 'v1.status', 'v1.upload', 'v1.accountStatus', 'v1.apiCallDemo',
	'v1.workflowJson', 'v1.webhookDetail', 'v1.retryWebhook', 'v2.task', 'v2.pricePreview', 'v2.upload', 'v2.queueStatus',
	'v2.error', 'webhook.taskEnd',
];
const REQUEST_KINDS = /^request\.(v1|v2)\.[A-Za-z]+$/;

function applies(f: Fixture, parser: Parser, wanted: boolean): boolean {
	return wanted && !PENDING[f.name]?.parsers.includes(parser);
}

function parsed(f: Fixture): unknown {
	return parseJsonKeepingIds(f.text ?? '');
}

function same(actual: unknown, expected: unknown): boolean {
	return JSON.stringify(actual) === JSON.stringify(expected);
}

function diff(out: string[], f: Fixture, what: string, actual: unknown, expected: unknown): void {
	if (!same(actual, expected)) out.push(`${f.name}: ${what} is ${JSON.stringify(actual)}, the source shows ${JSON.stringify(expected)}`);
}

function record(value: unknown): Record<string, unknown> {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function compareTask(out: string[], f: Fixture, actual: TaskResult, expected: Record<string, any>): void {
	if ('taskId' in expected) diff(out, f, 'taskId', actual.taskId, expected.taskId);
	if ('status' in expected) diff(out, f, 'status', actual.status, expected.status);
	if ('texts' in expected) diff(out, f, 'texts', actual.texts, expected.texts);
	if (Array.isArray(expected.files)) {
		diff(out, f, 'number of files', actual.files.length, expected.files.length);
		expected.files.forEach((file: Record<string, unknown>, i: number) => {
			for (const [key, value] of Object.entries(file)) diff(out, f, `files[${i}].${key}`, record(actual.files[i])[key], value);
		});
	}
	for (const [key, value] of Object.entries(record(expected.usage))) diff(out, f, `usage.${key}`, record(actual.usage)[key], value);
	if (expected.failure) {
		if (!actual.failure) out.push(`${f.name}: no failure read, the source shows ${JSON.stringify(expected.failure)}`);
		for (const [key, value] of Object.entries(record(expected.failure))) {
			const got = key === 'tracebackLines' ? actual.failure?.traceback?.length : record(actual.failure)[key];
			diff(out, f, `failure.${key}`, got, value);
		}
	}
}

function compareFields(out: string[], f: Fixture, fields: InputField[], expected: Array<Record<string, unknown>>, exact: boolean): void {
	const ids = fields.map((x) => x.id);
	if (exact) diff(out, f, 'field ids', ids, expected.map((e) => e.id));
	for (const want of expected) {
		const got = fields.find((x) => x.id === want.id);
		if (!got) {
			out.push(`${f.name}: no field ${String(want.id)} (read: ${ids.join(', ') || 'none'})`);
			continue;
		}
		for (const [key, value] of Object.entries(want)) if (key !== 'id') diff(out, f, `${String(want.id)}.${key}`, record(got)[key], value);
	}
}

describe('golden RunningHub fixtures', () => {
	test('every fixture cites its source and has a known kind and a body', () => {
		const problems: string[] = [];
		for (const f of fixtures) {
			if (!/^(doc|client|api)-/.test(f.name)) continue;
			if (typeof f._source !== 'string' || f._source.trim().length < 10) problems.push(`${f.name}: no _source`);
			if (REQUEST_KINDS.test(f.kind)) {
				if (!f.request || !f.request.method || !f.request.path) problems.push(`${f.name}: request kind without request`);
			} else if (!KINDS.includes(f.kind)) problems.push(`${f.name}: unknown kind ${f.kind}`);
			else if (f.text === undefined) problems.push(`${f.name}: no response / responseText`);
			else {
				try {
					parsed(f);
				} catch (error) {
					problems.push(`${f.name}: body is not JSON (${(error as Error).message})`);
				}
			}
			if (!f.expect || !Object.keys(f.expect).length) problems.push(`${f.name}: nothing expected`);
		}
		for (const name of Object.keys(PENDING)) if (!fixtures.some((f) => f.name === name)) problems.push(`PENDING names a missing fixture ${name}`);
		expect(problems).toEqual([]);
	});

	test('the transport envelope reader (exact ids, family, success, code, data)', () => {
		const out: string[] = [];
		for (const f of fixtures) {
			if (!applies(f, 'envelope', !!f.expect?.envelope)) continue;
			const envelope = readEnvelope(parsed(f));
			if (!envelope) {
				out.push(`${f.name}: not read as a RunningHub answer (UNREADABLE_RESPONSE)`);
				continue;
			}
			for (const [key, value] of Object.entries(f.expect!.envelope as Record<string, unknown>)) diff(out, f, `envelope.${key}`, record(envelope)[key], value);
			for (const [key, value] of Object.entries(record(f.expect!.data))) diff(out, f, `data.${key}`, record(envelope.data)[key], value);
			if ('dataValue' in f.expect!) diff(out, f, 'data', envelope.data, f.expect!.dataValue);
		}
		expect(out).toEqual([]);
	});

	test('the normalizer: fromV2Task on flat v2 task objects', () => {
		const out: string[] = [];
		for (const f of fixtures) {
			if (!applies(f, 'v2Task', f.kind === 'v2.task' && !!f.expect?.task)) continue;
			compareTask(out, f, fromV2Task(parsed(f)), f.expect!.task);
		}
		expect(out).toEqual([]);
	});

	test('the normalizer: fromV1Outputs on /task/openapi/outputs answers', () => {
		const out: string[] = [];
		for (const f of fixtures) {
			if (!applies(f, 'v1Outputs', f.kind === 'v1.outputs' && !!f.expect?.task)) continue;
			const body = record(parsed(f));
			compareTask(out, f, fromV1Outputs(String(f.taskId), body.code as number, body.data), f.expect!.task);
		}
		expect(out).toEqual([]);
	});

	test('the webhook body reader on TASK_END callbacks (body as the text that arrives)', () => {
		const out: string[] = [];
		for (const f of fixtures) {
			if (!applies(f, 'webhook', f.kind === 'webhook.taskEnd' && !!f.expect?.webhook)) continue;
			const want = f.expect!.webhook as Record<string, unknown>;
			const read = readTaskEndBody(f.text);
			diff(out, f, 'accepted', read.ok, want.ok);
			if (!read.ok) continue;
			compareTask(out, f, read.event.result, { taskId: want.taskId, status: want.status, files: want.files, failure: want.failureCode ? { code: want.failureCode } : undefined });
			diff(out, f, 'event taskId', read.event.taskId, want.taskId);
		}
		expect(out).toEqual([]);
	});

	test('the app schema parser on apiCallDemo answers', () => {
		const out: string[] = [];
		for (const f of fixtures) {
			if (!applies(f, 'appSchema', f.kind === 'v1.apiCallDemo' && Array.isArray(f.expect?.fields))) continue;
			compareFields(out, f, appFields(record(record(parsed(f)).data).nodeInfoList), f.expect!.fields, true);
		}
		expect(out).toEqual([]);
	});

	test('the workflow schema parser on getJsonApiFormat answers', () => {
		const out: string[] = [];
		for (const f of fixtures) {
			if (!applies(f, 'workflowSchema', f.kind === 'v1.workflowJson' && Array.isArray(f.expect?.fields))) continue;
			const graph = parseGraph(record(record(parsed(f)).data).prompt);
			if (!graph) {
				out.push(`${f.name}: data.prompt not read as a graph`);
				continue;
			}
			const fields = workflowFields(graph);
			compareFields(out, f, fields, f.expect!.fields, false);
			for (const id of (f.expect!.absent as string[]) ?? []) if (fields.some((x) => x.id === id)) out.push(`${f.name}: ${id} is a link, not an input`);
		}
		expect(out).toEqual([]);
	});

	test('the account values reader on accountStatus and queue status answers', () => {
		const out: string[] = [];
		for (const f of fixtures) {
			const want = f.expect?.account ?? f.expect?.queue;
			if (!applies(f, 'accountValues', (f.kind === 'v1.accountStatus' || f.kind === 'v2.queueStatus') && !!want)) continue;
			const data = record(record(parsed(f)).data);
			for (const [key, value] of Object.entries(want as Record<string, unknown>)) {
				const read = typeof value === 'string' || (value === null && /currency|type/i.test(key)) ? textOrNull(data[key]) : numberOrNull(data[key]);
				diff(out, f, key, read, value);
			}
		}
		expect(out).toEqual([]);
	});

	test('the price preview reader on flat price answers', () => {
		const out: string[] = [];
		for (const f of fixtures) {
			if (!applies(f, 'price', f.kind === 'v2.pricePreview' && !!f.expect?.price)) continue;
			const price = readPrice(parsed(f)) as Record<string, unknown>;
			for (const [key, value] of Object.entries(f.expect!.price as Record<string, unknown>)) diff(out, f, key, price[key], value);
		}
		expect(out).toEqual([]);
	});
});
