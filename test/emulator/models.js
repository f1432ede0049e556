'use strict';
// Standard Model API catalog: which endpoints exist, their params and output kind.
//
// Sources, merged by endpoint (later wins):
//   1. a small built-in list of `*-test` endpoints (always there; they never clash with real names),
//   2. model-fixtures.json: a few real endpoints transcribed from RunningHub's own published
//      data (its public model registry, a doc page), each citing its source,
//   3. options.modelsFile (a catalog file to add, read lazily, skipped while missing or unreadable),
//   4. options.models (extend/override).
// With options.modelsOnly only options.models is used.
// The package's own catalog (nodes/shared/catalog/models.json) is never read: the emulator
// checks requests against RunningHub's data, so a wrong catalog cannot agree with itself.
// Accepted dialects: the package's (`type`, `options:[{value,name}]`, `output`, `multiple`),
// the research snapshot's (`rhType`, `enum`, `outputType`, `jsonType: "array<string>"`) and
// RunningHub's registry (`fieldKey`, `type`, `options:[{value}]`, `output_type`,
// `multipleInputs` + `maxInputNum`).

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const MODEL_FIXTURES = path.join(__dirname, 'model-fixtures.json');

const BUILTIN_MODELS = [
	{
		endpoint: 'rhart-video/text-to-video-test', output: 'video',
		params: [
			{ name: 'prompt', type: 'STRING', required: true, maxLength: 2000 },
			{ name: 'duration', type: 'LIST', required: false, options: [{ value: '5', name: '5 s' }, { value: '10', name: '10 s' }] },
			{ name: 'sound', type: 'BOOLEAN', required: false },
		],
	},
	{
		endpoint: 'rhart-image/text-to-image-test', output: 'image',
		params: [
			{ name: 'prompt', type: 'STRING', required: true, maxLength: 4000 },
			{ name: 'aspectRatio', type: 'LIST', required: false, options: [{ value: '1:1', name: '1:1' }, { value: '16:9', name: '16:9' }] },
			{ name: 'seed', type: 'INT', required: false, min: 0, max: 2147483647 },
			{ name: 'guidance', type: 'FLOAT', required: false, min: 0, max: 20 },
		],
	},
	{
		endpoint: 'rhart-image/edit-test', output: 'image',
		params: [
			{ name: 'prompt', type: 'STRING', required: true },
			{ name: 'imageUrls', type: 'IMAGE', required: true, multiple: true, maxItems: 4 },
		],
	},
	{ endpoint: 'rhart-audio/text-to-speech-test', output: 'audio', params: [{ name: 'text', type: 'STRING', required: true }] },
	{ endpoint: 'rhart-3d/image-to-3d-test', output: '3d', params: [{ name: 'imageUrl', type: 'IMAGE', required: true }] },
	{
		endpoint: 'rhart-text/image-to-text-test', output: 'text',
		params: [{ name: 'imageUrl', type: 'IMAGE', required: true }, { name: 'prompt', type: 'STRING', required: false }],
	},
	{ endpoint: 'rhart-video/no-schema-test', output: 'video', params: null },
];

const TYPE_ALIASES = { BOOL: 'BOOLEAN', NUMBER: 'FLOAT' };
const OUTPUT_ALIASES = { string: 'text', other: 'text' };

// RunningHub's own client (ComfyUI_RH_OpenAPI nodes/node_factory.py): a LIST option "empty"
// means "do not send this field" and is never sent, so it is not an accepted value; media
// fields named *Urls (and `videos`) are always arrays, as are multi-input media with more
// than one input.
const LIST_OMIT_SENTINEL = 'empty';
const MEDIA_TYPES = new Set(['IMAGE', 'VIDEO', 'AUDIO']);

function isArrayParam(p, name, type) {
	if (p.multiple === true) return true;
	if (typeof p.jsonType === 'string' && p.jsonType.startsWith('array')) return true;
	if (!MEDIA_TYPES.has(type)) return false;
	if (/Urls$/.test(name) || name === 'videos') return true;
	return p.multipleInputs === true && typeof p.maxInputNum === 'number' && p.maxInputNum > 1;
}

function normalizeParam(p) {
	const name = p.name || p.fieldKey;
	const raw = String(p.type || p.rhType || 'STRING').toUpperCase();
	const type = TYPE_ALIASES[raw] || raw;
	const out = { name, type, required: !!p.required, multiple: isArrayParam(p, name, type) };
	const options = Array.isArray(p.options) ? p.options : Array.isArray(p.enum) ? p.enum : null;
	if (options) {
		const values = options.map((o) => (o && typeof o === 'object' ? String(o.value) : String(o)));
		// RunningHub's data (registry, research snapshot) lists the sentinel; the package's does not.
		out.options = p.fieldKey || p.rhType ? values.filter((v) => v !== LIST_OMIT_SENTINEL) : values;
	}
	for (const k of ['min', 'max', 'maxLength', 'minLength', 'maxItems']) if (typeof p[k] === 'number') out[k] = p[k];
	if (out.multiple && out.maxItems === undefined && typeof p.maxInputNum === 'number' && p.maxInputNum > 0) out.maxItems = p.maxInputNum;
	return out;
}

