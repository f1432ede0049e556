/**
 * The fault matrix: every emulator fault × every node that can meet it → the expected outcome.
 * Each row injects its fault, runs the node(s) for real against the emulator and asserts
 *   - the result is delivered, or an error names the cause;
 *   - no task was submitted twice (emulator createsByKey, one task per distinct input);
 *   - no item was lost or duplicated (one output per input item, in order);
 *   - the API key appears in no output, error, log line or URL;
 *   - the fault really fired (its count was consumed).
 * `run` returns a short, deterministic description of what was observed (for RELIABILITY.md).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { waitMs } from '../../nodes/shared/utils/timing';
import type { FileSpec } from '../support/binaryInputNode';
import { logLines } from '../support/harness';
import type { Emulator, NodeRun } from './kit';
import {
	createTask,
	errorText,
	expectCreates,
	expectNoKey,
	expectOnePerItem,
	IMAGE_MODEL,
	KEY,
	KEYS,
	modelParameters,
	resultParameters,
	runNode,
	submitRequests,
	TEXT_MODEL,
	TYPES,
	workflowParameters,
} from './kit';
import { TriggerHost } from './triggerHost';

export interface Observation {
	/** Short, deterministic description of what happened (for RELIABILITY.md). */
	observed: string;
	/** Known-gap rows only: the expectation that is not met, with the evidence. */
	unmet?: string;
}

export interface MatrixRow {
	id: string;
	fault: string;
	node: string;
	expected: string;
	/**
	 * A known gap: a real bug makes part of the expectation fail. The row still runs and every
	 * other invariant is asserted; the unmet part is reported instead of failing the suite.
	 */
	gap?: string;
	run(emu: Emulator): Promise<Observation>;
}

const photo: FileSpec = { property: 'photo', fileName: 'input.png', mimeType: 'image/png', size: 4096 };
const lora: FileSpec = { property: 'data', fileName: 'style.safetensors', size: 256 * 1024, safetensors: true };


/**
 * The text of an error item: n8n reduces its json to `{ error: message }` and keeps the
 * error (with its description) on the item, the way its error output gets it.
 */
function itemErrorText(item: INodeExecutionData | undefined): string {
	const error = item?.error as { description?: string } | undefined;
	return `${String(item?.json.error)} ${String(error?.description ?? item?.json.description ?? '')}`;
}

