'use strict';
// Signed output downloads (`/__files/…`): real bytes, no credentials, expiry.

const { KEYS, WORKFLOWS } = require('./index');
const { startEmulator, v1, pollV2 } = require('./helpers');

let emu;
beforeAll(async () => {
	emu = await startEmulator({ keys: { [KEYS.consumer]: { concurrency: 10 } } });
});
afterAll(() => emu.close());
afterEach(() => emu.reset());

async function finishedTask(extra = {}, workflowId = WORKFLOWS.image) {
	const r = await v1(emu, '/task/openapi/create', { apiKey: KEYS.consumer, workflowId, ...extra });
	return pollV2(emu, r.json.data.taskId, KEYS.consumer);
}
const prompt = (text) => ({ nodeInfoList: [{ nodeId: '6', fieldName: 'text', fieldValue: text }] });

describe('GET /__files/<taskId>/<name> (signed output URL)', () => {
	test('serves a PNG with Content-Type and Content-Length (default 2 KB)', async () => {
		const done = await finishedTask();
		const url = done.results[0].url;
		expect(url).toMatch(/\/__files\/\d{19}\/ComfyUI_\d{5}_[a-z]{5}_\d+\.png\?expires=\d+&sign=[0-9a-f]{32}$/);
		const res = await fetch(url);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('image/png');
		expect(res.headers.get('content-length')).toBe('2048');
		const body = Buffer.from(await res.arrayBuffer());
		expect(body.length).toBe(2048);
		expect(body.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
		expect(body.subarray(-8, -4).toString('ascii')).toBe('IEND');
		expect(emu.counters.downloads).toBe(1);
		expect(emu.counters.downloadBytes).toBe(2048);
	});

	test('the same file is served identically twice; HEAD gives headers only', async () => {
		const done = await finishedTask();
		const a = Buffer.from(await (await fetch(done.results[0].url)).arrayBuffer());
		const b = Buffer.from(await (await fetch(done.results[0].url)).arrayBuffer());
		expect(a.equals(b)).toBe(true);
		const head = await fetch(done.results[0].url, { method: 'HEAD' });
		expect(head.headers.get('content-length')).toBe('2048');
	});

	test('mp4 output of the video workflow starts with an ftyp box', async () => {
		const done = await finishedTask({}, WORKFLOWS.video);
		const res = await fetch(done.results[0].url);
		expect(res.headers.get('content-type')).toBe('video/mp4');
		const body = Buffer.from(await res.arrayBuffer());
		expect(body.subarray(4, 8).toString('ascii')).toBe('ftyp');
		expect(body.length).toBe(64 * 1024); // fixture outputBytes
	});

	test('[bytes:N] sets the output size', async () => {
		const done = await finishedTask(prompt('[bytes:12345]'));
		const res = await fetch(done.results[0].url);
		expect((await res.arrayBuffer()).byteLength).toBe(12345);
	});

	test('requests carrying credentials are refused with 403', async () => {
		const { url } = (await finishedTask()).results[0];
		const withAuth = await fetch(url, { headers: { Authorization: `Bearer ${KEYS.consumer}` } });
		expect(withAuth.status).toBe(403);
		expect(await withAuth.text()).toContain('<Code>AccessDenied</Code>');
		expect((await fetch(`${url}&apiKey=${KEYS.consumer}`)).status).toBe(403);
		expect((await fetch(`${url}&apikey=${KEYS.consumer}`)).status).toBe(403);
		expect(emu.counters.downloads).toBe(0);
	});

	test('missing or wrong signature, or a tampered path → 403', async () => {
		const { url } = (await finishedTask()).results[0];
		expect((await fetch(url.split('?')[0])).status).toBe(403);
		expect((await fetch(url.replace(/sign=[0-9a-f]+/, 'sign=0123456789abcdef0123456789abcdef'))).status).toBe(403);
		expect((await fetch(url.replace('.png?', '.jpg?'))).status).toBe(403);
		const expiresBumped = url.replace(/expires=(\d+)/, (_, e) => `expires=${Number(e) + 1}`);
		expect((await fetch(expiresBumped)).status).toBe(403);
	});

	test('expired URL → 403 AccessDenied "Request has expired"', async () => {
		const e = await startEmulator({ downloadTtlSec: -60 });
		try {
			const r = await v1(e, '/task/openapi/create', { apiKey: KEYS.consumer, workflowId: WORKFLOWS.image });
			const done = await pollV2(e, r.json.data.taskId, KEYS.consumer);
			const res = await fetch(done.results[0].url);
			expect(res.status).toBe(403);
			expect(res.headers.get('content-type')).toBe('application/xml');
			expect(await res.text()).toMatch(/<Code>AccessDenied<\/Code>[\s\S]*Request has expired/);
		} finally {
			await e.close();
		}
	});

	test('a 256 MB output streams without buffering', async () => {
		const size = 256 * 1024 * 1024;
		const done = await finishedTask(prompt(`[bytes:${size}]`));
		const before = process.memoryUsage();
		const res = await fetch(done.results[0].url);
		expect(res.headers.get('content-length')).toBe(String(size));
		let received = 0;
		const reader = res.body.getReader();
		for (;;) {
			const { done: end, value } = await reader.read();
			if (end) break;
			received += value.length;
		}
		expect(received).toBe(size);
		expect(emu.counters.downloadBytes).toBe(size);
		const after = process.memoryUsage();
		// Server and client share this process: a buffered file would add ~256 MB.
		expect(after.rss - before.rss).toBeLessThan(96 * 1024 * 1024);
	}, 30000);
});
