/**
 * With "Verify Through API" off, the Trigger's file URLs come from the callback body: anyone
 * holding the URL's token could name any address. SECURITY.md ("SSRF via result URLs",
 * "oversize answers"): such downloads follow the same rules as every other one, the event
 * still starts its execution (saying why the files are missing), and what is shown or
 * logged has the URL's secrets redacted.
 */
import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { configureRetryTiming } from '../../../nodes/shared/utils/timing';
import { chunkedStream } from '../../support/nodeStreams';
import { FakeTrigger, SECRET, taskEnd } from './context';

const ID = '1904163390028185602';
const params = { verifyThroughApi: false, downloadOutputs: true, binaryProperty: 'file' };
const withToken = { query: { token: SECRET } };

function eventWith(fileUrl: string): IDataObject {
	return taskEnd(ID, { code: 0, msg: 'success', data: [{ fileUrl, fileType: 'png', taskCostTime: '1', nodeId: '9' }] });
}

beforeAll(() => {
	nock.disableNetConnect();
	configureRetryTiming({ baseDelayMs: 5, maxDelayMs: 20 });
});
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Trigger downloads named by an unverified callback', () => {
	it('does not fetch a plain-http cloud metadata URL; starts the execution with the reason, secrets redacted', async () => {
		const metadata = nock('http://169.254.169.254').get('/latest/meta-data/iam.png').query(true).reply(200, 'role credentials');
		const trigger = new FakeTrigger({ params });
		const res = await trigger.call({ body: eventWith('http://169.254.169.254/latest/meta-data/iam.png?token=leaked-trigger-secret&signature=leaked-sig'), ...withToken });
		expect(res.status).toBe(200);
		expect(res.items).toHaveLength(1);
		expect(res.items?.[0].binary).toBeUndefined();
		expect(res.items?.[0].json.downloadError).toBe(
			'RunningHub DOWNLOAD_REFUSED: Output file "iam.png" was not downloaded: its URL http://169.254.169.254/latest/meta-data/iam.png?token=***&signature=*** uses plain http ' +
				"(only https is allowed, except for the credential's custom Base URL). Output files are downloaded only over https from public hosts. A local or private file server works only as the credential's custom Base URL. " +
				'With Verify Through API off, a callback can name any URL: turn verification on.',
		);
		expect(res.items?.[0].json.files).toEqual([expect.objectContaining({ url: 'http://169.254.169.254/latest/meta-data/iam.png?token=***&signature=***' })]);
		expect(metadata.isDone()).toBe(false);
		const logs = trigger.logs.map((line) => `${line.level} ${line.message}`);
		expect(logs).toEqual(
			expect.arrayContaining([
				expect.stringContaining('warn RunningHub download of "iam.png" refused: http://169.254.169.254/latest/meta-data/iam.png?token=***&signature=*** uses plain http'),
				expect.stringContaining('warn RunningHub Trigger: downloading outputs of task 1904163390028185602 failed: RunningHub DOWNLOAD_REFUSED'),
			]),
		);
		expect(logs.join('\n')).not.toMatch(/leaked-/);
	});

	it('does not fetch an https URL on a private network either', async () => {
		const internal = nock('https://10.0.0.8').get('/admin.png').reply(200, 'internal page');
		const trigger = new FakeTrigger({ params });
		const res = await trigger.call({ body: eventWith('https://10.0.0.8/admin.png'), ...withToken });
		expect(res.items?.[0].json.downloadError).toContain('its URL https://10.0.0.8/admin.png points to 10.0.0.8, a private network address');
		expect(internal.isDone()).toBe(false);
	});

	it('stops a public download at Max Download Size', async () => {
		nock('https://cdn.example.com').get('/big.png').reply(200, () => chunkedStream(Buffer.alloc(1024 * 1024 + 1)) as never);
		const trigger = new FakeTrigger({ params: { ...params, maxDownloadMb: 1 } });
		const res = await trigger.call({ body: eventWith('https://cdn.example.com/big.png'), ...withToken });
		expect(res.items?.[0].binary).toBeUndefined();
		expect(res.items?.[0].json.downloadError).toContain('RunningHub DOWNLOAD_TOO_LARGE: Output file "big.png" is larger than Max Download Size (1 MB); the download was stopped.');
	});
});
