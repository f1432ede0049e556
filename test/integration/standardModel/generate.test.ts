import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import example from '../../../examples/standard-model.json';
import { RunningHubStandardModel } from '../../../nodes/RunningHubStandardModel/RunningHubStandardModel.node';
import { configureRetryTiming } from '../../../nodes/shared/utils/timing';
import type { RunOptions } from '../../support/harness';
import { runWorkflow } from '../../support/harness';
import type { FileSpec } from '../../support/binaryInputNode';
import { catalogParameters, customParameters, runModel } from '../../support/standardModelRun';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createEmulator, KEYS } = require('../../emulator') as {
	createEmulator: (o: object) => Promise<Emulator>;
	KEYS: Record<string, string>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { priceOf } = require('../../emulator/models') as { priceOf: (endpoint: string) => number };

interface LogEntry {
	method: string;
	path: string;
	headers: Record<string, string>;
	body: unknown;
	status: number | null;
}
interface Emulator {
	url: string;
	log: LogEntry[];
	counters: { createsByKey: Record<string, number>; downloads: number; uploads: number };
	reset: () => void;
	close: () => Promise<void>;
}

let emu: Emulator;

function credentials(key = KEYS.shared) {
	return { site: 'custom', baseUrl: emu.url, apiKey: key };
}

function modelPosts(endpoint: string): LogEntry[] {
	return emu.log.filter((e) => e.method === 'POST' && e.path === `/openapi/v2/${endpoint}`);
}

function submitBody(endpoint: string): IDataObject {
	const posts = modelPosts(endpoint);
	expect(posts).toHaveLength(1);
	return posts[0].body as IDataObject;
}

const photo: FileSpec = { property: 'data', fileName: 'portrait.png', mimeType: 'image/png', size: 4096 };
const second: FileSpec = { property: 'frame2', fileName: 'frame2.jpg', mimeType: 'image/jpeg', size: 3000 };

describe('Standard Model node against the RunningHub emulator', () => {
	beforeAll(async () => {
		nock.disableNetConnect();
		nock.enableNetConnect('127.0.0.1');
		configureRetryTiming({ baseDelayMs: 10, maxDelayMs: 50 });
		emu = await createEmulator({ timing: { queuedMs: 20, runningMs: 60 } });
	});
	afterEach(() => emu.reset());
	afterAll(async () => {
		await emu.close();
		nock.enableNetConnect();
	});

	it('text-to-video: submits the typed body, waits and downloads the video', async () => {
		const endpoint = 'rhart-video-flux3/text-to-video';
		const result = await runModel(catalogParameters(endpoint, { prompt: 'a red fox in snow', aspectRatio: '16:9', duration: 6, resolution: 'hd', draft: false, generateAudio: true, safetyTolerance: 2 }), { credentials: credentials() });
		expect(result.error).toBeUndefined();
		const [item] = result.output('Model');
		expect(item.json).toMatchObject({ status: 'SUCCESS', endpoint, files: [expect.objectContaining({ type: 'mp4' })] });
		expect(item.json.taskId).toMatch(/^\d{19}$/);
		expect(item.binary?.data.mimeType).toBe('video/mp4');
		expect(item.pairedItem).toEqual({ item: 0 });

		const post = modelPosts(endpoint)[0];
		expect(post.headers.authorization).toBe(`Bearer ${KEYS.shared}`);
		expect(post.body).toEqual({ prompt: 'a red fox in snow', aspectRatio: '16:9', duration: 6, resolution: 'hd', draft: false, generateAudio: true, safetyTolerance: 2 });
		expect(JSON.stringify(item.json)).not.toContain(KEYS.shared);
	});

	it('image-to-video: binary inputs are uploaded through the v2 media upload and sent as URLs', async () => {
		const endpoint = 'rhart-video-v3.1-fast/image-to-video';
		const result = await runModel(catalogParameters(endpoint, { prompt: 'the portrait smiles', aspectRatio: '9:16', imageUrls: 'binary:data, binary:frame2', duration: '8', resolution: '720p' }), {
			credentials: credentials(),
			files: [photo, second],
		});
		expect(result.error).toBeUndefined();
		const uploads = emu.log.filter((e) => e.path === '/openapi/v2/media/upload/binary');
		expect(uploads).toHaveLength(2);
		const body = submitBody(endpoint);
		expect(body.duration).toBe('8');
		expect(body.imageUrls).toHaveLength(2);
		for (const url of body.imageUrls as string[]) expect(url.startsWith(`${emu.url}/__files/`)).toBe(true);
		const [item] = result.output('Model');
		expect(item.json.status).toBe('SUCCESS');
		expect(item.binary?.data.mimeType).toBe('video/mp4');
	});

	it('text-to-image: png output', async () => {
		const endpoint = 'rhart-image-g-2/text-to-image';
		const result = await runModel(catalogParameters(endpoint, { prompt: 'a lighthouse at dawn', aspectRatio: '1:1', resolution: '1k' }), { credentials: credentials() });
		expect(result.error).toBeUndefined();
		const [item] = result.output('Model');
		expect(item.json.files).toEqual([expect.objectContaining({ type: 'png' })]);
		expect(item.binary?.data.mimeType).toBe('image/png');
	});

	it('rhart-image-g-2 aspect ratio "Empty (Not Sent)" leaves the field out, as RunningHub\'s own client does; a ratio is sent', async () => {
		const endpoint = 'rhart-image-g-2/text-to-image';
		// The emulator takes its schema from RunningHub's registry, where "empty" is not a value on the wire.
		const empty = await runModel(catalogParameters(endpoint, { prompt: 'a lighthouse at dawn', aspectRatio: 'empty', resolution: '2k' }, { downloadOutputs: false }), { credentials: credentials() });
		expect(empty.error).toBeUndefined();
		expect(submitBody(endpoint)).toEqual({ prompt: 'a lighthouse at dawn', resolution: '2k' });
		emu.reset();
		const ratio = await runModel(catalogParameters(endpoint, { prompt: 'a lighthouse at dawn', aspectRatio: '21:9' }, { downloadOutputs: false }), { credentials: credentials() });
		expect(ratio.error).toBeUndefined();
		expect(submitBody(endpoint)).toEqual({ prompt: 'a lighthouse at dawn', aspectRatio: '21:9' });
	});

	it('image-to-image: a URL input is passed through as an array', async () => {
		const endpoint = 'rhart-image-g-4/image-to-image';
		const result = await runModel(catalogParameters(endpoint, { prompt: 'make it night', imageUrls: 'https://cdn.example.com/in/street.png' }), { credentials: credentials() });
		expect(result.error).toBeUndefined();
		expect(submitBody(endpoint)).toEqual({ prompt: 'make it night', imageUrls: ['https://cdn.example.com/in/street.png'] });
		expect(result.output('Model')[0].binary?.data.mimeType).toBe('image/png');
	});

	it('text-to-audio: mp3 output', async () => {
		const endpoint = 'rhart-audio/text-to-audio/speech-02-hd';
		const result = await runModel(catalogParameters(endpoint, { text: 'Hello from n8n', voice_id: 'Wise_Woman', speed: 1.2 }), { credentials: credentials() });
		expect(result.error).toBeUndefined();
		const [item] = result.output('Model');
		expect(item.json.files).toEqual([expect.objectContaining({ type: 'mp3' })]);
		expect(item.binary?.data.mimeType).toBe('audio/mpeg');
	});

	it('image-to-3D: binary image uploaded, glb output downloaded', async () => {
		const endpoint = 'hitem3d-portrait-v21/image-to-3d';
		const result = await runModel(catalogParameters(endpoint, { requestType: 'mesh', imageUrl: 'binary:frame2', resolution: '1536pro', face: 200000 }), { credentials: credentials(), files: [second] });
		expect(result.error).toBeUndefined();
		const body = submitBody(endpoint);
		expect(String(body.imageUrl).startsWith(`${emu.url}/__files/`)).toBe(true);
		const [item] = result.output('Model');
		expect(item.json.files).toEqual([expect.objectContaining({ type: 'glb' })]);
		expect(item.binary?.data.fileName).toMatch(/\.glb$/);
	});

	it('image-to-text: the text result is returned as texts/text, nothing to download', async () => {
		const endpoint = 'rhart-text-g-25-flash/image-to-text';
		const result = await runModel(catalogParameters(endpoint, { prompt: 'Describe the image', imageUrl: 'binary:data' }), { credentials: credentials(), files: [photo] });
		expect(result.error).toBeUndefined();
		const [item] = result.output('Model');
		expect(item.json.status).toBe('SUCCESS');
		expect(item.json.files).toEqual([]);
		expect(typeof item.json.text).toBe('string');
		expect((item.json.text as string).length).toBeGreaterThan(0);
		expect(item.json.texts).toEqual([item.json.text]);
		expect(item.binary).toBeUndefined();
	});

	it('Return Immediately: outputs the task id without polling', async () => {
		const endpoint = 'rhart-image-g-2/text-to-image';
		const result = await runModel(catalogParameters(endpoint, { prompt: 'a teapot' }, { waitMode: 'none' }), { credentials: credentials() });
		expect(result.error).toBeUndefined();
		const [item] = result.output('Model');
		expect(item.json).toMatchObject({ status: 'QUEUED', endpoint });
		expect(item.json.taskId).toMatch(/^\d{19}$/);
		expect(emu.log.filter((e) => e.path === '/openapi/v2/query')).toHaveLength(0);
	});

	it('a consumer key gets the 1014 explanation: Enterprise-Shared key needed', async () => {
		const endpoint = 'rhart-image-g-2/text-to-image';
		const result = await runModel(catalogParameters(endpoint, { prompt: 'a teapot' }), { credentials: credentials(KEYS.consumer) });
		expect(result.error?.message).toMatch(/1014 STANDARD_MODEL_KEY_REQUIRED/);
		expect(result.error?.message).toMatch(/Enterprise-Shared/);
		expect(result.error?.description).toMatch(/Enterprise-Shared key/);
		expect(`${result.error?.message} ${result.error?.description}`).not.toContain(KEYS.consumer);
		expect(emu.counters.createsByKey[KEYS.consumer]).toBeUndefined();
	});

	it('Preview Price: the estimate for the exact body, no task created', async () => {
		const endpoint = 'rhart-video-flux3/text-to-video';
		const result = await runModel(catalogParameters(endpoint, { prompt: 'a red fox', resolution: 'fhd' }, { operation: 'previewPrice' }), { credentials: credentials() });
		expect(result.error).toBeUndefined();
		const [item] = result.output('Model');
		expect(item.json).toMatchObject({ endpoint, model: 'FLUX 3 Video — Text to Video', estimatedPrice: priceOf(endpoint), currency: 'CNY', isFreeThisCall: false });
		expect(item.json.priceTextEn).toMatch(/Estimated cost/);
		const preview = emu.log.filter((e) => e.path === `/openapi/v2/price-preview/${endpoint}`);
		expect(preview).toHaveLength(1);
		expect(preview[0].body).toEqual({ prompt: 'a red fox', resolution: 'fhd' });
		expect(modelPosts(endpoint)).toHaveLength(0);
		expect(emu.counters.createsByKey).toEqual({});
	});

	it('Preview Price with a consumer key also explains 1014', async () => {
		const result = await runModel(catalogParameters('rhart-image-g-2/text-to-image', { prompt: 'x' }, { operation: 'previewPrice' }), { credentials: credentials(KEYS.consumer) });
		expect(result.error?.message).toMatch(/1014 STANDARD_MODEL_KEY_REQUIRED/);
	});

	it('Max Price guard: refuses above the limit, submits nothing', async () => {
		const endpoint = 'rhart-video-flux3/text-to-video';
		const price = priceOf(endpoint);
		const result = await runModel(catalogParameters(endpoint, { prompt: 'a red fox' }, { options: { maxPrice: price / 2 } }), { credentials: credentials() });
		expect(result.error?.message).toBe(`Estimated price ${price} CNY is above the Max Price of ${price / 2} CNY`);
		expect(result.error?.description).toMatch(/Nothing was submitted/);
		expect(emu.log.filter((e) => e.path === `/openapi/v2/price-preview/${endpoint}`)).toHaveLength(1);
		expect(modelPosts(endpoint)).toHaveLength(0);
		expect(emu.counters.createsByKey).toEqual({});
	});

	it('Max Price guard: submits when the estimate is within the limit', async () => {
		const endpoint = 'rhart-video-flux3/text-to-video';
		const result = await runModel(catalogParameters(endpoint, { prompt: 'a red fox' }, { options: { maxPrice: priceOf(endpoint) } }), { credentials: credentials() });
		expect(result.error).toBeUndefined();
		expect(modelPosts(endpoint)).toHaveLength(1);
		expect(result.output('Model')[0].json.status).toBe('SUCCESS');
	});

	it('Max Price guard with Continue On Fail: the refused item becomes an error item, others run', async () => {
		const endpoint = 'rhart-video-flux3/text-to-video';
		const price = priceOf(endpoint);
		const result = await runModel(catalogParameters(endpoint, { prompt: '={{ $json.prompt }}' }, { options: { maxPrice: '={{ $json.limit }}' } }), {
			credentials: credentials(),
			items: [
				{ prompt: 'cheap enough', limit: price + 1 },
				{ prompt: 'too dear', limit: price / 10 },
			],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const out = result.output('Model');
		expect(out[0].json.status).toBe('SUCCESS');
		expect(out[1].json.error).toMatch(/above the Max Price/);
		expect(out[1].pairedItem).toEqual({ item: 1 });
		expect(modelPosts(endpoint)).toHaveLength(1);
	});

	it('Custom Endpoint: raw JSON body to a model the catalog has no parameters for', async () => {
		const endpoint = 'alibaba/happyhorse-1.1/text-to-video';
		const result = await runModel(customParameters(`/openapi/v2/${endpoint}`, { prompt: 'a horse on a beach', duration: '5', imageUrl: 'binary:data' }), { credentials: credentials(), files: [photo] });
		expect(result.error).toBeUndefined();
		const body = submitBody(endpoint);
		expect(body).toMatchObject({ prompt: 'a horse on a beach', duration: '5' });
		expect(String(body.imageUrl).startsWith(`${emu.url}/__files/`)).toBe(true);
		const [item] = result.output('Model');
		expect(item.json).toMatchObject({ status: 'SUCCESS', endpoint });
		expect(item.binary?.data.mimeType).toBe('video/mp4');
	});

	it('Custom Endpoint: the JSON body must be an object, checked before any call', async () => {
		const result = await runModel(customParameters('vendor/new-model/text-to-video', '["not", "an", "object"]'), { credentials: credentials() });
		expect(result.error?.message).toMatch(/JSON body must be a JSON object/);
		expect(emu.log).toHaveLength(0);
	});

	it('bad input is rejected before any paid call, naming the field and the allowed values', async () => {
		const endpoint = 'rhart-video-flux3/text-to-video';
		const result = await runModel(catalogParameters(endpoint, { prompt: '={{ $json.prompt }}', resolution: '={{ $json.resolution }}' }), {
			credentials: credentials(),
			items: [
				{ prompt: 'fine', resolution: 'hd' },
				{ prompt: 'wrong', resolution: '8k' },
			],
		});
		expect(result.error?.message).toBe('Parameter "resolution" (Resolution) must be one of: "hd", "fhd" (got "8k")');
		expect(emu.log).toHaveLength(0);
	});

	it('bad input with Continue On Fail: error item for that item only', async () => {
		const endpoint = 'rhart-video-flux3/text-to-video';
		const result = await runModel(catalogParameters(endpoint, { prompt: 'x', duration: '={{ $json.duration }}' }), {
			credentials: credentials(),
			items: [{ duration: 50 }, { duration: 10 }],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const out = result.output('Model');
		expect(out[0].json.error).toBe('Parameter "duration" (Duration) must be between 5 and 20, got 50');
		expect(out[1].json.status).toBe('SUCCESS');
		expect(modelPosts(endpoint)).toHaveLength(1);
	});

	it('a missing binary property names the property before anything is submitted', async () => {
		const endpoint = 'hitem3d-portrait-v21/image-to-3d';
		const result = await runModel(catalogParameters(endpoint, { requestType: 'mesh', imageUrl: 'binary:photo', resolution: '1536pro' }), { credentials: credentials(), files: [photo] });
		expect(result.error?.message).toMatch(/Binary property "photo" does not exist/);
		expect(modelPosts(endpoint)).toHaveLength(0);
	});

	it('a binary of a format the parameter does not accept is refused before upload', async () => {
		const endpoint = 'rhart-text-g-25-flash/image-to-text';
		const gif: FileSpec = { property: 'data', fileName: 'anim.gif', mimeType: 'image/gif', size: 1000 };
		const result = await runModel(catalogParameters(endpoint, { prompt: 'x', imageUrl: 'binary:data' }), { credentials: credentials(), files: [gif] });
		expect(result.error?.message).toMatch(/^Parameter "imageUrl": Binary property "data" has type "gif"/);
		expect(result.error?.description).toMatch(/accepted types are JPG, JPEG, PNG/);
		expect(emu.log.filter((e) => e.path === '/openapi/v2/media/upload/binary')).toHaveLength(0);
	});

	it('a binary over the parameter size limit is refused before upload', async () => {
		const endpoint = 'rhart-image-g-4/image-to-image';
		const big: FileSpec = { property: 'data', fileName: 'big.png', mimeType: 'image/png', size: 10 * 1024 * 1024 + 1 };
		const result = await runModel(catalogParameters(endpoint, { prompt: 'x', imageUrls: 'binary:data' }), { credentials: credentials(), files: [big] });
		expect(result.error?.message).toMatch(/over the 10\.0 MB limit/);
		expect(emu.log.filter((e) => e.path === '/openapi/v2/media/upload/binary')).toHaveLength(0);
	});

	it('many items: outputs in input order with pairedItem', async () => {
		const endpoint = 'rhart-image-g-2/text-to-image';
		const result = await runModel(catalogParameters(endpoint, { prompt: '={{ $json.p }}' }, { downloadOutputs: false, waitingOptions: { pollInterval: 0.05, timeoutMinutes: 1, maxConcurrency: 2 } }), {
			credentials: credentials(),
			items: [{ p: 'one [ms:150]' }, { p: 'two' }, { p: 'three [ms:10]' }],
		});
		expect(result.error).toBeUndefined();
		const out = result.output('Model');
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out.every((o) => o.json.status === 'SUCCESS')).toBe(true);
		expect(modelPosts(endpoint).map((p) => (p.body as IDataObject).prompt)).toEqual(['one [ms:150]', 'two', 'three [ms:10]']);
	});

	it('the example workflow (price preview → text-to-image → image-to-video from the binary) runs', async () => {
		const steps = example.nodes.filter((n) => n.type === 'n8n-nodes-runninghub.runningHubStandardModel');
		const fast = (parameters: IDataObject): IDataObject => (parameters.waitingOptions ? { ...parameters, waitingOptions: { pollInterval: 0.05, timeoutMinutes: 1 } } : parameters);
		const result = await runWorkflow({
			nodeTypes: { runningHubStandardModel: new RunningHubStandardModel() },
			nodes: steps.map((n) => ({ name: n.name, type: n.type, parameters: fast(n.parameters as IDataObject) })) as unknown as RunOptions['nodes'],
			credentials: { runningHubApi: credentials() },
		});
		expect(result.error).toBeUndefined();
		expect(result.output('Preview Price')[0].json.estimatedPrice).toBe(priceOf('rhart-image-g-2/text-to-image'));
		expect(result.output('Generate Image')[0].binary?.data.mimeType).toBe('image/png');
		const video = result.output('Animate Image')[0];
		expect(video.binary?.data.mimeType).toBe('video/mp4');
		const body = submitBody('rhart-video-v3.1-pro/image-to-video');
		expect(String(body.imageUrl).startsWith(`${emu.url}/__files/`)).toBe(true);
	});
});
