import nock from 'nock';

import { runWorkflow } from '../support/harness';
import { API, probe, TEST_KEY } from '../support/probeNode';

describe('transport smoke', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());

	it('sends v1 body key and Bearer, parses a bare 19-digit task id exactly', async () => {
		const scope = nock(API)
			.post('/task/openapi/create', (body) => body.apiKey === TEST_KEY && body.workflowId === '1904136902449209346')
			.matchHeader('authorization', `Bearer ${TEST_KEY}`)
			.reply(200, '{"code":0,"msg":"success","data":{"taskId":1910246754753896450,"taskStatus":"QUEUED"}}', { 'Content-Type': 'application/json' });
		const result = await runWorkflow(probe('/task/openapi/create', { kind: 'submit', body: JSON.stringify({ workflowId: '1904136902449209346' }) }));
		expect(result.error).toBeUndefined();
		expect(result.output('Probe')[0].json.data).toEqual({ taskId: '1910246754753896450', taskStatus: 'QUEUED' });
		expect(scope.isDone()).toBe(true);
	});
});
