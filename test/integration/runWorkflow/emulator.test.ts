/**
 * Run Workflow against the RunningHub emulator (real HTTP, real task lifecycle, real
 * concurrency limits and downloads) inside a real n8n-core execution.
 */
import type { IBinaryData, IDataObject } from 'n8n-workflow';
import nock from 'nock';

import example from '../../../examples/run-workflow.json';
import { RunningHubRunWorkflow } from '../../../nodes/RunningHubRunWorkflow/RunningHubRunWorkflow.node';
import { configureRetryTiming, waitMs } from '../../../nodes/shared/utils/timing';
import { logLines, runWorkflow } from '../../support/harness';
import { RunWorkflowFiles, runWorkflowFilesNode } from '../../support/runWorkflowFilesNode';

interface EmulatorTask {
	taskId: string;
	status: string;
	key: string;
	kind: string;
	inputs: { nodeInfoList?: IDataObject[] } | null;
}
interface Emulator {
	url: string;
	log: Array<{ method: string; path: string; query: IDataObject; headers: IDataObject }>;
	counters: { createsByKey: Record<string, number>; maxConcurrentRunningByKey: Record<string, number>; rejected421: number; polls: number; downloads: number; uploads: number };
	tasks: Map<string, EmulatorTask>;
	setFaults(faults: IDataObject): void;
	clearFaults(): void;
	reset(): void;
	close(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createEmulator, KEYS, WORKFLOWS, APPS, QUICK } = require('../../emulator') as {
	createEmulator: (options: IDataObject) => Promise<Emulator>;
	KEYS: Record<string, string>;
	WORKFLOWS: Record<string, string>;
	APPS: Record<string, string>;
	QUICK: { webappId: string; quickCreateCode: string };
};

const KEY = KEYS.shared;
const TYPE = 'n8n-nodes-runninghub.runningHubRunWorkflow';

let emu: Emulator;

function params(extra: IDataObject = {}): IDataObject {
	return {
		resource: 'workflow',
		operation: 'run',
		workflowId: { __rl: true, mode: 'id', value: WORKFLOWS.image },
		inputMode: 'define',
		workflowInputs: { mappingMode: 'defineBelow', value: { '6.text': '={{ $json.prompt }}' }, matchingColumns: [], schema: [], attemptToConvertTypes: false, convertFieldsToString: false },
		waitMode: 'poll',
		downloadOutputs: false,
		waitingOptions: { maxConcurrency: 3, pollInterval: 0.1, timeoutMinutes: 1 },
		...extra,
	};
}

function run(parameters: IDataObject, items: IDataObject[], options: { continueOnFail?: boolean; abortSignal?: AbortSignal; files?: Parameters<typeof runWorkflowFilesNode>[0] } = {}) {
	const nodes = [];
	if (options.files) nodes.push(runWorkflowFilesNode(options.files));
	nodes.push({ name: 'Run', type: TYPE, parameters, continueOnFail: options.continueOnFail });
	return runWorkflow({
		nodeTypes: { runningHubRunWorkflow: new RunningHubRunWorkflow(), runWorkflowFiles: new RunWorkflowFiles() },
		nodes,
		credentials: { runningHubApi: { site: 'custom', baseUrl: emu.url, apiKey: KEY } },
		items: items.map((json) => ({ json })),
		abortSignal: options.abortSignal,
	});
}

const promptOf = (taskId: unknown) => emu.tasks.get(String(taskId))?.inputs?.nodeInfoList?.find((i) => i.nodeId === '6')?.fieldValue;
const queries = () => emu.log.filter((e) => e.path === '/openapi/v2/query').length;

beforeAll(async () => {
	// This file talks to a real local server only. The shared jest setup loads nock in every
	// file, and nock's passthrough socket intermittently aborts large streamed downloads,
	// so interception is switched off here (the shared afterAll restore is then a no-op).
	nock.restore();
	configureRetryTiming({ baseDelayMs: 10, maxDelayMs: 50 });
	emu = await createEmulator({ timing: { queuedMs: 50, runningMs: 200 } });
});
afterAll(async () => await emu.close());
afterEach(() => {
	emu.clearFaults();
	emu.reset();
});

describe('Run Workflow × emulator: many items, one scheduler', () => {
	it('12 items with concurrency 3: never more than 3 running, all 12 results in input order', async () => {
		// Later items finish first, so input order has to be restored by the node.
		const items = Array.from({ length: 12 }, (_, i) => ({ prompt: `cat number ${i} [ms:${(12 - i) * 25}]` }));
		const result = await run(params({ waitingOptions: { maxConcurrency: 3, pollInterval: 0.1, timeoutMinutes: 1 } }), items);
		expect(result.error).toBeUndefined();
		const out = result.output('Run');
		expect(out).toHaveLength(12);
		expect(emu.counters.maxConcurrentRunningByKey[KEY]).toBeLessThanOrEqual(3);
		expect(emu.counters.maxConcurrentRunningByKey[KEY]).toBeGreaterThan(1);
		expect(emu.counters.createsByKey[KEY]).toBe(12);
		out.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json.status).toBe('SUCCESS');
			expect(promptOf(item.json.taskId)).toBe(items[i].prompt);
		});
		expect(new Set(out.map((o) => o.json.taskId)).size).toBe(12);
	});

	it('a 421 burst: no failed item, no duplicate task (one create per item)', async () => {
		emu.setFaults({ capacity: { count: 5, code: 421 } });
		const items = Array.from({ length: 4 }, (_, i) => ({ prompt: `fox ${i}` }));
		const result = await run(params({ waitingOptions: { maxConcurrency: 2, pollInterval: 0.1, timeoutMinutes: 1 } }), items);
		expect(result.error).toBeUndefined();
		expect(emu.counters.rejected421).toBe(5);
		expect(emu.counters.createsByKey[KEY]).toBe(4);
		const out = result.output('Run');
		expect(out.map((o) => o.json.status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS']);
		out.forEach((o, i) => expect(promptOf(o.json.taskId)).toBe(`fox ${i}`));
	});

	it('a failed task becomes an error item naming the node and the exception; the others succeed (Continue On Fail)', async () => {
		const items = [{ prompt: 'ok 0' }, { prompt: 'boom [fail]' }, { prompt: 'ok 2' }];
		const result = await run(params(), items, { continueOnFail: true });
		expect(result.error).toBeUndefined();
		const out = result.output('Run');
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.status).toBe('SUCCESS');
		expect(out[2].json.status).toBe('SUCCESS');
		// n8n's convention: the error sits on the item (what the error output routes on) and the
		// json is reduced to the message.
		const failed = out[1];
		const taskId = [...emu.tasks.values()].find((t) => JSON.stringify(t.inputs).includes('boom [fail]'))?.taskId;
		expect(taskId).toMatch(/^\d{19}$/);
		expect(failed.json).toEqual({ error: expect.stringContaining(`Task ${taskId as string} failed in node "KSampler" (#3)`) });
		expect((failed.error as { description?: string }).description).toContain('torch.OutOfMemoryError: Allocation on device 0 would exceed allowed memory');
	});

	it('a timeout names the task id', async () => {
		const result = await run(params({ waitingOptions: { maxConcurrency: 1, pollInterval: 0.1, timeoutMinutes: 0.05 } }), [{ prompt: 'slow [ms:60000]' }]);
		const [taskId] = [...emu.tasks.keys()];
		expect(taskId).toMatch(/^\d{19}$/);
		expect(result.error?.message).toBe(`Task ${taskId} did not finish within 3 seconds`);
		expect(result.error?.description).toContain(`Task ID: ${taskId}`);
		expect(emu.tasks.get(taskId)?.status).not.toMatch(/SUCCESS|FAILED/);
	});

	it('cancelling the execution stops polling within one interval', async () => {
		const controller = new AbortController();
		const pending = run(params({ waitingOptions: { maxConcurrency: 1, pollInterval: 0.2, timeoutMinutes: 1 } }), [{ prompt: 'long [ms:60000]' }], { abortSignal: controller.signal });
		// Let it submit and poll a few times.
		for (let i = 0; i < 100 && queries() < 2; i++) await waitMs(20);
		expect(queries()).toBeGreaterThanOrEqual(2);
		controller.abort();
		const atAbort = queries();
		await pending;
		await waitMs(600);
		// At most a poll already in flight when the cancel came; nothing after that.
		expect(queries() - atAbort).toBeLessThanOrEqual(1);
	});

	it('a 5 MB output is streamed into a binary with the right mime type and size', async () => {
		const result = await run(params({ downloadOutputs: true, waitingOptions: { maxConcurrency: 1, pollInterval: 0.1, timeoutMinutes: 1 } }), [{ prompt: 'big [bytes:5242880]' }]);
		expect(result.error).toBeUndefined();
		const [item] = result.output('Run');
		const binary = item.binary?.data as IBinaryData;
		expect(binary.mimeType).toBe('image/png');
		expect(binary.fileName).toMatch(/\.png$/);
		expect(binary.bytes).toBe(5242880);
		expect(emu.counters.downloads).toBe(1);
		const download = emu.log.find((e) => e.path.startsWith('/__files/'));
		expect(download?.headers.authorization).toBeUndefined();
	});
});

