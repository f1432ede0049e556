import type { CatalogModel, CatalogParam } from '../../../nodes/shared/catalog';
import { catalog, getModel, modelsWithSchema } from '../../../nodes/shared/catalog';
import {
	buildRequestBody,
	checkEndpoint,
	checkMediaValue,
	findBinaryRefs,
	mediaLimits,
	ParameterError,
	parseJsonBody,
	replaceBinaryRefs,
	splitList,
} from '../../../nodes/RunningHubStandardModel/validation';
import { loadCatalogSource } from '../../support/catalogSource';
import { isMedia, mediaUrl, validValue, validValues } from '../../support/standardModelValues';

// The emulator's own (independent, JS) check of a model body, as RunningHub would answer 1007,
// judged against the source data the catalog is built from (catalog/source), not against the
// built catalog itself: a wrong build cannot agree with itself.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createModelCatalog, validateModelParams } = require('../../emulator/models') as {
	createModelCatalog: (o: object) => { get: (endpoint: string) => unknown };
	validateModelParams: (model: unknown, body: unknown) => string | null;
};
const emulatorModels = createModelCatalog({ modelsOnly: true, models: loadCatalogSource().models });

const models = modelsWithSchema();

function catchError(fn: () => unknown): ParameterError {
	try {
		fn();
	} catch (error) {
		return error as ParameterError;
	}
	throw new Error('expected a ParameterError, but the call succeeded');
}

function expectTyped(param: CatalogParam, value: unknown) {
	if (param.multiple || param.type === 'ARRAY') {
		expect(Array.isArray(value)).toBe(true);
		for (const item of value as unknown[]) expect(typeof item).toBe('string');
		if (param.maxItems !== undefined) expect((value as unknown[]).length).toBeLessThanOrEqual(param.maxItems);
		return;
	}
	switch (param.type) {
		case 'LIST':
			expect(typeof value).toBe('string');
			if (param.options?.length) expect(param.options.map((o) => o.value)).toContain(value);
			break;
		case 'BOOLEAN':
			expect(typeof value).toBe('boolean');
			break;
		case 'INT':
			expect(Number.isInteger(value)).toBe(true);
			break;
		case 'FLOAT':
			expect(typeof value).toBe('number');
			break;
		default:
			expect(typeof value).toBe('string');
	}
	if (typeof value === 'number') {
		if (param.min !== undefined) expect(value).toBeGreaterThanOrEqual(param.min);
		if (param.max !== undefined) expect(value).toBeLessThanOrEqual(param.max);
	}
	if (typeof value === 'string' && param.maxLength !== undefined) expect(value.length).toBeLessThanOrEqual(param.maxLength);
}

describe('Standard Model request validation: every catalog model with a schema', () => {
	it('the catalog has the documented size', () => {
		expect(catalog.models.length).toBeGreaterThanOrEqual(400);
		expect(models.length).toBeGreaterThanOrEqual(300);
	});

	it.each(models.map((m) => [m.endpoint, m] as const))('%s: defaults + generated values build a typed, valid body', (_endpoint, model) => {
		const values = validValues(model);
		const body = buildRequestBody(model, values);
		for (const param of model.params ?? []) {
			// RunningHub's "empty" option (omitValue) means: leave the field out.
			if (param.omitValue !== undefined && values[param.name] === param.omitValue) {
				expect(body).not.toHaveProperty([param.name]);
				continue;
			}
			expect(body).toHaveProperty([param.name]);
			expectTyped(param, body[param.name]);
		}
		// RunningHub-side view of the same body (the emulator's validator) agrees. Its check of
		// ARRAY-typed multi-value params (kling-v3-turbo multiPrompt: a list of strings) wrongly
		// expects every item to be a list too, so those two models are left to our own checks.
		const emulatorJudges = !(model.params ?? []).some((p) => p.type === 'ARRAY');
		if (emulatorJudges) expect(validateModelParams(emulatorModels.get(model.endpoint), body)).toBeNull();

		// Required parameters alone are enough (optional ones are omitted, not invented).
		const minimal = buildRequestBody(model, validValues(model, { requiredOnly: true }));
		for (const param of model.params ?? []) {
			if (!param.required) expect(minimal).not.toHaveProperty([param.name]);
			else expectTyped(param, minimal[param.name]);
		}
		if (emulatorJudges) expect(validateModelParams(emulatorModels.get(model.endpoint), minimal)).toBeNull();
	});
});

