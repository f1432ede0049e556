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

/** What is wrong with a typed body value for its catalog parameter (none → []). */
function typeProblems(param: CatalogParam, value: unknown): string[] {
	const out: string[] = [];
	if (param.multiple || param.type === 'ARRAY') {
		if (!Array.isArray(value)) return ['not a list'];
		if (value.some((item) => typeof item !== 'string')) out.push('an item is not a string');
		if (param.maxItems !== undefined && value.length > param.maxItems) out.push(`more than ${param.maxItems} items`);
		return out;
	}
	const expected: Record<string, string> = { LIST: 'string', BOOLEAN: 'boolean', INT: 'number', FLOAT: 'number' };
	if (typeof value !== (expected[param.type] ?? 'string')) return [`${typeof value} for ${param.type}`];
	if (param.type === 'INT' && !Number.isInteger(value)) out.push('INT not whole');
	if (param.type === 'LIST' && param.options?.length && !param.options.some((o) => o.value === value)) out.push(`${String(value)} not an option`);
	if (typeof value === 'number') {
		if (param.min !== undefined && value < param.min) out.push(`below ${param.min}`);
		if (param.max !== undefined && value > param.max) out.push(`above ${param.max}`);
	}
	if (typeof value === 'string' && param.maxLength !== undefined && value.length > param.maxLength) out.push(`longer than ${param.maxLength}`);
	return out;
}

/** Every (model, param) pair that has a given constraint. */
function pairs(filter: (p: CatalogParam) => boolean): Array<[CatalogModel, CatalogParam]> {
	const out: Array<[CatalogModel, CatalogParam]> = [];
	for (const model of models) for (const param of model.params ?? []) if (filter(param)) out.push([model, param]);
	return out;
}

/**
 * Runs `check` for every pair and returns one line per violation, so a sweep reports every
 * failing model at once (like test/catalog) instead of one test per model and parameter.
 */
function sweep(list: Array<[CatalogModel, CatalogParam]>, check: (model: CatalogModel, param: CatalogParam) => string[]): string[] {
	const violations: string[] = [];
	for (const [model, param] of list) {
		try {
			for (const problem of check(model, param)) violations.push(`${model.endpoint} ${param.name}: ${problem}`);
		} catch (error) {
			violations.push(`${model.endpoint} ${param.name}: threw ${(error as Error).message}`);
		}
	}
	return violations;
}

/** Problems with the error raised for `bad` in an otherwise valid body (none → []). */
function fieldErrorProblems(model: CatalogModel, param: CatalogParam, bad: unknown, message: RegExp, mustContain?: string): string[] {
	const values = { ...validValues(model), [param.name]: bad };
	let error: unknown;
	try {
		buildRequestBody(model, values);
		return [`${JSON.stringify(bad)} accepted`];
	} catch (caught) {
		error = caught;
	}
	const out: string[] = [];
	if (!(error instanceof ParameterError)) return [`${JSON.stringify(bad)}: not a ParameterError (${String(error)})`];
	if (error.field !== param.name) out.push(`${JSON.stringify(bad)}: field ${error.field}`);
	if (!error.message.includes(`"${param.name}"`)) out.push(`${JSON.stringify(bad)}: message does not name the field: ${error.message}`);
	if (!message.test(error.message)) out.push(`${JSON.stringify(bad)}: message ${error.message} does not match ${String(message)}`);
	if (mustContain !== undefined && !error.message.includes(mustContain)) out.push(`${JSON.stringify(bad)}: message lacks ${mustContain}`);
	return out;
}

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