describe('Run Workflow × emulator: resources end to end', () => {
	it('uploads a binary for LoadImage, then runs the workflow with the uploaded file name', async () => {
		const result = await run(
			params({ workflowInputs: { mappingMode: 'defineBelow', value: { '10.image': 'binary:photo', '6.text': 'with a photo' }, matchingColumns: [], schema: [], attemptToConvertTypes: false, convertFieldsToString: false } }),
			[{}],
			{ files: [{ property: 'photo', fileName: 'input.png', mimeType: 'image/png', size: 4096 }] },
		);
		expect(result.error).toBeUndefined();
		expect(emu.counters.uploads).toBe(1);
		const [item] = result.output('Run');
		const task = emu.tasks.get(String(item.json.taskId));
		const image = task?.inputs?.nodeInfoList?.find((i) => i.nodeId === '10')?.fieldValue;
		expect(image).toMatch(/^api\/.+\.png$/);
	});

	it('v2 workflow endpoint, AI App (v1 and v2) and Quick Create all run to SUCCESS', async () => {
		const v2 = await run(params({ apiVersion: 'v2' }), [{ prompt: 'v2 run' }]);
		expect(v2.error).toBeUndefined();
		expect(v2.output('Run')[0].json.status).toBe('SUCCESS');

		const appParams = (apiVersion: string) => ({
			resource: 'aiApp',
			operation: 'run',
			apiVersion,
			webappId: { __rl: true, mode: 'url', value: `https://www.runninghub.ai/ai-detail/${APPS.image}` },
			inputMode: 'define',
			appInputs: { mappingMode: 'defineBelow', value: { '52.text': 'a calico cat', '61.aspect_ratio': '16:9 (Landscape)', '80.select': '2' }, matchingColumns: [], schema: [], attemptToConvertTypes: false, convertFieldsToString: false },
			waitMode: 'poll',
			downloadOutputs: false,
			waitingOptions: { maxConcurrency: 1, pollInterval: 0.1, timeoutMinutes: 1 },
		});
		for (const version of ['v1', 'v2']) {
			const app = await run(appParams(version), [{}]);
			expect(app.error).toBeUndefined();
			expect(app.output('Run')[0].json).toMatchObject({ status: 'SUCCESS', files: [{ type: 'png', nodeId: '90' }] });
		}
		// apiCallDemo got the key where RunningHub reads it, its apiKey query parameter, and no
		// Bearer header (the emulator answers 802 to a Bearer-only call, as documented).
		const demo = emu.log.filter((e) => e.path === '/api/webapp/apiCallDemo');
		expect(demo.length).toBeGreaterThan(0);
		for (const d of demo) {
			expect(d).toMatchObject({ status: 200, query: { webappId: APPS.image, apiKey: KEY } });
			expect(d.headers.authorization).toBeUndefined();
		}
		// The SWITCH value went out as given: the branch index "2".
		const appTasks = [...emu.tasks.values()].filter((t) => t.kind === 'app');
		expect(appTasks.map((t) => t.inputs?.nodeInfoList?.find((i) => i.nodeId === '80')?.fieldValue)).toEqual(['2', '2']);

		const quick = await run(
			{
				resource: 'quickCreate',
				operation: 'run',
				webappId: { __rl: true, mode: 'id', value: QUICK.webappId },
				quickCreateCode: QUICK.quickCreateCode,
				// The CN Quick Create doc example's SWITCH item: ImpactSwitch, fieldValue "2".
				nodeInfoList: JSON.stringify([
					{ nodeId: '52', nodeName: 'RH_Prompt', fieldName: 'text', fieldType: 'STRING', fieldValue: 'a fox', description: 'Prompt' },
					{ nodeId: '80', nodeName: 'ImpactSwitch', fieldName: 'select', fieldType: 'SWITCH', fieldValue: '2', description: '选择分支' },
				]),
				waitMode: 'poll',
				downloadOutputs: false,
				waitingOptions: { maxConcurrency: 1, pollInterval: 0.1, timeoutMinutes: 1 },
			},
			[{}],
		);
		expect(quick.error).toBeUndefined();
		expect(quick.output('Run')[0].json.status).toBe('SUCCESS');
	});

	it('a workflow that fails validation names the node from promptTips', async () => {
		const result = await run(params({ workflowId: { __rl: true, mode: 'id', value: WORKFLOWS.invalid } }), [{ prompt: 'x' }]);
		expect(result.error?.message).toMatch(/433 VALIDATE_PROMPT_FAILED/);
		expect(result.error?.message).toContain('node "Load Checkpoint" (#4)');
		expect(emu.counters.createsByKey[KEY] ?? 0).toBe(0);
	});

	it('Get Inputs lists the emulator workflow and app inputs', async () => {
		const wf = await run({ resource: 'workflow', operation: 'getInputs', workflowId: { __rl: true, mode: 'id', value: WORKFLOWS.video } }, [{}]);
		expect(wf.error).toBeUndefined();
		const inputs = wf.output('Run')[0].json.inputs as IDataObject[];
		expect(inputs.find((i) => i.id === '1.image')).toMatchObject({ media: 'image', type: 'string' });
		const app = await run({ resource: 'aiApp', operation: 'getInputs', webappId: { __rl: true, mode: 'id', value: APPS.image } }, [{}]);
		expect(app.error).toBeUndefined();
		expect((app.output('Run')[0].json.inputs as IDataObject[]).map((i) => i.id)).toContain('61.aspect_ratio');
		const quick = await run({ resource: 'quickCreate', operation: 'getInputs', webappId: { __rl: true, mode: 'id', value: QUICK.webappId } }, [{}]);
		expect(quick.error).toBeUndefined();
		expect((quick.output('Run')[0].json.styles as IDataObject[]).map((s) => s.modelName)).toEqual(['Anime', 'Watercolor']);
	});

	it('the example workflow runs as shipped (with the emulator as the credential site)', async () => {
		const node = example.nodes.find((n) => n.type === TYPE);
		const parameters = JSON.parse(JSON.stringify(node?.parameters)) as IDataObject;
		(parameters.waitingOptions as IDataObject).pollInterval = 0.1;
		const result = await run(parameters, [{}]);
		expect(result.error).toBeUndefined();
		const [item] = result.output('Run');
		expect(item.json.status).toBe('SUCCESS');
		expect(item.binary?.data?.mimeType).toBe('image/png');
	});

	it('never writes the API key into a log line', () => {
		expect(logLines.length).toBeGreaterThan(0);
		for (const line of logLines) expect(`${line.message} ${JSON.stringify(line.meta ?? '')}`).not.toContain(KEY);
	});
});
