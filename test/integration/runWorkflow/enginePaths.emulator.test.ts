/**
 * The n8n engine paths around a failing task, in a real n8n-core execution against the
 * emulator: n8n's own Retry On Fail, its error output, stopping at the first failure, and
 * settings that differ per item.
 */
import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { configureRetryTiming } from '../../../nodes/shared/utils/timing';
import { runWorkflow } from '../../support/harness';
import { RunningHubRunWorkflow } from '../../../nodes/RunningHubRunWorkflow/RunningHubRunWorkflow.node';
import { imageWorkflowParameters, runImageWorkflow, runOutput as outputOf, taskWithPrompt } from '../../support/runWorkflowEmulator';
import type { Emulator } from '../../support/uploadEmulator';
import { KEYS, startEmulator } from '../../support/uploadEmulator';

const KEY = KEYS.shared;
let emu: Emulator;

const params = (waitingOptions: IDataObject = {}, extra: IDataObject = {}) => imageWorkflowParameters({ maxConcurrency: 2, ...waitingOptions }, extra);
const run = (parameters: IDataObject, prompts: string[], settings: Parameters<typeof runImageWorkflow>[3] = {}) =>
	runImageWorkflow(emu, parameters, prompts.map((prompt) => ({ prompt })), settings);

const creates = () => emu.log.filter((e) => e.path === '/task/openapi/create');
const cancels = () => emu.log.filter((e) => e.path === '/task/openapi/cancel').map((e) => String((e.body as IDataObject).taskId));
const taskOf = (prompt: string) => taskWithPrompt(emu, prompt);

beforeAll(async () => {
	nock.restore();
	configureRetryTiming({ baseDelayMs: 10, maxDelayMs: 50 });
	emu = await startEmulator({ timing: { queuedMs: 30, runningMs: 150 } });
});
afterAll(async () => await emu.close());
afterEach(() => {
	emu.clearFaults();
	emu.reset();
});

describe('Retry On Fail never pays twice', () => {
	it('status checks failing after the creates: the retry resumes the tasks (creates = items)', async () => {
		// Every status check fails for the first attempt (3 failed polls per task × transport retries).
		emu.setFaults({ http5xx: { match: 'poll', status: 503, count: 24 } });
		const result = await run(params(), ['retry a [ms:400]', 'retry b [ms:400]'], { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 });
		expect(result.error).toBeUndefined();
		expect(creates()).toHaveLength(2);
		const out = outputOf(result, 0);
		expect(out.map((o) => o.json.status)).toEqual(['SUCCESS', 'SUCCESS']);
		expect(out[0].json.taskId).toBe(taskOf('retry a [ms:400]')?.taskId);
		expect(out[1].json.taskId).toBe(taskOf('retry b [ms:400]')?.taskId);
	});

	it('without Retry On Fail the same faults fail the node after one create per item', async () => {
		emu.setFaults({ http5xx: { match: 'poll', status: 503, count: -1 } });
		const result = await run(params(), ['once a [ms:400]']);
		expect(result.error?.message).toMatch(/Could not get the status of task \d{19}/);
		expect(creates()).toHaveLength(1);
	});

	it('a node that runs again after a success submits again (a loop is not a retry)', async () => {
		const first = await run(params(), ['same prompt']);
		expect(first.error).toBeUndefined();
		const second = await run(params(), ['same prompt']);
		expect(second.error).toBeUndefined();
		expect(creates()).toHaveLength(2);
	});
});

describe('Reuse Tasks Within (opt-in, across executions)', () => {
	it('a new execution with the same request takes up the earlier task; a failed task is submitted again', async () => {
		const parameters = params({ reuseMinutes: 10 });
		const first = await run(parameters, ['reuse me', 'reuse broken [fail]'], { continueOnFail: true });
		expect(outputOf(first, 0).map((o) => o.json.status ?? 'error')).toEqual(['SUCCESS', 'error']);
		expect(creates()).toHaveLength(2);
		const again = await run(parameters, ['reuse me', 'reuse broken [fail]'], { continueOnFail: true });
		// Item 0 reuses its task (same id, no new create); item 1 failed before, so it is submitted again.
		expect(outputOf(again, 0)[0].json.taskId).toBe(outputOf(first, 0)[0].json.taskId);
		expect(creates()).toHaveLength(3);
	});

	it('off by default: the same request in a new execution is submitted again', async () => {
		await run(params(), ['not reused']);
		await run(params(), ['not reused']);
		expect(creates()).toHaveLength(2);
	});
});