/** Every (model, param) pair that has a given constraint. */
function pairs(filter: (p: CatalogParam) => boolean): Array<[string, CatalogModel, CatalogParam]> {
	const out: Array<[string, CatalogModel, CatalogParam]> = [];
	for (const model of models) for (const param of model.params ?? []) if (filter(param)) out.push([`${model.endpoint} ${param.name}`, model, param]);
	return out;
}

function expectFieldError(model: CatalogModel, param: CatalogParam, bad: unknown, message?: RegExp) {
	const values = { ...validValues(model), [param.name]: bad };
	const error = catchError(() => buildRequestBody(model, values));
	expect(error).toBeInstanceOf(ParameterError);
	expect(error.field).toBe(param.name);
	expect(error.message).toContain(`"${param.name}"`);
	if (message) expect(error.message).toMatch(message);
	return error;
}

describe('Standard Model request validation: one invalid value per constraint kind names the field', () => {
	const required = pairs((p) => p.required && p.default === undefined && p.type !== 'BOOLEAN');
	const enums = pairs((p) => p.type === 'LIST' && !!p.options?.length);
	const withMin = pairs((p) => (p.type === 'INT' || p.type === 'FLOAT') && p.min !== undefined);
	const withMax = pairs((p) => (p.type === 'INT' || p.type === 'FLOAT') && p.max !== undefined);
	const ints = pairs((p) => p.type === 'INT');
	const numbers = pairs((p) => p.type === 'INT' || p.type === 'FLOAT');
	const booleans = pairs((p) => p.type === 'BOOLEAN');
	const maxLength = pairs((p) => p.type === 'STRING' && p.maxLength !== undefined && !isMedia(p));
	const minLength = pairs((p) => p.type === 'STRING' && (p.minLength ?? 0) > 1);
	const strings = pairs((p) => p.type === 'STRING' && !isMedia(p) && !p.multiple);
	const formats = pairs((p) => isMedia(p) && !!p.media?.accept?.length);
	const mediaKinds = pairs((p) => ['IMAGE', 'VIDEO', 'AUDIO'].includes(p.type));
	const maxItems = pairs((p) => !!p.multiple && p.maxItems !== undefined);

	it('every constraint kind occurs in the catalog', () => {
		for (const list of [required, enums, withMin, withMax, ints, booleans, maxLength, minLength, strings, formats, mediaKinds, maxItems]) {
			expect(list.length).toBeGreaterThan(0);
		}
	});

	it.each(required)('missing required: %s', (_n, model, param) => {
		for (const empty of [undefined, null, '', '   ', []]) {
			const values = validValues(model);
			if (empty === undefined) delete values[param.name];
			else values[param.name] = empty;
			const error = catchError(() => buildRequestBody(model, values));
			expect(error.field).toBe(param.name);
			expect(error.message).toMatch(/is required/);
		}
	});

	it.each(enums)('not in enum: %s', (_n, model, param) => {
		const error = expectFieldError(model, param, 'definitely-not-an-option', /must be one of/);
		// The allowed values are named.
		expect(error.message).toContain(`"${param.options?.[0].value}"`);
	});

	it.each(withMin)('below min: %s', (_n, model, param) => {
		expectFieldError(model, param, (param.min as number) - 1, /must be (between|at least)/);
	});

	it.each(withMax)('above max: %s', (_n, model, param) => {
		expectFieldError(model, param, (param.max as number) + 1, /must be (between|at most)/);
	});

	it.each(ints)('non-integer for INT: %s', (_n, model, param) => {
		const inside = (validValue(param) as number) + 0.5;
		expectFieldError(model, param, inside, /whole number/);
	});

	it.each(maxLength)('too long: %s', (_n, model, param) => {
		expectFieldError(model, param, 'x'.repeat((param.maxLength as number) + 1), /maximum is/);
	});

	it.each(minLength)('too short: %s', (_n, model, param) => {
		expectFieldError(model, param, 'x'.repeat((param.minLength as number) - 1), /minimum is/);
	});

	it.each(numbers)('wrong type (number): %s', (_n, model, param) => {
		expectFieldError(model, param, 'abc', /must be a number/);
		expectFieldError(model, param, true, /must be a number/);
	});

	it.each(booleans)('wrong type (boolean): %s', (_n, model, param) => {
		expectFieldError(model, param, 'maybe', /true or false/);
		expectFieldError(model, param, 1, /true or false/);
	});

	it.each(strings)('wrong type (text): %s', (_n, model, param) => {
		expectFieldError(model, param, { text: 'x' }, /must be text/);
	});

	it.each(formats)('wrong media format: %s', (_n, model, param) => {
		const accepted = (param.media?.accept ?? []).map((a) => a.toLowerCase());
		const kind = param.type === 'VIDEO' ? 'video' : param.type === 'AUDIO' ? 'audio' : 'image';
		const wrong = { image: ['gif', 'bmp', 'tiff', 'webp', 'png', 'avif', 'heic'], video: ['webm', 'avi', 'mkv', 'mov'], audio: ['flac', 'ogg', 'm4a', 'wav'] }[kind].find((e) => !accepted.includes(e) && !(e === 'tiff' && accepted.includes('tif')));
		const url = `https://cdn.example.com/in/file.${wrong}`;
		const error = expectFieldError(model, param, param.multiple ? [url] : url, /allowed formats/);
		expect(error.message).toContain(String(param.media?.accept?.[0]));
	});

	it.each(mediaKinds)('wrong media kind and non-URL: %s', (_n, model, param) => {
		const otherKind = param.type === 'IMAGE' ? 'mp4' : 'png';
		const url = `https://cdn.example.com/in/file.${otherKind}`;
		expectFieldError(model, param, param.multiple ? [url] : url, /allowed formats/);
		expectFieldError(model, param, 'not a url', /http\(s\) URL or binary/);
	});

	it.each(maxItems)('too many items: %s', (_n, model, param) => {
		const items = Array.from({ length: (param.maxItems as number) + 1 }, (_, i) => mediaUrl(param, i));
		expectFieldError(model, param, items, /at most/);
		expectFieldError(model, param, items.join(', '), /at most/);
	});

	it('unknown parameter', () => {
		const model = getModel('rhart-image-g-2/text-to-image') as CatalogModel;
		const error = catchError(() => buildRequestBody(model, { prompt: 'x', colour: 'red' }));
		expect(error.field).toBe('colour');
		expect(error.message).toContain('"colour" is not a parameter');
	});
});

