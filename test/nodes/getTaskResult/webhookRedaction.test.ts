/**
 * Get Task Result › Webhook Event prints what RunningHub stored for a task's callback. The
 * stored `webhookUrl` carries secrets: `?token=` (the RunningHub Trigger's secret), `rhToken`
 * and `signature` ("Resume on Callback": this package's HMAC and n8n's signed resume URL),
 * sometimes an `apiKey`. SECURITY.md ("trigger secret", "resume token"): none of them may
 * reach the node's output; the request to RunningHub still carries the real URL.
 */
import type { INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { RunningHubGetTaskResult } from '../../../nodes/RunningHubGetTaskResult/RunningHubGetTaskResult.node';
import { configureRetryTiming } from '../../../nodes/shared/utils/timing';
import { runWorkflow } from '../../support/harness';
import { API, TEST_KEY } from '../../support/probeNode';

const TASK = '1904163390028185602';
const WEBHOOK_ID = '1904163390028185777';
// Built at run time so no secret-looking literal sits in the source.
const SECRETS = {
	token: ['trigger', 'secret', '7d1f0a9c'].join('-'),
	rhToken: ['resume', 'hmac', 'Qx3b9_', 'Zk2'].join('-'),
	signature: ['n8n', 'resume', 'sig', '77aa00'].join('-'),
	apiKey: 'a0b1c2d3e4f5a6b7'.repeat(2),
};
const RESUME_URL = `https://n8n.example.com/webhook-waiting/812?signature=${SECRETS.signature}&rhToken=${SECRETS.rhToken}`;
const TRIGGER_URL = `https://n8n.example.com/webhook/3b1e/callback?token=${SECRETS.token}`;

function run(parameters: INodeParameters) {
	return runWorkflow({
		nodeTypes: { runningHubGetTaskResult: new RunningHubGetTaskResult() },
		nodes: [{ name: 'Node', type: 'n8n-nodes-runninghub.runningHubGetTaskResult', parameters }],
		credentials: { runningHubApi: { site: 'ai', apiKey: TEST_KEY } },
	});
}

/** getWebhookDetail as documented (API.md §9.2), with the secrets where RunningHub keeps them. */
function detail(webhookUrl: string, extra: Record<string, unknown> = {}) {
	return {
		code: 0,
		msg: 'success',
		data: {
			id: WEBHOOK_ID,
			userApiKey: 'a0b1****c4d5',
			taskId: TASK,
			webhookUrl,
			eventData: '{"code":0,"msg":"success","data":[]}',
			callbackStatus: 'FAILED',
			callbackResponse: `I/O error on POST request for "${TRIGGER_URL}": Read timed out`,
			retryCount: 3,
			createTime: '2025-03-25T16:05:07',
			updateTime: '2025-03-25T16:06:07',
			...extra,
		},
	};
}

function leaked(value: unknown): string[] {
	const text = JSON.stringify(value);
	return Object.entries(SECRETS).flatMap(([name, secret]) => (text.includes(secret) ? [name] : []));
}

describe('Webhook Event output: secrets in URLs are redacted', () => {
	beforeAll(() => {
		nock.disableNetConnect();
		configureRetryTiming({ baseDelayMs: 5, maxDelayMs: 20 });
	});
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('Get: the resume URL (signature, rhToken), the Trigger URL (token) and an apiKey, also URL-encoded inside another URL', async () => {
		const nested = `https://relay.example.com/forward?to=${encodeURIComponent(`${TRIGGER_URL}&apiKey=${SECRETS.apiKey}`)}`;
		nock(API).post('/task/openapi/getWebhookDetail').reply(200, detail(RESUME_URL, { eventData: `not json: posted to ${nested}` }));
		const result = await run({ resource: 'webhookEvent', operation: 'get', taskId: TASK });
		expect(result.error).toBeUndefined();
		const json = result.output('Node')[0].json;
		expect(json.webhookUrl).toBe('https://n8n.example.com/webhook-waiting/812?signature=***&rhToken=***');
		expect(json.callbackResponse).toBe('I/O error on POST request for "https://n8n.example.com/webhook/3b1e/callback?token=***": Read timed out');
		expect(json.eventData).toBe('not json: posted to https://relay.example.com/forward?to=https%3A%2F%2Fn8n.example.com%2Fwebhook%2F3b1e%2Fcallback%3Ftoken%3D***%26apiKey%3D***');
		expect(leaked(json)).toEqual([]);
	});

	it('Get: a plain apiKey query value', async () => {
		nock(API).post('/task/openapi/getWebhookDetail').reply(200, detail(`https://hooks.example.com/rh?apiKey=${SECRETS.apiKey}&run=1`));
		const result = await run({ resource: 'webhookEvent', operation: 'get', taskId: TASK });
		expect(result.output('Node')[0].json.webhookUrl).toBe('https://hooks.example.com/rh?apiKey=***&run=1');
	});

	it('Resend: RunningHub gets the real URL, the output shows it redacted', async () => {
		nock(API).post('/task/openapi/getWebhookDetail').reply(200, detail(RESUME_URL));
		const resend = nock(API).post('/task/openapi/retryWebhook', { webhookId: WEBHOOK_ID, webhookUrl: TRIGGER_URL, apiKey: TEST_KEY }).reply(200, { code: 0, msg: '', data: null });
		const result = await run({ resource: 'webhookEvent', operation: 'resend', taskId: TASK, webhookUrl: TRIGGER_URL });
		expect(resend.isDone()).toBe(true);
		expect(result.output('Node')[0].json).toEqual({ taskId: TASK, webhookId: WEBHOOK_ID, webhookUrl: 'https://n8n.example.com/webhook/3b1e/callback?token=***', resent: true });
	});

	it('Resend to the original URL: the output shows it redacted', async () => {
		nock(API).post('/task/openapi/getWebhookDetail').reply(200, detail(RESUME_URL));
		nock(API).post('/task/openapi/retryWebhook').reply(200, { code: 0, msg: '', data: null });
		const result = await run({ resource: 'webhookEvent', operation: 'resend', taskId: TASK });
		expect(result.output('Node')[0].json.webhookUrl).toBe('https://n8n.example.com/webhook-waiting/812?signature=***&rhToken=***');
	});
});