/** Message without run-specific ids and file names, shortened for the report. */
export function tidy(text: string, max = 150): string {
	const clean = text
		.replace(/\b\d{15,20}\b/g, '<id>')
		.replace(/ComfyUI_\d+_[a-z]+_\d+\.\w+/g, '<file>')
		.replace(/[0-9a-f]{32,64}/g, '<hash>')
		.replace(/\s+/g, ' ')
		.trim();
	return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** The fault fired as often as configured (count-limited faults disappear when used up). */
function expectFaultUsed(emu: Emulator, faults: IDataObject): void {
	for (const [name, value] of Object.entries(faults)) {
		const count = typeof value === 'object' && value !== null ? Number((value as IDataObject).count ?? 1) : Number(value);
		if (count > 0) expect(emu.faults[name]).toBeUndefined();
	}
}

interface NodeCase {
	type: string;
	parameters: IDataObject;
	/** Prompts: one input item each (made unique per row). */
	prompts?: string[];
	items?: IDataObject[];
	files?: FileSpec[];
	key?: string;
	continueOnFail?: boolean;
	faults: IDataObject;
	/** Items that must come back delivered (SUCCESS). */
	ok: number;
	/** Every failed item / the run error must match this. */
	error?: RegExp;
	/** Exact number of tasks created with the key. */
	creates: number;
	/** At most this many submit requests (catches a re-sent submit). */
	maxSubmits?: number;
	/** Delivered items must carry a downloaded binary. */
	binaries?: boolean;
	/** Extra checks on the outputs. */
	check?: (run: NodeRun, emu: Emulator) => void;
	/** Runs before the faults are set (e.g. create tasks for Get Task Result). */
	before?: (emu: Emulator) => Promise<IDataObject[]>;
	/** Known gap: a mismatch of `error` is reported, not asserted. */
	gap?: boolean;
}

/** Runs one node case and applies the common assertions. */
async function nodeCase(emu: Emulator, rowId: string, c: NodeCase): Promise<Observation> {
	const items = c.before ? await c.before(emu) : c.items ?? (c.prompts ?? [`${rowId} item 0`, `${rowId} item 1`]).map((p, i) => ({ prompt: `${p} ${rowId}-${i}` }));
	emu.setFaults(c.faults);
	const run = await runNode({ emu, type: c.type, parameters: c.parameters, items, files: c.files, key: c.key, continueOnFail: c.continueOnFail ?? true });
	const key = c.key ?? KEY;
	expectNoKey(emu, key, run.items, errorText(run.error), run.logs);
	expectFaultUsed(emu, c.faults);
	expectCreates(emu, c.creates, key);
	if (c.maxSubmits !== undefined) expect(submitRequests(emu).length).toBeLessThanOrEqual(c.maxSubmits);

	let failedText: string[] = [];
	let okItems: INodeExecutionData[] = [];
	let unmet: string | undefined;
	const expectError = (text: string) => {
		expect(c.error).toBeDefined();
		if (!c.gap) expect(text).toMatch(c.error as RegExp);
		else if (!(c.error as RegExp).test(text)) unmet ??= `error does not match ${String(c.error)}: "${tidy(text, 300)}"`;
	};
	if (run.error) {
		// Without Continue On Fail the run stops with the error.
		expect(c.ok).toBe(0);
		expectError(errorText(run.error));
		failedText = [run.error.message];
	} else {
		const { ok, failed } = expectOnePerItem(run.items, items.length);
		okItems = ok;
		expect(ok.length).toBe(c.ok);
		for (const item of ok) expect(['SUCCESS', 'QUEUED']).toContain(item.json.status ?? 'SUCCESS');
		if (c.binaries) for (const item of ok) expect(Number(item.binary?.data?.bytes ?? item.binary?.data?.fileSize ?? 0)).toBeGreaterThan(0);
		for (const item of failed) expectError(itemErrorText(item));
		failedText = failed.map((item) => String(item.json.error));
	}
	c.check?.(run, emu);
	const parts = [`${okItems.length}/${items.length} delivered${c.binaries && okItems.length ? ' with files' : ''}`];
	if (failedText.length) parts.push(`${run.error ? 'run error' : `${failedText.length} error item${failedText.length > 1 ? 's' : ''}`}: "${tidy(failedText[0])}"`);
	parts.push(`tasks created ${emu.counters.createsByKey[key] ?? 0}`);
	return { observed: parts.join('; '), unmet };
}

const rw = (extra: IDataObject = {}, inputs: IDataObject = {}) => workflowParameters(extra, inputs);
const sm = (extra: IDataObject = {}) => modelParameters(TEXT_MODEL, { prompt: '={{ $json.prompt }}' }, extra);
const smImage = (extra: IDataObject = {}) => modelParameters(IMAGE_MODEL, { prompt: '={{ $json.prompt }}', imageUrls: 'binary:photo' }, extra);
const rwUpload = (extra: IDataObject = {}) => rw(extra, { '10.image': 'binary:photo' });

/** Get Task Result over two tasks created beforehand (with the given prompts). */
function gtrCase(rowId: string, prompts: string[], extra: IDataObject = {}): Pick<NodeCase, 'type' | 'parameters' | 'before'> {
	return {
		type: TYPES.getTaskResult,
		parameters: resultParameters(extra),
		before: async (emu) => {
			const items: IDataObject[] = [];
			for (let i = 0; i < prompts.length; i++) items.push({ id: await createTask(emu, `${prompts[i]} ${rowId}-${i}`) });
			return items;
		},
	};
}

const AMBIGUOUS = /not repeated, because RunningHub may have created the task/;
/** What the transport means to say when a connection drops. */
const NETWORK_MESSAGE = /^RunningHub NETWORK_ERROR: The connection to RunningHub failed \(ECONNRESET\)/;
/** An upload failure inside a run should say it was the upload, and of which binary property. */
const UPLOAD_NAMED = /^Uploading binary property "photo" \(input\.png\) failed: RunningHub HTTP_502[\s\S]*HTML page \("502 Bad Gateway"\)/;
const DELIVERED = 'Delivered: every item SUCCESS, one task per item';

// ---------------------------------------------------------------- trigger rows

interface TriggerCase {
	parameters?: IDataObject;
	/** Faults set before the task is started. */
	faults?: IDataObject;
	prompt?: string;
	slowFirst?: { calls: number; delayMs: number };
	/** After the first execution: something that makes RunningHub call again (e.g. a resend). */
	after?: (emu: Emulator, taskId: string, host: TriggerHost) => Promise<void>;
	/** Answers (HTTP statuses) the trigger must have given, in order. */
	answers: number[];
	/** The started execution must fail with a message like this; otherwise it emits one item for `check`. */
	fails?: RegExp;
	check?: (execution: INodeExecutionData, emu: Emulator) => void;
}

async function until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
	const started = Date.now();
	while (!predicate()) {
		if (Date.now() - started > timeoutMs) throw new Error('timed out waiting for the callback');
		await waitMs(10);
	}
}

