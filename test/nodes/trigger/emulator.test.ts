/**
 * Real callbacks: the RunningHub emulator runs tasks and POSTs TASK_END to a local receiver
 * (with its retry and duplicate behaviour); the receiver hands each raw request to the
 * trigger and answers with what the trigger answered. Verification queries the emulator.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { configureRetryTiming } from '../../../nodes/shared/utils/timing';
import { FakeTrigger, SECRET } from './context';

interface Emulator {
	url: string;
	log: Array<{ path: string }>;
	webhookLog: Array<{ taskId: string; attempt: number; status?: number; error?: string }>;
	numericIds: boolean;
	setFaults(faults: IDataObject): void;
	reset(): void;
	close(): Promise<void>;
}
interface ReceivedCall {
	text: string;
}
interface ServerResponse {
	statusCode: number;
	setHeader(name: string, value: string): void;
	end(body: string): void;
}
interface Receiver {
	url: string;
	requests: ReceivedCall[];
	close(): Promise<void>;
}
interface EmulatorHelpers {
	startEmulator(options: IDataObject): Promise<Emulator>;
	startReceiver(handler: (req: { url: string; headers: IDataObject }, entry: ReceivedCall, res: ServerResponse) => void): Promise<Receiver>;
	waitFor(predicate: () => unknown, timeoutMs?: number): Promise<unknown>;
	v1(emu: Emulator, path: string, body: IDataObject): Promise<{ json: { code: number; data: IDataObject }; text: string }>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { KEYS, WORKFLOWS } = require('../../emulator') as { KEYS: Record<string, string>; WORKFLOWS: Record<string, string> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startEmulator, startReceiver, waitFor, v1 } = require('../../emulator/helpers') as EmulatorHelpers;

let emu: Emulator;
let receivers: Receiver[] = [];

beforeAll(async () => {
	configureRetryTiming({ baseDelayMs: 5, maxDelayMs: 20 });
	emu = await startEmulator({ keys: { [KEYS.consumer]: { concurrency: 10 } }, webhook: { timeoutMs: 1000, retries: 2, retryDelayMs: 20 } });
});
afterAll(async () => await emu.close());
afterEach(async () => {
	emu.reset();
	emu.numericIds = false;
	await Promise.all(receivers.map(async (r) => await r.close()));
	receivers = [];
});

interface Answer {
	status: number;
	body: unknown;
}

/**
 * A receiver that feeds every callback to the trigger's webhook() and answers with what it
 * answered, like n8n's webhook endpoint; an execution webhook() starts runs afterwards, as
 * n8n runs it (the trigger's execute() on webhook()'s items). `answeredAt` is the length of
 * the emulator's request log when each answer was sent.
 */
async function serve(trigger: FakeTrigger) {
	const executions: INodeExecutionData[][] = [];
	const answers: Answer[] = [];
	const answeredAt: number[] = [];
	const receiver = await startReceiver((req, entry, res) => {
		const url = new URL(req.url, 'http://receiver');
		void trigger.receive({ rawBody: entry.text, query: Object.fromEntries(url.searchParams.entries()), headers: req.headers as Record<string, string> }).then(async (r) => {
			answers.push({ status: r.status, body: r.body });
			answeredAt.push(emu.log.length);
			res.statusCode = r.status;
			res.setHeader('Content-Type', 'application/json');
			res.end(JSON.stringify(r.body));
			if (r.started) {
				const run = await trigger.execute(r.started);
				executions.push(run.error ? [] : run.output('RunningHub Trigger'));
			}
		});
	});
	receivers.push(receiver);
	return { receiver, executions, answers, answeredAt };
}

async function runTask(webhookUrl: string, text = 'a cat'): Promise<string> {
	const r = await v1(emu, '/task/openapi/create', {
		apiKey: KEYS.consumer,
		workflowId: WORKFLOWS.image,
		webhookUrl,
		nodeInfoList: [{ nodeId: '6', fieldName: 'text', fieldValue: text }],
	});
	expect(r.json.code).toBe(0);
	return /"taskId":"?(\d+)/.exec(r.text)?.[1] as string;
}

