import { configureRetryTiming } from '../../../nodes/shared/utils/timing';
import type { FileSpec } from '../../support/binaryInputNode';
import { specBytes, specMd5 } from '../../support/binaryInputNode';
import type { Emulator } from '../../support/uploadEmulator';
import { credentialsFor, keyNeverInUrl, KEYS, startEmulator } from '../../support/uploadEmulator';
import { runUpload } from '../../support/uploadTestUtils';

const MB = 1024 * 1024;
const png: FileSpec = { property: 'data', fileName: 'portrait.png', mimeType: 'image/png', size: 200 * 1024 };
const lora: FileSpec = { property: 'data', fileName: 'ink-style.safetensors', size: 3 * MB, safetensors: true };

let emu: Emulator;

beforeAll(async () => {
	configureRetryTiming({ baseDelayMs: 10, maxDelayMs: 50 });
	emu = await startEmulator();
});
afterAll(async () => await emu.close());
beforeEach(() => {
	emu.reset();
	emu.clearFaults();
});

const uploadRequests = () => emu.log.filter((e) => ['/task/openapi/upload', '/openapi/v2/media/upload/binary', '/api/openapi/getLoraUploadUrl'].includes(e.path) || e.path.startsWith('/__cos/'));

describe('Upload File against the emulator', () => {
	it('Upload Resource: the emulator receives the exact file and the loader file name comes back', async () => {
		const result = await runUpload({ files: [png], parameters: { operation: 'uploadResource' }, credentials: credentialsFor(emu) });
		expect(result.error).toBeUndefined();
		const json = result.output('Upload')[0].json;
		expect(json).toMatchObject({ fileType: 'image', size: 200 * 1024, binaryProperty: 'data', originalFileName: 'portrait.png' });
		expect(String(json.fileName)).toMatch(/^api\/[0-9a-f]{64}\.png$/);
		const stored = emu.uploads.get(String(json.fileName));
		expect(stored).toMatchObject({ api: 'v1', key: KEYS.shared, filename: 'portrait.png', size: 200 * 1024, md5: specMd5(png) });
		expect(keyNeverInUrl(emu, KEYS.shared)).toBe(true);
	});

	it('Upload Resource of a ZIP returns the bare-hash file name', async () => {
		const result = await runUpload({ files: [{ property: 'data', fileName: 'frames.zip', size: 5000 }], parameters: { operation: 'uploadResource' }, credentials: credentialsFor(emu) });
		expect(result.error).toBeUndefined();
		expect(String(result.output('Upload')[0].json.fileName)).toMatch(/^[0-9a-f]{64}$/);
	});

	it('Upload Media: the download URL serves back the uploaded bytes', async () => {
		const result = await runUpload({ files: [png], parameters: { operation: 'uploadMedia' }, credentials: credentialsFor(emu) });
		expect(result.error).toBeUndefined();
		const json = result.output('Upload')[0].json;
		expect(json).toMatchObject({ type: 'image', size: 200 * 1024 });
		expect(String(json.fileName)).toMatch(/^openapi\/[0-9a-f]{64}\.png$/);
		const served = Buffer.from(await (await fetch(String(json.url))).arrayBuffer());
		expect(served.equals(specBytes(png))).toBe(true);
		const post = emu.log.find((e) => e.path === '/openapi/v2/media/upload/binary');
		expect(post?.headers.authorization).toBe(`Bearer ${KEYS.shared}`);
		expect(post?.body).toMatchObject({ fields: {}, files: [{ field: 'file', filename: 'portrait.png', size: 200 * 1024, md5: specMd5(png) }] });
		expect(keyNeverInUrl(emu, KEYS.shared)).toBe(true);
	});

	it('the same file uploaded again is uploaded once per process and key; another key uploads it again', async () => {
		const first = await runUpload({ files: [png], parameters: { operation: 'uploadMedia' }, credentials: credentialsFor(emu) });
		const again = await runUpload({ files: [png], parameters: { operation: 'uploadMedia' }, credentials: credentialsFor(emu), items: [{ json: {} }, { json: {} }] });
		const media = () => emu.log.filter((e) => e.path === '/openapi/v2/media/upload/binary');
		expect(media()).toHaveLength(1);
		expect(again.output('Upload').map((i) => i.json.url)).toEqual([first.output('Upload')[0].json.url, first.output('Upload')[0].json.url]);
		// Another account never gets this account's upload.
		await runUpload({ files: [png], parameters: { operation: 'uploadMedia' }, credentials: credentialsFor(emu, KEYS.exclusive) });
		expect(media()).toHaveLength(2);
		// A different file is uploaded.
		await runUpload({ files: [{ ...png, size: (png.size ?? 0) + 1 }], parameters: { operation: 'uploadMedia' }, credentials: credentialsFor(emu) });
		expect(media()).toHaveLength(3);
	});

	it('rejects size and type before sending anything', async () => {
		const tooBig = await runUpload({ files: [{ property: 'clip', fileName: 'clip.mp4', mimeType: 'video/mp4', size: 31 * MB }], parameters: { operation: 'uploadResource', binaryProperties: 'clip' }, credentials: credentialsFor(emu) });
		expect(tooBig.error?.message).toBe('Binary property "clip" is 31.0 MB, over the 30.0 MB limit');
		const wrongType = await runUpload({ files: [{ property: 'data', fileName: 'doc.pdf', mimeType: 'application/pdf', size: 100 }], parameters: { operation: 'uploadResource' }, credentials: credentialsFor(emu) });
		expect(wrongType.error?.message).toBe('Binary property "data" has type "pdf", which is not accepted here');
		const mediaTooBig = await runUpload({ files: [{ property: 'data', fileName: 'a.png', size: 3 * MB }], parameters: { operation: 'uploadMedia', mediaOptions: { maxSizeMb: 2 } }, credentials: credentialsFor(emu) });
		expect(mediaTooBig.error?.message).toBe('Binary property "data" is 3.0 MB, over the 2.0 MB limit');
		expect(emu.log).toHaveLength(0);
	});

	it('retries a 503 and a connection reset, re-sending the whole file each time', async () => {
		emu.setFaults({ http5xx: { match: 'upload', count: 1, status: 503 } });
		const first = await runUpload({ files: [png], parameters: { operation: 'uploadMedia' }, credentials: credentialsFor(emu) });
		expect(first.error).toBeUndefined();
		emu.setFaults({ reset: { match: 'upload', count: 1 } });
		const second = await runUpload({ files: [png], parameters: { operation: 'uploadResource' }, credentials: credentialsFor(emu) });
		expect(second.error).toBeUndefined();
		expect(uploadRequests().map((e) => e.status)).toEqual([503, 200, null, 200]);
		expect(emu.counters.uploads).toBe(2);
	});

	it('Upload LoRA: MD5 matches, the PUT carries the file and no Authorization header; a second upload is already present', async () => {
		const md5 = specMd5(lora);
		const result = await runUpload({ files: [lora], parameters: { operation: 'uploadLora', loraName: 'ink style' }, credentials: credentialsFor(emu) });
		expect(result.error).toBeUndefined();
		expect(result.output('Upload')[0].json).toEqual({
			fileName: `api-lora-cn/${md5}.safetensors`,
			loraName: 'ink style',
			md5,
			size: 3 * MB,
			alreadyPresent: false,
			binaryProperty: 'data',
			originalFileName: 'ink-style.safetensors',
		});
		const ask = emu.log.find((e) => e.path === '/api/openapi/getLoraUploadUrl');
		expect(ask?.body).toEqual({ loraName: 'ink style', md5Hex: md5, apiKey: KEYS.shared });
		const put = emu.log.find((e) => e.method === 'PUT');
		expect(put?.path).toBe(`/__cos/lora/${md5}`);
		expect(put?.status).toBe(200);
		expect(put?.headers.authorization).toBeUndefined();
		expect(put?.headers['content-type']).toBe('application/octet-stream');
		expect(put?.headers['content-length']).toBe(String(3 * MB));
		expect(put?.body).toEqual({ size: 3 * MB, md5 });
		expect(JSON.stringify(put?.headers)).not.toContain(KEYS.shared);
		expect(emu.loras.get(md5)?.size).toBe(3 * MB);

		const again = await runUpload({ files: [lora], parameters: { operation: 'uploadLora', loraName: 'ink style' }, credentials: credentialsFor(emu) });
		expect(again.output('Upload')[0].json).toMatchObject({ alreadyPresent: true, fileName: `api-lora-cn/${md5}.safetensors` });
		expect(emu.log.filter((e) => e.method === 'PUT')).toHaveLength(1);
		expect(keyNeverInUrl(emu, KEYS.shared)).toBe(true);
	});

	it('Upload LoRA retries a failed PUT', async () => {
		emu.setFaults({ http5xx: { match: '/__cos/lora/', count: 1, status: 500 } });
		const result = await runUpload({ files: [lora], parameters: { operation: 'uploadLora', loraName: 'retry' }, credentials: credentialsFor(emu) });
		expect(result.error).toBeUndefined();
		expect(emu.log.filter((e) => e.method === 'PUT').map((e) => e.status)).toEqual([500, 200]);
	});

	it('a wrong key is explained and never echoed', async () => {
		const result = await runUpload({ files: [png], parameters: { operation: 'uploadResource' }, credentials: credentialsFor(emu, KEYS.unknown) });
		expect(result.error?.message).toMatch(/^Uploading binary property "data" \([^)]+\) failed: RunningHub 806 APIKEY_USER_NOT_FOUND: RunningHub does not know this API key\.$/);
		expect(`${result.error?.message} ${result.error?.description}`).not.toContain(KEYS.unknown);
	});
});