describe('Standard Model request validation: sweeps over every catalog model with a schema', () => {
	it('the catalog has the documented size and every constraint kind occurs in it', () => {
		expect(catalog.models.length).toBeGreaterThanOrEqual(400);
		expect(models.length).toBeGreaterThanOrEqual(300);
		const kinds = { required, enums, withMin, withMax, ints, booleans, maxLength, minLength, strings, formats, mediaKinds, maxItems };
		expect(Object.entries(kinds).filter(([, list]) => list.length === 0).map(([kind]) => kind)).toEqual([]);
	});

	it('defaults + generated values build a typed body that the emulator accepts; required values alone are enough', () => {
		const violations: string[] = [];
		for (const model of models) {
			try {
				const values = validValues(model);
				const body = buildRequestBody(model, values);
				for (const param of model.params ?? []) {
					// RunningHub's "empty" option (omitValue) means: leave the field out.
					if (param.omitValue !== undefined && values[param.name] === param.omitValue) {
						if (param.name in body) violations.push(`${model.endpoint} ${param.name}: the "${param.omitValue}" option was sent`);
					} else if (!(param.name in body)) violations.push(`${model.endpoint} ${param.name}: missing from the full body`);
					else for (const p of typeProblems(param, body[param.name])) violations.push(`${model.endpoint} ${param.name}: ${p}`);
				}
				// RunningHub-side view of the same body (the emulator's validator). Its check of
				// ARRAY-typed multi-value params (kling-v3-turbo multiPrompt: a list of strings) wrongly
				// expects every item to be a list too, so those two models are left to our own checks.
				const emulatorJudges = !(model.params ?? []).some((p) => p.type === 'ARRAY');
				const verdict = emulatorJudges ? validateModelParams(emulatorModels.get(model.endpoint), body) : null;
				if (verdict) violations.push(`${model.endpoint}: emulator rejects the full body: ${verdict}`);

				// Optional parameters are omitted, not invented.
				const minimal = buildRequestBody(model, validValues(model, { requiredOnly: true }));
				for (const param of model.params ?? []) {
					if (!param.required && param.name in minimal) violations.push(`${model.endpoint} ${param.name}: optional value invented`);
					if (param.required) for (const p of typeProblems(param, minimal[param.name])) violations.push(`${model.endpoint} ${param.name} (required only): ${p}`);
				}
				const minimalVerdict = emulatorJudges ? validateModelParams(emulatorModels.get(model.endpoint), minimal) : null;
				if (minimalVerdict) violations.push(`${model.endpoint}: emulator rejects the minimal body: ${minimalVerdict}`);
			} catch (error) {
				violations.push(`${model.endpoint}: threw ${(error as Error).message}`);
			}
		}
		expect(violations).toEqual([]);
	});

	it('a missing required value (absent, null, empty, blank, empty list) names the field', () => {
		const violations = sweep(required, (model, param) => {
			const out: string[] = [];
			for (const empty of [undefined, null, '', '   ', []]) {
				const values = validValues(model);
				if (empty === undefined) delete values[param.name];
				else values[param.name] = empty;
				const error = catchError(() => buildRequestBody(model, values));
				if (error.field !== param.name || !/is required/.test(error.message)) out.push(`${JSON.stringify(empty)}: ${error.field} ${error.message}`);
			}
			return out;
		});
		expect(violations).toEqual([]);
	});

	it('a value outside the options is refused, naming the allowed values', () => {
		expect(sweep(enums, (model, param) => fieldErrorProblems(model, param, 'definitely-not-an-option', /must be one of/, `"${param.options?.[0].value}"`))).toEqual([]);
	});

	it('numbers below min and above max are refused', () => {
		expect(sweep(withMin, (model, param) => fieldErrorProblems(model, param, (param.min as number) - 1, /must be (between|at least)/))).toEqual([]);
		expect(sweep(withMax, (model, param) => fieldErrorProblems(model, param, (param.max as number) + 1, /must be (between|at most)/))).toEqual([]);
	});

	it('a fraction for an INT is refused', () => {
		expect(sweep(ints, (model, param) => fieldErrorProblems(model, param, (validValue(param) as number) + 0.5, /whole number/))).toEqual([]);
	});

	it('text longer than maxLength or shorter than minLength is refused', () => {
		expect(sweep(maxLength, (model, param) => fieldErrorProblems(model, param, 'x'.repeat((param.maxLength as number) + 1), /maximum is/))).toEqual([]);
		expect(sweep(minLength, (model, param) => fieldErrorProblems(model, param, 'x'.repeat((param.minLength as number) - 1), /minimum is/))).toEqual([]);
	});

	it('wrong value types are refused (number, boolean, text)', () => {
		expect(sweep(numbers, (model, param) => [...fieldErrorProblems(model, param, 'abc', /must be a number/), ...fieldErrorProblems(model, param, true, /must be a number/)])).toEqual([]);
		expect(sweep(booleans, (model, param) => [...fieldErrorProblems(model, param, 'maybe', /true or false/), ...fieldErrorProblems(model, param, 1, /true or false/)])).toEqual([]);
		expect(sweep(strings, (model, param) => fieldErrorProblems(model, param, { text: 'x' }, /must be text/))).toEqual([]);
	});

	it('a media URL of a format the schema does not accept is refused, naming the accepted formats', () => {
		const violations = sweep(formats, (model, param) => {
			const accepted = (param.media?.accept ?? []).map((a) => a.toLowerCase());
			const kind = param.type === 'VIDEO' ? 'video' : param.type === 'AUDIO' ? 'audio' : 'image';
			const candidates = { image: ['gif', 'bmp', 'tiff', 'webp', 'png', 'avif', 'heic'], video: ['webm', 'avi', 'mkv', 'mov'], audio: ['flac', 'ogg', 'm4a', 'wav'] }[kind];
			const wrong = candidates.find((e) => !accepted.includes(e) && !(e === 'tiff' && accepted.includes('tif')));
			if (!wrong) return ['no wrong format to try'];
			const url = `https://cdn.example.com/in/file.${wrong}`;
			return fieldErrorProblems(model, param, param.multiple ? [url] : url, /allowed formats/, String(param.media?.accept?.[0]));
		});
		expect(violations).toEqual([]);
	});

	it('a media value of another kind, or not a URL at all, is refused', () => {
		const violations = sweep(mediaKinds, (model, param) => {
			const url = `https://cdn.example.com/in/file.${param.type === 'IMAGE' ? 'mp4' : 'png'}`;
			return [...fieldErrorProblems(model, param, param.multiple ? [url] : url, /allowed formats/), ...fieldErrorProblems(model, param, 'not a url', /http\(s\) URL or binary/)];
		});
		expect(violations).toEqual([]);
	});

	it('more items than maxItems are refused, as a list and as comma-separated text', () => {
		const violations = sweep(maxItems, (model, param) => {
			const items = Array.from({ length: (param.maxItems as number) + 1 }, (_, i) => mediaUrl(param, i));
			return [...fieldErrorProblems(model, param, items, /at most/), ...fieldErrorProblems(model, param, items.join(', '), /at most/)];
		});
		expect(violations).toEqual([]);
	});
});

