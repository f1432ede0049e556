/**
 * The same trigger, run through n8n-core's real WebhookContext and HookContext-equivalent
 * plumbing (real static data observable, real credential lookup + authenticate, real HTTP
 * helpers, real binary store). This pins down what the fake context cannot: which helpers
 * a webhook really gets, and that static-data writes mark the workflow for saving.
 */
import { Container } from '@n8n/di';
import { BinaryDataService, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import nock from 'nock';

import { RunningHubTrigger } from '../../../nodes/RunningHubTrigger/RunningHubTrigger.node';
import { forgetProcessDeliveries } from '../../../nodes/shared/callbacks/dedupe';
import { configureRetryTiming } from '../../../nodes/shared/utils/timing';
import { API, SECRET, SUCCESS_DATA, TEST_KEY, taskEnd } from './context';
import { runWorkflow } from '../../support/harness';
import { TestNodeTypes } from '../../support/n8nFakes';
import type { SentResponse as Sent } from '../../support/triggerWebhookContext';
import { triggerWebhookContext } from '../../support/triggerWebhookContext';

const ID = '1904163390028185602';
const TYPE = 'n8n-nodes-runninghub.runningHubTrigger';




type N8nLine = '1.x' | '2.x';

let workflows = 0;

/**
 * A production n8n instance's view of one active workflow, following `LiveWebhooks` and
 * `WebhookHelpers.executeWebhook` (n8n 1.123 / 2.41): load the workflow with its persisted
 * static data, run webhook(), then save static data in the response callback — called right
 * away when the node answered itself (`noWebhookResponse`), otherwise (onReceived with
 * workflowData) only after `WorkflowRunner.run()`, which on 2.x first builds a second
 * Workflow over the same static-data object (`establishContextForPersistence`).
 */
class RealWorkflow {
	readonly trigger = new RunningHubTrigger();
	persistedStaticData: IDataObject = {};
	private readonly node: INode;
	private readonly id = `wf-real-${++workflows}`;

	constructor(
		parameters: IDataObject,
		private readonly line: N8nLine = '2.x',
	) {
		const withDefaults = NodeHelpers.getNodeParameters(this.trigger.description.properties, parameters as never, true, false, { typeVersion: 1 } as INode, this.trigger.description) as IDataObject;
		this.node = {
			id: 'trigger-1',
			name: 'RunningHub Trigger',
			type: TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: withDefaults as INode['parameters'],
			credentials: { runningHubApi: { id: 'cred-1', name: 'RunningHub' } },
			webhookId: '3b1e0c3a-7f7e-4c55-9d0e-1b2c3d4e5f60',
		};
	}

	private workflowOver(staticData: IDataObject): Workflow {
		return new Workflow({ id: this.id, name: 'trigger', nodes: [this.node], connections: {}, nodeTypes: new TestNodeTypes(this.trigger), active: true, staticData, settings: {} });
	}

	async post(request: { rawBody: string; query?: IDataObject; headers?: IDataObject }): Promise<{ sent: Sent; result: IWebhookResponseData; ctx: WebhookContext }> {
		const loaded = JSON.parse(JSON.stringify(this.persistedStaticData)) as IDataObject;
		const workflow = this.workflowOver(loaded);
		const { ctx, sent } = triggerWebhookContext(workflow, this.node, this.trigger, { site: 'ai', apiKey: TEST_KEY }, {
			body: JSON.parse(request.rawBody) as IDataObject,
			rawBody: request.rawBody,
			query: request.query ?? {},
			headers: request.headers ?? {},
		});
		const result = await this.trigger.webhook.call(ctx);

		// WorkflowStaticDataService.saveStaticData: only when the changed flag is set.
		const save = () => {
			const staticData = workflow.staticData as IDataObject & { __dataChanged?: boolean };
			if (staticData.__dataChanged === true) {
				this.persistedStaticData = JSON.parse(JSON.stringify(staticData)) as IDataObject;
				staticData.__dataChanged = false;
			}
		};
		if (result.noWebhookResponse) save();
		if (result.workflowData) {
			if (this.line === '2.x') this.workflowOver(loaded); // establishContextForPersistence
			if (!result.noWebhookResponse) save();
		} else if (!result.noWebhookResponse) {
			save();
		}
		return { sent, result, ctx };
	}
}

beforeAll(async () => {
	await Container.get(BinaryDataService).init();
	nock.disableNetConnect();
	configureRetryTiming({ baseDelayMs: 5, maxDelayMs: 20 });
});
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('RunningHub Trigger in a real n8n-core WebhookContext', () => {
	it('n8n 2.x drops a static-data write when a second Workflow is built over the same object (why the trigger answers itself)', () => {
		const staticData: IDataObject = {};
		const first = new Workflow({ id: 'wf', nodes: [], connections: {}, nodeTypes: new TestNodeTypes(new RunningHubTrigger()), active: true, staticData });
		first.getStaticData('node', { name: 'RunningHub Trigger' } as INode).recentTaskEnds = [`${ID}:SUCCESS`];
		expect((first.staticData as { __dataChanged?: boolean }).__dataChanged).toBe(true);
		new Workflow({ id: 'wf', nodes: [], connections: {}, nodeTypes: new TestNodeTypes(new RunningHubTrigger()), active: true, staticData });
		expect((first.staticData as { __dataChanged?: boolean }).__dataChanged).toBe(false);
	});

	it.each<N8nLine>(['1.x', '2.x'])('has no deduplication helper, and the static-data ring is saved before the run starts (n8n %s)', async (line) => {
		const wf = new RealWorkflow({ secretToken: SECRET, verifyThroughApi: false }, line);
		const rawBody = JSON.stringify(taskEnd(ID, SUCCESS_DATA));
		const first = await wf.post({ rawBody, query: { token: SECRET } });
		expect('checkProcessedAndRecord' in first.ctx.helpers).toBe(false);
		expect(first.result.workflowData?.[0]).toHaveLength(1);
		expect(first.result.noWebhookResponse).toBe(true);
		expect(first.sent).toEqual({ status: 200, body: { received: true, started: true, taskId: ID } });
		expect(wf.persistedStaticData['node:RunningHub Trigger']).toEqual({ recentTaskEnds: [`${ID}:SUCCESS`] });

		// A restart in between: only the persisted ring can recognise the repeat.
		forgetProcessDeliveries();
		const second = await wf.post({ rawBody, headers: { 'x-runninghub-token': SECRET } });
		expect(second.result.workflowData).toBeUndefined();
		expect(second.result.webhookResponse).toMatchObject({ reason: 'duplicate' });
	});

	it('answers 401 through the real response object', async () => {
		const wf = new RealWorkflow({ secretToken: SECRET, verifyThroughApi: false });
		const { sent, result } = await wf.post({ rawBody: JSON.stringify(taskEnd(ID, SUCCESS_DATA)), query: { token: 'nope' } });
		expect(sent.status).toBe(401);
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it('answers from the request alone; the execution verifies through the real credential and HTTP helpers and stores downloads in the real binary store', async () => {
		const query = nock(API)
			.post('/openapi/v2/query', (b) => b.taskId === ID)
			.matchHeader('authorization', `Bearer ${TEST_KEY}`)
			.reply(200, `{"taskId":${ID},"status":"SUCCESS","errorCode":"","errorMessage":"","results":[{"url":"https://rh-images.example.com/output/v.png","outputType":"png","nodeId":"9"}],"usage":{"consumeCoins":"17","taskCostTime":"83"}}`);
		const png = Buffer.from('89504e470d0a1a0a', 'hex');
		const file = nock('https://rh-images.example.com').get('/output/v.png').reply(200, png, { 'Content-Type': 'image/png' });
		const parameters = { secretToken: SECRET, downloadOutputs: true };
		const wf = new RealWorkflow(parameters);
		const { sent, result } = await wf.post({ rawBody: JSON.stringify(taskEnd(ID, SUCCESS_DATA)), query: { token: SECRET } });
		expect(sent).toEqual({ status: 200, body: { received: true, started: true, taskId: ID } });
		expect(query.isDone() || file.isDone()).toBe(false);

		// n8n starts the execution with webhook()'s items as the trigger's input.
		const run = await runWorkflow({
			nodeTypes: { runningHubTrigger: wf.trigger },
			nodes: [{ name: 'RunningHub Trigger', type: TYPE, parameters }],
			triggerStart: true,
			items: result.workflowData?.[0],
			credentials: { runningHubApi: { site: 'ai', apiKey: TEST_KEY } },
			mode: 'webhook',
		});
		expect(query.isDone()).toBe(true);
		expect(file.isDone()).toBe(true);
		const item = run.output('RunningHub Trigger')[0];
		expect(item?.json).toMatchObject({ taskId: ID, status: 'SUCCESS', files: [{ url: 'https://rh-images.example.com/output/v.png' }] });
		expect(item?.binary?.data).toMatchObject({ mimeType: 'image/png', fileName: 'v.png' });
		// Streamed into n8n's binary store (filesystem mode in tests), not held as base64.
		expect(item?.binary?.data.id).toMatch(/^filesystem-v2:/);
		expect(item?.binary?.data.bytes).toBe(png.length);
	});
});