function normalizeModel(m) {
	const output = String(m.output || m.output_type || m.outputType || 'image').toLowerCase();
	return {
		endpoint: String(m.endpoint).replace(/^\/+/, '').replace(/^openapi\/v2\//, ''),
		output: OUTPUT_ALIASES[output] || output,
		params: Array.isArray(m.params) && m.params.length ? m.params.map(normalizeParam) : null,
	};
}

function readCatalogFile(file) {
	try {
		const data = JSON.parse(fs.readFileSync(file, 'utf8'));
		const list = Array.isArray(data) ? data : data && Array.isArray(data.models) ? data.models : null;
		return list && list.length ? list : null;
	} catch {
		// Missing or half-written: fall back to the other sources.
		return null;
	}
}

function createModelCatalog(options) {
	let byEndpoint = null;
	let source = null;
	function load() {
		if (byEndpoint) return byEndpoint;
		let base = [];
		if (!options.modelsOnly) {
			const parts = ['builtin', 'model-fixtures'];
			base = [...BUILTIN_MODELS, ...(readCatalogFile(MODEL_FIXTURES) || [])];
			if (options.modelsFile) {
				const fromFile = readCatalogFile(options.modelsFile);
				if (fromFile) {
					base.push(...fromFile);
					parts.push(path.relative(process.cwd(), options.modelsFile) || options.modelsFile);
				}
			}
			source = parts.join(' + ');
		} else source = 'options';
		byEndpoint = new Map();
		for (const m of [...base, ...(options.models || [])]) {
			if (m && m.endpoint) {
				const n = normalizeModel(m);
				byEndpoint.set(n.endpoint, n);
			}
		}
		return byEndpoint;
	}
	return {
		get(endpoint) {
			return load().get(endpoint) || null;
		},
		list() {
			return [...load().values()];
		},
		get source() {
			load();
			return source;
		},
	};
}

function typeName(v) {
	if (v === null) return 'null';
	return Array.isArray(v) ? 'array' : typeof v;
}

function checkScalar(p, v, label) {
	switch (p.type) {
		case 'LIST':
			if (typeof v !== 'string') return `${label} must be a string (LIST), got ${typeName(v)}`;
			if (p.options && !p.options.includes(v)) return `${label} must be one of ${p.options.join(', ')}`;
			return null;
		case 'BOOLEAN':
			return typeof v === 'boolean' ? null : `${label} must be a boolean, got ${typeName(v)}`;
		case 'INT':
		case 'FLOAT':
			if (typeof v !== 'number' || !Number.isFinite(v)) return `${label} must be a number, got ${typeName(v)}`;
			if (p.type === 'INT' && !Number.isInteger(v)) return `${label} must be an integer`;
			if (typeof p.min === 'number' && v < p.min) return `${label} must be >= ${p.min}`;
			if (typeof p.max === 'number' && v > p.max) return `${label} must be <= ${p.max}`;
			return null;
		case 'ARRAY':
			return Array.isArray(v) ? null : `${label} must be an array`;
		default: // STRING, IMAGE, VIDEO, AUDIO
			if (typeof v !== 'string') return `${label} must be a string, got ${typeName(v)}`;
			if (typeof p.maxLength === 'number' && v.length > p.maxLength) return `${label} is longer than ${p.maxLength} characters`;
			if (typeof p.minLength === 'number' && v.length < p.minLength) return `${label} is shorter than ${p.minLength} characters`;
			return null;
	}
}

/** → null when valid, else a message naming the field (for errorCode 1007). */
function validateModelParams(model, body) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return 'request body must be a JSON object';
	if (!model.params) return null;
	for (const p of model.params) {
		const v = body[p.name];
		if (v === undefined || v === null || v === '') {
			if (p.required) return `'${p.name}' is required`;
			continue;
		}
		if (p.multiple) {
			if (!Array.isArray(v)) return `'${p.name}' must be an array`;
			if (p.required && v.length === 0) return `'${p.name}' is required`;
			if (typeof p.maxItems === 'number' && v.length > p.maxItems) return `'${p.name}' accepts at most ${p.maxItems} items`;
			for (let i = 0; i < v.length; i++) {
				const err = checkScalar(p, v[i], `'${p.name}[${i}]'`);
				if (err) return err;
			}
			continue;
		}
		const err = checkScalar(p, v, `'${p.name}'`);
		if (err) return err;
	}
	return null;
}

const OUTPUT_EXT = { video: 'mp4', image: 'png', audio: 'mp3', '3d': 'glb', world: 'glb', text: 'text' };

function outputExt(model) {
	return OUTPUT_EXT[model.output] || 'png';
}

/** Deterministic per endpoint so client tests can assert an exact price. */
function priceOf(endpoint) {
	const h = crypto.createHash('md5').update(endpoint).digest();
	return Math.round((0.1 + (h.readUInt16BE(0) % 500) / 100) * 100) / 100;
}

function pricePreview(endpoint) {
	const estimatedPrice = priceOf(endpoint);
	return {
		estimatedPrice,
		currency: 'CNY',
		priceText: `预计消耗 ¥${estimatedPrice.toFixed(2)}`,
		priceTextEn: `Estimated cost ¥${estimatedPrice.toFixed(2)}`,
		freeLimit: 0,
		isFreeThisCall: false,
		remainingFreeLimitCount: 0,
		freeLimitCount: 0,
	};
}

module.exports = { createModelCatalog, validateModelParams, outputExt, priceOf, pricePreview, BUILTIN_MODELS, MODEL_FIXTURES };
