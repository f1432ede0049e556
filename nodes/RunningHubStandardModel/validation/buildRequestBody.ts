/**
 * Turns the values a user entered for a catalog model into the flat JSON body of
 * `POST /openapi/v2/{endpoint}`, or throws a ParameterError naming the field — before any
 * paid call. Typing follows API.md §11 / §17.1 (7):
 * - LIST values are strings even when numeric ("duration": "5"), and must be one of the options;
 * - BOOLEAN values are JSON booleans ("true"/"false" strings from expressions are accepted);
 * - INT/FLOAT values are numbers (INT: whole numbers) within min/max;
 * - STRING values respect minLength/maxLength;
 * - media values are URLs or binary:<property> references with an accepted format;
 * - multi-value fields (`*Urls`, `multiple`) are arrays of at most maxItems entries.
 * Empty optional values are omitted; an empty required value takes the catalog default if the
 * catalog documents one (an unset required switch is false), else it is an error. A LIST value
 * that means "do not send" (`omitValue`, RunningHub's "empty") leaves the field out.
 */
import type { CatalogModel, CatalogParam } from '../../shared/catalog';
import { ParameterError } from './errors';
import { checkMediaValue, describeType, fieldLabel, isMediaParam, isMultiValue, mediaHint } from './media';

export type RequestBody = Record<string, string | number | boolean | string[]>;

const MAX_LISTED_OPTIONS = 40;

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch (error) {
		return { ok: false, message: (error as Error).message };
	}
}

function isEmpty(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (typeof value === 'string') return value.trim() === '';
	if (Array.isArray(value)) return value.length === 0;
	return false;
}

function label(param: CatalogParam): string {
	return `Parameter ${fieldLabel(param)}`;
}

export function optionsHint(param: CatalogParam): string {
	const options = param.options ?? [];
	const shown = options.slice(0, MAX_LISTED_OPTIONS).map((o) => (o.name && o.name !== o.value ? `"${o.value}" (${o.name})` : `"${o.value}"`));
	const more = options.length > MAX_LISTED_OPTIONS ? ` and ${options.length - MAX_LISTED_OPTIONS} more` : '';
	return `${shown.join(', ')}${more}`;
}

function rangeText(param: CatalogParam): string {
	const hasMin = typeof param.min === 'number';
	const hasMax = typeof param.max === 'number';
	if (hasMin && hasMax) return `between ${param.min} and ${param.max}`;
	if (hasMin) return `at least ${param.min}`;
	if (hasMax) return `at most ${param.max}`;
	return '';
}

function toText(param: CatalogParam, value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'boolean') return String(value);
	throw new ParameterError(param.name, `${label(param)} must be text, not ${describeType(value)}`);
}

function checkLength(param: CatalogParam, text: string, index?: number): void {
	const at = index === undefined ? label(param) : `${label(param)}, item ${index + 1},`;
	if (typeof param.maxLength === 'number' && text.length > param.maxLength) {
		throw new ParameterError(param.name, `${at} is ${text.length} characters long; the maximum is ${param.maxLength}`);
	}
	if (typeof param.minLength === 'number' && text.length < param.minLength) {
		throw new ParameterError(param.name, `${at} is ${text.length} characters long; the minimum is ${param.minLength}`);
	}
}

function coerceList(param: CatalogParam, value: unknown): string {
	if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
		throw new ParameterError(param.name, `${label(param)} must be one of the listed values, not ${describeType(value)}`, `Allowed values: ${optionsHint(param)}`);
	}
	const text = String(value).trim();
	const options = param.options ?? [];
	if (!options.length) return text;
	const exact = options.find((o) => o.value === text);
	if (exact) return exact.value;
	// A label typed instead of the value ("5 s" for "5"), or a different letter case.
	const lower = text.toLowerCase();
	const loose = options.find((o) => o.value.toLowerCase() === lower) ?? options.find((o) => o.name.toLowerCase() === lower);
	if (loose) return loose.value;
	throw new ParameterError(param.name, `${label(param)} must be one of: ${optionsHint(param)} (got "${text}")`, `Allowed values: ${optionsHint(param)}`);
}