/**
 * Run Workflow starts one task with the trigger's URL as webhookUrl (Return Immediately);
 * the emulator calls back when it ends; the trigger (in a real WebhookContext) answers.
 */
async function triggerCase(emu: Emulator, rowId: string, c: TriggerCase): Promise<Observation> {
	const host = await new TriggerHost({ baseUrl: emu.url, apiKey: KEY, parameters: c.parameters, slowFirst: c.slowFirst }).start();
	const firstLog = logLines.length;
	try {
		if (c.faults) emu.setFaults(c.faults);
		const started = await runNode({
			emu,
			type: TYPES.runWorkflow,
			parameters: rw({ waitMode: 'none', options: { webhookUrl: host.webhookUrl } }),
			items: [{ prompt: `${c.prompt ?? 'a lighthouse'} ${rowId}` }],
			continueOnFail: false,
		});
		expect(started.error).toBeUndefined();
		const taskId = String(started.items[0].json.taskId);
		await until(() => host.answers.length >= 1 && host.answers.length >= c.answers.length - (c.after ? 1 : 0));
		if (c.after) await c.after(emu, taskId, host);
		await until(() => host.answers.length >= c.answers.length && host.executions.length >= 1, 15000);
		// Let any further (unexpected) delivery arrive before counting.
		await waitMs(150);
		expect(host.answers.map((a) => a.status)).toEqual(c.answers);
		expect(host.executions).toHaveLength(1);
		const reasons = host.answers.slice(1).map((a) => `${a.status}${a.body.reason ? ` ${String(a.body.reason)}` : ''}`);
		const answered = `answers ${host.answers[0].status}${reasons.length ? `, then ${reasons.join(', ')}` : ''}`;
		const failure = host.executionErrors[0];
		let observed: string;
		if (c.fails) {
			expect(failure?.message).toMatch(c.fails);
			expect(`${failure?.message} ${failure?.description}`).toContain(taskId);
			observed = `1 execution, failed: "${tidy(String(failure?.message), 110)}"; ${answered}`;
		} else {
			expect(failure).toBeUndefined();
			expect(host.executions[0]).toHaveLength(1);
			const execution = host.executions[0][0];
			expect(execution.json.taskId).toBe(taskId);
			c.check?.(execution, emu);
			observed = `1 execution (${String(execution.json.status)}${execution.binary ? ', with file' : ''}${execution.json.downloadError ? `, downloadError "${tidy(String(execution.json.downloadError), 90)}"` : ''}); ${answered}`;
		}
		if (c.faults) expectFaultUsed(emu, c.faults);
		expectCreates(emu, 1);
		expect(submitRequests(emu)).toHaveLength(1);
		expectNoKey(emu, KEY, host.executions, host.answers, [failure?.message, failure?.description], started.items, logLines.slice(firstLog));
		return { observed };
	} finally {
		await host.close();
	}
}

// ---------------------------------------------------------------- the rows

function nodeRow(id: string, fault: string, node: string, expected: string, c: NodeCase, gap?: string): MatrixRow {
	return { id, fault, node, expected, gap, run: async (emu) => await nodeCase(emu, id, { ...c, gap: gap !== undefined }) };
}

function triggerRow(id: string, fault: string, expected: string, c: TriggerCase): MatrixRow {
	return { id, fault, node: 'Trigger', expected, run: async (emu) => await triggerCase(emu, id, c) };
}

