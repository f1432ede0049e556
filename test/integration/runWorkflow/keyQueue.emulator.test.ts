/**
 * Separate executions on one API key (one execution per form submission, say) share the
 * account's slots through the process-wide key queue, in real n8n-core executions against
 * the emulator.
 */
import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { keyQueueFor } from '../../../nodes/shared/scheduler/keyQueue';
import { configureRetryTiming, waitMs } from '../../../nodes/shared/utils/timing';
import { imageWorkflowParameters, runImageWorkflow } from '../../support/runWorkflowEmulator';
import type { Emulator } from '../../support/uploadEmulator';
import { KEYS, startEmulator } from '../../support/uploadEmulator';

const KEY = KEYS.shared;
let emu: Emulator;

const execution = (prompt: string, waitingOptions: IDataObject = {}, abortSignal?: AbortSignal) =>
	runImageWorkflow(emu, imageWorkflowParameters(waitingOptions), [{ prompt }], { continueOnFail: true }, abortSignal);

const creates = () => emu.log.filter((e) => e.path === '/task/openapi/create');
const promptOfCreate = (entry: { body: unknown }) => ((entry.body as IDataObject).nodeInfoList as IDataObject[] | undefined)?.find((i) => i.nodeId === '6')?.fieldValue;
const held = () => keyQueueFor(KEY, emu.url).held;

beforeAll(async () => {
	nock.restore();
	configureRetryTiming({ baseDelayMs: 10, maxDelayMs: 50 });
	emu = await startEmulator({ timing: { queuedMs: 20, runningMs: 200 } });
});
afterAll(async () => await emu.close());
beforeEach(() => emu.setConcurrency(KEY, 4));
afterEach(() => {
	emu.clearFaults();
	emu.reset();
	emu.setConcurrency(KEY, 50);
});

async function startInOrder(count: number, prefix: string, waitingOptions: IDataObject = {}) {
	const runs = [];
	for (let i = 0; i < count; i++) {
		runs.push(execution(`${prefix} ${i}`, waitingOptions));
		// Distinct arrival times, as separate webhook calls have.
		await waitMs(5);
	}
	return await Promise.all(runs);
}

describe('one key queue for every execution of the process', () => {
	it('12 executions at once on a key limited to 4: no 421, never more than 4 running, all succeed, started in arrival order', async () => {
		const results = await startInOrder(12, 'burst');
		expect(results.map((r) => r.output('Run')[0].json.status)).toEqual(Array(12).fill('SUCCESS'));
		expect(emu.counters.rejected421).toBe(0);
		expect(emu.counters.maxConcurrentRunningByKey[KEY]).toBeLessThanOrEqual(4);
		expect(creates()).toHaveLength(12);
		// The first four arrive first and get the first slots; later ones follow as slots free up.
		const order = creates().map((e) => Number(String(promptOfCreate(e)).split(' ')[1]));
		expect(order.slice(0, 4).sort((a, b) => a - b)).toEqual([0, 1, 2, 3]);
		expect(held()).toBe(0);
	});

	it('a 421 from another client on the same key is absorbed: retried, no item fails, one create per item', async () => {
		emu.setFaults({ capacity: { count: 3 } });
		const results = await startInOrder(4, 'foreign');
		expect(results.map((r) => r.output('Run')[0].json.status)).toEqual(Array(4).fill('SUCCESS'));
		expect(emu.counters.rejected421).toBe(3);
		expect(emu.counters.createsByKey[KEY]).toBe(4);
		expect(held()).toBe(0);
	});

	it('Max Queue Wait: an item that gets no slot in time fails naming the wait and the tasks ahead; nothing is submitted for it', async () => {
		emu.setConcurrency(KEY, 1);
		const results = await Promise.all([execution('holder [ms:6000]'), execution('late', { maxQueueWaitMinutes: 0.05 })]);
		expect(results[0].output('Run')[0].json.status).toBe('SUCCESS');
		expect(results[1].output('Run')[0].json.error).toMatch(/No free RunningHub slot after waiting 0\.\d+ min \(1 task\(s\) were ahead/);
		expect(creates().map(promptOfCreate)).toEqual(['holder [ms:6000]']);
		expect(held()).toBe(0);
	});

	it('slots come back when executions are cancelled mid-flight (running and waiting ones)', async () => {
		const controllers = Array.from({ length: 6 }, () => new AbortController());
		const runs = controllers.map((c, i) => execution(`cancelled ${i} [ms:20000]`, {}, c.signal));
		await waitMs(500);
		expect(held()).toBe(4);
		for (const c of controllers) c.abort();
		await Promise.allSettled(runs);
		expect(held()).toBe(0);
		expect(keyQueueFor(KEY, emu.url).queued).toBe(0);
	});

	it('slots come back after failures and timeouts too', async () => {
		await Promise.all([execution('fails [fail]'), execution('times out [ms:20000]', { timeoutMinutes: 0.02 }), execution('fine')]);
		expect(held()).toBe(0);
	});
});
