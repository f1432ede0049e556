/**
 * Run Workflow in "Resume on Callback" mode, end to end inside n8n-core: the emulator runs the
 * tasks and POSTs TASK_END to the execution's resume URL (a local receiver that hands each
 * request to the waiting execution like n8n's WaitingWebhooks); the execution resumes with
 * webhook()'s items as the node output, or passes the parked items on at the deadline.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import nock from 'nock';

import example from '../../../examples/run-workflow-resume.json';
import { RunningHubRunWorkflow } from '../../../nodes/RunningHubRunWorkflow/RunningHubRunWorkflow.node';
import { RESUME_TOKEN_PARAMETER, resumeToken } from '../../../nodes/shared/callbacks/resume';
import { configureRetryTiming } from '../../../nodes/shared/utils/timing';
import type { CallbackAnswer } from './resumable';
import { N8N_SIGNATURE, ResumableRun } from './resumable';

interface EmulatorTask {
	taskId: string;
	status: string;
	webhookUrl: string | null;
	inputs: { nodeInfoList?: IDataObject[] } | null;
}
interface Emulator {
	url: string;
	tasks: Map<string, EmulatorTask>;
	log: Array<{ path: string; body: unknown }>;
	webhookLog: Array<{ taskId: string; attempt: number; status?: number; error?: string }>;
	counters: { createsByKey: Record<string, number> };
	setFaults(faults: IDataObject): void;
	setTiming(timing: IDataObject): void;
	clearFaults(): void;
	reset(): void;
	close(): Promise<void>;
}
interface ServerResponse {
	statusCode: number;
	setHeader(name: string, value: string): void;
	end(body: string): void;
}
interface Receiver {
	url: string;
	close(): Promise<void>;
}
interface EmulatorHelpers {
	startEmulator(options: IDataObject): Promise<Emulator>;
	startReceiver(handler: (req: { url: string }, entry: { text: string }, res: ServerResponse) => void): Promise<Receiver>;
	waitFor(predicate: () => unknown, timeoutMs?: number, intervalMs?: number): Promise<unknown>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { KEYS, WORKFLOWS } = require('../../emulator') as { KEYS: Record<string, string>; WORKFLOWS: Record<string, string> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startEmulator, startReceiver, waitFor } = require('../../emulator/helpers') as EmulatorHelpers;

const KEY = KEYS.shared;
const TYPE = 'n8n-nodes-runninghub.runningHubRunWorkflow';

let emu: Emulator;
let receiver: Receiver;
/** The execution the receiver hands callbacks to, and what it answered. */
let current: ResumableRun | undefined;
let answers: Array<CallbackAnswer & { taskId?: string }> = [];
/** Length of the emulator's request log when each answer was sent, in arrival order of the answers. */
let answeredAt: Array<{ taskId?: string; logLength: number }> = [];

function params(extra: IDataObject = {}, waiting: IDataObject = {}): IDataObject {
	return {
		resource: 'workflow',
		operation: 'run',
		workflowId: { __rl: true, mode: 'id', value: WORKFLOWS.image },
		inputMode: 'define',
		workflowInputs: { mappingMode: 'defineBelow', value: { '6.text': '={{ $json.prompt }}' }, matchingColumns: [], schema: [], attemptToConvertTypes: false, convertFieldsToString: false },
		waitMode: 'resume',
		downloadOutputs: true,
		waitingOptions: { maxConcurrency: 5, timeoutMinutes: 1, ...waiting },
		...extra,
	};
}

async function start(prompts: string[], options: { params?: IDataObject; continueOnFail?: boolean; onError?: 'continueErrorOutput'; resumeToken?: boolean; route?: boolean } = {}): Promise<ResumableRun> {
	const base = receiver.url.replace(/\/hook$/, '/webhook-waiting');
	const run = await ResumableRun.start({
		nodeTypes: { runningHubRunWorkflow: new RunningHubRunWorkflow() },
		node: { name: 'Run', type: TYPE, parameters: options.params ?? params(), continueOnFail: options.continueOnFail, onError: options.onError },
		credentials: { runningHubApi: { site: 'custom', baseUrl: emu.url, apiKey: KEY } },
		items: prompts.map((prompt) => ({ json: { prompt } })),
		webhookWaitingBaseUrl: base,
		resumeToken: options.resumeToken ?? true,
	});
	// route: false — RunningHub's own callbacks reach nothing (404); the test delivers them.
	if (options.route !== false) current = run;
	return run;
}