function coerceBoolean(param: CatalogParam, value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string') {
		const text = value.trim().toLowerCase();
		if (text === 'true') return true;
		if (text === 'false') return false;
	}
	throw new ParameterError(param.name, `${label(param)} must be true or false, not ${describeType(value)}`);
}

function coerceNumber(param: CatalogParam, value: unknown): number {
	let n: number;
	if (typeof value === 'number') n = value;
	else if (typeof value === 'string' && value.trim() !== '' && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value.trim())) n = Number(value.trim());
	else {
		throw new ParameterError(param.name, `${label(param)} must be a number, not ${describeType(value)}`, rangeText(param) ? `Allowed: ${rangeText(param)}.` : undefined);
	}
	if (!Number.isFinite(n)) throw new ParameterError(param.name, `${label(param)} must be a finite number`);
	if (param.type === 'INT' && !Number.isInteger(n)) {
		throw new ParameterError(param.name, `${label(param)} must be a whole number (integer), got ${n}`, rangeText(param) ? `Allowed: whole numbers ${rangeText(param)}.` : undefined);
	}
	const belowMin = typeof param.min === 'number' && n < param.min;
	const aboveMax = typeof param.max === 'number' && n > param.max;
	if (belowMin || aboveMax) {
		throw new ParameterError(param.name, `${label(param)} must be ${rangeText(param)}, got ${n}`, `Allowed: ${rangeText(param)}.`);
	}
	return n;
}

/**
 * Items of a multi-value field: a real array, a JSON array text, or text split into lines
 * (and at commas for media URLs, which never contain a bare comma in practice).
 */
export function splitList(param: CatalogParam, value: unknown): unknown[] {
	if (Array.isArray(value)) return value.filter((v) => !isEmpty(v)).map((v) => (typeof v === 'string' ? v.trim() : v));
	if (typeof value === 'string') {
		const text = value.trim();
		if (text.startsWith('[')) {
			const parsed = parseJson(text);
			if (!parsed.ok) throw new ParameterError(param.name, `${label(param)} looks like a JSON list but is not valid JSON`, 'Give a JSON list such as ["a", "b"], or one entry per line.');
			if (!Array.isArray(parsed.value)) throw new ParameterError(param.name, `${label(param)} must be a list`);
			return splitList(param, parsed.value);
		}
		const separator = isMediaParam(param) ? /[\n,]+/ : /\n+/;
		return text
			.split(separator)
			.map((s) => s.trim())
			.filter(Boolean);
	}
	return [value];
}

function coerceMulti(param: CatalogParam, value: unknown): string[] {
	const items = splitList(param, value);
	if (typeof param.maxItems === 'number' && items.length > param.maxItems) {
		throw new ParameterError(param.name, `${label(param)} has ${items.length} entries; at most ${param.maxItems} are allowed`);
	}
	if (isMediaParam(param)) return items.map((item, i) => checkMediaValue(param, item, i));
	return items.map((item, i) => {
		const text = toText(param, item);
		checkLength(param, text, i);
		return text;
	});
}

function coerceSingleMedia(param: CatalogParam, value: unknown): string {
	let single = value;
	if (Array.isArray(value)) {
		if (value.length !== 1) throw new ParameterError(param.name, `${label(param)} takes one file, got ${value.length}`, mediaHint(param));
		single = value[0];
	}
	return checkMediaValue(param, single);
}

/** One parameter value, typed for the API. */
export function coerceValue(param: CatalogParam, value: unknown): string | number | boolean | string[] {
	if (isMultiValue(param)) return coerceMulti(param, value);
	switch (param.type) {
		case 'LIST':
			return coerceList(param, value);
		case 'BOOLEAN':
			return coerceBoolean(param, value);
		case 'INT':
		case 'FLOAT':
			return coerceNumber(param, value);
		case 'IMAGE':
		case 'VIDEO':
		case 'AUDIO':
			return coerceSingleMedia(param, value);
		default: {
			if (isMediaParam(param)) return coerceSingleMedia(param, value);
			const text = toText(param, value);
			checkLength(param, text);
			return text;
		}
	}
}

export function modelHasSchema(model: CatalogModel): model is CatalogModel & { params: CatalogParam[] } {
	return Array.isArray(model.params) && model.params.length > 0;
}

