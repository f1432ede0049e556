'use strict';
// Standard Model API catalog: which endpoints exist, their params and output kind.
//
// Sources, merged by endpoint (later wins):
//   1. a small built-in list of `*-test` endpoints (always there, so demos and tests work
//      whether or not the package catalog exists; they never clash with real names),
//   2. the package catalog nodes/shared/catalog/models.json (or options.modelsFile), read
//      lazily on first use and skipped while missing or unreadable,
//   3. options.models (extend/override).
// With options.modelsOnly only options.models is used.
// Both catalog dialects are accepted: the package's (`type`, `options:[{value,name}]`,
// `output`, `multiple`) and the research snapshot's (`rhType`, `enum`, `outputType`,
// `jsonType: "array<string>"`).

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const PACKAGE_CATALOG = path.resolve(__dirname, '..', '..', 'nodes', 'shared', 'catalog', 'models.json');

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

function normalizeParam(p) {
	const type = String(p.type || p.rhType || 'STRING').toUpperCase();
	const out = {
		name: p.name,
		type: TYPE_ALIASES[type] || type,
		required: !!p.required,
		multiple: !!p.multiple || (typeof p.jsonType === 'string' && p.jsonType.startsWith('array')),
	};
	const options = Array.isArray(p.options) ? p.options : Array.isArray(p.enum) ? p.enum : null;
	if (options) out.options = options.map((o) => (o && typeof o === 'object' ? String(o.value) : String(o)));
	for (const k of ['min', 'max', 'maxLength', 'minLength', 'maxItems']) if (typeof p[k] === 'number') out[k] = p[k];
	return out;
}

function normalizeModel(m) {
	const output = String(m.output || m.outputType || 'image').toLowerCase();
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
		// Missing or half-written (another engineer is producing it): fall back.
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
			const file = options.modelsFile || PACKAGE_CATALOG;
			const fromFile = readCatalogFile(file);
			base = [...BUILTIN_MODELS, ...(fromFile || [])];
			source = fromFile ? `builtin + ${path.relative(process.cwd(), file) || file}` : 'builtin';
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

module.exports = { createModelCatalog, validateModelParams, outputExt, priceOf, pricePreview, BUILTIN_MODELS, PACKAGE_CATALOG };
