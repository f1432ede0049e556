'use strict';
// Standard Model API and price preview (API.md §11). The tests bring their own tiny
// catalog (options.models + modelsOnly) so they do not depend on the package catalog.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { KEYS, APPS } = require('./index');
const { startEmulator, v2, pollV2 } = require('./helpers');
const { createModelCatalog, MODEL_FIXTURES } = require('./models');

const MODELS = [
	{
		endpoint: 'acme/text-to-video', output: 'video',
		params: [
			{ name: 'prompt', type: 'STRING', required: true, maxLength: 50 },
			{ name: 'duration', type: 'LIST', required: true, options: [{ value: '5', name: '5 s' }, { value: '10', name: '10 s' }] },
			{ name: 'cfgScale', type: 'FLOAT', required: false, min: 0, max: 1 },
			{ name: 'steps', type: 'INT', required: false, min: 1, max: 50 },
			{ name: 'sound', type: 'BOOLEAN', required: false },
		],
	},
	{ endpoint: 'acme/edit', output: 'image', params: [{ name: 'prompt', type: 'STRING', required: true }, { name: 'imageUrls', type: 'IMAGE', required: true, multiple: true, maxItems: 2 }] },
	{ endpoint: 'acme/caption', output: 'text', params: [{ name: 'imageUrl', type: 'IMAGE', required: true }, { name: 'prompt', type: 'STRING', required: false }] },
	{ endpoint: 'acme/tts', output: 'audio', params: [{ name: 'text', type: 'STRING', required: true }] },
	{ endpoint: 'acme/mesh', output: '3d', params: null },
];

let emu;
beforeAll(async () => {
	emu = await startEmulator({ models: MODELS, modelsOnly: true });
});
afterAll(() => emu.close());
afterEach(() => emu.reset());

const good = { prompt: 'a wave', duration: '5', cfgScale: 0.5, steps: 20, sound: true };

describe('POST /openapi/v2/{endpoint} (Standard Model submit)', () => {
	test('creates a task; result is an mp4 with money usage', async () => {
		const r = await v2(emu, '/openapi/v2/acme/text-to-video', good);
		expect(r.json).toMatchObject({ status: 'QUEUED', errorCode: '', errorMessage: '', results: null });
		expect(r.json.taskId).toMatch(/^\d{19}$/);
		expect(r.json.code).toBeUndefined();
		const done = await pollV2(emu, r.json.taskId, KEYS.shared);
		expect(done.results).toEqual([{ url: expect.stringContaining('.mp4?'), outputType: 'mp4', text: null }]);
		expect(done.usage).toMatchObject({ consumeCoins: null, consumeMoney: null, thirdPartyConsumeMoney: expect.stringMatching(/^\d+\.\d\d$/) });
		expect(emu.tasks.get(r.json.taskId)).toMatchObject({ kind: 'model', endpoint: 'acme/text-to-video' });
	});

	test('output kinds: image → png, audio → mp3, 3d → glb, text → text result', async () => {
		const cases = [
			['acme/edit', { prompt: 'x', imageUrls: ['http://h/a.png'] }, 'png'],
			['acme/tts', { text: 'hello' }, 'mp3'],
			['acme/mesh', { anything: 1 }, 'glb'],
		];
		for (const [ep, body, ext] of cases) {
			const r = await v2(emu, `/openapi/v2/${ep}`, body);
			expect((await pollV2(emu, r.json.taskId, KEYS.shared)).results[0].outputType).toBe(ext);
		}
		const t = await v2(emu, '/openapi/v2/acme/caption', { imageUrl: 'http://h/a.png', prompt: 'what is it' });
		const done = await pollV2(emu, t.json.taskId, KEYS.shared);
		expect(done.results).toEqual([{ url: null, outputType: 'text', text: expect.stringContaining('what is it') }]);
	});

	test('non-SHARED key → errorCode "1014"', async () => {
		for (const key of [KEYS.consumer, KEYS.exclusive]) {
			const r = await v2(emu, '/openapi/v2/acme/text-to-video', good, key);
			expect(r.json).toMatchObject({ status: '', errorCode: '1014', errorMessage: 'Access Denied: Standard Model API is restricted to Enterprise-Shared API Keys only' });
		}
		expect(emu.tasks.size).toBe(0);
	});

	test('unknown endpoint → errorCode "1001"', async () => {
		expect((await v2(emu, '/openapi/v2/acme/nope', good)).json.errorCode).toBe('1001');
	});

	test('parameter validation → errorCode "1007" naming the field', async () => {
		const cases = [
			[{ duration: '5' }, 'prompt'], // missing required
			[{ ...good, duration: '7' }, 'duration'], // not in options
			[{ ...good, duration: 5 }, 'duration'], // LIST must be a string
			[{ ...good, cfgScale: 2 }, 'cfgScale'], // above max
			[{ ...good, steps: 2.5 }, 'steps'], // INT
			[{ ...good, steps: '20' }, 'steps'], // numbers must be numbers
			[{ ...good, sound: 'true' }, 'sound'], // BOOLEAN must be boolean
			[{ ...good, prompt: 'x'.repeat(51) }, 'prompt'], // maxLength
		];
		for (const [body, field] of cases) {
			const r = await v2(emu, '/openapi/v2/acme/text-to-video', body);
			expect(r.json.errorCode).toBe('1007');
			expect(r.json.errorMessage).toContain(field);
		}
		const multi = await v2(emu, '/openapi/v2/acme/edit', { prompt: 'x', imageUrls: 'http://h/a.png' });
		expect(multi.json).toMatchObject({ errorCode: '1007', errorMessage: expect.stringContaining('imageUrls') });
		const tooMany = await v2(emu, '/openapi/v2/acme/edit', { prompt: 'x', imageUrls: ['a', 'b', 'c'] });
		expect(tooMany.json.errorCode).toBe('1007');
		expect(emu.tasks.size).toBe(0);
	});

	test('magic tokens work in model params', async () => {
		const r = await v2(emu, '/openapi/v2/acme/text-to-video', { ...good, prompt: 'x [fail]' });
		const done = await pollV2(emu, r.json.taskId, KEYS.shared);
		expect(done).toMatchObject({ status: 'FAILED', errorCode: '805' });
		expect(done.failedReason.node_name).toBe('acme/text-to-video');
	});
});

