import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { RunningHubGetTaskResult } from '../../../nodes/RunningHubGetTaskResult/RunningHubGetTaskResult.node';
import { configureRetryTiming } from '../../../nodes/shared/utils/timing';
import { runWorkflow } from '../../support/harness';
import { API, TEST_KEY } from '../../support/probeNode';

const TASK = '1904163390028185602';
const WEBHOOK_ID = '1904163390028185777';

function run(parameters: INodeParameters, options: { items?: INodeExecutionData[]; continueOnFail?: boolean } = {}) {
	return runWorkflow({
		nodeTypes: { runningHubGetTaskResult: new RunningHubGetTaskResult() },
		nodes: [{ name: 'Node', type: 'n8n-nodes-runninghub.runningHubGetTaskResult', parameters, continueOnFail: options.continueOnFail }],
		credentials: { runningHubApi: { site: 'ai', apiKey: TEST_KEY } },
		items: options.items,
	});
}

const eventData = JSON.stringify({ code: 0, msg: 'success', data: [{ fileUrl: 'https://rh-images.xiaoyaoyou.com/x/ComfyUI_00033.png', fileType: 'png', taskCostTime: 0, nodeId: '9' }] });
const detailBody = `{"code":0,"msg":"success","data":{"id":${WEBHOOK_ID},"userApiKey":"rh-t****0123","taskId":${TASK},"webhookUrl":"https://example.com/hook?token=abc","eventData":${JSON.stringify(eventData)},"callbackStatus":"FAILED","callbackResponse":"I/O error on POST request: Read timed out","retryCount":3,"createTime":"2025-03-25T16:05:07","updateTime":"2025-03-25T16:06:07"}}`;

describe('Get Task Result: webhook events', () => {
	beforeAll(() => {
		nock.disableNetConnect();
		configureRetryTiming({ baseDelayMs: 5, maxDelayMs: 20 });
	});
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('Get returns the event with exact ids, the parsed event data and the normalized result', async () => {
		const scope = nock(API).post('/task/openapi/getWebhookDetail', { taskId: TASK, apiKey: TEST_KEY }).reply(200, detailBody, { 'Content-Type': 'application/json' });
		const result = await run({ resource: 'webhookEvent', operation: 'get', taskId: TASK });
		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		const json = result.output('Node')[0].json;
		expect(json).toMatchObject({
			webhookId: WEBHOOK_ID,
			taskId: TASK,
			// The Trigger secret in the URL is not shown (redaction: webhookRedaction.test.ts).
			webhookUrl: 'https://example.com/hook?token=***',
			callbackStatus: 'FAILED',
			callbackResponse: 'I/O error on POST request: Read timed out',
			retryCount: 3,
			createTime: '2025-03-25T16:05:07',
			eventData: JSON.parse(eventData),
			result: { taskId: TASK, status: 'SUCCESS', files: [{ fileName: 'ComfyUI_00033.png', type: 'png', nodeId: '9' }] },
		});
		expect(json).not.toHaveProperty('userApiKey');
	});

	it('Get for a task without a webhook (code 1) says so', async () => {
		nock(API).post('/task/openapi/getWebhookDetail').reply(200, { code: 1, msg: 'webhook event not exists', data: null });
		const result = await run({ resource: 'webhookEvent', operation: 'get', taskId: TASK });
		expect(result.error?.message).toBe(`RunningHub 1 WEBHOOK_EVENT_NOT_FOUND: Task ${TASK} has no webhook event.`);
		expect(result.error?.description).toContain('webhook event not exists');
	});

	it('Resend sends the webhook id from the detail and the new URL', async () => {
		nock(API).post('/task/openapi/getWebhookDetail').reply(200, detailBody, { 'Content-Type': 'application/json' });
		const retry = nock(API).post('/task/openapi/retryWebhook', { webhookId: WEBHOOK_ID, webhookUrl: 'https://n8n.example.com/webhook/rh', apiKey: TEST_KEY }).reply(200, { code: 0, msg: '', data: null });
		const result = await run({ resource: 'webhookEvent', operation: 'resend', taskId: TASK, webhookUrl: 'https://n8n.example.com/webhook/rh' });
		expect(result.error).toBeUndefined();
		expect(retry.isDone()).toBe(true);
		expect(result.output('Node')[0].json).toEqual({ taskId: TASK, webhookId: WEBHOOK_ID, webhookUrl: 'https://n8n.example.com/webhook/rh', resent: true });
	});

	it('Resend without a new URL resends to the original one', async () => {
		nock(API).post('/task/openapi/getWebhookDetail').reply(200, detailBody, { 'Content-Type': 'application/json' });
		const retry = nock(API)
			.post('/task/openapi/retryWebhook', (body) => body.webhookId === WEBHOOK_ID && !('webhookUrl' in body))
			.reply(200, { code: 0, msg: '', data: null });
		const result = await run({ resource: 'webhookEvent', operation: 'resend', taskId: TASK });
		expect(retry.isDone()).toBe(true);
		expect(result.output('Node')[0].json.webhookUrl).toBe('https://example.com/hook?token=***');
	});

	it('Resend rejects a bad URL before any request, and is not repeated after an ambiguous failure', async () => {
		const detail = nock(API).post('/task/openapi/getWebhookDetail').reply(200, detailBody, { 'Content-Type': 'application/json' });
		const bad = await run({ resource: 'webhookEvent', operation: 'resend', taskId: TASK, webhookUrl: 'ftp://example.com/x' });
		expect(bad.error?.message).toBe('The "New Webhook URL" field is not a valid http(s) URL');
		expect(detail.isDone()).toBe(false);

		const retry = nock(API).post('/task/openapi/retryWebhook').reply(500, { timestamp: 'x', status: 500, error: 'Internal Server Error' });
		const second = nock(API).post('/task/openapi/retryWebhook').reply(200, { code: 0, msg: '', data: null });
		const ambiguous = await run({ resource: 'webhookEvent', operation: 'resend', taskId: TASK });
		expect(retry.isDone()).toBe(true);
		expect(second.isDone()).toBe(false);
		expect(ambiguous.error?.message).toBe('RunningHub HTTP_500: RunningHub or a proxy answered HTTP 500.');
	});
});

