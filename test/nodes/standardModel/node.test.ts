import nock from 'nock';
import type { ILoadOptionsFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { RunningHubStandardModel } from '../../../nodes/RunningHubStandardModel/RunningHubStandardModel.node';
import { fieldsForModel } from '../../../nodes/RunningHubStandardModel/methods/fields';
import { searchModels } from '../../../nodes/RunningHubStandardModel/methods/listSearch';
import { getModelFields, modelFields } from '../../../nodes/RunningHubStandardModel/methods/resourceMapping';
import type { CatalogModel } from '../../../nodes/shared/catalog';
import { catalog, getModel, modelsWithSchema } from '../../../nodes/shared/catalog';
import { configureRetryTiming } from '../../../nodes/shared/utils/timing';
import { API, TEST_KEY } from '../../support/probeNode';
import { catalogParameters, runModel } from '../../support/standardModelRun';

const credentials = { site: 'ai', apiKey: TEST_KEY };
const TASK_ID = '2009191190196789249';
const CDN = 'https://rh-images.xiaoyaoyou.com';

function loadOptionsContext(parameters: Record<string, unknown>): ILoadOptionsFunctions {
	return {
		getNodeParameter: (name: string, fallback?: unknown, options?: { extractValue?: boolean }) => {
			const value = parameters[name] ?? fallback;
			if (options?.extractValue && value && typeof value === 'object') return (value as { value: unknown }).value;
			return value;
		},
	} as unknown as ILoadOptionsFunctions;
}

describe('Standard Model node description', () => {
	const node = new RunningHubStandardModel();
	const { description } = node;
	const property = (name: string) => description.properties.find((p) => p.name === name) as INodeProperties;

	it('is a programmatic action node (execute() → router) offered as an AI tool', () => {
		expect(description.usableAsTool).toEqual({ replacements: { description: expect.stringContaining('RunningHub model') } });
		expect(description.credentials).toEqual([{ name: 'runningHubApi', required: true }]);
		expect(description.requestDefaults).toBeUndefined();
		expect(typeof node.execute).toBe('function');
		expect((node as unknown as { customOperations?: unknown }).customOperations).toBeUndefined();
		expect(description.subtitle).toBeTruthy();
		expect(property('resource').default).toBe('model');
	});

	it('offers every catalog category, sorted by name', () => {
		const options = (property('category').options as INodePropertyOptions[]).slice(1);
		expect(options.map((o) => o.value).sort()).toEqual(catalog.categories.map((c) => c.value).sort());
		const names = options.map((o) => o.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	it('has a model locator (list + endpoint) and a catalog-fed resource mapper', () => {
		const model = property('model');
		expect(model.type).toBe('resourceLocator');
		expect(model.modes?.map((m) => m.name)).toEqual(['list', 'endpoint']);
		expect(model.modes?.[0].typeOptions?.searchListMethod).toBe('searchModels');
		const mapper = property('modelParameters');
		expect(mapper.type).toBe('resourceMapper');
		expect(mapper.typeOptions?.resourceMapper?.resourceMapperMethod).toBe('getModelFields');
		expect(mapper.typeOptions?.loadOptionsDependsOn).toEqual(['model.value']);
		expect(node.methods.listSearch.searchModels).toBe(searchModels);
		expect(node.methods.resourceMapping.getModelFields).toBe(getModelFields);
	});

	it('UI strings are English', () => {
		expect(JSON.stringify(description)).not.toMatch(/[\u3000-\u9fff]/);
	});
});

describe('Model list search (bundled catalog, no API call)', () => {
	it('filters by category', async () => {
		const { results } = await searchModels.call(loadOptionsContext({ category: 'image-to-text' }));
		const expected = catalog.models.filter((m) => m.category === 'image-to-text');
		expect(results.map((r) => r.value).sort()).toEqual(expected.map((m) => m.endpoint).sort());
	});

	it('all categories and search words (name, endpoint, tier)', async () => {
		const all = await searchModels.call(loadOptionsContext({ category: 'all' }));
		expect(all.results).toHaveLength(catalog.models.filter((m) => !m.deprecated).length);
		const veo = await searchModels.call(loadOptionsContext({ category: 'all' }), 'veo 3.1 fast official');
		expect(veo.results.length).toBeGreaterThan(0);
		for (const r of veo.results) expect(`${r.name} ${r.value}`.toLowerCase()).toMatch(/veo 3\.1 fast.*official|official.*veo 3\.1 fast/);
		const byPath = await searchModels.call(loadOptionsContext({ category: 'text-to-video' }), 'rhart-video-flux3');
		expect(byPath.results.map((r) => r.value)).toEqual(['rhart-video-flux3/text-to-video']);
	});

	it('delisted (Deprecated) models are hidden unless the node already uses one; no-schema models are marked; docs linked', async () => {
		const delisted = catalog.models.filter((m) => m.deprecated);
		// The source marks four models delisted (two "[Deprecated]" paths, two "-deprecated").
		expect(delisted.map((m) => m.endpoint).sort()).toEqual([
			'rhart-image-g-1.5/edit-[Deprecated]',
			'rhart-image-g-1.5/text-to-image-[Deprecated]',
			'rhart-video-s/image-to-video-pro-deprecated',
			'rhart-video-s/text-to-video-pro-deprecated',
		]);
		const { results } = await searchModels.call(loadOptionsContext({ category: 'text-to-image' }));
		expect(results.some((r) => /Deprecated/i.test(`${r.name} ${r.value}`))).toBe(false);
		expect(results.map((r) => r.value)).not.toContain('rhart-image-g-1.5/text-to-image-[Deprecated]');
		// Already selected (From List or By Endpoint): still listed, last.
		const selected = 'rhart-image-g-1.5/text-to-image-[Deprecated]';
		for (const model of [{ __rl: true, mode: 'list', value: selected }, { __rl: true, mode: 'endpoint', value: `/openapi/v2/${selected}` }]) {
			const withSelected = (await searchModels.call(loadOptionsContext({ category: 'text-to-image', model }))).results;
			expect(withSelected).toHaveLength(results.length + 1);
			expect(withSelected[withSelected.length - 1]).toMatchObject({ value: selected, name: expect.stringMatching(/Deprecated/) });
		}
		const otherDelisted = (await searchModels.call(loadOptionsContext({ category: 'all', model: { __rl: true, mode: 'list', value: selected } }))).results.filter((r) => /deprecated/i.test(String(r.value)));
		expect(otherDelisted.map((r) => r.value)).toEqual([selected]);

		const noSchema = results.find((r) => !catalog.models.find((m) => m.endpoint === r.value)?.params);
		expect(noSchema?.name).toMatch(/\(JSON Body Only\)$/);
		expect(results.filter((r) => r.url).length).toBe(catalog.models.filter((m) => m.category === 'text-to-image' && m.docUrl && !m.deprecated).length);
		expect(results.find((r) => r.url)?.url).toMatch(/^https:\/\//);
	});

	it('models whose parameters RunningHub has not published are marked in the list', async () => {
		const { results } = await searchModels.call(loadOptionsContext({ category: 'all' }));
		const marked = results.filter((r) => /\(Unverified Schema\)$/.test(r.name)).map((r) => r.value);
		// The 15 schemas read from another client's copy of the doc pages (catalog/source/README.md).
		expect(marked.sort()).toEqual(catalog.models.filter((m) => m.schemaSource === 'client').map((m) => m.endpoint).sort());
		expect(marked).toHaveLength(15);
		expect(marked).toContain('rhart-video-flux3/text-to-video');
		const flux = results.find((r) => r.value === 'rhart-video-flux3/text-to-video');
		expect(flux?.description).toMatch(/not published by RunningHub/);
		const registry = results.find((r) => r.value === 'rhart-image-g-2/text-to-image');
		expect(registry).toMatchObject({ name: 'GPT Image 2.0 — Text to Image (Low Price)', description: 'rhart-image-g-2/text-to-image' });
	});
});

describe('Model parameter fields (resource mapper, bundled catalog)', () => {
	it('maps types, options, required and documented defaults only', async () => {
		const { fields } = await getModelFields.call(loadOptionsContext({ model: { __rl: true, mode: 'list', value: 'rhart-video-flux3/text-to-video' } }));
		const byId = Object.fromEntries(fields.map((f) => [f.id, f]));
		expect(byId.prompt).toMatchObject({ type: 'string', required: true, defaultMatch: false, display: true, removed: false });
		expect(byId.prompt.defaultValue).toBeUndefined();
		expect(byId.aspectRatio).toMatchObject({ type: 'options', required: false, defaultValue: 'auto' });
		expect(byId.aspectRatio.options?.[0]).toEqual({ name: 'auto', value: 'auto' });
		// flux3's schema comes from another client's copy of the doc page: every field says so.
		expect(byId.duration).toMatchObject({ type: 'number', defaultValue: 5, displayName: 'Duration (5–20; unverified schema)' });
		expect(fields.every((f) => /unverified schema\)$/.test(f.displayName))).toBe(true);
		expect(byId.draft).toMatchObject({ type: 'boolean', defaultValue: false });
		expect(byId.resolution).toMatchObject({ type: 'options', required: true, defaultValue: 'hd' });
	});

	it('rhart-image-g-2 aspect ratio offers RunningHub\'s "empty" (its registry default), which sends no aspectRatio', async () => {
		for (const endpoint of ['rhart-image-g-2/text-to-image', 'rhart-image-g-2/image-to-image']) {
			const aspect = modelFields(endpoint).fields.find((f) => f.id === 'aspectRatio');
			expect(aspect).toMatchObject({ type: 'options', required: false, defaultValue: 'empty', removed: false });
			expect(aspect?.options?.[0]).toEqual({ name: 'Empty (Not Sent)', value: 'empty' });
			// The registry's order: empty, 3:2, 1:1, 2:3, 5:4, 4:5, 16:9, 9:16, 21:9, 3:4, 4:3.
			expect(aspect?.options?.map((o) => o.value)).toEqual(['empty', '3:2', '1:1', '2:3', '5:4', '4:5', '16:9', '9:16', '21:9', '3:4', '4:3']);
			expect(aspect?.displayName).toBe('Aspect Ratio');
		}
		// Registry schemas carry no "unverified" mark.
		expect(modelFields('rhart-image-g-2/text-to-image').fields.some((f) => /unverified/.test(f.displayName))).toBe(false);
	});

	it('media fields say how to give a file', () => {
		const { fields } = modelFields('rhart-video-v3.1-fast/image-to-video');
		const images = fields.find((f) => f.id === 'imageUrls');
		expect(images).toMatchObject({ type: 'string', required: true });
		expect(images?.displayName).toBe('Image URLs (JPG/PNG URLs or binary:property, comma-separated, max 3)');
		const hitem = modelFields('hitem3d-portrait-v21/image-to-3d').fields;
		expect(hitem.find((f) => f.id === 'face')?.displayName).toBe('Face Count (whole number, 100000–2000000)');
		expect(hitem.find((f) => f.id === 'imageUrl')?.displayName).toBe('Image URL (PNG/JPEG/JPG/WEBP URL or binary:property)');
	});

	it('gives each catalog type its n8n field type (one field of every kind)', () => {
		const typeOf = (endpoint: string, name: string) => modelFields(endpoint).fields.find((f) => f.id === name)?.type;
		const expected: Array<[string, string, string]> = [
			['rhart-video-flux3/text-to-video', 'prompt', 'string'], // STRING
			['rhart-video-flux3/text-to-video', 'aspectRatio', 'options'], // LIST
			['rhart-video-flux3/text-to-video', 'duration', 'number'], // FLOAT
			['rhart-video-flux3/text-to-video', 'draft', 'boolean'], // BOOLEAN
			['rhart-video-v3.1-fast-official/text-to-video', 'seed', 'number'], // INT
			['hitem3d-portrait-v21/image-to-3d', 'imageUrl', 'string'], // IMAGE
			['kling-video-o3-pro/reference-to-video', 'videoUrl', 'string'], // VIDEO
			['alibaba/wan-2.7/text-to-video', 'audioUrl', 'string'], // AUDIO
			['rhart-video-v3.1-fast/image-to-video', 'imageUrls', 'string'], // IMAGE, multiple
			['kling-v3-turbo-pro/text-to-video', 'multiPrompt', 'string'], // ARRAY
		];
		expect(expected.map(([endpoint, name]) => [endpoint, name, typeOf(endpoint, name)])).toEqual(expected);
		const [noOptions] = fieldsForModel({ ...(getModel('rhart-video-flux3/text-to-video') as CatalogModel), params: [{ name: 'mode', label: 'Mode', type: 'LIST', required: true }] });
		expect(noOptions.type).toBe('string');
		expect(noOptions.options).toBeUndefined();
	});

	it('starts optional parameters without a documented default hidden, and pre-fills documented defaults only', () => {
		const flux = Object.fromEntries(modelFields('rhart-video-flux3/text-to-video').fields.map((f) => [f.id, f]));
		expect(flux.prompt.removed).toBe(false);
		expect(flux.prompt.defaultValue).toBeUndefined();
		expect(flux.duration).toMatchObject({ removed: false, defaultValue: 5 });
		const veo = Object.fromEntries(modelFields('rhart-video-v3.1-fast-official/text-to-video').fields.map((f) => [f.id, f]));
		expect(veo.seed.removed).toBe(true);
		expect(veo.seed.defaultValue).toBeUndefined();
		expect(modelFields('rhart-video-v3.1-fast/image-to-video').fields.find((f) => f.id === 'imageUrls')?.defaultValue).toBeUndefined();
	});

	it('for every model with a schema: one field per parameter, in catalog order, with its required flag and options', () => {
		const problems: string[] = [];
		for (const model of modelsWithSchema()) {
			const fields = fieldsForModel(model);
			if (fields.map((f) => f.id).join() !== (model.params ?? []).map((p) => p.name).join()) problems.push(`${model.endpoint}: field ids differ from the parameters`);
			for (const [i, field] of fields.entries()) {
				const param = (model.params ?? [])[i];
				if (!param) continue;
				if (field.required !== param.required) problems.push(`${model.endpoint} ${param.name}: required ${field.required}`);
				if (!['string', 'options', 'number', 'boolean'].includes(String(field.type))) problems.push(`${model.endpoint} ${param.name}: type ${field.type}`);
				if (field.type === 'options' && JSON.stringify(field.options?.map((o) => o.value)) !== JSON.stringify(param.options?.map((o) => o.value))) problems.push(`${model.endpoint} ${param.name}: options differ`);
				if (field.defaultValue !== undefined && field.defaultValue !== param.default) problems.push(`${model.endpoint} ${param.name}: default ${String(field.defaultValue)} is not the catalog's`);
			}
		}
		expect(problems).toEqual([]);
	});

	it('explains when there is nothing to map', () => {
		expect(modelFields('').emptyFieldsNotice).toMatch(/Select a model/);
		expect(modelFields('vendor/brand-new/text-to-video').emptyFieldsNotice).toMatch(/not in the bundled catalog.*Custom Endpoint/);
		const noSchema = catalog.models.find((m) => !m.params);
		expect(modelFields(String(noSchema?.endpoint)).emptyFieldsNotice).toMatch(/no parameter list.*Custom Endpoint/);
	});
});

describe('Standard Model node with a mocked RunningHub', () => {
	beforeAll(() => {
		nock.disableNetConnect();
		configureRetryTiming({ baseDelayMs: 5, maxDelayMs: 20 });
	});
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('a fast model that already finished in the submit response is not polled', async () => {
		const api = nock(API)
			.post('/openapi/v2/rhart-image-g-2/text-to-image', { prompt: 'a cat' })
			.matchHeader('authorization', `Bearer ${TEST_KEY}`)
			.reply(
				200,
				`{"taskId":${TASK_ID},"status":"SUCCESS","errorCode":"","errorMessage":"","results":[{"url":"${CDN}/output/cat.png","outputType":"png","text":null}],"clientId":"c","promptTips":"","usage":{"consumeMoney":"0.2","taskCostTime":"3"}}`,
				{ 'Content-Type': 'application/json' },
			);
		const cdn = nock(CDN).get('/output/cat.png').reply(200, Buffer.from('89504e47', 'hex'), { 'Content-Type': 'image/png' });
		const result = await runModel(catalogParameters('rhart-image-g-2/text-to-image', { prompt: 'a cat' }, { waitingOptions: { maxConcurrency: 1, pollInterval: 0.05 } }), { credentials });
		expect(result.error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(cdn.isDone()).toBe(true);
		const [item] = result.output('Model');
		expect(item.json).toMatchObject({ taskId: TASK_ID, status: 'SUCCESS', files: [{ url: `${CDN}/output/cat.png`, type: 'png', fileName: 'cat.png' }], usage: { money: 0.2, runTimeSeconds: 3 } });
		expect(item.binary?.data.mimeType).toBe('image/png');
	});

	// RunningHub's answer as the Go SDK's price-preview test shows it: flat, no code, no errorCode.
	const GO_SDK_PRICE = { estimatedPrice: 4.8, currency: 'CNY', freeLimit: false, isFreeThisCall: false, priceText: '¥0.50/次', priceTextEn: 'CNY 0.50/call', remainingFreeLimitCount: '0', freeLimitCount: '0' };

	it('Preview Price reads the flat answer without code or errorCode, asked once (no retries)', async () => {
		const api = nock(API).post('/openapi/v2/price-preview/rhart-image-g-2/text-to-image', { prompt: 'a cat' }).once().reply(200, GO_SDK_PRICE);
		const result = await runModel(catalogParameters('rhart-image-g-2/text-to-image', { prompt: 'a cat' }, { operation: 'previewPrice' }), { credentials });
		expect(result.error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(result.output('Model')[0].json).toEqual({
			endpoint: 'rhart-image-g-2/text-to-image',
			model: expect.any(String),
			estimatedPrice: 4.8,
			currency: 'CNY',
			priceText: '¥0.50/次',
			priceTextEn: 'CNY 0.50/call',
			freeLimit: false,
			isFreeThisCall: false,
			remainingFreeLimitCount: 0,
			freeLimitCount: 0,
		});
	});

	it('the Max Price guard reads the flat answer: above the limit nothing is submitted', async () => {
		const api = nock(API).post('/openapi/v2/price-preview/rhart-image-g-2/text-to-image').once().reply(200, GO_SDK_PRICE);
		const submit = nock(API).post('/openapi/v2/rhart-image-g-2/text-to-image').reply(200, { taskId: TASK_ID, status: 'QUEUED', errorCode: '', errorMessage: '', results: null });
		const result = await runModel(catalogParameters('rhart-image-g-2/text-to-image', { prompt: 'a cat' }, { options: { maxPrice: 1 }, waitingOptions: { maxConcurrency: 1 } }), { credentials });
		expect(api.isDone()).toBe(true);
		expect(submit.isDone()).toBe(false);
		expect(result.error?.message).toBe('Estimated price 4.8 CNY is above the Max Price of 1 CNY');
		expect(result.error?.description).toContain("RunningHub's estimate: CNY 0.50/call");
	});

	it('the Max Price guard with the flat answer next to an empty errorCode: within the limit it submits', async () => {
		const api = nock(API)
			.post('/openapi/v2/price-preview/rhart-image-g-2/text-to-image')
			.reply(200, { ...GO_SDK_PRICE, errorCode: '', errorMessage: '' })
			.post('/openapi/v2/rhart-image-g-2/text-to-image')
			.reply(200, { taskId: TASK_ID, status: 'QUEUED', errorCode: '', errorMessage: '', results: null });
		const result = await runModel(catalogParameters('rhart-image-g-2/text-to-image', { prompt: 'a cat' }, { waitMode: 'none', options: { maxPrice: 5 }, waitingOptions: { maxConcurrency: 1 } }), { credentials });
		expect(result.error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(result.output('Model')[0].json).toMatchObject({ taskId: TASK_ID, status: 'QUEUED' });
	});

	it('reads a wrapped price preview envelope too, and a free call passes the Max Price guard', async () => {
		const price = { estimatedPrice: 9.5, currency: 'CNY', priceText: 'x', priceTextEn: 'Estimated cost ¥9.50', freeLimit: 3, isFreeThisCall: true, remainingFreeLimitCount: 2, freeLimitCount: 3 };
		const api = nock(API)
			.post('/openapi/v2/price-preview/rhart-image-g-2/text-to-image', { prompt: 'a cat' })
			.reply(200, { code: 0, msg: 'success', data: price })
			.post('/openapi/v2/rhart-image-g-2/text-to-image', { prompt: 'a cat' })
			.reply(200, { taskId: TASK_ID, status: 'QUEUED', errorCode: '', errorMessage: '', results: null });
		const result = await runModel(catalogParameters('rhart-image-g-2/text-to-image', { prompt: 'a cat' }, { waitMode: 'none', options: { maxPrice: 1 }, waitingOptions: { maxConcurrency: 1 } }), { credentials });
		expect(result.error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(result.output('Model')[0].json).toMatchObject({ taskId: TASK_ID, status: 'QUEUED' });
	});

	it('a price preview without a price blocks a guarded submit', async () => {
		nock(API).post('/openapi/v2/price-preview/rhart-image-g-2/text-to-image').reply(200, { errorCode: '', errorMessage: '', currency: 'CNY' });
		const result = await runModel(catalogParameters('rhart-image-g-2/text-to-image', { prompt: 'a cat' }, { options: { maxPrice: 1 }, waitingOptions: { maxConcurrency: 1 } }), { credentials });
		expect(result.error?.message).toMatch(/no price estimate/);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('nothing is sent when a required parameter is missing', async () => {
		const result = await runModel(catalogParameters('rhart-video-flux3/text-to-video', { resolution: 'hd' }), { credentials });
		expect(result.error?.message).toBe('Parameter "prompt" (Prompt) is required by FLUX 3 Video — Text to Video');
	});

	it('a model without a parameter list points to Custom Endpoint', async () => {
		const result = await runModel(catalogParameters('alibaba/happyhorse-1.1/text-to-video', {}), { credentials });
		expect(result.error?.message).toMatch(/no parameter list/);
		expect(result.error?.description).toMatch(/Custom Endpoint/);
	});

	it('By Endpoint mode with an unknown endpoint points to Custom Endpoint', async () => {
		const result = await runModel(catalogParameters('vendor/brand-new/text-to-video', { prompt: 'x' }, { model: { __rl: true, mode: 'endpoint', value: 'vendor/brand-new/text-to-video' } }), { credentials });
		expect(result.error?.message).toBe('Model "vendor/brand-new/text-to-video" is not in the bundled catalog');
		expect(result.error?.description).toMatch(/Custom Endpoint/);
	});
});