const taskIdsOf = (items: INodeExecutionData[]) => items.map((i) => String(i.json.taskId));
const promptOf = (taskId: string) => emu.tasks.get(taskId)?.inputs?.nodeInfoList?.find((i) => i.nodeId === '6')?.fieldValue;

function taskEnd(taskId: string, eventData: unknown = { code: 0, msg: 'success', data: [{ fileUrl: 'https://example.com/a.png', fileType: 'png', nodeId: '9' }] }): string {
	return JSON.stringify({ event: 'TASK_END', taskId, eventData: JSON.stringify(eventData) });
}

/** The query of the URL RunningHub was given for a task. */
function callbackQuery(taskId: string): Record<string, string> {
	return Object.fromEntries(new URL(String(emu.tasks.get(taskId)?.webhookUrl)).searchParams.entries());
}

beforeAll(async () => {
	// Real local servers only (see test/integration/runWorkflow/emulator.test.ts).
	nock.restore();
	configureRetryTiming({ baseDelayMs: 5, maxDelayMs: 20, confirmDelayMs: 5 });
	emu = await startEmulator({ timing: { queuedMs: 30, runningMs: 150 }, webhook: { timeoutMs: 5000, retries: 2, retryDelayMs: 20 } });
	receiver = await startReceiver((req, entry, res) => {
		const url = new URL(req.url, 'http://receiver');
		const run = current;
		let taskId: string | undefined;
		try {
			taskId = String((JSON.parse(entry.text) as IDataObject).taskId);
		} catch {
			taskId = undefined;
		}
		// The HTTP answer leaves when webhook() writes it (as in n8n); the rest of webhook()
		// and the resumed execution run afterwards.
		let replied = false;
		const send = (status: number, body: unknown) => {
			if (replied) return;
			replied = true;
			answeredAt.push({ taskId, logLength: emu.log.length });
			res.statusCode = status;
			res.setHeader('Content-Type', 'application/json');
			res.end(JSON.stringify(body ?? {}));
		};
		const settle = (answer: CallbackAnswer) => {
			answers.push({ ...answer, taskId });
			send(answer.status, answer.body);
		};
		if (!run || !url.pathname.endsWith(`/webhook-waiting/${run.executionId}`)) {
			settle({ status: 404, body: { message: 'no such waiting execution' }, resumed: false });
			return;
		}
		void run
			.callback({ rawBody: entry.text, query: Object.fromEntries(url.searchParams.entries()), onAnswer: send })
			.then(settle, (error: Error) => settle({ status: 500, body: { message: error.message }, resumed: false }));
	});
});
afterAll(async () => {
	await receiver.close();
	await emu.close();
});
afterEach(() => {
	emu.reset();
	emu.clearFaults();
	emu.setTiming({ queuedMs: 30, runningMs: 150 });
	current = undefined;
	answers = [];
	answeredAt = [];
});

