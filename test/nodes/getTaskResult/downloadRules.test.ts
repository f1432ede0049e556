/**
 * What an output download may fetch (SECURITY.md, "SSRF via result URLs" and "oversize
 * answers"): result URLs are untrusted, so only https to public hosts (http and private
 * hosts only for the credential's custom Base URL), redirects under the same rules, and a
 * size limit by Content-Length and by streamed bytes. Run through Get Result (Return
 * Current State) in a real n8n execution; nock plays RunningHub and the file hosts, and
 * every request that reaches no interceptor is recorded, so "nothing was requested" is
 * checked, not assumed.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { RunningHubGetTaskResult } from '../../../nodes/RunningHubGetTaskResult/RunningHubGetTaskResult.node';
import { configureRetryTiming } from '../../../nodes/shared/utils/timing';
import { logLines, runWorkflow } from '../../support/harness';
import { chunkedStream } from '../../support/nodeStreams';
import { API, TEST_KEY } from '../../support/probeNode';

const CDN = 'https://rh-images.xiaoyaoyou.com';
const MB = 1024 * 1024;

function taskId(i: number): string {
	return `1910246754753896${String(i).padStart(3, '0')}`;
}

function success(id: string, url: string) {
	return {
		taskId: id,
		status: 'SUCCESS',
		errorCode: '',
		errorMessage: '',
		results: [{ url, outputType: 'png', nodeId: '9', text: null }],
		usage: { consumeCoins: '1', taskCostTime: '1' },
	};
}

/** Get Result of one task per URL (Continue On Fail, so every item reports), on `site`. */
async function download(urls: string[], options: { credentials?: ICredentialDataDecryptedObject; waitingOptions?: IDataObject } = {}) {
	const credentials = options.credentials ?? { site: 'ai', apiKey: TEST_KEY };
	const api = credentials.site === 'custom' ? String(credentials.baseUrl) : API;
	urls.forEach((url, i) => nock(api).post('/openapi/v2/query', { taskId: taskId(i) }).reply(200, success(taskId(i), url)));
	const parameters: INodeParameters = { taskId: '={{ $json.id }}', waitMode: 'none', waitingOptions: (options.waitingOptions ?? {}) as INodeParameters };
	const items: INodeExecutionData[] = urls.map((_, i) => ({ json: { id: taskId(i) } }));
	const result = await runWorkflow({
		nodeTypes: { runningHubGetTaskResult: new RunningHubGetTaskResult() },
		nodes: [{ name: 'Task', type: 'n8n-nodes-runninghub.runningHubGetTaskResult', parameters, continueOnFail: true }],
		credentials: { runningHubApi: credentials },
		items,
	});
	expect(result.error).toBeUndefined();
	return result.output('Task');
}

/** Requests that reached no interceptor (with net connect disabled they go nowhere). */
const unmatched: string[] = [];
function recordUnmatched(req: { options?: { href?: string; host?: string; path?: string }; href?: string; path?: string; host?: string }) {
	unmatched.push(String(req.options?.href ?? req.href ?? `${req.options?.host ?? req.host}${req.options?.path ?? req.path}`));
}

