'use strict';
// Uploads (API.md §8): v1 resource upload, v2 binary upload, LoRA presigned PUT, and the
// streaming multipart parser underneath.

const crypto = require('crypto');
const { KEYS } = require('./index');
const { startEmulator, v1, postMultipart, multipart, parse } = require('./helpers');
const { MultipartParser, boundaryOf } = require('./multipart');

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(3000)]);
const md5 = (b) => crypto.createHash('md5').update(b).digest('hex');

let emu;
beforeAll(async () => {
	emu = await startEmulator({ v1UploadMaxBytes: 64 * 1024, uploadMaxBytes: 64 * 1024 });
});
afterAll(() => emu.close());
afterEach(() => emu.reset());

describe('POST /task/openapi/upload (v1, multipart)', () => {
	test('returns api/<hash>.<ext> and the fileType; logged with md5 and size', async () => {
		const r = await postMultipart(emu, '/task/openapi/upload', [
			{ name: 'apiKey', value: KEYS.consumer },
			{ name: 'fileType', value: 'image' },
			{ name: 'file', filename: 'cat.png', type: 'image/png', value: PNG },
		]);
		expect(r.json.code).toBe(0);
		expect(r.json.msg).toBe('success');
		expect(r.json.data.fileName).toMatch(/^api\/[0-9a-f]{64}\.png$/);
		expect(r.json.data.fileType).toBe('image');
		expect(emu.counters.uploads).toBe(1);
		expect(emu.log[0].body).toEqual({ fields: { apiKey: KEYS.consumer, fileType: 'image' }, files: [{ field: 'file', filename: 'cat.png', size: PNG.length, md5: md5(PNG) }] });
		expect(emu.uploads.get(r.json.data.fileName)).toMatchObject({ size: PNG.length, md5: md5(PNG) });
	});

	test('Bearer instead of the apiKey field; fileType "input" accepted', async () => {
		const r = await postMultipart(emu, '/task/openapi/upload', [
			{ name: 'fileType', value: 'input' },
			{ name: 'file', filename: 'clip.MP4', value: Buffer.alloc(100) },
		], { key: KEYS.consumer });
		expect(r.json.data).toMatchObject({ fileName: expect.stringMatching(/^api\/[0-9a-f]+\.mp4$/), fileType: 'input' });
	});

	test('works with a standard FormData body (fetch/undici encoder)', async () => {
		const form = new FormData();
		form.append('apiKey', KEYS.consumer);
		form.append('fileType', 'image');
		form.append('file', new Blob([PNG], { type: 'image/png' }), 'photo.webp');
		const r = await parse(await fetch(`${emu.url}/task/openapi/upload`, { method: 'POST', body: form }));
		expect(r.json.data.fileName).toMatch(/^api\/[0-9a-f]{64}\.webp$/);
	});

	test('ZIP upload → bare hash fileName', async () => {
		const r = await postMultipart(emu, '/task/openapi/upload', [
			{ name: 'apiKey', value: KEYS.consumer },
			{ name: 'file', filename: 'frames.zip', value: Buffer.from('PK\u0003\u0004rest') },
		]);
		expect(r.json.data.fileName).toMatch(/^[0-9a-f]{64}$/);
	});

	test('unsupported extension → 301; too large → 809; no key → 802', async () => {
		const up = (filename, value, apiKey = KEYS.consumer) => postMultipart(emu, '/task/openapi/upload', [
			...(apiKey ? [{ name: 'apiKey', value: apiKey }] : []),
			{ name: 'file', filename, value },
		]);
		expect((await up('notes.txt', 'hello')).json.code).toBe(301);
		expect((await up('big.png', Buffer.alloc(64 * 1024 + 1))).json).toMatchObject({ code: 809, msg: 'APIKEY_FILE_SIZE_EXCEEDED' });
		expect((await up('a.png', PNG, null)).json.code).toBe(802);
		expect(emu.counters.uploads).toBe(0);
	});

	test('non-multipart request → 301', async () => {
		expect((await v1(emu, '/task/openapi/upload', { apiKey: KEYS.consumer })).json.code).toBe(301);
	});
});

describe('POST /openapi/v2/media/upload/binary', () => {
	test('returns {code,message,data:{type,download_url,fileName,size}} and serves the bytes back', async () => {
		const r = await postMultipart(emu, '/openapi/v2/media/upload/binary', [{ name: 'file', filename: 'in.png', type: 'image/png', value: PNG }], { key: KEYS.shared });
		expect(r.json.code).toBe(0);
		expect(r.json.message).toBe('success');
		expect(r.json.data).toEqual({ type: 'image', download_url: expect.stringContaining('/__files/uploads/'), fileName: expect.stringMatching(/^openapi\/[0-9a-f]{64}\.png$/), size: String(PNG.length) });
		const dl = await fetch(r.json.data.download_url);
		expect(dl.status).toBe(200);
		expect(dl.headers.get('content-type')).toBe('image/png');
		expect(Buffer.from(await dl.arrayBuffer()).equals(PNG)).toBe(true);
	});

	test('too large → code 1008; missing file → 1007; no Bearer → 401', async () => {
		const big = await postMultipart(emu, '/openapi/v2/media/upload/binary', [{ name: 'file', filename: 'v.mp4', value: Buffer.alloc(64 * 1024 + 1) }], { key: KEYS.shared });
		expect(big.json).toMatchObject({ code: 1008, data: null });
		const none = await postMultipart(emu, '/openapi/v2/media/upload/binary', [{ name: 'other', value: 'x' }], { key: KEYS.shared });
		expect(none.json.code).toBe(1007);
		const anon = await postMultipart(emu, '/openapi/v2/media/upload/binary', [{ name: 'file', filename: 'a.png', value: PNG }]);
		expect(anon.status).toBe(401);
	});

	test('uploads above uploadKeepBytes keep only hash and size', async () => {
		const e = await startEmulator({ uploadKeepBytes: 1024 });
		try {
			const data = crypto.randomBytes(4096);
			const r = await postMultipart(e, '/openapi/v2/media/upload/binary', [{ name: 'file', filename: 'x.mp3', value: data }], { key: KEYS.shared });
			expect(r.json.data).toMatchObject({ type: 'audio', size: '4096' });
			expect(e.uploads.get(r.json.data.fileName)).toMatchObject({ kept: false, md5: md5(data) });
			const dl = await fetch(r.json.data.download_url);
			expect((await dl.arrayBuffer()).byteLength).toBe(4096); // synthetic bytes of the same size
		} finally {
			await e.close();
		}
	});
});

