import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { RunningHubGetTaskResult } from '../../../nodes/RunningHubGetTaskResult/RunningHubGetTaskResult.node';
import { configureRetryTiming, waitMs } from '../../../nodes/shared/utils/timing';
import { runWorkflow } from '../../support/harness';
import type { Emulator, Receiver } from '../../support/uploadEmulator';
import { createWorkflowTask, credentialsFor, keyNeverInUrl, KEYS, startEmulator, startReceiver } from '../../support/uploadEmulator';

let emu: Emulator;

beforeAll(async () => {
	configureRetryTiming({ baseDelayMs: 10, maxDelayMs: 50 });
	emu = await startEmulator();
});
afterAll(async () => await emu.close());
beforeEach(() => {
	emu.reset();
	emu.clearFaults();
	emu.setNumericIds(false);
});

function run(parameters: INodeParameters, options: { key?: string; items?: INodeExecutionData[]; continueOnFail?: boolean } = {}) {
	return runWorkflow({
		nodeTypes: { runningHubGetTaskResult: new RunningHubGetTaskResult() },
		nodes: [{ name: 'Task', type: 'n8n-nodes-runninghub.runningHubGetTaskResult', parameters, continueOnFail: options.continueOnFail }],
		credentials: { runningHubApi: credentialsFor(emu, options.key) },
		items: options.items,
	});
}

const prompt = (text: string) => ({ nodeInfoList: [{ nodeId: '6', fieldName: 'text', fieldValue: text }] });
const fast = { pollInterval: 0.1, timeoutMinutes: 0.5 };