describe('the first failure stops the batch (no Continue On Fail)', () => {
	const prompts = ['bad [fail]', 'long 1 [ms:20000]', 'long 2 [ms:20000]', 'long 3 [ms:20000]', 'long 4 [ms:20000]', 'long 5 [ms:20000]'];

	it('default: nothing more is submitted and the running task is cancelled; the error names every task', async () => {
		const result = await run(params({ maxConcurrency: 2 }), prompts);
		expect(result.error?.message).toMatch(/failed in node "KSampler"/);
		expect(creates()).toHaveLength(2);
		const running = taskOf('long 1 [ms:20000]');
		expect(cancels()).toEqual([running?.taskId]);
		expect(running?.status).toBe('CANCEL');
		const description = String(result.error?.description);
		expect(description).toContain(`item 0: task ${taskOf('bad [fail]')?.taskId} failed`);
		expect(description).toContain(`item 1: task ${running?.taskId} cancelled`);
		for (const i of [2, 3, 4, 5]) expect(description).toContain(`item ${i}: not submitted`);
	});

	it('On Failure = Let Them Finish: nothing more is submitted, nothing is cancelled', async () => {
		const result = await run(params({ maxConcurrency: 2, onFailure: 'finish' }), ['bad [fail]', 'short [ms:300]', 'never 1', 'never 2']);
		expect(result.error?.message).toMatch(/failed in node "KSampler"/);
		expect(creates()).toHaveLength(2);
		expect(cancels()).toEqual([]);
		expect(taskOf('short [ms:300]')?.status).toBe('SUCCESS');
		expect(String(result.error?.description)).toContain(`item 1: task ${taskOf('short [ms:300]')?.taskId} done`);
	});

	it('with Retry On Fail, running tasks are left for the retry, which resumes them instead of submitting', async () => {
		const result = await run(params({ maxConcurrency: 2 }), ['bad [fail]', 'slow [ms:600]'], { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 });
		expect(result.error?.message).toMatch(/failed in node "KSampler"/);
		// Two tries, one create per item: the failed task is taken as it ended, the slow one resumed.
		expect(creates()).toHaveLength(2);
	});
});

describe("n8n's error output (On Error: Continue using error output)", () => {
	it('failed items go to the error branch with item.error set, the others to the success branch', async () => {
		const result = await run(params(), ['good', 'broken [fail]'], { onError: 'continueErrorOutput' });
		expect(result.error).toBeUndefined();
		const success = outputOf(result, 0);
		const failed = outputOf(result, 1);
		expect(success.map((o) => o.json.status)).toEqual(['SUCCESS']);
		expect(failed).toHaveLength(1);
		expect(failed[0].error).toBeDefined();
		// n8n reduces an error item's json to the message (the error itself rides on the item).
		expect(failed[0].json).toEqual({ error: expect.stringMatching(/^RunningHub .*Task \d{19} failed in node "KSampler"/) });
		expect(failed[0].pairedItem).toEqual({ item: 1 });
	});

	it('a validation error goes to the error branch without any create', async () => {
		const result = await run(params({}, { inputMode: 'json', nodeInfoList: '[{"nodeId":"999","fieldName":"text","fieldValue":"x"}]' }), ['x'], { onError: 'continueErrorOutput' });
		expect(result.error).toBeUndefined();
		expect(outputOf(result, 0)).toHaveLength(0);
		expect(outputOf(result, 1)[0].json.error).toMatch(/999/);
		expect(creates()).toHaveLength(0);
	});
});

describe('Max Total Cost (workflows: no price preview, so the reported spend decides)', () => {
	it('once the reported spend reaches the budget nothing more is submitted', async () => {
		const result = await run(params({ maxConcurrency: 1, maxTotalCost: 0.0001 }), ['budget 1', 'budget 2', 'budget 3'], { continueOnFail: true });
		expect(creates()).toHaveLength(1);
		const out = outputOf(result, 0);
		expect(Number((out[0].json.usage as IDataObject).money)).toBeGreaterThan(0);
		expect(out.slice(1).map((o) => o.json.error)).toEqual(['Not submitted: Max Total Cost of 0.0001 would be exceeded', 'Not submitted: Max Total Cost of 0.0001 would be exceeded']);
	});
});

