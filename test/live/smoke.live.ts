/**
 * The live smoke checks (`npm run test:live`, started by test/live/run.js; never part of
 * `npm test` or CI). They run this package's own nodes inside n8n-core (test/support/harness.ts)
 * against the real RunningHub with the key from RUNNINGHUB_API_KEY — the one oracle that is not
 * our reading of the docs. By default only calls that cost nothing; one paid task only with
 * RUNNINGHUB_LIVE_PAID=1 and RUNNINGHUB_LIVE_MAX_PRICE (the node's Max Price guard enforces it).
 */
import type { IDataObject, INodeExecutionData, INodeType } from 'n8n-workflow';

import { RunningHubGetTaskResult } from '../../nodes/RunningHubGetTaskResult/RunningHubGetTaskResult.node';
import { RunningHubRunWorkflow } from '../../nodes/RunningHubRunWorkflow/RunningHubRunWorkflow.node';
import { RunningHubStandardModel } from '../../nodes/RunningHubStandardModel/RunningHubStandardModel.node';
import { RunningHubUploadFile } from '../../nodes/RunningHubUploadFile/RunningHubUploadFile.node';
import type { FileSpec } from '../support/binaryInputNode';
import { BinaryInput, filesNode } from '../support/binaryInputNode';
import type { RunOptions, RunResult } from '../support/harness';
import { logLines, runWorkflow } from '../support/harness';
import { catalogParameters, mapped } from '../support/standardModelRun';

interface LiveConfig {
	apiKey: string;
	baseUrl: string;
	credential: IDataObject;
	workflowId?: string;
	appId?: string;
	models: Array<{ endpoint: string; values: IDataObject }>;
	paid: boolean;
	maxPrice?: number;
	paidModel: string;
	problems: string[];
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readLiveConfig } = require('./config') as { readLiveConfig: () => LiveConfig };
const cfg = readLiveConfig();

