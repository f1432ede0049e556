import { createHash } from 'crypto';
import nock from 'nock';

import { configureRetryTiming } from '../../../nodes/shared/utils/timing';
import type { FileSpec } from '../../support/binaryInputNode';
import { specBytes, specMd5 } from '../../support/binaryInputNode';
import { API, TEST_KEY } from '../../support/probeNode';
import { nockBodyBytes, runUpload } from '../../support/uploadTestUtils';

const credentials = { site: 'ai', apiKey: TEST_KEY };
const COS = 'https://rh-lora-1252422369.cos.ap-beijing.myqcloud.com';
const lora: FileSpec = { property: 'data', fileName: 'style.safetensors', size: 300 * 1024, safetensors: true };
const params = { operation: 'uploadLora', loraName: 'my-style' };

describe('Upload File: Upload LoRA', () => {
	beforeAll(() => {
		nock.disableNetConnect();
		configureRetryTiming({ baseDelayMs: 5, maxDelayMs: 20 });
	});
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('sends the streamed MD5, then PUTs the exact bytes to the presigned URL without credentials', async () => {
		const md5 = specMd5(lora);
		let putBody: Buffer | undefined;
		let putHeaders: Record<string, unknown> = {};
		const api = nock(API)
			.post('/api/openapi/getLoraUploadUrl', { loraName: 'my-style', md5Hex: md5, apiKey: TEST_KEY })
			.matchHeader('authorization', `Bearer ${TEST_KEY}`)
			.reply(200, { code: 0, msg: 'success', data: { fileName: `api-lora-cn/${md5}.safetensors`, url: `${COS}/lora/${md5}?sign=q-sign-algorithm%3Dsha1` } });
		const cos = nock(COS)
			.put(`/lora/${md5}`)
			.query({ sign: 'q-sign-algorithm=sha1' })
			.reply(function (_uri, body) {
				putBody = nockBodyBytes(body);
				putHeaders = this.req.headers;
				return [200, '', { ETag: `"${md5}"` }];
			});

		const result = await runUpload({ files: [lora], parameters: params, credentials });

		expect(result.error).toBeUndefined();
		expect(api.isDone() && cos.isDone()).toBe(true);
		expect(putBody?.equals(specBytes(lora))).toBe(true);
		expect(createHash('md5').update(putBody as Buffer).digest('hex')).toBe(md5);
		expect(putHeaders['content-type']).toBe('application/octet-stream');
		expect(putHeaders['content-length']).toBe(String(300 * 1024));
		expect(putHeaders.authorization).toBeUndefined();
		expect(JSON.stringify(putHeaders)).not.toContain(TEST_KEY);
		expect(result.output('Upload')).toEqual([
			{
				json: { fileName: `api-lora-cn/${md5}.safetensors`, loraName: 'my-style', md5, size: 300 * 1024, alreadyPresent: false, binaryProperty: 'data', originalFileName: 'style.safetensors' },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('skips the PUT when RunningHub already has the file (no url)', async () => {
		const md5 = specMd5(lora);
		nock(API).post('/api/openapi/getLoraUploadUrl').reply(200, { code: 0, msg: 'success', data: { fileName: `api-lora-cn/${md5}.safetensors` } });
		const cos = nock(COS).put(/.*/).reply(200);
		const result = await runUpload({ files: [lora], parameters: params, credentials });
		expect(result.error).toBeUndefined();
		expect(cos.isDone()).toBe(false);
		expect(result.output('Upload')[0].json).toMatchObject({ alreadyPresent: true, fileName: `api-lora-cn/${md5}.safetensors` });
	});

	it('rejects a blank or bad LoRA name, a non-safetensors file and a fake safetensors file before any request', async () => {
		const api = nock(API).post('/api/openapi/getLoraUploadUrl').reply(200, { code: 0, msg: 'success', data: { fileName: 'x' } });
		const blank = await runUpload({ files: [lora], parameters: { operation: 'uploadLora', loraName: '   ' }, credentials });
		expect(blank.error?.message).toBe('The "LoRA Name" field is empty');
		const slash = await runUpload({ files: [lora], parameters: { operation: 'uploadLora', loraName: 'a/b' }, credentials });
		expect(slash.error?.message).toBe('The "LoRA Name" field contains a slash, a backslash or a control character');
		const long = await runUpload({ files: [lora], parameters: { operation: 'uploadLora', loraName: 'x'.repeat(101) }, credentials });
		expect(long.error?.message).toBe('The "LoRA Name" field is 101 characters long, over the 100 limit');
		const ckpt = await runUpload({ files: [{ property: 'data', fileName: 'style.ckpt', size: 100 }], parameters: params, credentials });
		expect(ckpt.error?.message).toBe('Binary property "data" is not a .safetensors file');
		expect(ckpt.error?.description).toContain('SAFETENSORS');
		const fake = await runUpload({ files: [{ property: 'data', fileName: 'fake.safetensors', size: 5000 }], parameters: params, credentials });
		expect(fake.error?.message).toBe('Binary property "data" is not a valid .safetensors file');
		const missing = await runUpload({ files: [lora], parameters: { ...params, binaryProperty: 'lora' }, credentials });
		expect(missing.error?.message).toBe('Binary property "lora" does not exist on item 0');
		expect(api.isDone()).toBe(false);
	});

	it('rejects a LoRA over the size limit before reading it', async () => {
		const api = nock(API).post('/api/openapi/getLoraUploadUrl').reply(200, { code: 0, msg: 'success', data: { fileName: 'x' } });
		// A 2 GB+ binary is described by metadata only; it is never generated or read.
		const result = await runUpload({
			files: [],
			items: [{ json: {}, binary: { data: { data: '', mimeType: 'application/octet-stream', fileName: 'huge.safetensors', bytes: 2049 * 1024 * 1024 } as never } }],
			parameters: params,
			credentials,
		});
		expect(result.error?.message).toBe('Binary property "data" is 2049.0 MB, over the 2048.0 MB limit');
		expect(api.isDone()).toBe(false);
	});

	it('retries a 503 from storage with a fresh body, and explains an expired link (403)', async () => {
		const md5 = specMd5(lora);
		nock(API)
			.post('/api/openapi/getLoraUploadUrl')
			.times(2)
			.reply(200, { code: 0, msg: 'success', data: { fileName: `api-lora-cn/${md5}.safetensors`, url: `${COS}/lora/${md5}?sign=s` } });
		const bodies: Buffer[] = [];
		nock(COS)
			.put(`/lora/${md5}`)
			.query(true)
			.reply(503, '<Error><Code>ServiceUnavailable</Code></Error>')
			.put(`/lora/${md5}`)
			.query(true)
			.reply(200, (_uri, body) => {
				bodies.push(nockBodyBytes(body));
				return '';
			});
		const ok = await runUpload({ files: [lora], parameters: params, credentials });
		expect(ok.error).toBeUndefined();
		expect(bodies[0].equals(specBytes(lora))).toBe(true);

		nock(COS).put(`/lora/${md5}`).query(true).reply(403, '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
		const expired = await runUpload({ files: [lora], parameters: params, credentials });
		expect(expired.error?.message).toBe('RunningHub LORA_UPLOAD_FAILED: Uploading the LoRA file "style.safetensors" to RunningHub storage failed (HTTP 403 AccessDenied).');
		expect(expired.error?.description).toContain('fresh link');
	});

	it('works with an in-memory binary (no binary id): MD5 and PUT from the item data', async () => {
		const bytes = specBytes({ ...lora, size: 4096 });
		const md5 = createHash('md5').update(bytes).digest('hex');
		nock(API).post('/api/openapi/getLoraUploadUrl', (body) => body.md5Hex === md5).reply(200, { code: 0, msg: 'success', data: { fileName: `api-lora-cn/${md5}.safetensors`, url: `${COS}/lora/${md5}` } });
		let putBody: Buffer | undefined;
		nock(COS)
			.put(`/lora/${md5}`)
			.reply(200, (_uri, body) => {
				putBody = nockBodyBytes(body);
				return '';
			});
		const result = await runUpload({
			files: [],
			items: [{ json: {}, binary: { data: { data: bytes.toString('base64'), mimeType: 'application/octet-stream', fileName: 'mem.safetensors' } } }],
			parameters: params,
			credentials,
		});
		expect(result.error).toBeUndefined();
		expect(putBody?.equals(bytes)).toBe(true);
		expect(result.output('Upload')[0].json).toMatchObject({ md5, size: 4096, alreadyPresent: false });
	});

	it('with Continue On Fail, a bad item becomes an error item', async () => {
		const md5 = specMd5(lora);
		nock(API).post('/api/openapi/getLoraUploadUrl').reply(200, { code: 0, msg: 'success', data: { fileName: `api-lora-cn/${md5}.safetensors` } });
		const result = await runUpload({
			files: [lora],
			parameters: { operation: 'uploadLora', loraName: '={{ $json.name }}' },
			items: [{ json: { name: '' } }, { json: { name: 'good' } }],
			credentials,
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const out = result.output('Upload');
		expect(out[0].json).toEqual({ error: 'The "LoRA Name" field is empty' });
		expect(out[0].error?.description).toBe('Enter a short name for the LoRA, e.g. my-style-lora.');
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(out[1].json).toMatchObject({ loraName: 'good', alreadyPresent: true });
	});
});