describe('Resume on Callback with RunningHub calling back', () => {
	it('parks the execution, then resumes it with the verified, downloaded result; the next node runs after', async () => {
		const before = Date.now();
		const run = await start(['a lighthouse [ms:300]']);
		const parkedAt = emu.log.length;
		expect(run.waiting).toBe(true);
		expect(run.waitTill!.getTime()).toBeGreaterThanOrEqual(before + 59000);
		expect(run.waitTill!.getTime()).toBeLessThanOrEqual(Date.now() + 60000);
		const [parked] = run.parkedInput();
		expect(parked.json).toMatchObject({ timedOut: true, taskId: expect.stringMatching(/^\d{19}$/) });
		expect(parked.pairedItem).toEqual({ item: 0 });
		const taskId = String(parked.json.taskId);
		expect(promptOf(taskId)).toBe('a lighthouse [ms:300]');

		// RunningHub was given n8n's resume URL (with n8n's resume token) plus the node's own token.
		const query = callbackQuery(taskId);
		expect(String(emu.tasks.get(taskId)?.webhookUrl)).toContain(`/webhook-waiting/${run.executionId}?`);
		expect(query).toEqual({ signature: N8N_SIGNATURE, [RESUME_TOKEN_PARAMETER]: resumeToken(KEY, run.executionId) });
		expect(String(emu.tasks.get(taskId)?.webhookUrl)).not.toContain(KEY);

		await waitFor(() => run.finished, 10000, 20);
		expect(answers).toEqual([expect.objectContaining({ status: 200, resumed: true, taskId, body: { received: true, taskId } })]);
		// Answered before RunningHub was asked about the task (after parking) and before the file was fetched.
		const answered = answeredAt[0].logLength;
		const queries = (from: number, to?: number) => emu.log.slice(from, to).filter((e) => e.path === '/openapi/v2/query' && String((e.body as IDataObject | null)?.taskId) === taskId).length;
		expect(queries(parkedAt, answered)).toBe(0);
		expect(queries(answered)).toBeGreaterThan(0);
		expect(emu.log.findIndex((e) => e.path.startsWith('/__files/'))).toBeGreaterThanOrEqual(answered);
		const [item] = run.output('Run');
		expect(item.json).toMatchObject({ taskId, status: 'SUCCESS', files: [{ type: 'png', nodeId: '9' }] });
		expect(item.json.timedOut).toBeUndefined();
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/png' });
		expect(Number(item.binary?.data.bytes ?? item.binary?.data.fileSize)).toBeGreaterThan(0);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(run.output('After')[0].json).toMatchObject({ taskId, status: 'SUCCESS', after: true });
		expect(run.resumes).toBe(1);
		expect(run.run.status).toBe('success');
	});

	it('works with n8n 1.x resume URLs (no signature) too', async () => {
		const run = await start(['plain [ms:200]'], { resumeToken: false });
		const taskId = String(run.parkedInput()[0].json.taskId);
		expect(callbackQuery(taskId)).toEqual({ [RESUME_TOKEN_PARAMETER]: resumeToken(KEY, run.executionId) });
		await waitFor(() => run.finished, 10000, 20);
		expect(run.output('Run')[0].json).toMatchObject({ taskId, status: 'SUCCESS' });
	});

	it('several items: earlier callbacks keep it waiting, the last one resumes it once, in input order', async () => {
		const run = await start(['first [ms:100]', 'slow [ms:900]', 'middle [ms:400]']);
		const ids = taskIdsOf(run.parkedInput());
		expect(new Set(ids).size).toBe(3);
		// Every task got the same URL.
		expect(new Set(ids.map((id) => emu.tasks.get(id)?.webhookUrl)).size).toBe(1);

		await waitFor(() => run.finished, 10000, 20);
		const byTask = Object.fromEntries(answers.map((a) => [a.taskId, a]));
		expect(byTask[ids[0]]).toMatchObject({ status: 200, resumed: false, body: { received: true, taskId: ids[0] } });
		expect(byTask[ids[2]]).toMatchObject({ status: 200, resumed: false, body: { received: true, taskId: ids[2] } });
		expect(byTask[ids[1]]).toMatchObject({ status: 200, resumed: true });
		const out = run.output('Run');
		expect(taskIdsOf(out)).toEqual(ids);
		expect(out.map((i) => i.json.status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out.map((i) => promptOf(String(i.json.taskId)))).toEqual(['first [ms:100]', 'slow [ms:900]', 'middle [ms:400]']);
		expect(out.every((i) => i.binary?.data)).toBe(true);
		expect(run.resumes).toBe(1);
	});

	it('a failed task comes out as an error item naming the task; the others succeed', async () => {
		const run = await start(['fine [ms:100]', 'broken [fail] [ms:200]']);
		const ids = taskIdsOf(run.parkedInput());
		await waitFor(() => run.finished, 10000, 20);
		const out = run.output('Run');
		expect(out[0].json).toMatchObject({ taskId: ids[0], status: 'SUCCESS' });
		expect(out[1].json).toEqual({ error: expect.stringContaining(`Task ${ids[1]} failed in node`) });
		expect(out[1].error).toBeDefined();
		expect(out[1].binary).toBeUndefined();
		expect(out[1].pairedItem).toEqual({ item: 1 });
	});

	it('a v1 task whose v2 query shows SUCCESS without results resumes with the files of its v1 outputs', async () => {
		emu.setFaults({ v2EmptyResults: 1 });
		const run = await start(['fine [ms:100]']);
		const [id] = taskIdsOf(run.parkedInput());
		await waitFor(() => run.finished, 10000, 20);
		const [item] = run.output('Run');
		expect(item.json).toMatchObject({ taskId: id, status: 'SUCCESS', files: [{ type: 'png', nodeId: '9' }] });
		expect(item.binary?.data?.mimeType).toBe('image/png');
		expect(emu.log.filter((e) => e.path === '/task/openapi/outputs').map((e) => String((e.body as IDataObject).taskId))).toContain(id);
	});

	it('a duplicate delivery resumes nothing twice', async () => {
		emu.setFaults({ duplicateWebhooks: { count: 1 } });
		const run = await start(['twice [ms:200]']);
		const taskId = String(run.parkedInput()[0].json.taskId);
		await waitFor(() => answers.length >= 2, 10000, 20);
		expect(run.resumes).toBe(1);
		expect(answers.filter((a) => a.resumed)).toEqual([expect.objectContaining({ status: 200, taskId })]);
		// The repeat is answered at once too: 200 while the first is still being checked (it does
		// not resume: the resume is claimed once), or n8n's 409 once the execution has resumed.
		const repeat = answers.find((a) => !a.resumed);
		expect(repeat?.taskId).toBe(taskId);
		expect([200, 409]).toContain(repeat?.status);
	});

	it('deadline: n8n continues with one timed-out item per task naming it; the next node runs', async () => {
		const before = Date.now();
		const run = await start(['long one [ms:20000]', 'long two [ms:20000]'], { params: params({}, { timeoutMinutes: 0.05 }) });
		expect(run.waitTill!.getTime()).toBeGreaterThanOrEqual(before + 3000);
		expect(run.waitTill!.getTime()).toBeLessThanOrEqual(Date.now() + 3000);
		const ids = taskIdsOf(run.parkedInput());
		await run.expire();
		const out = run.output('Run');
		expect(out).toHaveLength(2);
		out.forEach((item, i) => {
			// An error item, as n8n shapes them: the message in json, the error on the item.
			expect(item.json).toEqual({ error: `Task ${ids[i]} did not finish within 3 seconds` });
			expect(String((item.error as { description?: string }).description)).toContain(`Task ID: ${ids[i]}`);
			expect(item.pairedItem).toEqual({ item: i });
		});
		expect(run.output('After')).toHaveLength(2);
		expect(run.run.status).toBe('success');
		// A callback after the deadline finds the execution finished.
		expect((await run.callback({ rawBody: taskEnd(ids[0]), query: { signature: N8N_SIGNATURE, ...callbackQuery(ids[0]) } })).status).toBe(409);
	});

	it('emits at once, without waiting, when every task already ended before the execution parks', async () => {
		emu.setTiming({ queuedMs: 0, runningMs: 0 });
		// The status check before parking reaches RunningHub a moment after the task ended.
		emu.setFaults({ slow: { match: 'poll', count: 1, delayMs: 100 } });
		const run = await start(['instant [ms:0]']);
		expect(run.waiting).toBe(false);
		expect(run.resumes).toBe(0);
		expect(run.output('Run')[0].json).toMatchObject({ status: 'SUCCESS' });
		expect(run.output('Run')[0].binary?.data).toBeDefined();
		expect(run.output('After')).toHaveLength(1);
	});

	it('a task that ended before the execution parked is parked as its result; at the deadline it keeps it', async () => {
		emu.setTiming({ queuedMs: 0, runningMs: 0 });
		emu.setFaults({ slow: { match: 'poll', count: 1, delayMs: 100 } });
		const run = await start(['instant [ms:0]', 'long [ms:30000]'], { route: false });
		const parked = run.parkedInput();
		expect(parked[0].json).toMatchObject({ status: 'SUCCESS', timedOut: false, files: [expect.objectContaining({ type: 'png' })] });
		expect(parked[1].json).toMatchObject({ timedOut: true });
		await run.expire();
		const out = run.output('Run');
		expect(out[0].json).toMatchObject({ status: 'SUCCESS', timedOut: false });
		expect(out[0].json.error).toBeUndefined();
		expect(out[1].json).toEqual({ error: expect.stringContaining(String(parked[1].json.taskId)) });
	});

	it("at the deadline, with n8n's error output wired, the timed-out task goes to the error branch and the ended one to the success branch", async () => {
		emu.setTiming({ queuedMs: 0, runningMs: 0 });
		emu.setFaults({ slow: { match: 'poll', count: 1, delayMs: 100 } });
		const run = await start(['instant [ms:0]', 'long [ms:30000]'], { route: false, onError: 'continueErrorOutput' });
		const taskId = String(run.parkedInput()[1].json.taskId);
		await run.expire();
		expect(run.output('Run', 0).map((i) => i.json.status)).toEqual(['SUCCESS']);
		const failed = run.output('Run', 1);
		expect(failed).toHaveLength(1);
		expect(failed[0].json).toEqual({ error: `Task ${taskId} did not finish within 60 seconds` });
		expect(failed[0].pairedItem).toEqual({ item: 1 });
	});

	it('a failed task resumed by its callback goes to the error branch when it is wired', async () => {
		const run = await start(['fine [ms:100]', 'broken [fail] [ms:200]'], { onError: 'continueErrorOutput' });
		const ids = taskIdsOf(run.parkedInput());
		await waitFor(() => run.finished, 10000, 20);
		expect(run.output('Run', 0).map((i) => i.json.taskId)).toEqual([ids[0]]);
		const failed = run.output('Run', 1);
		expect(failed).toHaveLength(1);
		expect(failed[0].json.error).toContain(`Task ${ids[1]} failed in node`);
	});

	it('without Continue On Fail, a task that failed before parking fails the node and the running one is cancelled', async () => {
		emu.setTiming({ queuedMs: 0, runningMs: 0 });
		emu.setFaults({ slow: { match: 'poll', count: 1, delayMs: 100 } });
		const run = await start(['broken [fail] [ms:0]', 'long [ms:30000]'], { route: false });
		expect(run.waiting).toBe(false);
		const error = run.run.data.resultData.error as { message: string; description?: string } | undefined;
		expect(error?.message).toMatch(/failed in node "KSampler"/);
		const long = [...emu.tasks.values()].find((t) => JSON.stringify(t.inputs).includes('long [ms:30000]'));
		expect(emu.log.filter((e) => e.path === '/task/openapi/cancel').map((e) => String((e.body as IDataObject).taskId))).toEqual([long?.taskId]);
		expect(long?.status).toBe('CANCEL');
		expect(error?.description).toContain(`task ${long?.taskId as string} cancelled`);
	});

	it('Continue On Fail: an item refused before submit is parked as its error and comes out unchanged', async () => {
		const bad = params();
		const run = await start(['ok [ms:200]', 'also ok [ms:100]'], {
			continueOnFail: true,
			params: { ...bad, workflowInputs: { ...(bad.workflowInputs as IDataObject), value: { '6.text': '={{ $json.prompt }}', '3.steps': '={{ $itemIndex === 1 ? "many" : 20 }}' } } },
		});
		const parked = run.parkedInput();
		expect(parked[0].json).toMatchObject({ timedOut: true });
		expect(parked[1].json).toMatchObject({ error: expect.stringMatching(/steps/i) });
		expect(parked[1].json.taskId).toBeUndefined();
		await waitFor(() => run.finished, 10000, 20);
		const out = run.output('Run');
		expect(out[0].json).toMatchObject({ status: 'SUCCESS' });
		expect(out[1].json).toEqual(parked[1].json);
		expect(emu.counters.createsByKey[KEY]).toBe(1);
	});
});

describe('Resume on Callback refuses what it cannot trust', () => {
	let run: ResumableRun;
	let ids: string[];
	let token: Record<string, string>;

	beforeEach(async () => {
		// Tasks that outlive the test, so nothing calls back on its own.
		run = await start(['one [ms:30000]', 'two [ms:30000]']);
		ids = taskIdsOf(run.parkedInput());
		token = callbackQuery(ids[0]);
	});

	it('401 without or with a wrong node token (even with n8n\'s own signature)', async () => {
		const without = await run.callback({ rawBody: taskEnd(ids[0]), query: { signature: N8N_SIGNATURE } });
		const wrong = await run.callback({ rawBody: taskEnd(ids[0]), query: { ...token, [RESUME_TOKEN_PARAMETER]: resumeToken(KEY, `${run.executionId}0`) } });
		expect([without.status, wrong.status]).toEqual([401, 401]);
		expect(without.body).toMatchObject({ error: 'Unauthorized' });
		expect(run.waiting).toBe(true);
	});

	it('400 for a malformed body, naming the reason', async () => {
		const res = await run.callback({ rawBody: JSON.stringify({ event: 'TASK_END', taskId: ids[0], eventData: '{"code":0,' }), query: token });
		expect(res).toMatchObject({ status: 400, resumed: false, body: { error: 'Bad Request', reason: 'eventData' } });
		const noEvent = await run.callback({ rawBody: JSON.stringify({ taskId: ids[0] }), query: token });
		expect(noEvent.body).toMatchObject({ reason: 'event' });
		expect(run.waiting).toBe(true);
	});

	it('200 for an event other than TASK_END: ignored, the execution keeps waiting, nothing is asked of RunningHub', async () => {
		const before = emu.log.length;
		const res = await run.callback({ rawBody: JSON.stringify({ event: 'TASK_PROGRESS', taskId: ids[0], eventData: '{}' }), query: token });
		expect(res).toMatchObject({ status: 200, resumed: false, body: { received: true, ignored: true } });
		expect(run.waiting).toBe(true);
		expect(emu.log.slice(before)).toEqual([]);
	});

	it('404 for a task this execution does not wait for', async () => {
		const res = await run.callback({ rawBody: taskEnd('1904163390028185602'), query: token });
		expect(res).toMatchObject({ status: 404, resumed: false });
		expect(run.waiting).toBe(true);
	});

	it('an end RunningHub does not confirm: answered at once, then checked through the API (asked again), and the execution keeps waiting', async () => {
		const before = emu.log.length;
		const res = await run.callback({ rawBody: taskEnd(ids[1]), query: token });
		expect(res).toMatchObject({ status: 200, resumed: false, body: { received: true, taskId: ids[1] } });
		expect(emu.log.slice(before).filter((e) => e.path === '/openapi/v2/query' && String((e.body as IDataObject | null)?.taskId) === ids[1])).toHaveLength(4);
		expect(run.waiting).toBe(true);
		expect(run.resumes).toBe(0);
	});
});

describe('examples/run-workflow-resume.json', () => {
	it('runs as shipped (against the emulator) and resumes on the callback', async () => {
		const node = example.nodes.find((n) => n.type === TYPE) as { parameters: IDataObject };
		expect(node.parameters.waitMode).toBe('resume');
		const declared = new RunningHubRunWorkflow().description.properties.map((p) => p.name);
		for (const name of Object.keys(node.parameters)) expect(declared).toContain(name);
		const run = await start([''], { params: node.parameters });
		expect(run.waiting).toBe(true);
		await waitFor(() => run.finished, 10000, 20);
		expect(run.output('Run')[0].json).toMatchObject({ status: 'SUCCESS' });
		expect(run.output('Run')[0].binary?.data).toBeDefined();
		// The example's IF node sends items without `error` to "Result".
		expect(run.output('Run')[0].json.error).toBeUndefined();
	});
});

describe('Resume on Callback under load and failures', () => {
	it('two callbacks that both find every task ended resume the execution once', async () => {
		const run = await start(['a [ms:500]', 'b [ms:500]'], { route: false });
		const ids = taskIdsOf(run.parkedInput());
		await waitFor(() => ids.every((id) => emu.tasks.get(id)?.status === 'SUCCESS'), 5000, 20);
		const query = callbackQuery(ids[0]);
		const [one, two] = await Promise.all(ids.map(async (id) => await run.callback({ rawBody: taskEnd(id), query })));
		expect([one.resumed, two.resumed].filter(Boolean)).toHaveLength(1);
		expect([one.status, two.status]).toEqual([200, 200]);
		expect(run.resumes).toBe(1);
		expect(taskIdsOf(run.output('Run'))).toEqual(ids);
	});

	it('RunningHub cannot be asked: answered 200 at once all the same; the execution keeps waiting, and a resend resumes it', async () => {
		const run = await start(['a [ms:500]'], { route: false });
		const [id] = taskIdsOf(run.parkedInput());
		await waitFor(() => emu.tasks.get(id)?.status === 'SUCCESS', 5000, 20);
		emu.setFaults({ http5xx: { match: 'poll', count: 20, status: 503 } });
		const res = await run.callback({ rawBody: taskEnd(id), query: callbackQuery(id) });
		expect(res).toMatchObject({ status: 200, resumed: false, body: { received: true, taskId: id } });
		expect(run.waiting).toBe(true);
		emu.clearFaults();
		expect((await run.callback({ rawBody: taskEnd(id), query: callbackQuery(id) })).resumed).toBe(true);
	});

	it('a slow API and a large output: the answer leaves before the check and the download, which still complete', async () => {
		const run = await start(['big [ms:100] [bytes:20000000]']);
		const parkedAt = emu.log.length;
		const [id] = taskIdsOf(run.parkedInput());
		emu.setFaults({ slow: { match: 'poll', count: -1, delayMs: 300 } });
		await waitFor(() => run.finished, 20000, 20);
		expect(answeredAt).toEqual([{ taskId: id, logLength: expect.any(Number) }]);
		const answered = answeredAt[0].logLength;
		expect(emu.log.slice(parkedAt, answered).filter((e) => e.path === '/openapi/v2/query' || e.path.startsWith('/__files/'))).toEqual([]);
		const [item] = run.output('Run');
		expect(item.json).toMatchObject({ taskId: id, status: 'SUCCESS' });
		expect(item.binary?.data.bytes).toBe(20000000);
	});

	it('a failed download still resumes, with the reason in downloadError (the URLs stay in files)', async () => {
		emu.setFaults({ expiredDownloads: { count: 5 } });
		const run = await start(['a [ms:100]']);
		await waitFor(() => run.finished, 10000, 20);
		const [item] = run.output('Run');
		expect(item.json).toMatchObject({ status: 'SUCCESS', downloadError: expect.any(String), files: [expect.objectContaining({ url: expect.any(String) })] });
		expect(item.binary).toBeUndefined();
		expect(JSON.stringify(item.json)).not.toContain(KEY);
	});

	it('Download Outputs off: only the URLs', async () => {
		const run = await start(['a [ms:100]'], { params: params({ downloadOutputs: false }) });
		await waitFor(() => run.finished, 10000, 20);
		expect(run.output('Run')[0].json).toMatchObject({ status: 'SUCCESS' });
		expect(run.output('Run')[0].binary).toBeUndefined();
	});
});

describe('Resume on Callback refuses to start what cannot work (nothing submitted)', () => {
	async function startWith(parameters: IDataObject, credentials: IDataObject = { site: 'custom', baseUrl: emu.url, apiKey: KEY }, base?: string) {
		return await ResumableRun.start({
			nodeTypes: { runningHubRunWorkflow: new RunningHubRunWorkflow() },
			node: { name: 'Run', type: TYPE, parameters },
			credentials: { runningHubApi: credentials as never },
			items: [{ json: { prompt: 'x' } }],
			webhookWaitingBaseUrl: base ?? receiver.url.replace(/\/hook$/, '/webhook-waiting'),
		});
	}

	it('with Options › Webhook URL set', async () => {
		const run = await startWith(params({ options: { webhookUrl: 'https://example.com/hook' } }));
		expect(run.waiting).toBe(false);
		expect(run.run.data.resultData.error?.message).toMatch(/Webhook URL cannot be set when Wait for Result is "Resume on Callback"/);
		expect(emu.counters.createsByKey[KEY] ?? 0).toBe(0);
	});

	it('when n8n\'s resume URL is a loopback address RunningHub cannot reach', async () => {
		const run = await startWith(params(), { site: 'ai', apiKey: KEY }, 'http://localhost:5678/webhook-waiting');
		expect(run.run.data.resultData.error?.message).toMatch(/resume URL points to localhost, which RunningHub cannot reach/);
		expect(run.run.data.resultData.error?.description).toMatch(/WEBHOOK_URL/);
	});
});