describe('output downloads: where from and how much', () => {
	beforeAll(() => {
		nock.disableNetConnect();
		nock.emitter.on('no match', recordUnmatched);
		configureRetryTiming({ baseDelayMs: 5, maxDelayMs: 20 });
	});
	afterEach(() => {
		nock.cleanAll();
		unmatched.length = 0;
	});
	afterAll(() => {
		nock.emitter.removeListener('no match', recordUnmatched);
		nock.enableNetConnect();
	});

	it('refuses plain http and other schemes on a RunningHub site, sending nothing', async () => {
		const urls = ['http://rh-images.xiaoyaoyou.com/output/a.png', 'ftp://rh-images.xiaoyaoyou.com/output/b.png', 'file:///etc/passwd.png'];
		const out = await download(urls);
		expect(out.map((item) => item.json.error)).toEqual([
			expect.stringContaining('DOWNLOAD_REFUSED: Output file "a.png" was not downloaded: its URL http://rh-images.xiaoyaoyou.com/output/a.png uses plain http'),
			expect.stringContaining('its URL ftp://rh-images.xiaoyaoyou.com/output/b.png uses ftp, not https'),
			expect.stringContaining('uses file, not https'),
		]);
		expect(out.every((item) => item.binary === undefined)).toBe(true);
		expect(unmatched).toEqual([]);
	});

	it('refuses loopback, private, link-local and local-name targets, sending nothing', async () => {
		const targets: Record<string, string> = {
			'https://127.0.0.1/a.png': 'a loopback address',
			'https://127.8.9.10/a.png': 'a loopback address',
			'https://0x7f000001/a.png': 'a loopback address',
			'https://10.1.2.3/a.png': 'a private network address',
			'https://172.16.0.1/a.png': 'a private network address',
			'https://172.31.255.255/a.png': 'a private network address',
			'https://192.168.1.20/a.png': 'a private network address',
			'https://169.254.169.254/latest/meta-data.png': 'a link-local address',
			'https://100.64.0.1/a.png': 'a carrier-grade NAT address',
			'https://0.0.0.0/a.png': 'an unspecified address',
			'https://[::1]/a.png': 'a loopback address',
			'https://[::]/a.png': 'an unspecified address',
			'https://[fd12:3456::1]/a.png': 'a private network address (unique local IPv6)',
			'https://[fc00::1]/a.png': 'a private network address (unique local IPv6)',
			'https://[fe80::1]/a.png': 'a link-local address',
			'https://[::ffff:127.0.0.1]/a.png': 'a loopback address (embedded in IPv6)',
			'https://[::ffff:10.0.0.1]/a.png': 'a private network address (embedded in IPv6)',
			'https://[64:ff9b::a9fe:a9fe]/a.png': 'a link-local address (where cloud metadata services answer) (embedded in IPv6)',
			'https://localhost/a.png': 'a loopback host name',
			'https://files.localhost/a.png': 'a loopback host name',
			'https://LOCALHOST./a.png': 'a loopback host name',
			'https://metadata.google.internal/a.png': 'a local network host name',
			'https://nas.local/a.png': 'a local network host name',
			'https://intranet/a.png': 'a host name without a domain',
		};
		const urls = Object.keys(targets);
		const out = await download(urls);
		const wrong = urls.flatMap((url, i) => {
			const error = String(out[i]?.json.error ?? '');
			return error.includes('DOWNLOAD_REFUSED') && error.includes(targets[url]) && out[i].binary === undefined ? [] : [`${url}: ${error || 'downloaded'}`];
		});
		expect(wrong).toEqual([]);
		expect(unmatched).toEqual([]);
	});

	it('downloads from public https hosts, including IPv6 and public addresses next to private ranges', async () => {
		const urls = ['https://8.8.8.8/a.png', 'https://172.32.0.1/b.png', 'https://100.128.0.1/c.png', 'https://[2001:4860:4860::8888]/d.png', `${CDN}/output/e.png`];
		for (const url of urls) {
			const u = new URL(url);
			nock(u.origin).get(u.pathname).reply(200, Buffer.from(`file ${u.pathname}`), { 'Content-Type': 'image/png' });
		}
		const out = await download(urls);
		expect(out.map((item) => [item.json.error ?? null, item.binary?.data?.fileName])).toEqual([
			[null, 'a.png'],
			[null, 'b.png'],
			[null, 'c.png'],
			[null, 'd.png'],
			[null, 'e.png'],
		]);
	});

	it('follows redirects between public https hosts', async () => {
		nock(CDN).get('/output/a.png').reply(302, '', { Location: 'https://cdn2.example.com/bucket/a.png?sign=1' });
		nock('https://cdn2.example.com').get('/bucket/a.png').query({ sign: '1' }).reply(301, '', { Location: '/final/a.png' });
		nock('https://cdn2.example.com').get('/final/a.png').reply(200, Buffer.from('PNG after two hops'), { 'Content-Type': 'image/png' });
		const [item] = await download([`${CDN}/output/a.png`]);
		expect(item.json.error).toBeUndefined();
		expect(item.binary?.data).toMatchObject({ fileName: 'a.png', mimeType: 'image/png', fileSize: '18 B' });
	});

	it('refuses a redirect to a private address or to plain http, without requesting it', async () => {
		nock(CDN).get('/output/a.png').reply(302, '', { Location: 'https://169.254.169.254/latest/meta-data/' });
		nock(CDN).get('/output/b.png').reply(307, '', { Location: 'https://[::ffff:192.168.0.1]/b.png' });
		nock(CDN).get('/output/c.png').reply(301, '', { Location: 'http://rh-images.xiaoyaoyou.com/output/c.png' });
		const metadata = nock('https://169.254.169.254').get('/latest/meta-data/').reply(200, 'secret-role');
		const out = await download([`${CDN}/output/a.png`, `${CDN}/output/b.png`, `${CDN}/output/c.png`]);
		expect(out.map((item) => item.json.error)).toEqual([
			expect.stringContaining('its URL https://169.254.169.254/latest/meta-data/ points to 169.254.169.254, a link-local address'),
			expect.stringContaining('points to [::ffff:c0a8:1], a private network address (embedded in IPv6)'),
			expect.stringContaining('its URL http://rh-images.xiaoyaoyou.com/output/c.png uses plain http'),
		]);
		expect(metadata.isDone()).toBe(false);
		expect(unmatched).toEqual([]);
	});

	it('follows at most 5 redirects', async () => {
		for (let hop = 0; hop < 6; hop++) nock(CDN).get(`/hop/${hop}.png`).reply(302, '', { Location: `/hop/${hop + 1}.png` });
		const last = nock(CDN).get('/hop/6.png').reply(200, Buffer.from('never'));
		const [item] = await download([`${CDN}/hop/0.png`]);
		expect(item.json.error).toContain('its URL https://rh-images.xiaoyaoyou.com/hop/5.png redirected more than 5 times');
		expect(last.isDone()).toBe(false);
		expect(nock.pendingMocks()).toEqual([expect.stringContaining('/hop/6.png')]);
	});

	it('on a custom Base URL allows http from its own origin and any port of its private host, nothing else', async () => {
		const base = 'http://10.20.30.40:8080';
		const credentials = { site: 'custom', baseUrl: base, apiKey: TEST_KEY };
		nock(base).get('/__files/a.png').reply(200, Buffer.from('from the base origin'));
		nock('https://10.20.30.40:9443').get('/b.png').reply(200, Buffer.from('https, same host'));
		const urls = [`${base}/__files/a.png`, 'https://10.20.30.40:9443/b.png', 'http://10.20.30.40:9090/c.png', 'http://rh-images.xiaoyaoyou.com/d.png', 'https://10.20.30.41/e.png'];
		const out = await download(urls, { credentials });
		expect(out.map((item) => item.json.error ?? item.binary?.data?.fileName)).toEqual([
			'a.png',
			'b.png',
			expect.stringContaining('http://10.20.30.40:9090/c.png uses plain http'),
			expect.stringContaining('http://rh-images.xiaoyaoyou.com/d.png uses plain http'),
			expect.stringContaining('points to 10.20.30.41, a private network address'),
		]);
		expect(unmatched).toEqual([]);
	});

	it('stops at Max Download Size: by Content-Length before reading, by counted bytes when none is announced', async () => {
		const exact = Buffer.alloc(MB, 1);
		const over = Buffer.alloc(MB + 1, 2);
		nock(CDN).get('/output/announced-exact.png').reply(200, exact, { 'Content-Length': String(exact.length) });
		nock(CDN).get('/output/announced-over.png').reply(200, over, { 'Content-Length': String(over.length) });
		// No Content-Length: nock sends these chunked, so only counting can stop them.
		nock(CDN).get('/output/streamed-exact.png').reply(200, () => chunkedStream(exact) as never);
		nock(CDN).get('/output/streamed-over.png').reply(200, () => chunkedStream(over) as never);
		const names = ['announced-exact', 'announced-over', 'streamed-exact', 'streamed-over'];
		const out = await download(
			names.map((name) => `${CDN}/output/${name}.png`),
			{ waitingOptions: { maxDownloadMb: 1 } },
		);
		expect(out.map((item) => item.json.error ?? item.binary?.data?.bytes)).toEqual([
			MB,
			`RunningHub DOWNLOAD_TOO_LARGE: Output file "announced-over.png" is ${MB + 1} bytes, more than Max Download Size (1 MB); it was not downloaded.`,
			MB,
			'RunningHub DOWNLOAD_TOO_LARGE: Output file "streamed-over.png" is larger than Max Download Size (1 MB); the download was stopped.',
		]);
		expect(out[3].error?.description).toContain('Raise Max Download Size');
	});

	it('redacts the secrets of a redirect target in its log line and in the refusal', async () => {
		// Built at run time so no secret-looking literal sits in the source.
		const secrets = Object.fromEntries(['token', 'rhToken', 'signature', 'apiKey'].map((name, i) => [name, `${name}-value-${i}${i}${i}${i}`]));
		const query = new URLSearchParams(secrets).toString();
		nock(CDN).get('/output/a.png').reply(302, '', { Location: `https://cdn2.example.com/a.png?${query}` });
		nock('https://cdn2.example.com').get('/a.png').query(secrets).reply(302, '', { Location: `https://127.0.0.1/b.png?${query}` });
		const firstLog = logLines.length;
		const [item] = await download([`${CDN}/output/a.png`]);
		const logs = logLines.slice(firstLog).map((line) => line.message);
		const shown = [String(item.json.error), ...logs].join('\n');
		expect(logs).toEqual(
			expect.arrayContaining([
				'RunningHub download of "a.png": HTTP 302 from https://rh-images.xiaoyaoyou.com/output/a.png to https://cdn2.example.com/a.png?token=***&rhToken=***&signature=***&apiKey=***',
				expect.stringContaining('RunningHub download of "a.png" refused: https://127.0.0.1/b.png?token=***&rhToken=***&signature=***&apiKey=*** points to 127.0.0.1'),
			]),
		);
		expect(item.json.error).toContain('its URL https://127.0.0.1/b.png?token=***&rhToken=***&signature=***&apiKey=*** points to 127.0.0.1');
		expect(Object.values(secrets).filter((secret) => shown.includes(secret))).toEqual([]);
	});
});