export function faultRows(): MatrixRow[] {
	const rows: MatrixRow[] = [];
	const add = (row: MatrixRow) => rows.push(row);

	// -- submit: 5xx, resets (before and after the task is created), HTML pages, slow replies, 421/415
	const submitCases: Array<[string, IDataObject, RegExp, number]> = [
		['HTTP 500 on submit', { http5xx: { match: 'submit', count: 1 } }, /RunningHub HTTP_500: RunningHub or a proxy answered HTTP 500/, 1],
		['Connection reset before the submit is processed', { reset: { match: 'submit', count: 1, when: 'before' } }, NETWORK_MESSAGE, 1],
		['Connection reset after the task was created (reply lost)', { reset: { match: 'submit', count: 1, when: 'after' } }, NETWORK_MESSAGE, 2],
		['HTML 502 page on submit', { html: { match: 'submit', count: 1, status: 502 } }, /RunningHub HTTP_502[\s\S]*HTML page \("502 Bad Gateway"\)/, 1],
	];
	for (const [fault, faults, error, creates] of submitCases) {
		const expected = `1 item: clear error naming the cause and that the submit was not repeated (a task may exist); other item delivered; submit never re-sent (${creates} task${creates > 1 ? 's' : ''})`;
		const check = (run: NodeRun) => {
			const failed = run.items.find((i) => i.json.error !== undefined);
			expect(itemErrorText(failed)).toMatch(AMBIGUOUS);
		};
		add(nodeRow(`S-${rows.length + 1}`, fault, 'Run Workflow', expected, { type: TYPES.runWorkflow, parameters: rw(), faults, ok: 1, error, creates, maxSubmits: 2, check }));
		add(nodeRow(`S-${rows.length + 1}`, fault, 'Standard Model', expected, { type: TYPES.standardModel, parameters: sm(), faults, ok: 1, error, creates, maxSubmits: 2, check }));
	}
	add(nodeRow(`S-${rows.length + 1}`, 'HTTP 500 on submit, no Continue On Fail', 'Run Workflow', 'Run stops with the error naming HTTP 500 and the unrepeated submit; no task re-sent', {
		type: TYPES.runWorkflow,
		parameters: rw({ waitingOptions: { maxConcurrency: 1, pollInterval: 0.1, timeoutMinutes: 0.5 } }),
		faults: { http5xx: { match: 'submit', count: 1 } },
		continueOnFail: false,
		ok: 0,
		error: /RunningHub HTTP_500[\s\S]*not repeated/,
		creates: 0,
		maxSubmits: 1,
	}));
	for (const [node, type, parameters] of [
		['Run Workflow', TYPES.runWorkflow, rw()],
		['Standard Model', TYPES.standardModel, sm()],
	] as Array<[string, string, IDataObject]>) {
		add(nodeRow(`S-${rows.length + 1}`, 'Slow reply on submit (400 ms)', node, DELIVERED, { type, parameters, faults: { slow: { match: 'submit', count: 1, delayMs: 400 } }, ok: 2, creates: 2, maxSubmits: 2 }));
		add(nodeRow(`S-${rows.length + 1}`, '421 burst on submit (3 rejections)', node, `${DELIVERED}; refused submits are re-sent after back-off`, { type, parameters, faults: { capacity: { count: 3, code: 421 } }, ok: 2, creates: 2 }));
	}
	add(nodeRow(`S-${rows.length + 1}`, '421 burst on submit (6 rejections, past the transport retries)', 'Run Workflow', `${DELIVERED}; the scheduler waits for a free slot`, {
		type: TYPES.runWorkflow,
		parameters: rw(),
		faults: { capacity: { count: 6, code: 421 } },
		ok: 2,
		creates: 2,
	}));
	add(nodeRow(`S-${rows.length + 1}`, '415 burst on submit (exclusive machines busy)', 'Run Workflow', DELIVERED, {
		type: TYPES.runWorkflow,
		parameters: rw(),
		faults: { capacity: { count: 3, code: 415 } },
		ok: 2,
		creates: 2,
	}));

	// -- polling (v2 query; Get Outputs uses the v1 outputs call)
	const pollFaults: Array<[string, IDataObject]> = [
		['HTTP 500 while polling (2×)', { http5xx: { match: 'poll', count: 2 } }],
		['HTTP 503 text page while polling (2×)', { http5xx: { match: 'poll', count: 2, status: 503 } }],
		['Connection reset while polling (2×)', { reset: { match: 'poll', count: 2 } }],
		['HTML 502 page while polling (2×)', { html: { match: 'poll', count: 2, status: 502 } }],
		['Slow reply while polling (2 × 300 ms)', { slow: { match: 'poll', count: 2, delayMs: 300 } }],
	];
	for (const [fault, faults] of pollFaults) {
		add(nodeRow(`P-${rows.length + 1}`, fault, 'Run Workflow', `${DELIVERED} (status checks retried)`, { type: TYPES.runWorkflow, parameters: rw(), faults, ok: 2, creates: 2 }));
		add(nodeRow(`P-${rows.length + 1}`, fault, 'Standard Model', `${DELIVERED} (status checks retried)`, { type: TYPES.standardModel, parameters: sm(), faults, ok: 2, creates: 2 }));
		add(nodeRow(`P-${rows.length + 1}`, fault, 'Get Task Result', 'Delivered: both tasks SUCCESS (status checks retried)', { ...gtrCase(`P-${rows.length + 1}`, ['a fox', 'a cat']), faults, ok: 2, creates: 2 }));
	}
	add(nodeRow(`P-${rows.length + 1}`, 'HTTP 500 on the v1 outputs call (2×)', 'Get Task Result (Get Outputs)', 'Delivered: outputs of both tasks (reads retried)', {
		...gtrCase(`P-${rows.length + 1}`, ['a fox', 'a cat'], { operation: 'getOutputs' }),
		before: async (emu) => {
			const ids = [await createTask(emu, 'outputs a'), await createTask(emu, 'outputs b')];
			for (const id of ids) await emu.waitForTask(id);
			return ids.map((id) => ({ id }));
		},
		faults: { http5xx: { match: 'poll', count: 2 } },
		ok: 2,
		creates: 2,
	}));
	add(nodeRow(`P-${rows.length + 1}`, 'HTTP 500 on every status check', 'Run Workflow', 'Error item per task naming the task ID and "fetch it later"; never re-submitted', {
		type: TYPES.runWorkflow,
		parameters: rw(),
		faults: { http5xx: { match: 'poll', count: -1 } },
		ok: 0,
		error: /Could not get the status of task \d{19}[\s\S]*Get Task Result/,
		creates: 2,
		maxSubmits: 2,
	}));
	add(nodeRow(`P-${rows.length + 1}`, 'Connection reset on every status check', 'Standard Model', 'Error item per task naming the task ID and "fetch it later"; never re-submitted', {
		type: TYPES.standardModel,
		parameters: sm(),
		faults: { reset: { match: 'poll', count: -1 } },
		ok: 0,
		error: /Could not get the status of task \d{19}[\s\S]*Get Task Result/,
		creates: 2,
		maxSubmits: 2,
	}));
	add(nodeRow(`P-${rows.length + 1}`, 'HTML 502 page on the concurrency lookup (queue status, 4×)', 'Run Workflow', 'Delivered one task at a time (falls back to concurrency 1)', {
		type: TYPES.runWorkflow,
		parameters: rw({ waitingOptions: { maxConcurrency: 0, pollInterval: 0.1, timeoutMinutes: 0.5 } }),
		faults: { html: { match: 'account', count: 4, status: 502 } },
		ok: 2,
		creates: 2,
	}));

	// -- uploads (v1 resource upload, v2 media upload, LoRA PUT)
	const uploadFaults: Array<[string, IDataObject]> = [
		['HTTP 500 during upload', { http5xx: { match: 'upload', count: 1 } }],
		['Connection reset during upload', { reset: { match: 'upload', count: 1 } }],
		['HTML 502 page during upload', { html: { match: 'upload', count: 1, status: 502 } }],
		['Slow reply during upload (300 ms)', { slow: { match: 'upload', count: 1, delayMs: 300 } }],
	];
	for (const [fault, faults] of uploadFaults) {
		add(nodeRow(`U-${rows.length + 1}`, fault, 'Upload File (Upload Media)', 'Delivered: file uploaded once more, URL returned', {
			type: TYPES.uploadFile,
			parameters: { resource: 'file', operation: 'uploadMedia', binaryProperties: 'photo' },
			files: [photo],
			items: [{}],
			faults,
			ok: 1,
			creates: 0,
			check: (run) => expect(String(run.items[0].json.url)).toMatch(/^http/),
		}));
		add(nodeRow(`U-${rows.length + 1}`, fault, 'Upload File (Upload Resource)', 'Delivered: loader file name returned', {
			type: TYPES.uploadFile,
			parameters: { resource: 'file', operation: 'uploadResource', binaryProperties: 'photo' },
			files: [photo],
			items: [{}],
			faults,
			ok: 1,
			creates: 0,
			check: (run) => expect(String(run.items[0].json.fileName)).toMatch(/^api\//),
		}));
		add(nodeRow(`U-${rows.length + 1}`, fault, 'Run Workflow (binary input)', `${DELIVERED}; each file uploaded before its submit`, { type: TYPES.runWorkflow, parameters: rwUpload(), files: [photo], faults, ok: 2, creates: 2 }));
		add(nodeRow(`U-${rows.length + 1}`, fault, 'Standard Model (binary input)', `${DELIVERED}; each file uploaded before its submit`, { type: TYPES.standardModel, parameters: smImage(), files: [photo], faults, ok: 2, creates: 2 }));
	}
	add(nodeRow(`U-${rows.length + 1}`, 'HTTP 500 on the LoRA storage PUT', 'Upload File (Upload LoRA)', 'Delivered: LoRA stored, file name returned', {
		type: TYPES.uploadFile,
		parameters: { resource: 'file', operation: 'uploadLora', binaryProperty: 'data', loraName: 'fault-matrix-style' },
		files: [lora],
		items: [{}],
		faults: { http5xx: { match: '/__cos/', count: 1 } },
		ok: 1,
		creates: 0,
	}));
	add(nodeRow(`U-${rows.length + 1}`, 'HTTP 500 on every upload', 'Run Workflow (binary input)', 'Error items naming the failed upload of binary property "photo" and HTTP 500; nothing submitted', {
		type: TYPES.runWorkflow,
		parameters: rwUpload(),
		files: [photo],
		faults: { http5xx: { match: 'upload', count: -1 } },
		ok: 0,
		error: /^Uploading binary property "photo" \(input\.png\) failed: RunningHub HTTP_500: RunningHub or a proxy answered HTTP 500/,
		creates: 0,
		maxSubmits: 0,
	}));
	for (const [node, type, parameters] of [
		['Run Workflow (binary input)', TYPES.runWorkflow, rwUpload()],
		['Standard Model (binary input)', TYPES.standardModel, smImage()],
	] as Array<[string, string, IDataObject]>) {
		add(nodeRow(`U-${rows.length + 1}`, 'HTML 502 gateway page on every upload', node, 'Error items saying that uploading binary property "photo" failed (HTTP 502 page); nothing submitted', {
			type,
			parameters,
			files: [photo],
			faults: { html: { match: 'upload', count: -1, status: 502 } },
			ok: 0,
			error: UPLOAD_NAMED,
			creates: 0,
			maxSubmits: 0,
		}));
	}

	// -- downloads (signed output URLs)
	const downloadFaults: Array<[string, IDataObject]> = [
		['HTTP 500 during download', { http5xx: { match: 'download', count: 1 } }],
		['Connection reset during download', { reset: { match: 'download', count: 1 } }],
		['HTML 502 page during download', { html: { match: 'download', count: 1, status: 502 } }],
		['Slow reply during download (300 ms)', { slow: { match: 'download', count: 1, delayMs: 300 } }],
	];
	for (const [fault, faults] of downloadFaults) {
		add(nodeRow(`D-${rows.length + 1}`, fault, 'Run Workflow', `${DELIVERED}, files downloaded (download retried)`, { type: TYPES.runWorkflow, parameters: rw({ downloadOutputs: true }), faults, ok: 2, creates: 2, binaries: true }));
		add(nodeRow(`D-${rows.length + 1}`, fault, 'Standard Model', `${DELIVERED}, files downloaded (download retried)`, { type: TYPES.standardModel, parameters: sm({ downloadOutputs: true }), faults, ok: 2, creates: 2, binaries: true }));
		add(nodeRow(`D-${rows.length + 1}`, fault, 'Get Task Result', 'Delivered: both tasks with their files (download retried)', { ...gtrCase(`D-${rows.length + 1}`, ['a fox', 'a cat'], { downloadOutputs: true }), faults, ok: 2, creates: 2, binaries: true }));
	}
	const expired = /DOWNLOAD_FAILED[\s\S]*HTTP 403[\s\S]*Fetch a fresh link with Get Task Result/;
	const expiredExpect = '1 item: error naming the expired link (HTTP 403) and how to get a fresh one; the other item delivered; no re-submit';
	add(nodeRow(`D-${rows.length + 1}`, 'Expired download URL', 'Run Workflow', expiredExpect, { type: TYPES.runWorkflow, parameters: rw({ downloadOutputs: true }), faults: { expiredDownloads: 1 }, ok: 1, error: expired, creates: 2, maxSubmits: 2, binaries: true }));
	add(nodeRow(`D-${rows.length + 1}`, 'Expired download URL', 'Standard Model', expiredExpect, { type: TYPES.standardModel, parameters: sm({ downloadOutputs: true }), faults: { expiredDownloads: 1 }, ok: 1, error: expired, creates: 2, maxSubmits: 2, binaries: true }));
	add(nodeRow(`D-${rows.length + 1}`, 'Expired download URL', 'Get Task Result', '1 item: error naming the expired link (HTTP 403); the other delivered', { ...gtrCase(`D-${rows.length + 1}`, ['a fox', 'a cat'], { downloadOutputs: true }), faults: { expiredDownloads: 1 }, ok: 1, error: expired, creates: 2, binaries: true }));
	add(nodeRow(`D-${rows.length + 1}`, 'Connection reset on every download', 'Run Workflow', 'Error items naming the download of the output file and the reset; no re-submit', {
		type: TYPES.runWorkflow,
		parameters: rw({ downloadOutputs: true }),
		faults: { reset: { match: 'download', count: -1 } },
		ok: 0,
		error: /DOWNLOAD_FAILED: Downloading output file "[^"]+" failed \(ECONNRESET\)/,
		creates: 2,
		maxSubmits: 2,
	}));
	add(nodeRow(`D-${rows.length + 1}`, 'HTTP 500 on every download', 'Run Workflow', 'Error items naming the failed download (HTTP 500) and the file; no re-submit', {
		type: TYPES.runWorkflow,
		parameters: rw({ downloadOutputs: true }),
		faults: { http5xx: { match: 'download', count: -1 } },
		ok: 0,
		error: /DOWNLOAD_FAILED: Downloading output file "[^"]+" failed \(HTTP 500\)/,
		creates: 2,
		maxSubmits: 2,
	}));

	// -- task outcomes
	const failedError = /failed in node "KSampler" \(#3\)[\s\S]*torch\.OutOfMemoryError/;
	add(nodeRow(`T-${rows.length + 1}`, 'Failed task', 'Run Workflow', '1 item: error naming the failing node (KSampler #3) and the exception; the other delivered', { type: TYPES.runWorkflow, parameters: rw(), faults: { failTasks: 1 }, ok: 1, error: failedError, creates: 2 }));
	add(nodeRow(`T-${rows.length + 1}`, 'Failed task', 'Standard Model', '1 item: error naming the task, the model and the exception; the other delivered', {
		type: TYPES.standardModel,
		parameters: sm(),
		faults: { failTasks: 1 },
		ok: 1,
		error: new RegExp(`Task \\d{19} failed in node "${TEXT_MODEL.replace(/[/.-]/g, '\\$&')}"[\\s\\S]*torch\\.OutOfMemoryError`),
		creates: 2,
	}));
	add(nodeRow(`T-${rows.length + 1}`, 'Failed task', 'Get Task Result', '1 item: error naming the failing node and the exception; the other delivered', { ...gtrCase(`T-${rows.length + 1}`, ['ok', '[fail]']), faults: {}, ok: 1, error: failedError, creates: 2 }));
	const empty = /EMPTY_RESULT: Task \d{19} finished with SUCCESS but returned no outputs/;
	add(nodeRow(`T-${rows.length + 1}`, 'Success with no results', 'Run Workflow', '1 item: EMPTY_RESULT error naming the task; the other delivered', { type: TYPES.runWorkflow, parameters: rw(), faults: { emptySuccess: 1 }, ok: 1, error: empty, creates: 2 }));
	add(nodeRow(`T-${rows.length + 1}`, 'Success with no results', 'Standard Model', '1 item: EMPTY_RESULT error naming the task; the other delivered', { type: TYPES.standardModel, parameters: sm(), faults: { emptySuccess: 1 }, ok: 1, error: empty, creates: 2 }));
	add(nodeRow(`T-${rows.length + 1}`, 'Success with no results', 'Get Task Result', '1 item: EMPTY_RESULT error naming the task; the other delivered', { ...gtrCase(`T-${rows.length + 1}`, ['ok', '[empty]']), faults: {}, ok: 1, error: empty, creates: 2 }));
	add(nodeRow(`T-${rows.length + 1}`, 'Success with no results in the v2 query (files in the v1 outputs)', 'Run Workflow', 'Both delivered: the v1 task\'s files read from /task/openapi/outputs, asked once', {
		type: TYPES.runWorkflow,
		parameters: rw(),
		faults: { v2EmptyResults: 1 },
		ok: 2,
		creates: 2,
		check: (run, emu) => {
			expect(run.items.every((item) => (item.json.files as IDataObject[] | undefined)?.length === 1)).toBe(true);
			expect(emu.log.filter((e) => e.path === '/task/openapi/outputs')).toHaveLength(1);
		},
	}));

	// -- account / key
	const keyError = /1014 STANDARD_MODEL_KEY_REQUIRED[\s\S]*Enterprise-Shared/;
	add(nodeRow(`K-${rows.length + 1}`, 'Consumer key on a model endpoint', 'Standard Model (Generate)', 'Run error 1014 explaining that an Enterprise-Shared key is needed; no task', {
		type: TYPES.standardModel,
		parameters: sm(),
		key: KEYS.consumer,
		continueOnFail: false,
		faults: {},
		ok: 0,
		error: keyError,
		creates: 0,
	}));
	add(nodeRow(`K-${rows.length + 1}`, 'Consumer key on a model endpoint', 'Standard Model (Preview Price)', 'Run error 1014 explaining that an Enterprise-Shared key is needed', {
		type: TYPES.standardModel,
		parameters: sm({ operation: 'previewPrice' }),
		key: KEYS.consumer,
		continueOnFail: false,
		faults: {},
		ok: 0,
		error: keyError,
		creates: 0,
	}));

	// -- the trigger (TASK_END callbacks, verified through the API)
	const success = (execution: INodeExecutionData) => expect(execution.json.status).toBe('SUCCESS');
	const withFile = (execution: INodeExecutionData) => {
		expect(execution.json.status).toBe('SUCCESS');
		expect(Number(execution.binary?.data?.bytes ?? 0)).toBeGreaterThan(0);
	};
	add(triggerRow(`W-${rows.length + 1}`, 'Callback (no fault)', 'One execution with the verified result', { answers: [200], check: success }));
	add(triggerRow(`W-${rows.length + 1}`, 'Duplicate webhook', 'One execution; the second delivery is acknowledged as a duplicate', { faults: { duplicateWebhooks: 1 }, answers: [200, 200], check: success }));
	add(triggerRow(`W-${rows.length + 1}`, 'Late webhook: re-delivery after a slow answer timed out', 'One execution; the late re-delivery is acknowledged as a duplicate', { slowFirst: { calls: 1, delayMs: 1000 }, answers: [200, 200], check: success }));
	add(triggerRow(`W-${rows.length + 1}`, 'Late webhook: resent later (Get Task Result → Resend)', 'One execution; the resent event is acknowledged as a duplicate', {
		answers: [200, 200],
		check: success,
		after: async (emu, taskId) => {
			// The event is listed once RunningHub has finished its first delivery.
			await until(() => emu.webhookLog.length >= 1);
			const resend = await runNode({ emu, type: TYPES.getTaskResult, parameters: { resource: 'webhookEvent', operation: 'resend', taskId }, continueOnFail: false });
			expect(resend.error).toBeUndefined();
			expect(resend.items[0].json.resent).toBe(true);
		},
	}));
	add(triggerRow(`W-${rows.length + 1}`, 'HTTP 500 on every verification attempt of one delivery', 'Answered at once (200, nothing re-sent); the execution fails naming the task, for a retry', { faults: { http5xx: { match: 'poll', count: 4 } }, answers: [200], fails: /^Could not verify task \d+ with RunningHub/ }));
	add(triggerRow(`W-${rows.length + 1}`, 'Connection reset during verification', 'One execution (verification retried)', { faults: { reset: { match: 'poll', count: 1 } }, answers: [200], check: success }));
	add(triggerRow(`W-${rows.length + 1}`, 'HTML 502 page during verification', 'One execution (verification retried)', { faults: { html: { match: 'poll', count: 1 } }, answers: [200], check: success }));
	add(triggerRow(`W-${rows.length + 1}`, 'Slow verification reply (1.5 s, beyond the sender\'s 0.8 s timeout)', 'One delivery, answered at once; one execution', { faults: { slow: { match: 'poll', count: 1, delayMs: 1500 } }, answers: [200], check: success }));
	add(triggerRow(`W-${rows.length + 1}`, 'HTTP 500 during download (Download Outputs on)', 'One execution with the file (download retried)', { parameters: { downloadOutputs: true }, faults: { http5xx: { match: 'download', count: 1 } }, answers: [200], check: withFile }));
	add(triggerRow(`W-${rows.length + 1}`, 'Connection reset during download (Download Outputs on)', 'One execution with the file (download retried)', { parameters: { downloadOutputs: true }, faults: { reset: { match: 'download', count: 1 } }, answers: [200], check: withFile }));
	add(triggerRow(`W-${rows.length + 1}`, 'Expired download URL (Download Outputs on)', 'One execution without the file; downloadError names the expired link (the event is not lost)', {
		parameters: { downloadOutputs: true },
		faults: { expiredDownloads: 1 },
		answers: [200],
		check: (execution) => {
			expect(execution.json.status).toBe('SUCCESS');
			expect(execution.binary).toBeUndefined();
			expect(String(execution.json.downloadError)).toMatch(/HTTP 403[\s\S]*Fetch a fresh link/);
		},
	}));
	add(triggerRow(`W-${rows.length + 1}`, 'Failed task', 'One execution with status FAILED and the failing node', {
		prompt: 'boom [fail]',
		answers: [200],
		check: (execution) => {
			expect(execution.json.status).toBe('FAILED');
			expect(execution.json.failure).toMatchObject({ nodeName: 'KSampler' });
		},
	}));
	add(triggerRow(`W-${rows.length + 1}`, 'Success with no results', 'One execution with status SUCCESS and no files (the event is passed on as reported)', {
		prompt: 'nothing [empty]',
		answers: [200],
		check: (execution) => {
			expect(execution.json.status).toBe('SUCCESS');
			expect(execution.json.files).toEqual([]);
		},
	}));
	return rows;
}