/**
 * Validates `values` (parameter name → value, e.g. the resource mapper's value object)
 * against the model's catalog schema and returns the request body. Throws ParameterError.
 */
export function buildRequestBody(model: CatalogModel, values: Record<string, unknown> | null | undefined): RequestBody {
	if (!modelHasSchema(model)) {
		throw new ParameterError('model', `The catalog has no parameter list for model "${model.endpoint}"`, 'Turn on Custom Endpoint and send the parameters as a JSON body (see the model documentation).');
	}
	const input = values ?? {};
	const known = new Set(model.params.map((p) => p.name));
	for (const [name, value] of Object.entries(input)) {
		if (!known.has(name) && !isEmpty(value)) {
			throw new ParameterError(name, `"${name}" is not a parameter of ${model.name} (${model.endpoint})`, `Known parameters: ${model.params.map((p) => p.name).join(', ')}. For parameters newer than the bundled catalog, turn on Custom Endpoint.`);
		}
	}
	const body: RequestBody = {};
	for (const param of model.params) {
		let value = input[param.name];
		if (isEmpty(value)) {
			if (!param.required) continue;
			if (param.default === undefined && param.type === 'BOOLEAN' && !isMultiValue(param)) {
				// n8n shows an untouched toggle as off and treats an unset boolean as not missing
				// (its own resource mapper check skips booleans), so an unset required switch is false.
				value = false;
			} else if (param.default === undefined) {
				const hint = param.type === 'LIST' ? `Allowed values: ${optionsHint(param)}` : isMediaParam(param) ? mediaHint(param) : undefined;
				throw new ParameterError(param.name, `${label(param)} is required by ${model.name}`, hint);
			} else {
				value = param.default;
			}
		}
		const typed = coerceValue(param, value);
		// RunningHub's own client sends nothing for its "empty" option: the server decides.
		if (param.omitValue !== undefined && typed === param.omitValue) continue;
		if (Array.isArray(typed) && typed.length === 0) {
			if (param.required) throw new ParameterError(param.name, `${label(param)} is required by ${model.name}`, isMediaParam(param) ? mediaHint(param) : undefined);
			continue;
		}
		body[param.name] = typed;
	}
	return body;
}

/** The raw JSON body of Custom Endpoint mode: must be a JSON object. */
export function parseJsonBody(raw: unknown, field = 'jsonBody'): Record<string, unknown> {
	let value = raw;
	if (typeof raw === 'string') {
		const text = raw.trim();
		if (!text) return {};
		const parsed = parseJson(text);
		if (!parsed.ok) throw new ParameterError(field, `The JSON body is not valid JSON: ${parsed.message}`, 'Write a JSON object such as {"prompt": "a cat", "duration": "5"}.');
		value = parsed.value;
	}
	if (value === null || value === undefined) return {};
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw new ParameterError(field, `The JSON body must be a JSON object, not ${describeType(value)}`, 'Write a JSON object such as {"prompt": "a cat", "duration": "5"}.');
	}
	return value as Record<string, unknown>;
}

/** A usable endpoint path for Custom Endpoint mode, or a ParameterError. */
export function checkEndpoint(endpoint: string, field = 'endpoint'): string {
	const path = endpoint;
	if (!path) throw new ParameterError(field, 'The endpoint is empty', 'Enter the model path from the RunningHub API documentation, for example kling-v3.0-pro/image-to-video.');
	if (!/^[A-Za-z0-9][A-Za-z0-9._~\-[\]/]*$/.test(path) || path.includes('//') || path.split('/').some((s) => s === '..' || s === '.')) {
		throw new ParameterError(field, `The endpoint "${path}" is not a valid model path`, 'Enter the path after /openapi/v2/, for example kling-v3.0-pro/image-to-video.');
	}
	if (/^(query|media\/|price-preview\/|queue\/|api-key\/|run\/|aiapp\/|resource\/|assets\/)/.test(path)) {
		throw new ParameterError(field, `"${path}" is a RunningHub utility endpoint, not a model`, 'Use the other RunningHub nodes for task queries, uploads and workflow runs.');
	}
	return path;
}