describe('Randomize Seeds', () => {
	const seedOf = (prompt: string) => taskOf(prompt)?.inputs?.nodeInfoList?.find((i) => i.nodeId === '3' && i.fieldName === 'seed')?.fieldValue;

	it('every KSampler seed the user did not set gets a fresh value per item, reported in "seeds"', async () => {
		const result = await run(params({}, { options: { randomizeSeeds: true } }), ['seed a', 'seed b']);
		expect(result.error).toBeUndefined();
		const [a, b] = [seedOf('seed a'), seedOf('seed b')];
		expect(Number.isSafeInteger(a) && Number.isSafeInteger(b)).toBe(true);
		expect(a).not.toBe(b);
		expect(outputOf(result, 0).map((o) => o.json.seeds)).toEqual([{ '3.seed': a }, { '3.seed': b }]);
	});

	it('a seed the user maps wins', async () => {
		const parameters = params({}, { options: { randomizeSeeds: true } });
		(parameters.workflowInputs as IDataObject).value = { '6.text': '={{ $json.prompt }}', '3.seed': 7 };
		const result = await run(parameters, ['fixed seed']);
		expect(result.error).toBeUndefined();
		expect(seedOf('fixed seed')).toBe(7);
		expect(outputOf(result, 0)[0].json.seeds).toEqual({});
	});

	it('off by default: the saved seed is kept (none is sent)', async () => {
		await run(params(), ['saved seed']);
		expect(seedOf('saved seed')).toBeUndefined();
	});
});

describe("the execution's custom data", () => {
	it('records the task IDs, how many, and what they cost (as RunningHub reported it)', async () => {
		const result = await run(params(), ['cost a', 'cost b']);
		const ids = outputOf(result, 0).map((o) => String(o.json.taskId));
		const metadata = result.run.data.resultData.metadata as Record<string, string>;
		expect(metadata.runninghubTaskIds).toBe(ids.join(','));
		expect(metadata.runninghubTasks).toBe('2');
		const reported = outputOf(result, 0).map((o) => Number((o.json.usage as IDataObject).money));
		expect(Number(metadata.runninghubMoney)).toBeCloseTo(reported[0] + reported[1], 4);
		expect(reported[0]).toBeGreaterThan(0);
	});

	it('a retry that takes up the same tasks does not count them twice', async () => {
		emu.setFaults({ http5xx: { match: 'poll', status: 503, count: 24 } });
		const result = await run(params(), ['count once a [ms:400]', 'count once b [ms:400]'], { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 });
		expect((result.run.data.resultData.metadata as Record<string, string>).runninghubTasks).toBe('2');
	});
});

describe('settings that differ per item', () => {
	it('the timeout of each item is its own expression', async () => {
		const parameters = params({ timeoutMinutes: '={{ $json.minutes }}' });
		const result = await runWorkflow({
			nodeTypes: { runningHubRunWorkflow: new RunningHubRunWorkflow() },
			nodes: [{ name: 'Run', type: 'n8n-nodes-runninghub.runningHubRunWorkflow', parameters, continueOnFail: true }],
			credentials: { runningHubApi: { site: 'custom', baseUrl: emu.url, apiKey: KEY } },
			items: [{ json: { prompt: 'quick [ms:200]', minutes: 1 } }, { json: { prompt: 'too slow [ms:20000]', minutes: 0.05 } }],
		});
		const out = outputOf(result, 0);
		expect(out[0].json.status).toBe('SUCCESS');
		expect(out[1].json.error).toMatch(/did not finish within 3 seconds/);
	});

	it('a workflow whose JSON failed to load is loaded again for the next item', async () => {
		emu.setFaults({ http5xx: { match: 'getJsonApiFormat', status: 400, count: 1 } });
		const result = await run(params(), ['first', 'second'], { continueOnFail: true });
		const out = outputOf(result, 0);
		expect(out[0].json.error).toBeDefined();
		expect(out[1].json.status).toBe('SUCCESS');
	});
});