/** A valid 1×1 PNG: real bytes, so RunningHub's upload checks see an image. */
const PNG: FileSpec = { property: 'data', fileName: 'live-smoke.png', mimeType: 'image/png', base64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==' };

const TYPES: Record<string, INodeType> = {
	runningHubGetTaskResult: new RunningHubGetTaskResult(),
	runningHubRunWorkflow: new RunningHubRunWorkflow(),
	runningHubStandardModel: new RunningHubStandardModel(),
	runningHubUploadFile: new RunningHubUploadFile(),
	binaryInput: new BinaryInput(),
};

async function run(type: string, parameters: IDataObject, files?: FileSpec[]): Promise<RunResult> {
	const nodes: RunOptions['nodes'] = [];
	if (files) nodes.push(filesNode(files) as RunOptions['nodes'][number]);
	nodes.push({ name: 'Node', type: `n8n-nodes-runninghub.${type}`, parameters });
	return await runWorkflow({ nodeTypes: TYPES, nodes, credentials: { runningHubApi: cfg.credential as never } });
}

/** The node's output, or the node's error (message and description) as a failure. */
function outputOf(result: RunResult): INodeExecutionData[] {
	if (result.error) throw new Error(`${result.error.message}${result.error.description ? ` — ${result.error.description}` : ''}`);
	return result.output('Node');
}

/** The key must never show up in what a node emits, raises or logs. */
function expectNoKey(...values: unknown[]): void {
	for (const value of [...values, logLines]) expect(JSON.stringify(value ?? '')).not.toContain(cfg.apiKey);
}

let apiType: string | null = null;

beforeAll(() => {
	expect(cfg.problems).toEqual([]);
	expect(cfg.apiKey).not.toBe('');
});

describe(`RunningHub live smoke (${cfg.baseUrl}), free calls`, () => {
	// The credential test sends this same account-status request (n8n's own tester runs it in the e2e suite).
	it('Get Task Result › Account › Get Info: the key is accepted, numbers parsed, the key type named', async () => {
		const [item] = outputOf(await run('runningHubGetTaskResult', { resource: 'account', operation: 'getInfo' }));
		expect(typeof item.json.remainCoins === 'number' || item.json.remainCoins === null).toBe(true);
		expect(typeof item.json.currentTaskCounts).toBe('number');
		expect(typeof item.json.apiType).toBe('string');
		apiType = String(item.json.apiType);
		expectNoKey(item);
	});

	it('Get Task Result › Account › Get Queue Status', async () => {
		const [item] = outputOf(await run('runningHubGetTaskResult', { resource: 'account', operation: 'getQueueStatus' }));
		expect(typeof item.json.apiKeyType).toBe('string');
		expect(typeof item.json.concurrentLimit).toBe('number');
		expectNoKey(item);
	});

	(cfg.workflowId ? it : it.skip)('Run Workflow › ComfyUI Workflow › Get Inputs reads the workflow JSON (RUNNINGHUB_WORKFLOW_ID)', async () => {
		const items = outputOf(await run('runningHubRunWorkflow', { resource: 'workflow', operation: 'getInputs', workflowId: { __rl: true, mode: 'id', value: cfg.workflowId } }));
		expect(items.length).toBeGreaterThan(0);
		expectNoKey(items);
	});

	(cfg.appId ? it : it.skip)('Run Workflow › AI App › Get Inputs reads the app inputs (apiCallDemo, RUNNINGHUB_APP_ID)', async () => {
		const items = outputOf(await run('runningHubRunWorkflow', { resource: 'aiApp', operation: 'getInputs', webappId: { __rl: true, mode: 'id', value: cfg.appId } }));
		expect(items.length).toBeGreaterThan(0);
		expectNoKey(items);
	});

	it.each(cfg.models.map((m) => [m.endpoint, m.values]))('Standard Model › Preview Price of %s (1014 for keys other than Enterprise-Shared)', async (endpoint, values) => {
		const result = await run('runningHubStandardModel', catalogParameters(endpoint as string, { prompt: 'a small red circle on a white background', ...(values as IDataObject) }, { operation: 'previewPrice' }));
		if (apiType !== null && apiType !== 'SHARED') {
			// Documented: the Standard Model API and its price preview need an Enterprise-Shared key.
			expect(result.error?.message).toMatch(/1014/);
		} else {
			const [item] = outputOf(result);
			expect(typeof item.json.estimatedPrice).toBe('number');
			expect(typeof item.json.currency).toBe('string');
		}
		expectNoKey(result.error?.message, result.error?.description, result.error ? [] : result.output('Node'));
	});

	it('Upload File › Upload Media (a 1×1 PNG): the signed URL serves the same bytes', async () => {
		const [item] = outputOf(await run('runningHubUploadFile', { operation: 'uploadMedia' }, [PNG]));
		expect(String(item.json.url)).toMatch(/^https?:\/\//);
		const served = Buffer.from(await (await fetch(String(item.json.url))).arrayBuffer());
		expect(served.equals(Buffer.from(String(PNG.base64), 'base64'))).toBe(true);
		expectNoKey(item);
	});

	it('Upload File › Upload Resource (a 1×1 PNG): a file name for loader nodes', async () => {
		const [item] = outputOf(await run('runningHubUploadFile', { operation: 'uploadResource' }, [PNG]));
		expect(String(item.json.fileName)).toMatch(/\S/);
		expectNoKey(item);
	});
});

describe(`RunningHub live smoke, paid (RUNNINGHUB_LIVE_PAID=1, max price ${cfg.maxPrice ?? 'not set'})`, () => {
	(cfg.paid ? it : it.skip)(`Standard Model › Generate ${cfg.paidModel} under the Max Price guard, waits, downloads the output`, async () => {
		const parameters = {
			...catalogParameters(cfg.paidModel, {}, { options: { maxPrice: cfg.maxPrice } }),
			modelParameters: mapped({ prompt: 'a small red circle on a white background' }),
			waitingOptions: { pollInterval: 5, timeoutMinutes: 15 },
			downloadOutputs: true,
		};
		const [item] = outputOf(await run('runningHubStandardModel', parameters));
		expect(item.json).toMatchObject({ status: 'SUCCESS', taskId: expect.stringMatching(/^\d{15,20}$/) });
		expect(Object.keys(item.binary ?? {}).length + ((item.json.texts as unknown[] | undefined)?.length ?? 0)).toBeGreaterThan(0);
		expectNoKey(item.json);
	});
});