describe('Standard Model request validation: one focused test per rule', () => {
	const flux = getModel('rhart-video-flux3/text-to-video') as CatalogModel;
	const fast = getModel('rhart-video-v3.1-fast/image-to-video') as CatalogModel;
	const hitem = getModel('hitem3d-portrait-v21/image-to-3d') as CatalogModel;
	const suno = getModel('rhart-audio/suno-v4.5/custom') as CatalogModel;
	const grok = getModel('rhart-video-g-official/text-to-video-v1.5') as CatalogModel;
	const lipSync = getModel('kling-lip-sync/lip-sync-video') as CatalogModel;
	const soul = getModel('higgsfield/soul/image-to-image') as CatalogModel;
	const layers = getModel('seedream-v5-pro/layer-decomposition') as CatalogModel;
	const wan = getModel('alibaba/wan-2.7/text-to-video') as CatalogModel;
	const param = (model: CatalogModel, name: string) => model.params?.find((p) => p.name === name) as CatalogParam;
	const error = (model: CatalogModel, values: Record<string, unknown>) => catchError(() => buildRequestBody(model, values));

	it('required: the message names the parameter, its label and the model; LIST and media hints say what is accepted', () => {
		const missing = error(flux, {});
		expect(missing).toMatchObject({ field: 'prompt', message: 'Parameter "prompt" (Prompt) is required by FLUX 3 Video — Text to Video' });
		expect(missing.hint).toBeUndefined();
		const media = error(hitem, {});
		expect(media.field).toBe('imageUrl');
		expect(media.hint).toBe('Give a public http(s) URL, or binary:<property> to upload a binary property of the input item (for example binary:data). Accepted formats: PNG, JPEG, JPG, WEBP. Maximum size: 20 MB.');
		const list: CatalogModel = { ...flux, params: [{ name: 'mode', label: 'mode', type: 'LIST', required: true, options: [{ value: 'a', name: 'Alpha' }, { value: 'b', name: 'b' }] }] };
		const noMode = error(list, {});
		expect(noMode.message).toBe('Parameter "mode" is required by FLUX 3 Video — Text to Video');
		expect(noMode.hint).toBe('Allowed values: "a" (Alpha), "b"');
		// A multi-value field given only empty entries is missing too.
		expect(error(fast, { prompt: 'p', imageUrls: [' ', ''] }).message).toBe('Parameter "imageUrls" (Image URLs) is required by Google Veo 3.1 Fast — Image to Video (Low Price)');
	});

	it('defaults: a required value with a documented default takes it; an unset required switch is false; optional empty values are omitted', () => {
		expect(buildRequestBody(flux, { prompt: 'p', aspectRatio: '', duration: null, draft: undefined })).toEqual({ prompt: 'p', resolution: 'hd' });
		expect(buildRequestBody(flux, { prompt: 'p', resolution: '  ' })).toEqual({ prompt: 'p', resolution: 'hd' });
		const switchModel = getModel('rhart-audio/text-to-audio/speech-02-hd') as CatalogModel;
		const values = validValues(switchModel);
		delete values.enable_base64_output;
		expect(buildRequestBody(switchModel, values).enable_base64_output).toBe(false);
		expect(buildRequestBody(fast, { prompt: 'p', imageUrls: 'https://x.test/a.png', duration: [] })).toEqual({ prompt: 'p', aspectRatio: '16:9', imageUrls: ['https://x.test/a.png'], resolution: '720p' });
		expect(catchError(() => buildRequestBody(flux, null)).field).toBe('prompt');
	});

	it('unknown parameters are refused with the known names; empty unknown values are ignored', () => {
		const model = getModel('rhart-image-g-2/text-to-image') as CatalogModel;
		const unknown = error(model, { prompt: 'x', colour: 'red' });
		expect(unknown.field).toBe('colour');
		expect(unknown.message).toBe(`"colour" is not a parameter of ${model.name} (rhart-image-g-2/text-to-image)`);
		expect(unknown.hint).toMatch(/^Known parameters: prompt, .*For parameters newer than the bundled catalog, turn on Custom Endpoint\.$/);
		expect(buildRequestBody(flux, { prompt: 'p', colour: '' })).toEqual({ prompt: 'p', resolution: 'hd' });
	});

	it('LIST: values are strings even when numeric; a label or other letter case selects the value; anything else is refused', () => {
		expect(buildRequestBody(fast, { prompt: 'p', imageUrls: 'https://x.test/a.png', duration: 8 }).duration).toBe('8');
		expect(buildRequestBody(fast, { prompt: 'p', imageUrls: 'https://x.test/a.png', duration: '8 S' }).duration).toBe('8');
		expect(buildRequestBody(flux, { prompt: 'p', resolution: 'FHD' }).resolution).toBe('fhd');
		expect(buildRequestBody(flux, { prompt: 'p', resolution: ' fhd ' }).resolution).toBe('fhd');
		const refused = error(flux, { prompt: 'p', resolution: '4k' });
		expect(refused.message).toBe('Parameter "resolution" (Resolution) must be one of: "hd", "fhd" (got "4k")');
		expect(refused.hint).toBe('Allowed values: "hd", "fhd"');
		expect(error(flux, { prompt: 'p', resolution: { v: 1 } }).message).toBe('Parameter "resolution" (Resolution) must be one of the listed values, not an object');
		// Long option lists are cut after 40 entries.
		expect(error(soul, { ...validValues(soul), style: 'nope' }).hint).toMatch(/"Creatures", "Medieval", .* and 66 more$/);
		// A LIST without options passes any text.
		const free: CatalogModel = { ...flux, params: [{ name: 'mode', label: 'Mode', type: 'LIST', required: true }] };
		expect(buildRequestBody(free, { mode: ' anything ' })).toEqual({ mode: 'anything' });
	});

	it('LIST: the option that means "not sent" (RunningHub\'s "empty") leaves the field out', () => {
		const gpt = getModel('rhart-image-g-2/text-to-image') as CatalogModel;
		expect(buildRequestBody(gpt, { prompt: 'p' })).not.toHaveProperty('aspectRatio');
		expect(buildRequestBody(gpt, { prompt: 'p', aspectRatio: 'empty' })).not.toHaveProperty('aspectRatio');
		expect(buildRequestBody(gpt, { prompt: 'p', aspectRatio: 'Empty (Not Sent)' })).not.toHaveProperty('aspectRatio');
		const sent = param(gpt, 'aspectRatio').options?.find((o) => o.value !== 'empty')?.value as string;
		expect(buildRequestBody(gpt, { prompt: 'p', aspectRatio: sent }).aspectRatio).toBe(sent);
	});

	it('BOOLEAN: JSON booleans; "true"/"false" text in any case; nothing else', () => {
		expect(buildRequestBody(flux, { prompt: 'p', draft: 'TRUE', generateAudio: ' false ' })).toMatchObject({ draft: true, generateAudio: false });
		expect(buildRequestBody(flux, { prompt: 'p', draft: false, generateAudio: true })).toMatchObject({ draft: false, generateAudio: true });
		expect(error(flux, { prompt: 'p', draft: 'yes' }).message).toBe('Parameter "draft" (Draft) must be true or false, not the text "yes"');
		expect(error(flux, { prompt: 'p', draft: 0 }).message).toBe('Parameter "draft" (Draft) must be true or false, not number 0');
	});

	it('INT/FLOAT: numbers or numeric text within min/max; INT whole; the range is named', () => {
		expect(buildRequestBody(flux, { prompt: 'p', duration: '7.5', safetyTolerance: ' 3 ' })).toMatchObject({ duration: 7.5, safetyTolerance: 3 });
		expect(buildRequestBody(flux, { prompt: 'p', duration: '1e1', safetyTolerance: '.5' })).toMatchObject({ duration: 10, safetyTolerance: 0.5 });
		expect(buildRequestBody(flux, { prompt: 'p', duration: 5, safetyTolerance: 4 })).toMatchObject({ duration: 5, safetyTolerance: 4 });
		expect(buildRequestBody(hitem, { imageUrl: 'https://x.test/a.png', face: '150000' }).face).toBe(150000);
		expect(error(flux, { prompt: 'p', duration: 4.9 })).toMatchObject({ message: 'Parameter "duration" (Duration) must be between 5 and 20, got 4.9', hint: 'Allowed: between 5 and 20.' });
		expect(error(flux, { prompt: 'p', duration: 20.1 }).message).toBe('Parameter "duration" (Duration) must be between 5 and 20, got 20.1');
		expect(error(lipSync, { ...validValues(lipSync), soundStartTime: -1 }).message).toBe('Parameter "soundStartTime" (Sound Start Time) must be at least 0, got -1');
		const onlyMax: CatalogModel = { ...flux, params: [{ name: 'n', label: 'n', type: 'FLOAT', required: true, max: 2 }] };
		expect(error(onlyMax, { n: 3 }).message).toBe('Parameter "n" must be at most 2, got 3');
		expect(error(onlyMax, { n: 'x' })).toMatchObject({ message: 'Parameter "n" must be a number, not the text "x"', hint: 'Allowed: at most 2.' });
		const plain: CatalogModel = { ...flux, params: [{ name: 'n', label: 'n', type: 'INT', required: true }] };
		expect(error(plain, { n: '12abc' }).hint).toBeUndefined();
		expect(error(plain, { n: 1.5 })).toMatchObject({ message: 'Parameter "n" must be a whole number (integer), got 1.5', hint: undefined });
		expect(error(plain, { n: Infinity }).message).toBe('Parameter "n" must be a finite number');
		expect(error(plain, { n: '1e999' }).message).toBe('Parameter "n" must be a finite number');
		expect(error(hitem, { imageUrl: 'https://x.test/a.png', face: 100000.5 })).toMatchObject({ message: 'Parameter "face" (Face Count) must be a whole number (integer), got 100000.5', hint: 'Allowed: whole numbers between 100000 and 2000000.' });
		expect(error(flux, { prompt: 'p', duration: true }).message).toBe('Parameter "duration" (Duration) must be a number, not boolean true');
	});

	it('STRING: numbers and booleans become text; length limits name both lengths', () => {
		expect(buildRequestBody(suno, { ...validValues(suno), title: 42 }).title).toBe('42');
		expect(buildRequestBody(suno, { ...validValues(suno), title: 'x'.repeat(80) }).title).toHaveLength(80);
		expect(error(suno, { ...validValues(suno), title: 'x'.repeat(81) }).message).toBe('Parameter "title" (Title) is 81 characters long; the maximum is 80');
		expect(buildRequestBody(grok, { ...validValues(grok), prompt: 'abcde' }).prompt).toBe('abcde');
		expect(error(grok, { ...validValues(grok), prompt: 'abcd' }).message).toBe('Parameter "prompt" (Prompt) is 4 characters long; the minimum is 5');
		expect(error(flux, { prompt: ['a'] }).message).toBe('Parameter "prompt" (Prompt) must be text, not a list');
		expect(error(flux, { prompt: 'x'.repeat(20481) }).message).toBe('Parameter "prompt" (Prompt) is 20481 characters long; the maximum is 20480');
	});

	it('multi-value fields: arrays, comma-separated media text, JSON lists; each item checked; maxItems', () => {
		const fromText = buildRequestBody(fast, { prompt: 'p', imageUrls: 'https://x.test/a.png, binary:data ,binary:second' });
		expect(fromText.imageUrls).toEqual(['https://x.test/a.png', 'binary:data', 'binary:second']);
		expect(buildRequestBody(fast, { prompt: 'p', imageUrls: '["https://x.test/a.png"]' }).imageUrls).toEqual(['https://x.test/a.png']);
		expect(buildRequestBody(fast, { prompt: 'p', imageUrls: [' https://x.test/a.png ', '', null] }).imageUrls).toEqual(['https://x.test/a.png']);
		expect(error(fast, { prompt: 'p', imageUrls: '["https://x.test/a.png"' })).toMatchObject({ message: 'Parameter "imageUrls" (Image URLs) looks like a JSON list but is not valid JSON', hint: 'Give a JSON list such as ["a", "b"], or one entry per line.' });
		expect(error(fast, { prompt: 'p', imageUrls: ['https://x.test/a.png', 'https://x.test/b.gif'] }).message).toBe('Parameter "imageUrls" (Image URLs), item 2, points to a GIF file; allowed formats: JPG, PNG');
		const four = ['a', 'b', 'c', 'd'].map((n) => `https://x.test/${n}.png`);
		expect(buildRequestBody(fast, { prompt: 'p', imageUrls: four.slice(0, 3) }).imageUrls).toHaveLength(3);
		expect(error(fast, { prompt: 'p', imageUrls: four }).message).toBe('Parameter "imageUrls" (Image URLs) has 4 entries; at most 3 are allowed');
		// A field named …Urls is a list even when a schema does not mark it multiple (API.md §11).
		const unmarked: CatalogModel = { ...flux, endpoint: 'x/y', params: [{ name: 'videoUrls', label: 'Video URLs', type: 'VIDEO', required: true, media: { kind: 'video', accept: ['MP4'] } }] };
		expect(buildRequestBody(unmarked, { videoUrls: 'https://x.test/a.mp4,https://x.test/b.mp4' }).videoUrls).toEqual(['https://x.test/a.mp4', 'https://x.test/b.mp4']);
	});

	it('ARRAY text values split by line, not by comma; items are text within the length limits', () => {
		const kling = getModel('kling-v3-turbo-pro/text-to-video') as CatalogModel;
		const multiPrompt = param(kling, 'multiPrompt');
		expect(splitList(multiPrompt, 'a cat, walking\n\na dog, running')).toEqual(['a cat, walking', 'a dog, running']);
		expect(splitList(multiPrompt, '["a", " b "]')).toEqual(['a', 'b']);
		expect(splitList(multiPrompt, 7)).toEqual([7]);
		expect(() => splitList(multiPrompt, '[oops')).toThrow('looks like a JSON list but is not valid JSON');
		const short: CatalogModel = { ...flux, params: [{ name: 'lines', label: 'lines', type: 'ARRAY', required: true, multiple: true, itemType: 'string', maxLength: 3 }] };
		expect(buildRequestBody(short, { lines: 'abc\n12' })).toEqual({ lines: ['abc', '12'] });
		expect(error(short, { lines: 'abc\nabcd' }).message).toBe('Parameter "lines", item 2, is 4 characters long; the maximum is 3');
		expect(error(short, { lines: [{}] }).message).toBe('Parameter "lines" must be text, not an object');
		expect(error(short, { lines: '{"a":1}' }).message).toBe('Parameter "lines", item 1, is 7 characters long; the maximum is 3');
	});

	it('single media fields take one file: a one-item list is unwrapped, more are refused', () => {
		expect(buildRequestBody(hitem, { imageUrl: ['binary:photo'] }).imageUrl).toBe('binary:photo');
		expect(error(hitem, { imageUrl: ['https://x.test/a.png', 'https://x.test/b.png'] }).message).toBe('Parameter "imageUrl" (Image URL) takes one file, got 2');
		expect(error(hitem, { imageUrl: 5 }).message).toBe('Parameter "imageUrl" (Image URL) must be a URL or binary:<property>, not number 5');
	});

	it('media values: URL extension checked (JPG = JPEG), unknown extensions and data/asset URIs pass, other kinds refused', () => {
		const imageUrl = param(hitem, 'imageUrl');
		expect(checkMediaValue(imageUrl, 'https://x.test/a.JPG?sig=1')).toBe('https://x.test/a.JPG?sig=1');
		expect(checkMediaValue(imageUrl, ' http://x.test/dir.v2/render?id=4 ')).toBe('http://x.test/dir.v2/render?id=4');
		expect(checkMediaValue(imageUrl, 'https://x.test/file.php')).toBe('https://x.test/file.php');
		expect(checkMediaValue(imageUrl, 'data:image/png;base64,AAAA')).toBe('data:image/png;base64,AAAA');
		expect(checkMediaValue(imageUrl, 'data:image/jpeg;base64,AAAA')).toBe('data:image/jpeg;base64,AAAA');
		expect(() => checkMediaValue(imageUrl, 'data:video/mp4;base64,AAAA')).toThrow('Parameter "imageUrl" (Image URL) points to a MP4 file; allowed formats: PNG, JPEG, JPG, WEBP');
		expect(() => checkMediaValue(imageUrl, 'https://x.test/a.gif#x')).toThrow('points to a GIF file; allowed formats: PNG, JPEG, JPG, WEBP');
		expect(checkMediaValue(imageUrl, 'asset://123')).toBe('asset://123');
		expect(checkMediaValue(imageUrl, ' binary: photo ')).toBe('binary:photo');
		expect(checkMediaValue(imageUrl, 'BINARY:photo')).toBe('binary:photo');
		expect(() => checkMediaValue(imageUrl, 'binary:')).toThrow('Parameter "imageUrl" (Image URL) has an incomplete binary reference "binary:"');
		expect(() => checkMediaValue(imageUrl, 'ftp://x.test/a.png')).toThrow('Parameter "imageUrl" (Image URL) must be a public http(s) URL or binary:<property>, got "ftp://x.test/a.png"');
		expect(() => checkMediaValue(imageUrl, `x${'y'.repeat(70)}`)).toThrow(`got "x${'y'.repeat(59)}…"`);
		// Without an accept list, the kind decides (a tiff or jpeg is an image, an mp3 is not).
		const audio = param(wan, 'audioUrl');
		expect(checkMediaValue(audio, 'https://x.test/a.mp3')).toBe('https://x.test/a.mp3');
		expect(() => checkMediaValue(audio, 'https://x.test/a.flac')).toThrow('points to a FLAC file; allowed formats: MP3, WAV');
		const anyImage: CatalogParam = { name: 'img', label: 'img', type: 'IMAGE', required: true, media: { kind: 'image' } };
		expect(checkMediaValue(anyImage, 'https://x.test/a.tiff')).toBe('https://x.test/a.tiff');
		expect(() => checkMediaValue(anyImage, 'https://x.test/a.mp3')).toThrow('points to a MP3 file; allowed formats: JPG, JPEG, PNG, WEBP, BMP, GIF, TIF, TIFF, HEIC, HEIF, AVIF');
		expect(() => checkMediaValue(anyImage, 'data:audio/x-wav;base64,AA')).toThrow('points to a WAV file');
		// A plain URL field (kind "url") takes http(s) URLs only: no data or asset URIs.
		const urlOnly = param(layers, 'imageUrl');
		expect(checkMediaValue(urlOnly, 'https://x.test/a.mp4')).toBe('https://x.test/a.mp4');
		expect(() => checkMediaValue(urlOnly, 'data:image/png;base64,AAAA')).toThrow('must be a public http(s) URL or binary:<property>');
		expect(() => checkMediaValue(urlOnly, 'asset://1')).toThrow('must be a public http(s) URL or binary:<property>');
	});

	it('upload limits of a media parameter: accepted extensions (with equivalent spellings) and size', () => {
		expect(mediaLimits(param(hitem, 'imageUrl'))).toEqual({ accept: ['png', 'jpeg', 'jpg', 'webp'], maxBytes: 20 * 1024 * 1024 });
		expect(mediaLimits(param(fast, 'imageUrls'))).toEqual({ accept: ['jpg', 'jpeg', 'png'], maxBytes: 30 * 1024 * 1024 });
		expect(mediaLimits({ name: 'v', label: 'v', type: 'VIDEO', required: true, media: { kind: 'video', accept: ['.TIF'], maxSizeMB: 0.5 } })).toEqual({ accept: ['tif', 'tiff'], maxBytes: 524288 });
		expect(mediaLimits({ name: 'v', label: 'v', type: 'VIDEO', required: true, media: { kind: 'video' } })).toEqual({ accept: ['mp4', 'mov', 'webm', 'avi', 'mkv', 'm4v', 'flv', 'wmv', 'mpeg', 'mpg'] });
		expect(mediaLimits({ name: 'u', label: 'u', type: 'STRING', required: true, media: { kind: 'url', maxSizeMB: 0 } })).toEqual({});
	});

	it('binary references are found and replaced in place, leaving the input untouched', () => {
		const body = { prompt: 'binary: not a ref', imageUrl: 'binary:a', imageUrls: ['https://x.test/1.png', 'binary:b'] };
		const refs = findBinaryRefs(body);
		expect(refs).toEqual([
			{ field: 'imageUrl', property: 'a' },
			{ field: 'imageUrls', index: 1, property: 'b' },
		]);
		expect(replaceBinaryRefs(body, refs, ['U1', 'U2'])).toEqual({ prompt: 'binary: not a ref', imageUrl: 'U1', imageUrls: ['https://x.test/1.png', 'U2'] });
		expect(body).toEqual({ prompt: 'binary: not a ref', imageUrl: 'binary:a', imageUrls: ['https://x.test/1.png', 'binary:b'] });
	});

	it('a model without a parameter list is refused with a pointer to Custom Endpoint', () => {
		const noSchema = catalog.models.find((m) => !m.params) as CatalogModel;
		const refused = catchError(() => buildRequestBody(noSchema, { prompt: 'x' }));
		expect(refused.field).toBe('model');
		expect(refused.message).toBe(`The catalog has no parameter list for model "${noSchema.endpoint}"`);
		expect(refused.hint).toMatch(/Custom Endpoint/);
		expect(catchError(() => buildRequestBody({ ...flux, params: [] }, {})).field).toBe('model');
	});
});