describe('Standard Model request validation: typing rules (API.md §11)', () => {
	const flux = getModel('rhart-video-flux3/text-to-video') as CatalogModel;
	const fast = getModel('rhart-video-v3.1-fast/image-to-video') as CatalogModel;
	const hitem = getModel('hitem3d-portrait-v21/image-to-3d') as CatalogModel;

	it('LIST values are strings even when numeric; BOOLEAN from "true"/"false"; numbers from numeric text', () => {
		const body = buildRequestBody(fast, { prompt: 'p', aspectRatio: '16:9', imageUrls: 'https://x.test/a.png', duration: 8, resolution: '720p' });
		expect(body.duration).toBe('8');
		const b2 = buildRequestBody(flux, { prompt: 'p', draft: 'TRUE', generateAudio: 'false', duration: '7.5', safetyTolerance: ' 3 ' });
		expect(b2).toMatchObject({ draft: true, generateAudio: false, duration: 7.5, safetyTolerance: 3, resolution: 'hd' });
		const b3 = buildRequestBody(hitem, { requestType: 'mesh', imageUrl: 'https://x.test/a.jpeg', resolution: '1536pro', face: '150000' });
		expect(b3.face).toBe(150000);
	});

	it('an option label or other letter case selects the option value', () => {
		const body = buildRequestBody(flux, { prompt: 'p', resolution: 'FHD' });
		expect(body.resolution).toBe('fhd');
	});

	it('required values with a documented default take it; optional empty values are omitted', () => {
		const body = buildRequestBody(flux, { prompt: 'p', aspectRatio: '', duration: null });
		expect(body).toEqual({ prompt: 'p', resolution: 'hd' });
	});

	it('an unset required switch is false (as n8n shows it)', () => {
		const model = getModel('rhart-audio/text-to-audio/speech-02-hd') as CatalogModel;
		const values = validValues(model);
		delete values.enable_base64_output;
		expect(buildRequestBody(model, values).enable_base64_output).toBe(false);
	});

	it('multi-value media: arrays, comma-separated text, JSON lists and binary references', () => {
		const fromText = buildRequestBody(fast, { prompt: 'p', imageUrls: 'https://x.test/a.png, binary:data ,binary:second' });
		expect(fromText.imageUrls).toEqual(['https://x.test/a.png', 'binary:data', 'binary:second']);
		const fromJson = buildRequestBody(fast, { prompt: 'p', imageUrls: '["https://x.test/a.png"]' });
		expect(fromJson.imageUrls).toEqual(['https://x.test/a.png']);
		const single = buildRequestBody(hitem, { imageUrl: ['binary:photo'] });
		expect(single.imageUrl).toBe('binary:photo');
	});

	it('a field named …Urls is a list even when a schema does not mark it multiple', () => {
		const model: CatalogModel = { ...flux, endpoint: 'x/y', params: [{ name: 'videoUrls', label: 'Video URLs', type: 'VIDEO', required: true, media: { kind: 'video', accept: ['MP4'] } }] };
		expect(buildRequestBody(model, { videoUrls: 'https://x.test/a.mp4,https://x.test/b.mp4' }).videoUrls).toEqual(['https://x.test/a.mp4', 'https://x.test/b.mp4']);
	});

	it('ARRAY text values split by line, not by comma', () => {
		const model = getModel('kling-v3-turbo-pro/text-to-video') as CatalogModel;
		const param = model.params?.find((p) => p.name === 'multiPrompt') as CatalogParam;
		expect(splitList(param, 'a cat, walking\na dog, running')).toEqual(['a cat, walking', 'a dog, running']);
	});

	it('media URLs: extension checked (JPG = JPEG), unknown extensions and data/asset URIs pass', () => {
		const param = hitem.params?.find((p) => p.name === 'imageUrl') as CatalogParam;
		expect(checkMediaValue(param, 'https://x.test/a.JPG?sig=1')).toBe('https://x.test/a.JPG?sig=1');
		expect(checkMediaValue(param, 'https://x.test/render?id=4')).toBe('https://x.test/render?id=4');
		expect(checkMediaValue(param, 'data:image/png;base64,AAAA')).toBe('data:image/png;base64,AAAA');
		expect(() => checkMediaValue(param, 'data:video/mp4;base64,AAAA')).toThrow(/allowed formats/);
		expect(checkMediaValue(param, 'asset://123')).toBe('asset://123');
		expect(checkMediaValue(param, ' binary: photo ')).toBe('binary:photo');
		expect(() => checkMediaValue(param, 'binary:')).toThrow(/incomplete binary reference/);
		expect(mediaLimits(param)).toEqual({ accept: ['png', 'jpeg', 'jpg', 'webp'], maxBytes: 20 * 1024 * 1024 });
	});

	it('binary references are found and replaced in place', () => {
		const body = { prompt: 'binary: not a ref', imageUrl: 'binary:a', imageUrls: ['https://x.test/1.png', 'binary:b'] };
		const refs = findBinaryRefs(body);
		expect(refs).toEqual([
			{ field: 'imageUrl', property: 'a' },
			{ field: 'imageUrls', index: 1, property: 'b' },
		]);
		expect(replaceBinaryRefs(body, refs, ['U1', 'U2'])).toEqual({ prompt: 'binary: not a ref', imageUrl: 'U1', imageUrls: ['https://x.test/1.png', 'U2'] });
		expect(body.imageUrl).toBe('binary:a');
	});

	it('a model without a parameter list is refused with a pointer to Custom Endpoint', () => {
		const noSchema = catalog.models.find((m) => !m.params) as CatalogModel;
		const error = catchError(() => buildRequestBody(noSchema, { prompt: 'x' }));
		expect(error.hint).toMatch(/Custom Endpoint/);
	});
});

