/**
 * Run Workflow and Standard Model against the emulator answering in the shapes RunningHub's
 * sources disagree on (API.md §19): the flat price preview with and without errorCode
 * (`pricePreviewEnvelope`), the v2 task object's `v2Shapes`, and the v2 query reporting
 * SUCCESS without the files that the v1 outputs list (fault `v2EmptyResults`). Asserted: the
 * requests the nodes sent (emulator log) and the items or errors produced.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { RunningHubRunWorkflow } from '../../nodes/RunningHubRunWorkflow/RunningHubRunWorkflow.node';
import { configureRetryTiming } from '../../nodes/shared/utils/timing';
import { runWorkflow } from '../support/harness';
import { customParameters, runModel } from '../support/standardModelRun';

interface Emulator {
	url: string;
	log: Array<{ method: string; path: string; body: IDataObject; status: number | null }>;
	setFaults(faults: IDataObject): void;
	clearFaults(): void;
	reset(): void;
	close(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createEmulator, KEYS, WORKFLOWS } = require('../emulator') as {
	createEmulator: (options: IDataObject) => Promise<Emulator>;
	KEYS: Record<string, string>;
	WORKFLOWS: Record<string, string>;
};

const KEY = KEYS.shared;
const TYPE = 'n8n-nodes-runninghub.runningHubRunWorkflow';

function params(extra: IDataObject = {}): IDataObject {
	return {
		resource: 'workflow',
		operation: 'run',
		workflowId: { __rl: true, mode: 'id', value: WORKFLOWS.image },
		inputMode: 'none',
		waitMode: 'poll',
		downloadOutputs: false,
		waitingOptions: { maxConcurrency: 1, pollInterval: 0.05, timeoutMinutes: 1 },
		...extra,
	};
}

function run(emu: Emulator, parameters: IDataObject, continueOnFail = false) {
	return runWorkflow({
		nodeTypes: { runningHubRunWorkflow: new RunningHubRunWorkflow() },
		nodes: [{ name: 'Run', type: TYPE, parameters, continueOnFail }],
		credentials: { runningHubApi: { site: 'custom', baseUrl: emu.url, apiKey: KEY } },
		items: [{ json: {} }],
	});
}

const posts = (emu: Emulator, path: string) => emu.log.filter((e) => e.method === 'POST' && e.path === path);

beforeAll(() => {
	// A real local server only (see emulator.test.ts in this folder).
	nock.restore();
	configureRetryTiming({ baseDelayMs: 10, maxDelayMs: 50 });
});

describe('default shapes', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await createEmulator({ timing: { queuedMs: 20, runningMs: 60 } });
	});
	afterAll(async () => await emu.close());
	afterEach(() => {
		emu.clearFaults();
		emu.reset();
	});

	it('v1 task, v2 query SUCCESS without results: /task/openapi/outputs is asked once and its files are the result', async () => {
		emu.setFaults({ v2EmptyResults: 1 });
		const result = await run(emu, params());
		expect(result.error).toBeUndefined();
		const [item] = result.output('Run');
		expect(item.json).toMatchObject({ status: 'SUCCESS', files: [{ type: 'png', nodeId: '9' }] });
		expect(posts(emu, '/task/openapi/outputs')).toHaveLength(1);
		expect(posts(emu, '/task/openapi/outputs')[0].body).toEqual({ taskId: item.json.taskId, apiKey: KEY });
	});

	it('v1 task that really has no outputs ([empty]): EMPTY_RESULT after that one outputs call', async () => {
		const result = await run(emu, params({ inputMode: 'define', workflowInputs: { mappingMode: 'defineBelow', value: { '6.text': 'nothing [empty]' }, matchingColumns: [], schema: [], attemptToConvertTypes: false, convertFieldsToString: false } }));
		expect(result.error?.message).toMatch(/EMPTY_RESULT/);
		expect(posts(emu, '/task/openapi/outputs')).toHaveLength(1);
	});

	it('v2 run: nodeInfoList [] when nothing is overridden, usePersonalQueue a JSON boolean; no v1 outputs call', async () => {
		emu.setFaults({ v2EmptyResults: 1 });
		const result = await run(emu, params({ apiVersion: 'v2', options: { usePersonalQueue: false } }));
		expect(result.error?.message).toMatch(/EMPTY_RESULT/);
		const [submit] = posts(emu, `/openapi/v2/run/workflow/${WORKFLOWS.image}`);
		expect(submit.body).toEqual({ nodeInfoList: [], addMetadata: true, usePersonalQueue: false });
		expect(submit.status).toBe(200);
		expect(posts(emu, '/task/openapi/outputs')).toHaveLength(0);
	});

	it('v2 run with a Workflow JSON Override is refused before anything is sent', async () => {
		const result = await run(emu, params({ apiVersion: 'v2', options: { workflowJson: '{"9":{"class_type":"SaveImage","inputs":{"images":["8",0]}}}' } }));
		expect(result.error?.message).toBe('Options › Workflow JSON Override is only available with API Version v1');
		expect(emu.log).toEqual([]);
	});
});

describe('v2Shapes: outputType as a kind, failedReason as JSON text, task_id', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await createEmulator({ timing: { queuedMs: 20, runningMs: 60 }, v2Shapes: { outputType: 'category', failedReason: 'string', taskIdField: 'task_id' } });
	});
	afterAll(async () => await emu.close());
	afterEach(() => emu.reset());

	it('a workflow result: the file type comes from the URL, the task id from task_id', async () => {
		const result = await run(emu, params({ apiVersion: 'v2' }));
		expect(result.error).toBeUndefined();
		const [item] = result.output('Run');
		expect(item.json.taskId).toMatch(/^\d{19}$/);
		expect(item.json.files).toEqual([expect.objectContaining({ type: 'png', nodeId: '9', fileName: expect.stringMatching(/\.png$/) })]);
	});

	it('a failed workflow: the failedReason text is parsed and names the node', async () => {
		const result = await run(emu, params({ inputMode: 'define', workflowInputs: { mappingMode: 'defineBelow', value: { '6.text': 'x [fail]' }, matchingColumns: [], schema: [], attemptToConvertTypes: false, convertFieldsToString: false } }));
		expect(result.error?.message).toMatch(/failed in node "KSampler" \(#3\)/);
	});

	it('a Standard Model submit answered with task_id is polled to its result', async () => {
		// The emulator's own built-in test model, through Custom Endpoint: no catalog involved.
		const result = await runModel(customParameters('rhart-image/text-to-image-test', { prompt: 'a cat' }, { downloadOutputs: false, waitingOptions: { maxConcurrency: 1, pollInterval: 0.05 } }), {
			credentials: { site: 'custom', baseUrl: emu.url, apiKey: KEY },
		});
		expect(result.error).toBeUndefined();
		expect(result.output('Model')[0].json).toMatchObject({ taskId: expect.stringMatching(/^\d{19}$/), status: 'SUCCESS', files: [{ type: 'png' }] });
	});
});

describe.each(['flat', 'flatErrorCode'])('price preview answered %s (both documented forms)', (form) => {
	let emu: Emulator;
	const endpoint = 'rhart-image/text-to-image-test';
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { priceOf } = require('../emulator/models') as { priceOf: (endpoint: string) => number };
	const credentials = () => ({ site: 'custom', baseUrl: emu.url, apiKey: KEY });
	beforeAll(async () => {
		emu = await createEmulator({ timing: { queuedMs: 20, runningMs: 60 }, pricePreviewEnvelope: form });
	});
	afterAll(async () => await emu.close());
	afterEach(() => emu.reset());

	it('Preview Price returns the estimate, asked once', async () => {
		const result = await runModel(customParameters(endpoint, { prompt: 'a cat' }, { operation: 'previewPrice' }), { credentials: credentials() });
		expect(result.error).toBeUndefined();
		expect(result.output('Model')[0].json).toMatchObject({ endpoint, estimatedPrice: priceOf(endpoint), currency: 'CNY', isFreeThisCall: false });
		expect(posts(emu, `/openapi/v2/price-preview/${endpoint}`)).toHaveLength(1);
	});

	it('the Max Price guard refuses above the estimate and submits within it', async () => {
		const price = priceOf(endpoint);
		const refused = await runModel(customParameters(endpoint, { prompt: 'a cat' }, { options: { maxPrice: price / 2 }, waitingOptions: { maxConcurrency: 1 } }), { credentials: credentials() });
		expect(refused.error?.message).toBe(`Estimated price ${price} CNY is above the Max Price of ${price / 2} CNY`);
		expect(posts(emu, `/openapi/v2/${endpoint}`)).toHaveLength(0);
		const submitted = await runModel(customParameters(endpoint, { prompt: 'a cat' }, { waitMode: 'none', options: { maxPrice: price }, waitingOptions: { maxConcurrency: 1 } }), { credentials: credentials() });
		expect(submitted.error).toBeUndefined();
		expect(posts(emu, `/openapi/v2/${endpoint}`)).toHaveLength(1);
	});
});
