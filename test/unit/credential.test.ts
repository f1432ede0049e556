import type { IHttpRequestOptions } from 'n8n-workflow';

import { authenticateRunningHub, RunningHubApi } from '../../credentials/RunningHubApi.credentials';
import { siteBaseUrl } from '../../nodes/shared/transport/request';
import { testCredential } from '../support/credentialTester';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createEmulator, KEYS } = require('../emulator');

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

		it('GET: no body and never a query-string key', async () => {
			const out = await auth({ url: '/api/webapp/apiCallDemo', method: 'GET', qs: { webappId: '1' } });
			expect(out.body).toBeUndefined();
			expect(out.qs).toEqual({ webappId: '1' });
			expect(JSON.stringify(out.qs)).not.toContain(KEY);
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

	describe('credential test against the emulator', () => {
		let emu: { url: string; close: () => Promise<void>; log: Array<{ path: string; query: Record<string, string> }> };
		beforeAll(async () => {
			emu = await createEmulator({});
		});
		afterAll(async () => emu.close());
		const creds = (apiKey: string) => ({ site: 'custom', baseUrl: emu.url, apiKey });

		it('passes with a good key', async () => {
			expect(await testCredential(creds(KEYS.consumer))).toEqual({ status: 'OK', message: 'Connection tested successfully' });
			expect(emu.log.at(-1)?.path).toBe('/uc/openapi/accountStatus');
		});

		it('says a wrong key is unknown', async () => {
			const outcome = await testCredential(creds(KEYS.unknown));
			expect(outcome.status).toBe('Error');
			expect(outcome.message).toContain('does not know this API key');
		});

		it('says a key from the other site most likely belongs there', async () => {
			const outcome = await testCredential(creds(KEYS.otherSite));
			expect(outcome.status).toBe('Error');
			expect(outcome.message).toContain('other RunningHub site');
		});

		it('explains that free accounts cannot use the API', async () => {
			expect((await testCredential(creds(KEYS.free))).message).toContain('Free RunningHub accounts');
		});

		it('never puts the key into a URL', () => {
			for (const entry of emu.log) expect(JSON.stringify(entry.query ?? {})).not.toMatch(/[0-9a-f]{32}/);
		});
	});
});