describe('POST /openapi/v2/price-preview/{endpoint}', () => {
	test('returns the price fields (deterministic per endpoint) and creates no task', async () => {
		const a = await v2(emu, '/openapi/v2/price-preview/acme/text-to-video', good);
		// Flat, with neither `code` nor `errorCode` (API.md §11, §19; the Go SDK's price-preview test).
		expect(a.json).toEqual({
			estimatedPrice: expect.any(Number), currency: 'CNY', priceText: expect.any(String), priceTextEn: expect.any(String),
			freeLimit: 0, isFreeThisCall: false, remainingFreeLimitCount: 0, freeLimitCount: 0,
		});
		const b = await v2(emu, '/openapi/v2/price-preview/acme/text-to-video', good);
		expect(b.json.estimatedPrice).toBe(a.json.estimatedPrice);
		expect(emu.tasks.size).toBe(0);
	});

	test('same validation as submit: 1014, 1001, 1007', async () => {
		expect((await v2(emu, '/openapi/v2/price-preview/acme/text-to-video', good, KEYS.consumer)).json.errorCode).toBe('1014');
		expect((await v2(emu, '/openapi/v2/price-preview/acme/nope', good)).json.errorCode).toBe('1001');
		expect((await v2(emu, '/openapi/v2/price-preview/acme/text-to-video', { prompt: 'x' })).json.errorCode).toBe('1007');
	});

	test('pricePreviewEnvelope "flatErrorCode": the same flat fields next to an empty errorCode', async () => {
		const e = await startEmulator({ models: MODELS, modelsOnly: true, pricePreviewEnvelope: 'flatErrorCode' });
		try {
			const r = await v2(e, '/openapi/v2/price-preview/acme/tts', { text: 'x' });
			expect(r.json).toEqual(expect.objectContaining({ estimatedPrice: expect.any(Number), currency: 'CNY', errorCode: '', errorMessage: '' }));
			expect(r.json).not.toHaveProperty('code');
		} finally {
			await e.close();
		}
	});

	test('AI app price preview and the "wrapped" envelope option', async () => {
		expect((await v2(emu, `/openapi/v2/price-preview/run/ai-app/${APPS.image}`, { nodeInfoList: [] })).json.currency).toBe('CNY');
		const e = await startEmulator({ models: MODELS, modelsOnly: true, pricePreviewEnvelope: 'wrapped' });
		try {
			const r = await v2(e, '/openapi/v2/price-preview/acme/tts', { text: 'x' });
			expect(r.json).toMatchObject({ code: 0, msg: 'success', data: { currency: 'CNY', estimatedPrice: expect.any(Number) } });
		} finally {
			await e.close();
		}
	});
});