describe('Custom Endpoint input', () => {
	it('the JSON body must be a JSON object', () => {
		expect(parseJsonBody('{"prompt":"a","duration":"5"}')).toEqual({ prompt: 'a', duration: '5' });
		expect(parseJsonBody({ a: 1 })).toEqual({ a: 1 });
		expect(parseJsonBody('  ')).toEqual({});
		expect(catchError(() => parseJsonBody('[1,2]')).message).toMatch(/must be a JSON object/);
		expect(catchError(() => parseJsonBody('"text"')).message).toMatch(/must be a JSON object/);
		const invalid = catchError(() => parseJsonBody('{prompt: a}'));
		expect(invalid.field).toBe('jsonBody');
		expect(invalid.message).toMatch(/not valid JSON/);
	});

	it('the endpoint must be a model path', () => {
		expect(checkEndpoint('vendor/new-model/text-to-video')).toBe('vendor/new-model/text-to-video');
		expect(checkEndpoint('rhart-image-g-1.5/edit-[Deprecated]')).toBe('rhart-image-g-1.5/edit-[Deprecated]');
		for (const bad of ['', '../query', 'a b', 'query', 'media/upload/binary', 'x//y']) {
			expect(catchError(() => checkEndpoint(bad)).field).toBe('endpoint');
		}
	});
});