describe('Get Task Result against the emulator', () => {
	it('Get Result waits for a task, downloads its output without credentials, and keeps 19-digit ids exact', async () => {
		emu.setNumericIds(true);
		const taskId = await createWorkflowTask(emu, prompt('a lighthouse'));
		const result = await run({ taskId, waitMode: 'poll', waitingOptions: fast });
		expect(result.error).toBeUndefined();
		const item = result.output('Task')[0];
		expect(item.json).toMatchObject({ taskId, status: 'SUCCESS', files: [{ type: 'png', nodeId: '9' }] });
		expect(item.binary?.data?.mimeType).toBe('image/png');
		expect(emu.counters.downloads).toBe(1);
		const download = emu.log.find((e) => e.path.startsWith('/__files/'));
		expect(download?.status).toBe(200);
		expect(download?.headers.authorization).toBeUndefined();
		expect(keyNeverInUrl(emu, KEYS.shared)).toBe(true);
	});

	it('status, outputs and cancel of a running task; the cancelled task then reads as cancelled', async () => {
		const taskId = await createWorkflowTask(emu, prompt('slow [ms:5000]'));
		const status = await run({ operation: 'getStatus', taskId });
		expect(['QUEUED', 'RUNNING']).toContain(status.output('Task')[0].json.status);
		const current = await run({ taskId, waitMode: 'none' });
		expect(['QUEUED', 'RUNNING']).toContain(current.output('Task')[0].json.status);
		await waitMs(150); // past the 50 ms queue phase
		const outputs = await run({ operation: 'getOutputs', taskId });
		expect(outputs.error).toBeUndefined();
		expect(outputs.output('Task')[0].json).toEqual({ taskId, status: 'RUNNING', files: [], texts: [], usage: {} });

		const cancel = await run({ operation: 'cancel', taskId });
		expect(cancel.output('Task')[0].json).toEqual({ taskId, cancelled: true });
		expect(emu.tasks.get(taskId)?.status).toBe('CANCEL');
		const after = await run({ taskId, waitMode: 'none' });
		expect(after.error?.message).toBe(`RunningHub TASK_CANCELLED: Task ${taskId} was cancelled.`);
	});

	it('queued tasks read as QUEUED through the outputs call (813)', async () => {
		emu.setTiming({ queuedMs: 2000 });
		const taskId = await createWorkflowTask(emu, prompt('queued'));
		const outputs = await run({ operation: 'getOutputs', taskId });
		expect(outputs.output('Task')[0].json.status).toBe('QUEUED');
		emu.setTiming({ queuedMs: 50 });
		await run({ operation: 'cancel', taskId });
	});

	it('Get Outputs after success gives the files and the per-node cost', async () => {
		const taskId = await createWorkflowTask(emu, prompt('cost'));
		await emu.waitForTask(taskId);
		const result = await run({ operation: 'getOutputs', taskId });
		const json = result.output('Task')[0].json as { status: string; files: unknown[]; nodeCosts: Array<{ nodeId: string; runTimeSeconds: number }> };
		expect(json.status).toBe('SUCCESS');
		expect(json.files).toHaveLength(1);
		expect(json.nodeCosts[0]).toMatchObject({ nodeId: '9' });
		expect(typeof json.nodeCosts[0].runTimeSeconds).toBe('number');
	});

	it('a failed task is an error naming the node, through both the v2 query and the v1 outputs', async () => {
		const taskId = await createWorkflowTask(emu, prompt('[fail]'));
		const result = await run({ taskId, waitMode: 'poll', waitingOptions: fast });
		expect(result.error?.message).toBe(`RunningHub 805 APIKEY_TASK_STATUS_ERROR: Task ${taskId} failed in node "KSampler" (#3).`);
		expect(result.error?.description).toContain('torch.OutOfMemoryError');
		const outputs = await run({ operation: 'getOutputs', taskId });
		expect(outputs.error?.message).toBe(`RunningHub 805 APIKEY_TASK_STATUS_ERROR: Task ${taskId} failed in node "KSampler" (#3).`);
	});

	it('SUCCESS without results is an error', async () => {
		const taskId = await createWorkflowTask(emu, prompt('[empty]'));
		const result = await run({ taskId, waitMode: 'poll', waitingOptions: fast });
		expect(result.error?.message).toBe(`RunningHub EMPTY_RESULT: Task ${taskId} finished with SUCCESS but returned no outputs.`);
	});

	it('unknown task ids: clear messages for result, status and cancel (807 and 423)', async () => {
		const unknown = '1900000000000000001';
		const result = await run({ taskId: unknown, waitMode: 'poll' });
		expect(result.error?.message).toBe(`RunningHub 1004 TASK_NOT_FOUND: Task ${unknown} was not found.`);
		const status = await run({ operation: 'getStatus', taskId: unknown });
		expect(status.error?.message).toBe(`RunningHub 807 APIKEY_TASK_NOT_FOUND: Task ${unknown} was not found.`);
		const cancel = await run({ operation: 'cancel', taskId: unknown });
		expect(cancel.error?.message).toBe(`RunningHub 807 APIKEY_TASK_NOT_FOUND: Task ${unknown} was not found, so nothing was cancelled.`);

		const other = await startEmulator({ cancelUnknownCode: 423 });
		try {
			const r = await runWorkflow({
				nodeTypes: { runningHubGetTaskResult: new RunningHubGetTaskResult() },
				nodes: [{ name: 'Task', type: 'n8n-nodes-runninghub.runningHubGetTaskResult', parameters: { operation: 'cancel', taskId: unknown } }],
				credentials: { runningHubApi: credentialsFor(other) },
			});
			expect(r.error?.message).toBe(`RunningHub 423 TASK_NOT_FOUNED: Task ${unknown} was not found, so nothing was cancelled.`);
		} finally {
			await other.close();
		}
	});

	it('a task of another key is not found for this key', async () => {
		const taskId = await createWorkflowTask(emu, prompt('mine'), KEYS.consumer);
		const result = await run({ taskId, waitMode: 'none' });
		expect(result.error?.message).toBe(`RunningHub 1004 TASK_NOT_FOUND: Task ${taskId} was not found.`);
		await run({ operation: 'cancel', taskId }, { key: KEYS.consumer });
	});

	it('several tasks are watched together and come back in input order', async () => {
		const slow = await createWorkflowTask(emu, prompt('slow [ms:600]'));
		const quick = await createWorkflowTask(emu, prompt('quick'));
		const result = await run({ taskId: '={{ $json.id }}', waitMode: 'poll', downloadOutputs: false, waitingOptions: fast }, { items: [{ json: { id: slow } }, { json: { id: quick } }] });
		expect(result.error).toBeUndefined();
		expect(result.output('Task').map((o) => [o.json.taskId, o.json.status, o.pairedItem])).toEqual([
			[slow, 'SUCCESS', { item: 0 }],
			[quick, 'SUCCESS', { item: 1 }],
		]);
	});

	it('polls through a transient 502 page', async () => {
		const taskId = await createWorkflowTask(emu, prompt('flaky'));
		emu.setFaults({ html: { match: 'poll', count: 1, status: 502 } });
		const result = await run({ taskId, waitMode: 'poll', downloadOutputs: false, waitingOptions: fast });
		expect(result.error).toBeUndefined();
		expect(result.output('Task')[0].json.status).toBe('SUCCESS');
	});

	describe('webhook events', () => {
		let receiver: Receiver;
		let second: Receiver;
		beforeAll(async () => {
			receiver = await startReceiver();
			second = await startReceiver();
		});
		afterAll(async () => {
			await receiver.close();
			await second.close();
		});

		it('Get shows the delivered event; Resend delivers it again to a new URL', async () => {
			const taskId = await createWorkflowTask(emu, { ...prompt('hooked'), webhookUrl: receiver.url });
			await emu.waitForTask(taskId);
			let detail = await run({ resource: 'webhookEvent', operation: 'get', taskId });
			for (let i = 0; i < 100 && (detail.error || detail.output('Task')[0].json.callbackStatus !== 'SUCCESS'); i++) {
				await waitMs(20);
				detail = await run({ resource: 'webhookEvent', operation: 'get', taskId });
			}
			const json = detail.output('Task')[0].json;
			expect(json).toMatchObject({ taskId, webhookUrl: receiver.url, callbackStatus: 'SUCCESS', result: { taskId, status: 'SUCCESS' } });
			expect(String(json.webhookId)).toMatch(/^\d{19}$/);
			expect(JSON.stringify(json)).not.toContain(KEYS.shared);

			const resent = await run({ resource: 'webhookEvent', operation: 'resend', taskId, webhookUrl: second.url });
			expect(resent.output('Task')[0].json).toEqual({ taskId, webhookId: json.webhookId, webhookUrl: second.url, resent: true });
			const retryCall = emu.log.find((e) => e.path === '/task/openapi/retryWebhook');
			expect(retryCall?.body).toMatchObject({ webhookId: json.webhookId, webhookUrl: second.url });
			for (let i = 0; i < 100 && !second.requests.length; i++) await waitMs(20);
			expect(second.requests).toHaveLength(1);
			expect(second.requests[0].body).toMatchObject({ event: 'TASK_END', taskId });
			expect(receiver.requests.filter((r) => r.body?.taskId === taskId)).toHaveLength(1);
		});

		it('Get for a task started without a webhook says there is none', async () => {
			const taskId = await createWorkflowTask(emu, prompt('no hook'));
			await emu.waitForTask(taskId);
			const result = await run({ resource: 'webhookEvent', operation: 'get', taskId });
			expect(result.error?.message).toBe(`RunningHub 1 WEBHOOK_EVENT_NOT_FOUND: Task ${taskId} has no webhook event.`);
		});
	});

	it('account info per key type: numbers parsed, null stays null', async () => {
		const consumer = await run({ resource: 'account', operation: 'getInfo' }, { key: KEYS.consumer });
		expect(consumer.output('Task')[0].json).toEqual({ remainCoins: 99999, currentTaskCounts: 0, remainMoney: null, currency: null, apiType: 'NORMAL' });
		const running = await createWorkflowTask(emu, prompt('busy [ms:3000]'));
		const shared = await run({ resource: 'account', operation: 'getInfo' });
		expect(shared.output('Task')[0].json).toEqual({ remainCoins: 0, currentTaskCounts: 1, remainMoney: 999, currency: 'CNY', apiType: 'SHARED' });
		const queue = await run({ resource: 'account', operation: 'getQueueStatus' });
		expect(queue.output('Task')[0].json).toMatchObject({ apiKeyType: 'SHARED', concurrentLimit: 50, totalCurrentTasks: 1 });
		const queueLog = emu.log.find((e) => e.path === '/openapi/v2/queue/status');
		expect(queueLog?.method).toBe('GET');
		await run({ operation: 'cancel', taskId: running });
		expect(keyNeverInUrl(emu, KEYS.shared)).toBe(true);
	});
});