describe('Get Task Result: account', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('Get Info parses the string numbers, keeps null as null, and sends the key as lowercase apikey', async () => {
		const scope = nock(API)
			.post('/uc/openapi/accountStatus', { apikey: TEST_KEY })
			.reply(200, { code: 0, msg: 'success', data: { remainCoins: '99999', currentTaskCounts: '2', remainMoney: null, currency: null, apiType: 'NORMAL' } });
		const result = await run({ resource: 'account', operation: 'getInfo' });
		expect(scope.isDone()).toBe(true);
		expect(result.output('Node')).toEqual([{ json: { remainCoins: 99999, currentTaskCounts: 2, remainMoney: null, currency: null, apiType: 'NORMAL' }, pairedItem: { item: 0 } }]);
	});

	it('Get Info for a shared key has money and currency', async () => {
		nock(API).post('/uc/openapi/accountStatus').reply(200, { code: 0, msg: 'success', data: { remainCoins: '0', currentTaskCounts: '0', remainMoney: '999.50', currency: 'CNY', apiType: 'SHARED' } });
		const result = await run({ resource: 'account', operation: 'getInfo' });
		expect(result.output('Node')[0].json).toEqual({ remainCoins: 0, currentTaskCounts: 0, remainMoney: 999.5, currency: 'CNY', apiType: 'SHARED' });
	});

	it('Get Info with a wrong key gives the 806 explanation without the key', async () => {
		nock(API).post('/uc/openapi/accountStatus').reply(200, { code: 806, msg: 'APIKEY_USER_NOT_FOUND', data: null });
		const result = await run({ resource: 'account', operation: 'getInfo' });
		expect(result.error?.message).toBe('RunningHub 806 APIKEY_USER_NOT_FOUND: RunningHub does not know this API key.');
		expect(String(result.error?.description)).not.toContain(TEST_KEY);
	});

	it('Get Queue Status uses GET with Bearer only and parses the counts', async () => {
		const scope = nock(API)
			.get('/openapi/v2/queue/status')
			.matchHeader('authorization', `Bearer ${TEST_KEY}`)
			.reply(200, { code: 0, msg: 'success', data: { apiKeyType: 'SHARED', concurrentLimit: '50', runningCount: 3, queuedCount: '1', totalCurrentTasks: 4, instanceCount: 0 } });
		const result = await run({ resource: 'account', operation: 'getQueueStatus' });
		expect(scope.isDone()).toBe(true);
		expect(result.output('Node')[0].json).toEqual({ apiKeyType: 'SHARED', concurrentLimit: 50, runningCount: 3, queuedCount: 1, totalCurrentTasks: 4, instanceCount: 0 });
	});
});