describe('LoRA upload (getLoraUploadUrl + presigned PUT)', () => {
	const lora = crypto.randomBytes(5000);
	const hex = md5(lora);
	const ask = (body) => v1(emu, '/api/openapi/getLoraUploadUrl', { apiKey: KEYS.consumer, loraName: 'my-lora', md5Hex: hex, ...body });
	const put = (url, body, headers = {}) => fetch(url, { method: 'PUT', headers: { 'Content-Type': 'application/octet-stream', ...headers }, body }).then(parse);

	test('full flow: URL, PUT, then the URL is omitted for the known MD5', async () => {
		const r = await ask({});
		expect(r.json.code).toBe(0);
		expect(r.json.data.fileName).toBe(`api-lora-cn/${hex}.safetensors`);
		expect(r.json.data.url).toContain(`/__cos/lora/${hex}?`);
		const p = await put(r.json.data.url, lora);
		expect(p.status).toBe(200);
		expect(p.headers.get('etag')).toBe(`"${hex}"`);
		expect(emu.loras.get(hex)).toMatchObject({ size: lora.length });
		expect(emu.log.find((e) => e.method === 'PUT').body).toEqual({ size: lora.length, md5: hex });
		const again = await ask({});
		expect(again.json.data).toEqual({ fileName: `api-lora-cn/${hex}.safetensors` });
	});

	test('loraName and md5Hex are required and non-blank → 301', async () => {
		expect((await ask({ loraName: '' })).json.code).toBe(301);
		expect((await ask({ md5Hex: '   ' })).json.code).toBe(301);
	});

	test('PUT with an Authorization header → 403', async () => {
		const { url } = (await ask({})).json.data;
		const p = await put(url, lora, { Authorization: `Bearer ${KEYS.consumer}` });
		expect(p.status).toBe(403);
		expect(p.text).toContain('<Code>AccessDenied</Code>');
	});

	test('PUT with another Content-Type or a bad signature → 403', async () => {
		const { url } = (await ask({})).json.data;
		expect((await put(url, lora, { 'Content-Type': 'application/json' })).status).toBe(403);
		expect((await put(url.replace(/sign=[0-9a-f]+/, 'sign=00'), lora)).status).toBe(403);
	});

	test('PUT whose MD5 differs from md5Hex → 400 BadDigest', async () => {
		const { url } = (await ask({})).json.data;
		const p = await put(url, Buffer.from('other bytes'));
		expect(p.status).toBe(400);
		expect(p.text).toContain('<Code>BadDigest</Code>');
		expect(emu.loras.size).toBe(0);
	});
});

describe('multipart parser', () => {
	test('parses correctly however the input is split (down to single bytes)', async () => {
		const file = crypto.randomBytes(700);
		// Put delimiter look-alikes inside the file body.
		file.write('\r\n--not-the-boundary\r\n', 100, 'latin1');
		const { body, contentType } = multipart([
			{ name: 'apiKey', value: 'k' },
			{ name: 'file', filename: 'my cat é.png', value: file },
		], 'XyZ');
		for (const step of [1, 2, 7, 64, body.length]) {
			const parts = [];
			const parser = new MultipartParser(boundaryOf(contentType), (p) => {
				const bufs = [];
				const part = { ...p, data: null };
				parts.push(part);
				return { write: (b) => bufs.push(Buffer.from(b)), end: () => { part.data = Buffer.concat(bufs); } };
			});
			await new Promise((resolve, reject) => {
				parser.on('finish', resolve);
				parser.on('error', reject);
				for (let i = 0; i < body.length; i += step) parser.write(body.subarray(i, i + step));
				parser.end();
			});
			expect(parts.map((p) => p.name)).toEqual(['apiKey', 'file']);
			expect(parts[0].data.toString()).toBe('k');
			expect(parts[1].filename).toBe('my cat é.png');
			expect(parts[1].data.equals(file)).toBe(true);
		}
	});

	test('a truncated body is an error', async () => {
		const { body, contentType } = multipart([{ name: 'a', value: 'b' }], 'B0');
		const parser = new MultipartParser(boundaryOf(contentType), () => ({ write() {}, end() {} }));
		const err = await new Promise((resolve) => {
			parser.on('error', resolve);
			parser.on('finish', () => resolve(null));
			parser.end(body.subarray(0, body.length - 8));
		});
		expect(err).toBeInstanceOf(Error);
	});
});
