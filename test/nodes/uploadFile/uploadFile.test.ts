import nock from 'nock';

import { configureRetryTiming } from '../../../nodes/shared/utils/timing';
import { specBytes } from '../../support/binaryInputNode';
import type { FileSpec } from '../../support/binaryInputNode';
import { API, TEST_KEY } from '../../support/probeNode';
import { multipartFields, multipartFile, runUpload } from '../../support/uploadTestUtils';

const credentials = { site: 'ai', apiKey: TEST_KEY };
const MB = 1024 * 1024;

const png: FileSpec = { property: 'data', fileName: 'cat.png', mimeType: 'image/png', size: 2048 };
const mask: FileSpec = { property: 'mask', fileName: 'mask.webp', mimeType: 'image/webp', size: 1500 };

function v1Ok(fileName: string, fileType = 'image') {
	return { code: 0, msg: 'success', data: { fileName, fileType } };
}

describe('Upload File: Upload Resource (v1)', () => {
	beforeAll(() => {
		nock.disableNetConnect();
		configureRetryTiming({ baseDelayMs: 5, maxDelayMs: 20 });
	});
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('streams the file as multipart with the apiKey form field and returns the loader file name', async () => {
		let body: unknown;
		const scope = nock(API)
			.post('/task/openapi/upload', (b) => {
				body = b;
				return true;
			})
			.matchHeader('authorization', `Bearer ${TEST_KEY}`)
			.matchHeader('content-type', /^multipart\/form-data; boundary=/)
			.reply(200, v1Ok('api/9d77aa.png'));

		const result = await runUpload({ files: [png], parameters: { operation: 'uploadResource' }, credentials });

		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(multipartFields(body)).toEqual({ apiKey: TEST_KEY, fileType: 'image' });
		const file = multipartFile(body);
		expect(file?.filename).toBe('cat.png');
		expect(file?.content.equals(specBytes(png))).toBe(true);
		expect(result.output('Upload')).toEqual([
			{ json: { fileName: 'api/9d77aa.png', fileType: 'image', size: 2048, binaryProperty: 'data', originalFileName: 'cat.png' }, pairedItem: { item: 0 } },
		]);
	});

	it('uploads an in-memory binary (no binary id) the same way', async () => {
		let body: unknown;
		nock(API)
			.post('/task/openapi/upload', (b) => {
				body = b;
				return true;
			})
			.reply(200, v1Ok('api/mem.png'));
		const bytes = specBytes(png);
		const result = await runUpload({ files: [], items: [{ json: {}, binary: { data: { data: bytes.toString('base64'), mimeType: 'image/png', fileName: 'mem.png' } } }], parameters: { operation: 'uploadResource' }, credentials });
		expect(result.error).toBeUndefined();
		expect(multipartFile(body)?.content.equals(bytes)).toBe(true);
		expect(result.output('Upload')[0].json).toMatchObject({ fileName: 'api/mem.png', size: 2048, originalFileName: 'mem.png' });
	});

	it('sends ZIP without fileType and keeps the bare-hash file name', async () => {
		let body: unknown;
		nock(API)
			.post('/task/openapi/upload', (b) => {
				body = b;
				return true;
			})
			.reply(200, v1Ok('5b1f0c9e2a', 'input'));
		const result = await runUpload({ files: [{ property: 'data', fileName: 'frames.zip', mimeType: 'application/zip', size: 4096 }], parameters: { operation: 'uploadResource' }, credentials });
		expect(result.error).toBeUndefined();
		expect(multipartFields(body)).toEqual({ apiKey: TEST_KEY });
		expect(result.output('Upload')[0].json).toMatchObject({ fileName: '5b1f0c9e2a', binaryProperty: 'data' });
	});

	it('uploads several binary properties: one output item per file by default', async () => {
		const names: string[] = [];
		nock(API)
			.post('/task/openapi/upload', (b) => {
				names.push(String(multipartFile(b)?.filename));
				return true;
			})
			.times(2)
			.reply(200, (_uri, b) => v1Ok(`api/${String(multipartFile(b)?.filename)}`));
		const result = await runUpload({
			files: [png, mask],
			parameters: { operation: 'uploadResource', binaryProperties: 'data, mask' },
			credentials,
			items: [{ json: { n: 1 } }, { json: { n: 2 } }],
		});
		expect(result.error).toBeUndefined();
		const out = result.output('Upload');
		expect(out.map((i) => [i.json.binaryProperty, i.json.fileName, i.pairedItem])).toEqual([
			['data', 'api/cat.png', { item: 0 }],
			['mask', 'api/mask.webp', { item: 0 }],
			['data', 'api/cat.png', { item: 1 }],
			['mask', 'api/mask.webp', { item: 1 }],
		]);
		// The second item brings the same two files: they are uploaded once, and reused.
		expect(names).toEqual(['cat.png', 'mask.webp']);
	});

	it('can put all files of an item into one output item (files + byProperty)', async () => {
		nock(API)
			.post('/task/openapi/upload')
			.times(2)
			.reply(200, (_uri, b) => v1Ok(`api/${String(multipartFile(b)?.filename)}`));
		const result = await runUpload({ files: [png, mask], parameters: { operation: 'uploadResource', binaryProperties: 'data,mask', output: 'perItem' }, credentials });
		expect(result.error).toBeUndefined();
		const out = result.output('Upload');
		expect(out).toHaveLength(1);
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect((out[0].json.files as Array<{ fileName: string }>).map((f) => f.fileName)).toEqual(['api/cat.png', 'api/mask.webp']);
		expect(out[0].json.byProperty).toMatchObject({ data: { fileName: 'api/cat.png' }, mask: { fileName: 'api/mask.webp' } });
	});

	it('rejects a type loader nodes cannot use, naming the property, without sending anything', async () => {
		const scope = nock(API).post('/task/openapi/upload').reply(200, v1Ok('api/x.gif'));
		const result = await runUpload({ files: [{ property: 'data', fileName: 'anim.gif', mimeType: 'image/gif', size: 100 }], parameters: { operation: 'uploadResource' }, credentials });
		expect(result.error?.message).toBe('Binary property "data" has type "gif", which is not accepted here');
		expect(result.error?.description).toContain('JPG, JPEG, PNG, WEBP');
		expect(scope.isDone()).toBe(false);
	});

	it('rejects a file over 30 MB, naming the property, its size and the limit, without sending anything', async () => {
		const scope = nock(API).post('/task/openapi/upload').reply(200, v1Ok('api/x.mp4'));
		const result = await runUpload({ files: [{ property: 'video', fileName: 'clip.mp4', mimeType: 'video/mp4', size: 31 * MB }], parameters: { operation: 'uploadResource', binaryProperties: 'video' }, credentials });
		expect(result.error?.message).toBe('Binary property "video" is 31.0 MB, over the 30.0 MB limit');
		expect(scope.isDone()).toBe(false);
	});

	it('checks every item before the first upload: a bad second item stops the node with nothing sent', async () => {
		const scope = nock(API).post('/task/openapi/upload').reply(200, v1Ok('api/x.png'));
		const result = await runUpload({ files: [png, { property: 'audio', fileName: 'song.mp3', mimeType: 'audio/mpeg', size: 300 }], parameters: { operation: 'uploadResource', binaryProperties: 'data, audio', resourceOptions: { acceptedKinds: ['image'] } }, credentials });
		expect(result.error?.message).toBe('Binary property "audio" has type "mp3", which is not accepted here');
		expect(scope.isDone()).toBe(false);
	});

	it('names a missing binary property and an empty property list', async () => {
		const missing = await runUpload({ files: [png], parameters: { operation: 'uploadResource', binaryProperties: 'image' }, credentials });
		expect(missing.error?.message).toBe('Binary property "image" does not exist on item 0');
		expect(missing.error?.description).toBe('Available binary properties: data');
		const empty = await runUpload({ files: [png], parameters: { operation: 'uploadResource', binaryProperties: ' , ' }, credentials });
		expect(empty.error?.message).toBe('The "Binary Properties" field is empty');
	});

	it('with Continue On Fail, a rejected item becomes an error item and the others upload', async () => {
		nock(API).post('/task/openapi/upload').reply(200, v1Ok('api/ok.png'));
		const result = await runUpload({
			files: [png],
			parameters: { operation: 'uploadResource', binaryProperties: '={{ $json.prop }}' },
			credentials,
			items: [{ json: { prop: 'nothing' } }, { json: { prop: 'data' } }],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const out = result.output('Upload');
		expect(out[0]).toMatchObject({ json: { error: 'Binary property "nothing" does not exist on item 0' }, pairedItem: { item: 0 } });
		expect(out[1]).toMatchObject({ json: { fileName: 'api/ok.png' }, pairedItem: { item: 1 } });
	});

	it('retries a transient failure (808 storage error, HTTP 502) with a fresh stream', async () => {
		const bodies: unknown[] = [];
		nock(API)
			.post('/task/openapi/upload', (b) => {
				bodies.push(b);
				return true;
			})
			.reply(200, { code: 808, msg: 'APIKEY_UPLOAD_FAILED', data: null })
			.post('/task/openapi/upload', (b) => {
				bodies.push(b);
				return true;
			})
			.reply(502, '<html><title>502 Bad Gateway</title></html>', { 'Content-Type': 'text/html' })
			.post('/task/openapi/upload', (b) => {
				bodies.push(b);
				return true;
			})
			.reply(200, v1Ok('api/after-retry.png'));
		const result = await runUpload({ files: [png], parameters: { operation: 'uploadResource' }, credentials });
		expect(result.error).toBeUndefined();
		expect(result.output('Upload')[0].json.fileName).toBe('api/after-retry.png');
		expect(bodies).toHaveLength(3);
		for (const b of bodies) expect(multipartFile(b)?.content.equals(specBytes(png))).toBe(true);
	});

	it('reports 809 as too large without retrying, and never puts the key in an error', async () => {
		const scope = nock(API).post('/task/openapi/upload').once().reply(200, { code: 809, msg: `APIKEY_FILE_SIZE_EXCEEDED for ${TEST_KEY}`, data: null });
		const result = await runUpload({ files: [png], parameters: { operation: 'uploadResource' }, credentials });
		expect(scope.isDone()).toBe(true);
		expect(result.error?.message).toContain('809 APIKEY_FILE_SIZE_EXCEEDED');
		expect(JSON.stringify({ m: result.error?.message, d: result.error?.description })).not.toContain(TEST_KEY);
	});
});

describe('Upload File: Upload Media (v2)', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	const v2Ok = (name: string, size: number) => ({
		code: 0,
		message: 'success',
		data: { type: 'image', download_url: `https://rh-images.example.com/openapi/${name}?sign=abc`, fileName: `openapi/${name}`, size: String(size) },
	});

	it('sends only the file (key as Bearer, not in the form) and returns the download URL', async () => {
		let body: unknown;
		const scope = nock(API)
			.post('/openapi/v2/media/upload/binary', (b) => {
				body = b;
				return true;
			})
			.matchHeader('authorization', `Bearer ${TEST_KEY}`)
			.reply(200, v2Ok('61432a.png', 2048));
		const result = await runUpload({ files: [png], parameters: { operation: 'uploadMedia' }, credentials });
		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(multipartFields(body)).toEqual({});
		expect(multipartFile(body)?.content.equals(specBytes(png))).toBe(true);
		expect(result.output('Upload')).toEqual([
			{
				json: { url: 'https://rh-images.example.com/openapi/61432a.png?sign=abc', fileName: 'openapi/61432a.png', type: 'image', size: 2048, binaryProperty: 'data', originalFileName: 'cat.png' },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('applies Accepted File Types and Max File Size before sending', async () => {
		const scope = nock(API).post('/openapi/v2/media/upload/binary').reply(200, v2Ok('x.png', 1));
		const wrongType = await runUpload({ files: [{ property: 'data', fileName: 'a.jpg', mimeType: 'image/jpeg', size: 10 }], parameters: { operation: 'uploadMedia', mediaOptions: { acceptedTypes: 'png, .webp' } }, credentials });
		expect(wrongType.error?.message).toBe('Binary property "data" has type "jpg", which is not accepted here');
		expect(wrongType.error?.description).toContain('PNG, WEBP');
		const tooBig = await runUpload({ files: [{ property: 'data', fileName: 'a.png', mimeType: 'image/png', size: 2 * MB }], parameters: { operation: 'uploadMedia', mediaOptions: { maxSizeMb: 1 } }, credentials });
		expect(tooBig.error?.message).toBe('Binary property "data" is 2.0 MB, over the 1.0 MB limit');
		const default30 = await runUpload({ files: [{ property: 'data', fileName: 'a.mp4', mimeType: 'video/mp4', size: 30 * MB + 1 }], parameters: { operation: 'uploadMedia' }, credentials });
		expect(default30.error?.message).toBe('Binary property "data" is 30.0 MB, over the 30.0 MB limit');
		expect(scope.isDone()).toBe(false);
	});

	it('maps 1008 (file too large) to a clear error', async () => {
		nock(API).post('/openapi/v2/media/upload/binary').reply(200, { code: 1008, message: 'File size limit exceeded', data: null });
		const result = await runUpload({ files: [png], parameters: { operation: 'uploadMedia' }, credentials });
		expect(result.error?.message).toMatch(/^Uploading binary property "data" \([^)]+\) failed: RunningHub 1008 FILE_SIZE_LIMIT_EXCEEDED: The file is too large\.$/);
	});

	it('one item per input item carries every URL by property', async () => {
		nock(API)
			.post('/openapi/v2/media/upload/binary')
			.times(2)
			.reply(200, (_uri, b) => v2Ok(String(multipartFile(b)?.filename), 1));
		const result = await runUpload({ files: [png, mask], parameters: { operation: 'uploadMedia', binaryProperties: 'data, mask', output: 'perItem' }, credentials });
		expect(result.error).toBeUndefined();
		const json = result.output('Upload')[0].json as { byProperty: Record<string, { url: string }> };
		expect(json.byProperty.mask.url).toBe('https://rh-images.example.com/openapi/mask.webp?sign=abc');
	});
});
