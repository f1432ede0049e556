/**
 * Max Download Size against the emulator's file host, which announces Content-Length like
 * RunningHub's CDN (SECURITY.md, "oversize answers"), and downloads over plain http from the
 * credential's custom Base URL on 127.0.0.1 (the one origin where http and a loopback host
 * are allowed).
 */
import type { INodeParameters } from 'n8n-workflow';

import { RunningHubGetTaskResult } from '../../../nodes/RunningHubGetTaskResult/RunningHubGetTaskResult.node';
import { configureRetryTiming } from '../../../nodes/shared/utils/timing';
import { runWorkflow } from '../../support/harness';
import type { Emulator } from '../../support/uploadEmulator';
import { createWorkflowTask, credentialsFor, startEmulator } from '../../support/uploadEmulator';

let emu: Emulator;

beforeAll(async () => {
	configureRetryTiming({ baseDelayMs: 10, maxDelayMs: 50 });
	emu = await startEmulator({ timing: { queuedMs: 20, runningMs: 50 } });
});
afterAll(async () => await emu.close());

function run(parameters: INodeParameters) {
	return runWorkflow({
		nodeTypes: { runningHubGetTaskResult: new RunningHubGetTaskResult() },
		nodes: [{ name: 'Task', type: 'n8n-nodes-runninghub.runningHubGetTaskResult', parameters }],
		credentials: { runningHubApi: credentialsFor(emu) },
	});
}

describe('Max Download Size against the emulator', () => {
	it('refuses a file announced above the limit before reading it, and downloads it under a larger limit', async () => {
		expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const taskId = await createWorkflowTask(emu, { nodeInfoList: [{ nodeId: '6', fieldName: 'text', fieldValue: 'big [bytes:3000000]' }] });
		await emu.waitForTask(taskId);

		const allowed = await run({ taskId, waitMode: 'none', waitingOptions: { maxDownloadMb: 4 } });
		expect(allowed.error).toBeUndefined();
		const size = Number(allowed.output('Task')[0].binary?.data?.bytes);
		expect(size).toBeGreaterThan(2 * 1024 * 1024);

		const refused = await run({ taskId, waitMode: 'none', waitingOptions: { maxDownloadMb: 2 } });
		expect(refused.error?.message).toMatch(new RegExp(`^RunningHub DOWNLOAD_TOO_LARGE: Output file "[^"]+\\.png" is ${size} bytes, more than Max Download Size \\(2 MB\\); it was not downloaded\\.$`));
		expect(emu.log.filter((e) => e.path.startsWith('/__files/')).map((e) => e.status)).toEqual([200, 200]);
	});
});