describe('Custom Endpoint input', () => {
	it('the JSON body must be a JSON object', () => {
		expect(parseJsonBody('{"prompt":"a","duration":"5"}')).toEqual({ prompt: 'a', duration: '5' });
		expect(parseJsonBody({ a: 1 })).toEqual({ a: 1 });
		expect(parseJsonBody('  ')).toEqual({});
		expect(parseJsonBody(null)).toEqual({});
		expect(parseJsonBody('null')).toEqual({});
		expect(catchError(() => parseJsonBody('[1,2]')).message).toBe('The JSON body must be a JSON object, not a list');
		expect(catchError(() => parseJsonBody('"text"')).message).toBe('The JSON body must be a JSON object, not the text "text"');
		expect(catchError(() => parseJsonBody(5, 'body')).field).toBe('body');
		const invalid = catchError(() => parseJsonBody('{prompt: a}'));
		expect(invalid.field).toBe('jsonBody');
		expect(invalid.message).toMatch(/^The JSON body is not valid JSON: /);
		expect(invalid.hint).toBe('Write a JSON object such as {"prompt": "a cat", "duration": "5"}.');
	});

	it('the endpoint must be a model path, not a utility endpoint', () => {
		expect(checkEndpoint('vendor/new-model/text-to-video')).toBe('vendor/new-model/text-to-video');
		expect(checkEndpoint('rhart-image-g-1.5/edit-[Deprecated]')).toBe('rhart-image-g-1.5/edit-[Deprecated]');
		expect(catchError(() => checkEndpoint('')).message).toBe('The endpoint is empty');
		for (const bad of ['../query', 'a b', '/lead', 'x//y', 'a/./b', 'a/..']) {
			expect(catchError(() => checkEndpoint(bad)).message).toBe(`The endpoint "${bad}" is not a valid model path`);
		}
		for (const utility of ['query', 'media/upload/binary', 'price-preview/x', 'queue/status', 'api-key/x', 'run/workflow/1', 'aiapp/list', 'resource/x', 'assets/x']) {
			const refused = catchError(() => checkEndpoint(utility, 'path'));
			expect(refused.field).toBe('path');
			expect(refused.message).toBe(`"${utility}" is a RunningHub utility endpoint, not a model`);
		}
	});
});