describe('model catalog loading', () => {
	test('accepts the research-snapshot dialect (rhType, enum, jsonType, outputType)', () => {
		const catalog = createModelCatalog({
			modelsOnly: true,
			models: [{
				endpoint: '/openapi/v2/old/style', outputType: 'string',
				params: [{ name: 'mode', rhType: 'LIST', enum: ['a', 'b'], required: true }, { name: 'imageUrls', rhType: 'IMAGE', jsonType: 'array<string>' }, { name: 'n', rhType: 'NUMBER', min: 1 }],
			}],
		});
		const m = catalog.get('old/style');
		expect(m.output).toBe('text');
		expect(m.params).toEqual([
			{ name: 'mode', type: 'LIST', required: true, multiple: false, options: ['a', 'b'] },
			{ name: 'imageUrls', type: 'IMAGE', required: false, multiple: true },
			{ name: 'n', type: 'FLOAT', required: false, multiple: false, min: 1 },
		]);
	});

	test('accepts RunningHub\'s registry dialect (fieldKey, options [{value}], multipleInputs / maxInputNum)', () => {
		const catalog = createModelCatalog({
			modelsOnly: true,
			models: [{
				endpoint: 'reg/style', output_type: 'image',
				params: [
					{ fieldKey: 'aspectRatio', type: 'LIST', required: false, defaultValue: 'empty', options: [{ value: 'empty' }, { value: '1:1' }, { value: '16:9' }] },
					{ fieldKey: 'imageUrls', type: 'IMAGE', required: true, multipleInputs: false, maxInputNum: 1 },
					{ fieldKey: 'refs', type: 'IMAGE', multipleInputs: true, maxInputNum: 4 },
					{ fieldKey: 'imageUrl', type: 'IMAGE', required: true },
				],
			}],
		});
		expect(catalog.get('reg/style')).toEqual({
			endpoint: 'reg/style',
			output: 'image',
			params: [
				// "empty" is RunningHub's client-side "omit this field": never a value on the wire.
				{ name: 'aspectRatio', type: 'LIST', required: false, multiple: false, options: ['1:1', '16:9'] },
				// *Urls fields are arrays even with one input (RunningHub's client).
				{ name: 'imageUrls', type: 'IMAGE', required: true, multiple: true, maxItems: 1 },
				{ name: 'refs', type: 'IMAGE', required: false, multiple: true, maxItems: 4 },
				{ name: 'imageUrl', type: 'IMAGE', required: true, multiple: false },
			],
		});
	});

	test('reads an extra catalog file lazily and keeps the other sources when it is missing or broken', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rh-emu-'));
		try {
			const file = path.join(dir, 'models.json');
			fs.writeFileSync(file, JSON.stringify({ models: [{ endpoint: 'file/model', output: 'image', params: null }] }));
			const fromFile = createModelCatalog({ modelsFile: file });
			expect(fromFile.get('file/model')).toMatchObject({ output: 'image' });
			expect(fromFile.get('rhart-video/text-to-video-test')).not.toBeNull();
			expect(fromFile.get('rhart-image-g-2/text-to-image')).not.toBeNull();
			const missing = createModelCatalog({ modelsFile: path.join(dir, 'absent.json') });
			expect(missing.source).toBe('builtin + model-fixtures');
			expect(missing.get('rhart-image/text-to-image-test')).not.toBeNull();
			fs.writeFileSync(file, '{"models": [');
			expect(createModelCatalog({ modelsFile: file }).source).toBe('builtin + model-fixtures');
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	test('serves its own model fixtures, each citing RunningHub data, and never the package catalog', () => {
		const fixtures = JSON.parse(fs.readFileSync(MODEL_FIXTURES, 'utf8')).models;
		const problems = fixtures.filter((m) => typeof m._source !== 'string' || m._source.length < 20).map((m) => `${m.endpoint}: no _source`);
		expect(problems).toEqual([]);
		const catalog = createModelCatalog({});
		expect(catalog.source).toBe('builtin + model-fixtures');
		for (const m of fixtures) expect(catalog.get(m.endpoint)).not.toBeNull();
		// In the package catalog, not in the fixtures: unknown here (answered 1001).
		expect(catalog.get('kling-v3.0-pro/image-to-video')).toBeNull();
		const known = new Set(['video', 'image', 'audio', '3d', 'text', 'world']);
		for (const m of catalog.list()) {
			expect(known.has(m.output)).toBe(true);
			for (const p of m.params || []) expect(['STRING', 'LIST', 'BOOLEAN', 'INT', 'FLOAT', 'IMAGE', 'VIDEO', 'AUDIO', 'ARRAY']).toContain(p.type);
		}
		// The registry's rhart-image-g-2 aspectRatio lists "empty"; it is not accepted as a value.
		expect(catalog.get('rhart-image-g-2/text-to-image').params.find((p) => p.name === 'aspectRatio').options).not.toContain('empty');
	});
});