function trigger(params: IDataObject = {}) {
	return new FakeTrigger({ params, credentials: { site: 'custom', baseUrl: emu.url, apiKey: KEYS.consumer } });
}

describe('RunningHub Trigger with emulator callbacks', () => {
	it('answers the callback, then verifies it against the API and downloads the files in the execution', async () => {
		const { receiver, executions, answers, answeredAt } = await serve(trigger({ downloadOutputs: true }));
		const taskId = await runTask(`${receiver.url}?token=${SECRET}`);
		await waitFor(() => executions.length === 1, 5000);
		expect(answers).toEqual([{ status: 200, body: { received: true, started: true, taskId } }]);
		const item = executions[0][0];
		expect(item.json).toMatchObject({ taskId, status: 'SUCCESS', files: [{ type: 'png', nodeId: '9' }] });
		expect(String((item.json.files as IDataObject[])[0].url)).toContain(emu.url);
		expect(item.binary?.data.bytes).toBeGreaterThan(0);
		// The check and the download reached RunningHub only after the answer had been sent.
		const index = (path: RegExp) => emu.log.findIndex((e) => path.test(e.path));
		expect(index(/^\/openapi\/v2\/query$/)).toBeGreaterThanOrEqual(answeredAt[0]);
		expect(index(/^\/__files\//)).toBeGreaterThanOrEqual(answeredAt[0]);
		// The emulator logs a delivery once it has read our whole answer.
		await waitFor(() => emu.webhookLog.length === 1, 5000);
		expect(emu.webhookLog).toEqual([expect.objectContaining({ taskId, attempt: 1, status: 200 })]);
	});

	it('starts one execution when the callback is delivered twice', async () => {
		emu.setFaults({ duplicateWebhooks: { count: 1 } });
		const { receiver, executions, answers } = await serve(trigger());
		await runTask(`${receiver.url}?token=${SECRET}`);
		await waitFor(() => answers.length === 2, 5000);
		expect(executions).toHaveLength(1);
		expect(answers[1]).toEqual({ status: 200, body: expect.objectContaining({ started: false, reason: 'duplicate' }) });
	});

	it('refuses callbacks to a URL without the token (RunningHub retries, nothing starts)', async () => {
		const { receiver, executions } = await serve(trigger());
		const taskId = await runTask(receiver.url);
		await waitFor(() => emu.webhookLog.length === 3, 5000);
		expect(emu.webhookLog.map((e) => e.status)).toEqual([401, 401, 401]);
		expect(executions).toHaveLength(0);
		const detail = await v1(emu, '/task/openapi/getWebhookDetail', { apiKey: KEYS.consumer, taskId });
		expect(detail.json.data).toMatchObject({ callbackStatus: 'FAILED', retryCount: 2 });
	});

	it('keeps a bare-number 19-digit taskId exact (callback and verification)', async () => {
		emu.numericIds = true;
		const { receiver, executions } = await serve(trigger());
		const taskId = await runTask(`${receiver.url}?token=${SECRET}`);
		await waitFor(() => executions.length === 1, 5000);
		expect(receiver.requests[0].text).toContain(`"taskId":${taskId},`);
		expect(executions[0][0].json.taskId).toBe(taskId);
	});

	it('acknowledges a failed task without starting when only successes are wanted', async () => {
		const { receiver, executions, answers } = await serve(trigger({ events: 'success' }));
		await runTask(`${receiver.url}?token=${SECRET}`, '[fail]');
		await waitFor(() => answers.length === 1, 5000);
		expect(answers[0]).toEqual({ status: 200, body: expect.objectContaining({ reason: 'filtered' }) });
		expect(executions).toHaveLength(0);
	});

	it('emits a failed task with its reason when failures are wanted (verified)', async () => {
		const { receiver, executions } = await serve(trigger({ events: 'failure' }));
		const taskId = await runTask(`${receiver.url}?token=${SECRET}`, '[fail]');
		await waitFor(() => executions.length === 1, 5000);
		expect(executions[0][0].json).toMatchObject({ taskId, status: 'FAILED', failure: { nodeName: 'KSampler' } });
	});
});
