import type { IHttpRequestOptions } from 'n8n-workflow';

import { authenticateRunningHub, RunningHubApi } from '../../credentials/RunningHubApi.credentials';
import { siteBaseUrl } from '../../nodes/shared/transport/request';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { evaluateCredentialExpression } = require('../support/credentialExpression') as {
	evaluateCredentialExpression: (expression: string, credentials: Record<string, string>) => unknown;
};

const KEY = ['unit', 'credential', 'value'].join('-');

describe('RunningHub API credential', () => {
	describe('authenticate', () => {
		const auth = (options: IHttpRequestOptions) => authenticateRunningHub({ apiKey: ` ${KEY} `, site: 'ai' }, options);

		it('v1: key in the JSON body and as Bearer', async () => {
			const out = await auth({ url: '/task/openapi/create', method: 'POST', body: { workflowId: '1' } });
			expect(out.body).toEqual({ workflowId: '1', apiKey: KEY });
			expect(out.headers).toEqual({ Authorization: `Bearer ${KEY}` });
		});

		it('account status uses lowercase apikey', async () => {
			const out = await auth({ url: '/uc/openapi/accountStatus', method: 'POST', body: {} });
			expect(out.body).toEqual({ apikey: KEY });
		});

		it('v2: Bearer only, body untouched', async () => {
			const out = await auth({ url: '/openapi/v2/query', method: 'POST', body: { taskId: '1' } });
			expect(out.body).toEqual({ taskId: '1' });
			expect(out.headers).toEqual({ Authorization: `Bearer ${KEY}` });
		});

		it('GET apiCallDemo: the key as the apiKey query parameter, no Bearer (API.md §5.3, as RunningHub\'s own clients call it)', async () => {
			const out = await auth({ url: '/api/webapp/apiCallDemo', method: 'GET', qs: { webappId: '1' } });
			expect(out.body).toBeUndefined();
			expect(out.qs).toEqual({ webappId: '1', apiKey: KEY });
			expect(out.headers).toBeUndefined();
		});

		it('other GETs: Bearer, no body and never a query-string key', async () => {
			const out = await auth({ url: '/openapi/v2/queue/status', method: 'GET', qs: { x: '1' } });
			expect(out.body).toBeUndefined();
			expect(out.qs).toEqual({ x: '1' });
			expect(out.headers).toEqual({ Authorization: `Bearer ${KEY}` });
		});

		it('leaves multipart (FormData) bodies to the node', async () => {
			const form = new FormData();
			const out = await auth({ url: '/task/openapi/upload', method: 'POST', body: form as unknown as IHttpRequestOptions['body'] });
			expect(out.body).toBe(form);
		});
	});

	it('maps the three sites to their base URLs', () => {
		expect(siteBaseUrl({ site: 'ai' })).toBe('https://www.runninghub.ai');
		expect(siteBaseUrl({ site: 'cn' })).toBe('https://www.runninghub.cn');
		expect(siteBaseUrl({ site: 'custom', baseUrl: 'http://127.0.0.1:9/ ' })).toBe('http://127.0.0.1:9');
		const type = new RunningHubApi();
		expect(type.properties.find((p) => p.name === 'apiKey')?.typeOptions?.password).toBe(true);
	});

	// The credential test itself (request, rules and n8n's verdicts for a good, unknown,
	// other-site and free key) runs through n8n's real tester in the e2e suite
	// (test/e2e/phases/credentials.mjs: POST /rest/credentials/test against the emulator).
	it('tests the key with POST /uc/openapi/accountStatus (API.md §15) on the site of the credential', () => {
		const { request, rules } = new RunningHubApi().test;
		expect({ url: request.url, method: request.method }).toEqual({ url: '/uc/openapi/accountStatus', method: 'POST' });
		const baseUrl = (credentials: Record<string, string>) => evaluateCredentialExpression(String(request.baseURL), credentials);
		expect(baseUrl({ site: 'ai' })).toBe('https://www.runninghub.ai');
		expect(baseUrl({ site: 'cn' })).toBe('https://www.runninghub.cn');
		expect(baseUrl({ site: 'custom', baseUrl: 'http://127.0.0.1:9//' })).toBe('http://127.0.0.1:9');
		// Documented codes a bad key answers with (API.md §13.1), plus HTTP 401 of the v2 gateway.
		expect((rules ?? []).map((r) => (r.type === 'responseSuccessBody' ? [r.properties.key, r.properties.value] : [])).sort()).toEqual([
			['code', 401],
			['code', 412],
			['code', 801],
			['code', 802],
			['code', 806],
			['code', 811],
		]);
	});
});
