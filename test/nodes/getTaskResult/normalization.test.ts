/**
 * Shapes where RunningHub's sources disagree, read into the one result shape (API.md §19):
 * `outputType` as a kind ("image", official contract) or an extension ("png", Go SDK
 * fixtures), `failedReason` as an object or as JSON text, `task_id` next to `taskId`, and the
 * insufficient-balance codes 605 / 1620 a third-party client meets.
 */
import type { INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { RunningHubGetTaskResult } from '../../../nodes/RunningHubGetTaskResult/RunningHubGetTaskResult.node';
import { configureRetryTiming } from '../../../nodes/shared/utils/timing';
import { runWorkflow } from '../../support/harness';
import { API, TEST_KEY } from '../../support/probeNode';
import { catalogParameters, runModel } from '../../support/standardModelRun';

const TASK = '1910246754753896450';
const CDN = 'https://rh-images.xiaoyaoyou.com';
const credentials = { site: 'ai', apiKey: TEST_KEY };

function getResult(parameters: INodeParameters = {}) {
	return runWorkflow({
		nodeTypes: { runningHubGetTaskResult: new RunningHubGetTaskResult() },
		nodes: [{ name: 'Task', type: 'n8n-nodes-runninghub.runningHubGetTaskResult', parameters: { taskId: TASK, waitMode: 'none', downloadOutputs: false, ...parameters } }],
		credentials: { runningHubApi: credentials },
	});
}

describe('normalisation of query answers', () => {
	beforeAll(() => {
		nock.disableNetConnect();
		configureRetryTiming({ baseDelayMs: 5, maxDelayMs: 20 });
	});
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('outputType as a kind ("image", official contract): the file type comes from the URL', async () => {
		nock(API)
			.post('/openapi/v2/query')
			.reply(200, {
				status: 'SUCCESS',
				results: [
					{ url: `${CDN}/output/ComfyUI_0001.webp?sign=abc`, outputType: 'image' },
					{ url: `${CDN}/output/clip.mp4`, outputType: 'video' },
					{ url: `${CDN}/output/mesh.glb`, outputType: '3d' },
					{ url: `${CDN}/output/ComfyUI_0002.png`, outputType: 'png' },
				],
			});
		const result = await getResult();
		expect(result.error).toBeUndefined();
		expect(result.output('Task')[0].json.files).toEqual([
			{ url: `${CDN}/output/ComfyUI_0001.webp?sign=abc`, type: 'webp', fileName: 'ComfyUI_0001.webp' },
			{ url: `${CDN}/output/clip.mp4`, type: 'mp4', fileName: 'clip.mp4' },
			{ url: `${CDN}/output/mesh.glb`, type: 'glb', fileName: 'mesh.glb' },
			{ url: `${CDN}/output/ComfyUI_0002.png`, type: 'png', fileName: 'ComfyUI_0002.png' },
		]);
		// A query answer without taskId keeps the id that was asked for.
		expect(result.output('Task')[0].json.taskId).toBe(TASK);
	});

	it('a kind with no extension in the URL leaves the type empty rather than calling it "image"', async () => {
		nock(API).post('/openapi/v2/query').reply(200, { taskId: TASK, status: 'SUCCESS', errorCode: '', results: [{ url: `${CDN}/output/abc123`, outputType: 'image' }] });
		const result = await getResult();
		expect(result.output('Task')[0].json.files).toEqual([{ url: `${CDN}/output/abc123`, type: '', fileName: 'output_0' }]);
	});

	it('failedReason sent as JSON text is parsed: the failure names the node and the exception', async () => {
		const reason = { node_name: 'KSampler', node_id: '3', exception_type: 'torch.OutOfMemoryError', exception_message: 'CUDA out of memory', traceback: '["line 1","line 2"]' };
		nock(API).post('/openapi/v2/query').reply(200, { taskId: TASK, status: 'FAILED', errorCode: '805', errorMessage: 'CUDA out of memory', results: null, failedReason: JSON.stringify(reason) });
		const result = await getResult();
		expect(result.error?.message).toBe(`RunningHub 805 APIKEY_TASK_STATUS_ERROR: Task ${TASK} failed in node "KSampler" (#3).`);
		expect(result.error?.description).toContain('RunningHub said: torch.OutOfMemoryError: CUDA out of memory');
	});

	it('failedReason as a plain sentence becomes the exception message', async () => {
		nock(API).post('/openapi/v2/query').reply(200, { taskId: TASK, status: 'FAILED', errorCode: '', errorMessage: '', failedReason: 'The model service timed out' });
		const result = await getResult();
		expect(result.error?.description).toContain('RunningHub said: The model service timed out');
	});

	it('task_id in place of taskId (official contract: "some implementations may also return task_id")', async () => {
		nock(API).post('/openapi/v2/query').reply(200, `{"task_id":${TASK},"status":"SUCCESS","results":[{"url":"${CDN}/output/a.png","outputType":"image"}]}`, { 'Content-Type': 'application/json' });
		const result = await getResult();
		expect(result.output('Task')[0].json).toMatchObject({ taskId: TASK, status: 'SUCCESS', files: [{ type: 'png' }] });
	});

	it('a Standard Model submit answered with task_id only is followed by its query', async () => {
		const api = nock(API)
			.post('/openapi/v2/rhart-image-g-2/text-to-image')
			.reply(200, { task_id: TASK })
			.post('/openapi/v2/query', { taskId: TASK })
			.reply(200, { status: 'SUCCESS', results: [{ outputUrl: `${CDN}/output/cat.jpeg`, outputType: 'image' }] });
		const result = await runModel(catalogParameters('rhart-image-g-2/text-to-image', { prompt: 'a cat' }, { downloadOutputs: false, waitingOptions: { maxConcurrency: 1, pollInterval: 0.05 } }), { credentials });
		expect(result.error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(result.output('Model')[0].json).toMatchObject({ taskId: TASK, status: 'SUCCESS', files: [{ url: `${CDN}/output/cat.jpeg`, type: 'jpeg', fileName: 'cat.jpeg' }] });
	});
});

describe('insufficient balance: 605 and 1620', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('1620 on a Standard Model submit is a clear, non-retried error', async () => {
		const api = nock(API).post('/openapi/v2/rhart-image-g-2/text-to-image').once().reply(200, { taskId: '', status: '', errorCode: '1620', errorMessage: 'balance not enough' });
		const result = await runModel(catalogParameters('rhart-image-g-2/text-to-image', { prompt: 'a cat' }, { waitingOptions: { maxConcurrency: 1 } }), { credentials });
		expect(api.isDone()).toBe(true);
		expect(result.error?.message).toBe('RunningHub 1620 INSUFFICIENT_BALANCE: The account balance is too low for this task.');
		expect(result.error?.description).toContain('Top up the RunningHub account');
		expect(result.error?.description).toContain('RunningHub said: balance not enough');
	});

	it('605 in a v1 envelope (account info) reads the same', async () => {
		nock(API).post('/uc/openapi/accountStatus').reply(200, { code: 605, msg: 'INSUFFICIENT_BALANCE', data: null });
		const result = await runWorkflow({
			nodeTypes: { runningHubGetTaskResult: new RunningHubGetTaskResult() },
			nodes: [{ name: 'Task', type: 'n8n-nodes-runninghub.runningHubGetTaskResult', parameters: { resource: 'account', operation: 'getInfo' } }],
			credentials: { runningHubApi: credentials },
		});
		expect(result.error?.message).toBe('RunningHub 605 INSUFFICIENT_BALANCE: The account balance is too low for this task.');
	});
});
