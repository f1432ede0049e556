#!/usr/bin/env node
// Builds nodes/shared/catalog/models.json (the bundled Standard Model catalog) from the
// research snapshot catalog/source/standard-models.json (provenance: catalog/source/README.md)
// plus the hand-made English table scripts/catalog-i18n.json.
//
// Usage: node scripts/build-catalog.js [--source <path>] [--check]
//   --source <path>   source file (default: $RUNNINGHUB_CATALOG_SOURCE or
//                     catalog/source/standard-models.json in this repository)
//   --check           build in memory; exit 1 if the committed models.json differs
//
// Node 20, CommonJS, built-ins only. Output is deterministic: fixed category order, models
// sorted by category → display name → endpoint, fixed key order, one param per line.
//
// The build fails (exit 1, listing them) when any output string still contains CJK
// characters, i.e. when catalog-i18n.json lacks a translation.
//
// Source-data handling (see also "oddities" printed as warnings):
//  * `default` is used only when it is a real documented default that fits the schema
//    (LIST: one of the enum values; numbers: within min/max; BOOLEAN: a boolean). A default
//    that does not fit is dropped and reported as a warning; `example` is never used.
//  * LIST enum value "empty" with the note "'empty' is a client-side sentinel meaning: omit
//    this field" (rhart-image-g-2 aspectRatio, also RunningHub's registry default) is kept as
//    an option ("Empty (Not Sent)") and as the default, and the param gets omitValue: "empty":
//    like RunningHub's own client, the node then leaves the field out of the request.
//  * schemaSource: where the model's parameter schema came from, as one word — "registry"
//    (RunningHub's public model registry), "docs" (RunningHub's doc pages, read directly) or
//    "client" (another client's copy, e.g. sanjusss/runninghub-skill's extraction of the doc
//    pages: not published by RunningHub in that form; the editor marks these), null without
//    a schema source. An unknown source string fails the build.
//  * rhType BOOL → BOOLEAN, NUMBER → FLOAT.
//  * Array-typed params (jsonType array<...>) get multiple: true + itemType, even where the
//    registry marks media.multiple false / maxItems 1 (rhart-image-g-3/-4 imageUrls).
//  * output: taken from the category; OUTPUT_OVERRIDES lists the few endpoints whose own
//    outputType is more specific than their category. Other outputType values in the source
//    are less reliable than the category (pixverse-v6/extend "string", hitem3d-v3 "image",
//    text-to-lyrics "audio", Marble worlds "image"/"video"/"string", sora-upload-character
//    "video"), so they are not used.
//  * Display names: catalog-i18n.json modelNames[endpoint] (used verbatim) > alias (vendor
//    name, cleaned: tier words and "-[Deprecated] …" notes removed, then " (<tier>[,
//    Deprecated])" appended) > English translation of nameCn (hand-written, used verbatim)
//    > ASCII nameCn cleaned like an alias. Collisions are reported and suffixed with the
//    endpoint (none at present: hailuo-02/standard vs i2v-standard etc. are resolved in
//    modelNames).
//
// Source oddities seen in the 2026-09 snapshot (none of them is an error):
//  * no default lies outside its enum or min/max (all 952 defaults checked);
//  * alias strings carry notes ("gpt-image-1.5/edit-channel-low-price-[Deprecated] Please use
//    gpt-image-2 instead") and a trailing space ("rhart-text-g-25-flash-cv/image-to-text ");
//    two endpoint paths contain "-[Deprecated]" and one is misspelt
//    ("kling-video-o1-std/refrence-to-video") — they are the real paths and kept as is;
//  * rhart-audio/text-to-audio/voice-clone `text` has sample text as its description;
//  * language_boost has an enum value containing a comma ("Chinese,Yue").
'use strict';

const fs = require('fs');
const path = require('path');

const REPO_ROOT = path.resolve(__dirname, '..');
const DEFAULT_SOURCE = path.join(REPO_ROOT, 'catalog', 'source', 'standard-models.json');
const I18N_FILE = path.join(__dirname, 'catalog-i18n.json');
const OUTPUT_FILE = path.join(REPO_ROOT, 'nodes', 'shared', 'catalog', 'models.json');

// Han, CJK punctuation, kana, Kangxi radicals, full-width forms, CJK compatibility …
const CJK_RE = /[\u2E80-\u2FDF\u3000-\u303F\u3040-\u30FF\u3100-\u312F\u3190-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]|[\u{20000}-\u{2FA1F}]/u;

// ---------------------------------------------------------------------------------------
// Categories: fixed order (official site/doc taxonomy order), English names, output kind.
// ---------------------------------------------------------------------------------------
const CATEGORIES = [
	['text-to-video', 'Text to Video', 'video'],
	['image-to-video', 'Image to Video', 'video'],
	['reference-to-video', 'Reference to Video', 'video'],
	['start-end-to-video', 'Start/End Frame to Video', 'video'],
	['video-edit', 'Video Edit', 'video'],
	['video-extend', 'Video Extend', 'video'],
	['video-tools', 'Video Tools', 'video'],
	['video-upscale', 'Video Upscale', 'video'],
	['video-to-video', 'Video to Video', 'video'],
	['motion-control', 'Motion Control', 'video'],
	['digital-human', 'Digital Human', 'video'],
	['audio-to-video', 'Audio to Video', 'video'],
	['text-to-image', 'Text to Image', 'image'],
	['image-to-image', 'Image to Image', 'image'],
	['image-tools', 'Image Tools', 'image'],
	['image-upscale', 'Image Upscale', 'image'],
	['text-to-audio', 'Text to Audio', 'audio'],
	['text-to-music', 'Text to Music', 'audio'],
	['text-to-lyrics', 'Text to Lyrics', 'text'],
	['audio-to-audio', 'Audio to Audio', 'audio'],
	['video-to-audio', 'Video to Audio', 'audio'],
	['text-to-text', 'Text to Text', 'text'],
	['image-to-text', 'Image to Text', 'text'],
	['video-to-text', 'Video to Text', 'text'],
	['reference-to-text', 'Reference to Text', 'text'],
	['image-to-3d', 'Image to 3D', '3d'],
	['text-to-3d', 'Text to 3D', '3d'],
	['text-to-world', 'Text to World', 'world'],
	['image-to-world', 'Image to World', 'world'],
	['video-to-world', 'Video to World', 'world'],
	['asset-upload', 'Asset Upload', 'other'],
].map(([value, name, output]) => ({ value, name, output }));
const CATEGORY_BY_VALUE = new Map(CATEGORIES.map((c, i) => [c.value, { ...c, index: i }]));

// Endpoints whose own outputType ("string" → text) is more specific than the category:
// both are helper steps that return identifiers/data, not a video.
const OUTPUT_OVERRIDES = {
	'kling-lip-sync/identify-face': 'text', // returns sessionId + face list for lip-sync-video
	'kling-elements': 'text', // creates a reusable Kling element and returns its id
};

// Categories for which a name without an explicit task word gets no " — <category>" suffix.
const NO_TASK_SUFFIX = new Set(['video-tools', 'image-tools', 'asset-upload']);

// ---------------------------------------------------------------------------------------
// Display names built from alias / ASCII nameCn.
// ---------------------------------------------------------------------------------------
// Task phrases recognised inside an alias (hyphen-separated, lower case).
const TASKS = [
	['multi-image-to-world', 'Multi-Image to World'],
	['image-audio-to-video', 'Image & Audio to Video'],
	['start-end-to-video', 'Start/End Frame to Video'],
	['multimodal-to-video', 'Multimodal to Video'],
	['reference-to-video', 'Reference to Video'],
	['refrence-to-video', 'Reference to Video'],
	['multi-image-to-3d', 'Multi-Image to 3D'],
	['upload-character', 'Character Upload'],
	['multimodal-video', 'Multimodal Video'],
	['image-to-video', 'Image to Video'],
	['image-to-world', 'Image to World'],
	['video-to-world', 'Video to World'],
	['text-to-video', 'Text to Video'],
	['video-to-video', 'Video to Video'],
	['text-to-image', 'Text to Image'],
	['image-to-image', 'Image to Image'],
	['motion-control', 'Motion Control'],
	['image-to-text', 'Image to Text'],
	['video-to-text', 'Video to Text'],
	['text-to-world', 'Text to World'],
	['video-upscale', 'Video Upscale'],
	['image-upscale', 'Image Upscale'],
	['video-extend', 'Video Extend'],
	['text-to-text', 'Text to Text'],
	['start-to-end', 'Start/End Frame to Video'],
	['image-to-3d', 'Image to 3D'],
	['voice-clone', 'Voice Clone'],
	['image-edit', 'Image Edit'],
	['video-edit', 'Video Edit'],
	['edit-video', 'Video Edit'],
	['text-to-3d', 'Text to 3D'],
	['lyrics', 'Lyrics'],
	['edit', 'Edit'],
	['chat', 'Chat'],
	['i2v', 'Image to Video'],
	['t2v', 'Text to Video'],
].sort((a, b) => b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1));

// Multi-token phrases (applied to the model part before word-by-word casing).
const PHRASES = [
	['rhart-text-g-25', 'RHArt Text G-2.5'],
	['rhart-text-g-3', 'RHArt Text G-3'],
	['rhart-text', 'RHArt Text'],
	['nano-banana2', 'Nano Banana 2'],
	['gemini31flash', '(Gemini 3.1 Flash)'],
	['grok-imagine', 'Grok Imagine'],
	['qwen-image', 'Qwen-Image'],
	['gpt-image', 'GPT Image'],
	['z-image', 'Z-Image'],
	['f-dev', 'F-Dev'],
	['ltx-2', 'LTX-2'],
];

// Word casing (lower-case key).
const WORDS = {
	aleph: 'Aleph', asyn: 'Async', banana: 'Banana', cgi: 'CGI', cv: 'CV', fast: 'Fast', flash: 'Flash',
	fps: 'FPS', global: 'Global', google: 'Google', grok: 'Grok', hailuo: 'Hailuo', happyhorse: 'HappyHorse',
	hd: 'HD', hitem3d: 'HiTem3D', hypir: 'HYPIR', image: 'Image', kling: 'Kling', lite: 'Lite', lora: 'LoRA',
	midjourney: 'Midjourney', minimax: 'MiniMax', nano: 'Nano', preview: 'Preview', pro: 'Pro', qwen: 'Qwen',
	rh: 'RH', rhart: 'RHArt', runwayml: 'Runway', seedance: 'Seedance', sora: 'Sora', speech: 'Speech',
	std: 'Std', standard: 'Standard', suno: 'Suno', topazlabs: 'Topaz Labs', tts: 'TTS', turbo: 'Turbo',
	ultra: 'Ultra', veo: 'Veo', video: 'Video', vidu: 'Vidu', wan: 'Wan', xai: 'xAI',
};

function caseWord(w) {
	const lw = w.toLowerCase();
	if (WORDS[lw]) return WORDS[lw];
	let m;
	if ((m = /^v(\d)(\d)$/.exec(lw))) return `v${m[1]}.${m[2]}`; // v15 → v1.5, v61 → v6.1
	if (/^v\d+(\.\d+)*$/.test(lw)) return lw; // v3.0
	if (/^[oqhc]\d+(\.\d+)?$/.test(lw)) return lw.toUpperCase(); // o3, q2, h3, c1
	if (/^\d+(\.\d+)?[kb]$/.test(lw)) return lw.toUpperCase(); // 4k, 19b
	if (lw === 'gen4') return 'Gen-4';
	if ((m = /^(veo|seedance|niji|sd|meshy)(\d+(?:\.\d+)?)$/.exec(lw))) {
		const head = lw === 'sd' || m[1] === 'sd' ? 'SD' : m[1][0].toUpperCase() + m[1].slice(1);
		return `${head} ${m[2]}`;
	}
	if (/^\d/.test(w)) return w;
	if (/^[A-Z]/.test(w)) return w; // keep caller's casing (e.g. already formatted)
	return w[0].toUpperCase() + w.slice(1);
}

function prettyWords(s) {
	const out = [];
	let rest = s.toLowerCase().replace(/[\/_\s]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
	// tokenise with phrase matching
	while (rest.length) {
		let hit = null;
		for (const [ph, disp] of PHRASES) {
			if (rest === ph || rest.startsWith(ph + '-')) {
				hit = [ph, disp];
				break;
			}
		}
		if (hit) {
			out.push(hit[1]);
			rest = rest.slice(hit[0].length).replace(/^-/, '');
			continue;
		}
		const i = rest.indexOf('-');
		const tok = i < 0 ? rest : rest.slice(0, i);
		rest = i < 0 ? '' : rest.slice(i + 1);
		if (tok) out.push(caseWord(tok));
	}
	return out.join(' ');
}

const TIER_OFFICIAL = 'Official Stable';
const TIER_LOW = 'Low Price';

function detectTier(model) {
	const hay = `${model.endpoint} ${model.alias || ''}`.toLowerCase();
	const official = /(^|[-\/ ])official([-\/ ]|$)/.test(hay);
	const low = /low-price/.test(hay);
	if (official && low) throw new Error(`ambiguous tier for ${model.endpoint}`);
	if (official) return TIER_OFFICIAL;
	if (low) return TIER_LOW;
	return null;
}

// "google/veo3.1-pro/text-to-video-official-stable" → "Google Veo 3.1 Pro — Text to Video"
function nameFromAscii(raw, category) {
	let s = raw
		.trim()
		.replace(/-?\[deprecated\].*$/i, '')
		.replace(/-deprecated$/i, '')
		.trim()
		.replace(/\s+/g, '-')
		.toLowerCase();
	s = s.replace(/[-\/](official-stable|channel-low-price|low-price|official)(?=$|[-\/])/g, '');
	const segs = s.split('/');
	const findTask = (str) => {
		let best = null;
		for (const [slug, disp] of TASKS) {
			const re = new RegExp(`(^|[-/])${slug.replace(/[.]/g, '\\.')}(?=$|[-/])`, 'g');
			let m;
			while ((m = re.exec(str))) {
				const start = m.index + m[1].length;
				const cand = { start, end: start + slug.length, disp };
				if (!best || cand.start < best.start || (cand.start === best.start && cand.end > best.end)) best = cand;
			}
		}
		return best;
	};
	let task = null;
	let model = s;
	let suffix = '';
	const last = segs[segs.length - 1];
	const offset = s.length - last.length;
	let t = segs.length > 1 ? findTask(last) : null;
	if (t) {
		t = { ...t, start: t.start + offset, end: t.end + offset };
	} else {
		t = findTask(s);
	}
	if (t) {
		task = t.disp;
		model = s.slice(0, t.start);
		suffix = s.slice(t.end);
	}
	const modelWords = prettyWords(`${model}-${suffix}`);
	if (!task && !NO_TASK_SUFFIX.has(category.value)) task = category.name;
	if (!modelWords) return task;
	return task ? `${modelWords} — ${task}` : modelWords;
}

// ---------------------------------------------------------------------------------------
// Param labels
// ---------------------------------------------------------------------------------------
const LABEL_OVERRIDES = {
	n: 'Number of Images',
	imageNum: 'Number of Images',
	elementReferList: 'Element Reference Images',
	cref: 'Character Reference (cref)',
	sref: 'Style Reference (sref)',
	oref: 'Omni Reference (oref)',
	iw: 'Image Weight (iw)',
	cw: 'Character Weight (cw)',
	sw: 'Style Weight (sw)',
	ow: 'Omni Weight (ow)',
	sv: 'Style Version (sv)',
	taPose: 'A/T Pose',
	face: 'Face Count',
	bgm: 'Background Music',
	isPano: 'Is Panorama',
	pronunciation_dict: 'Pronunciation Dictionary',
};
const ACRONYMS = {
	url: 'URL', urls: 'URLs', id: 'ID', ids: 'IDs', cfg: 'CFG', fps: 'FPS', pbr: 'PBR', aigc: 'AIGC',
	tts: 'TTS', bgm: 'BGM', csv: 'CSV', llm: 'LLM', hd: 'HD', api: 'API', json: 'JSON', lora: 'LoRA',
	'3d': '3D', ip: 'IP', ai: 'AI',
};

function labelFromName(name) {
	if (LABEL_OVERRIDES[name]) return LABEL_OVERRIDES[name];
	const words = name
		.replace(/_/g, ' ')
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.split(/\s+/)
		.filter(Boolean);
	return words
		.map((w) => {
			const lw = w.toLowerCase();
			if (ACRONYMS[lw]) return ACRONYMS[lw];
			return lw[0].toUpperCase() + lw.slice(1);
		})
		.join(' ');
}

// ---------------------------------------------------------------------------------------
// Build
// ---------------------------------------------------------------------------------------
const TYPE_MAP = {
	STRING: 'STRING', LIST: 'LIST', BOOLEAN: 'BOOLEAN', BOOL: 'BOOLEAN', INT: 'INT', FLOAT: 'FLOAT',
	NUMBER: 'FLOAT', IMAGE: 'IMAGE', VIDEO: 'VIDEO', AUDIO: 'AUDIO', ARRAY: 'ARRAY',
};
const EMPTY_SENTINEL_NOTE = "'empty' is a client-side sentinel meaning: omit this field";
const EMPTY_SENTINEL = 'empty';
const EMPTY_OPTION_NAME = 'Empty (Not Sent)';
const EMPTY_NOTE_EN = 'Empty sends no value, so RunningHub applies its own default.';

// Schema provenance strings of the source → catalog schemaSource.
const SCHEMA_SOURCES = [
	[/^HM-RunningHub\/ComfyUI_RH_OpenAPI developer-kit\/model-registry\.public\.json\b/, 'registry'],
	[/^RunningHub API docs\b/, 'docs'],
	[/\bas extracted by sanjusss\/runninghub-skill\b/, 'client'],
];

function schemaSourceOf(m) {
	if (m.schemaSource === null || m.schemaSource === undefined) return null;
	const hit = SCHEMA_SOURCES.find(([re]) => re.test(String(m.schemaSource)));
	if (!hit) throw new Error(`${m.endpoint}: unknown schemaSource ${JSON.stringify(m.schemaSource)}`);
	return hit[1];
}

function hasCjk(s) {
	return typeof s === 'string' && CJK_RE.test(s);
}

function build(source, i18n, warnings) {
	const text = i18n.text || {};
	const modelNames = i18n.modelNames || {};
	const used = new Set();
	const missing = new Set();
	const tr = (s) => {
		if (typeof s !== 'string') return s;
		if (!hasCjk(s)) return s;
		if (Object.prototype.hasOwnProperty.call(text, s)) {
			used.add(s);
			return text[s];
		}
		missing.add(s);
		return s;
	};

	if (!source || !Array.isArray(source.models)) throw new Error('source has no models[]');

	const models = [];
	for (const m of source.models) {
		const cat = CATEGORY_BY_VALUE.get(m.category);
		if (!cat) throw new Error(`unknown category "${m.category}" for ${m.endpoint}`);
		const tier = detectTier(m);

		// ---- name
		let name;
		if (Object.prototype.hasOwnProperty.call(modelNames, m.endpoint)) {
			name = modelNames[m.endpoint];
		} else {
			const alias = typeof m.alias === 'string' && m.alias.trim() ? m.alias.trim() : null;
			if (alias) {
				name = nameFromAscii(alias, cat);
			} else if (hasCjk(m.nameCn)) {
				name = tr(m.nameCn); // hand-written English display name
			} else {
				name = nameFromAscii(m.nameCn || m.endpoint, cat);
			}
			if (!hasCjk(name) && (alias || !hasCjk(m.nameCn))) {
				const extra = [];
				if (tier && !name.includes(`(${tier}`)) extra.push(tier);
				if (m.deprecated && !/deprecated/i.test(name)) extra.push('Deprecated');
				if (extra.length) name = `${name} (${extra.join(', ')})`;
			}
		}

		// ---- params
		let params = null;
		if (Array.isArray(m.params) && m.params.length) {
			params = m.params.map((p) => buildParam(m, p, tr, warnings));
			const labels = new Map();
			for (const p of params) {
				if (labels.has(p.label)) warnings.push(`${m.endpoint}: duplicate label "${p.label}" (${labels.get(p.label)}, ${p.name})`);
				labels.set(p.label, p.name);
			}
		} else if (Array.isArray(m.params) && m.params.length === 0) {
			warnings.push(`${m.endpoint}: empty params array in source → params: null`);
		}

		let output = OUTPUT_OVERRIDES[m.endpoint] || cat.output;

		const out = {
			endpoint: m.endpoint,
			name,
			category: m.category,
			output,
			family: tr(m.family),
			tier,
			deprecated: !!m.deprecated,
			docUrl: m.apiDetailUrl || m.apiDocUrl || null,
			schemaSource: schemaSourceOf(m),
			params,
		};
		models.push({ out, catIndex: cat.index });
	}

	// unique names (deterministic disambiguation by endpoint)
	const byName = new Map();
	for (const x of models) {
		const k = x.out.name;
		if (!byName.has(k)) byName.set(k, []);
		byName.get(k).push(x);
	}
	for (const [k, list] of byName) {
		if (list.length > 1) {
			warnings.push(`duplicate display name "${k}": ${list.map((x) => x.out.endpoint).join(', ')} → suffixed with endpoint`);
			for (const x of list) x.out.name = `${k} [${x.out.endpoint}]`;
		}
	}
	const endpoints = new Set();
	for (const x of models) {
		if (endpoints.has(x.out.endpoint)) throw new Error(`duplicate endpoint ${x.out.endpoint}`);
		endpoints.add(x.out.endpoint);
	}

	const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
	models.sort(
		(a, b) =>
			a.catIndex - b.catIndex ||
			cmp(a.out.name.toLowerCase(), b.out.name.toLowerCase()) ||
			cmp(a.out.name, b.out.name) ||
			cmp(a.out.endpoint, b.out.endpoint),
	);

	const unused = Object.keys(text).filter((k) => !used.has(k));
	for (const k of unused) warnings.push(`unused translation: ${JSON.stringify(k)}`);
	for (const k of Object.keys(modelNames)) {
		if (!endpoints.has(k)) warnings.push(`modelNames entry for unknown endpoint: ${k}`);
	}

	return {
		catalog: {
			source: `standard-models.json generated ${source.generated}`,
			categories: CATEGORIES.map(({ value, name, output }) => ({ value, name, output })),
			models: models.map((x) => x.out),
		},
		missing: [...missing],
	};
}

function isNum(v) {
	return typeof v === 'number' && Number.isFinite(v);
}

function buildParam(m, p, tr, warnings) {
	const where = `${m.endpoint} ${p.name}`;
	const type = TYPE_MAP[p.rhType];
	if (!type) throw new Error(`${where}: unknown rhType ${p.rhType}`);
	const isArray = typeof p.jsonType === 'string' && p.jsonType.startsWith('array');
	const out = {
		name: p.name,
		label: labelFromName(p.name),
		type,
		required: !!p.required,
	};

	// options
	let options;
	let sentinel = false;
	if (Array.isArray(p.enum) && p.enum.length) {
		const values = p.enum.map((v) => String(v));
		sentinel = p.note === EMPTY_SENTINEL_NOTE && values.includes(EMPTY_SENTINEL);
		const seen = new Set();
		options = [];
		for (const v of values) {
			if (seen.has(v)) {
				warnings.push(`${where}: duplicate enum value ${JSON.stringify(v)} dropped`);
				continue;
			}
			seen.add(v);
			const label = p.enumLabels && Object.prototype.hasOwnProperty.call(p.enumLabels, v) ? tr(p.enumLabels[v]) : null;
			options.push({ value: v, name: sentinel && v === EMPTY_SENTINEL ? EMPTY_OPTION_NAME : label || optionName(p.name, v) });
		}
	}

	// description (+ note)
	const descParts = [];
	if (typeof p.description === 'string' && p.description.trim()) descParts.push(tr(p.description.trim()));
	if (sentinel) descParts.push(EMPTY_NOTE_EN);
	else if (typeof p.note === 'string' && p.note.trim()) descParts.push(`Note: ${tr(p.note.trim())}`);
	if (descParts.length) out.description = descParts.join(' ');

	// default — only real, schema-consistent defaults
	if (Object.prototype.hasOwnProperty.call(p, 'default') && p.default !== null && p.default !== undefined) {
		let d = p.default;
		let ok = true;
		let why = '';
		if (type === 'LIST') {
			d = String(d);
			if (options && !options.some((o) => o.value === d)) {
				ok = false;
				why = `default ${JSON.stringify(p.default)} not among enum values`;
			}
		} else if (type === 'BOOLEAN') {
			if (typeof d !== 'boolean') {
				ok = false;
				why = `non-boolean default ${JSON.stringify(d)}`;
			}
		} else if (type === 'INT' || type === 'FLOAT') {
			if (!isNum(d)) {
				ok = false;
				why = `non-numeric default ${JSON.stringify(d)}`;
			} else if ((isNum(p.min) && d < p.min) || (isNum(p.max) && d > p.max)) {
				ok = false;
				why = `default ${d} outside [${p.min}, ${p.max}]`;
			} else if (type === 'INT' && !Number.isInteger(d)) {
				ok = false;
				why = `non-integer default ${d}`;
			}
		} else if (typeof d !== 'string') {
			ok = false;
			why = `non-string default ${JSON.stringify(d)}`;
		}
		if (ok) out.default = type === 'STRING' ? tr(d) : d;
		else if (why) warnings.push(`${where}: ${why} → default dropped`);
	}

	if (options) out.options = options;
	if (sentinel) out.omitValue = EMPTY_SENTINEL;
	for (const k of ['min', 'max', 'step']) if (isNum(p[k])) out[k] = p[k];
	if (isNum(p.min) && isNum(p.max) && p.min > p.max) warnings.push(`${where}: min > max`);
	for (const k of ['maxLength', 'minLength']) if (isNum(p[k])) out[k] = p[k];

	const media = p.media && typeof p.media === 'object' ? p.media : null;
	if (isArray) {
		out.multiple = true;
		if (media && isNum(media.maxItems)) out.maxItems = media.maxItems;
		out.itemType = (/^array<(\w+)>$/.exec(p.jsonType) || [])[1] || 'string';
		if (media && media.multiple === false) warnings.push(`${where}: jsonType ${p.jsonType} but media.multiple=false (kept as array)`);
	} else if (media && media.multiple === true) {
		warnings.push(`${where}: media.multiple=true on non-array jsonType ${p.jsonType} (not marked multiple)`);
	}
	if (media) {
		const mo = { kind: media.kind };
		if (Array.isArray(media.accept) && media.accept.length) mo.accept = media.accept.map(String);
		if (isNum(media.maxSizeMB)) mo.maxSizeMB = media.maxSizeMB;
		out.media = mo;
	}
	return out;
}

function optionName(paramName, v) {
	if (/duration$/i.test(paramName) && /^\d+(\.\d+)?$/.test(v) && Number(v) > 0) return `${v} s`;
	return v;
}

// ---------------------------------------------------------------------------------------
// Serialisation: compact, diffable, stable.
// ---------------------------------------------------------------------------------------
function serialize(catalog) {
	const lines = ['{'];
	lines.push(`"source": ${JSON.stringify(catalog.source)},`);
	lines.push('"categories": [');
	catalog.categories.forEach((c, i) => {
		lines.push(JSON.stringify(c) + (i < catalog.categories.length - 1 ? ',' : ''));
	});
	lines.push('],');
	lines.push('"models": [');
	catalog.models.forEach((m, i) => {
		const last = i === catalog.models.length - 1;
		const { params, ...head } = m;
		const headJson = JSON.stringify(head).slice(0, -1);
		if (!params) {
			lines.push(`${headJson},"params":null}${last ? '' : ','}`);
		} else {
			lines.push(`${headJson},"params":[`);
			params.forEach((p, j) => lines.push('\t' + JSON.stringify(p) + (j < params.length - 1 ? ',' : '')));
			lines.push(`]}${last ? '' : ','}`);
		}
	});
	lines.push(']');
	lines.push('}');
	return lines.join('\n') + '\n';
}

function findCjk(value, at, hits) {
	if (typeof value === 'string') {
		if (hasCjk(value)) hits.push(`${at}: ${value}`);
	} else if (Array.isArray(value)) {
		value.forEach((v, i) => findCjk(v, `${at}[${i}]`, hits));
	} else if (value && typeof value === 'object') {
		for (const [k, v] of Object.entries(value)) {
			if (hasCjk(k)) hits.push(`${at} key: ${k}`);
			findCjk(v, at ? `${at}.${k}` : k, hits);
		}
	}
	return hits;
}

function parseArgs(argv) {
	const args = { check: false, source: null };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--check') args.check = true;
		else if (a === '--source') args.source = argv[++i];
		else if (a.startsWith('--source=')) args.source = a.slice('--source='.length);
		else if (a === '--help' || a === '-h') args.help = true;
		else throw new Error(`unknown argument: ${a}`);
	}
	if (args.source === undefined) throw new Error('--source needs a path');
	return args;
}

function main() {
	let args;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (e) {
		console.error(`build-catalog: ${e.message}`);
		return 2;
	}
	if (args.help) {
		console.log('Usage: node scripts/build-catalog.js [--source <path>] [--check]');
		return 0;
	}
	const sourcePath = path.resolve(args.source || process.env.RUNNINGHUB_CATALOG_SOURCE || DEFAULT_SOURCE);
	if (!fs.existsSync(sourcePath)) {
		console.error(`build-catalog: source not found: ${sourcePath}`);
		return 1;
	}
	const source = JSON.parse(fs.readFileSync(sourcePath, 'utf8'));
	const i18n = JSON.parse(fs.readFileSync(I18N_FILE, 'utf8'));
	const warnings = [];
	const { catalog, missing } = build(source, i18n, warnings);

	const hits = findCjk(catalog, '', []);
	if (missing.length || hits.length) {
		console.error(`build-catalog: ${missing.length} source string(s) lack an English translation in scripts/catalog-i18n.json:`);
		for (const s of missing) console.error(`  ${JSON.stringify(s)}`);
		if (hits.length) {
			console.error(`build-catalog: ${hits.length} output string(s) contain CJK characters:`);
			for (const h of hits.slice(0, 200)) console.error(`  ${h}`);
		}
		return 1;
	}

	// Sanity vs the source's own counts (warn only; the source may be refreshed).
	const withParams = catalog.models.filter((m) => m.params).length;
	if (source.counts) {
		if (source.counts.endpoints !== undefined && source.counts.endpoints !== catalog.models.length)
			warnings.push(`source.counts.endpoints=${source.counts.endpoints} but ${catalog.models.length} models built`);
		if (source.counts.withFullParamSchema !== undefined && source.counts.withFullParamSchema !== withParams)
			warnings.push(`source.counts.withFullParamSchema=${source.counts.withFullParamSchema} but ${withParams} models have params`);
	}

	const text = serialize(catalog);
	JSON.parse(text); // must be valid JSON

	if (process.env.BUILD_CATALOG_VERBOSE || !args.check) {
		for (const w of warnings) console.warn(`warning: ${w}`);
	}

	if (args.check) {
		const current = fs.existsSync(OUTPUT_FILE) ? fs.readFileSync(OUTPUT_FILE, 'utf8') : null;
		if (current !== text) {
			console.error(
				`build-catalog --check: ${path.relative(REPO_ROOT, OUTPUT_FILE)} is ${current === null ? 'missing' : 'out of date'}; run node scripts/build-catalog.js`,
			);
			return 1;
		}
		console.log(`build-catalog --check: ${path.relative(REPO_ROOT, OUTPUT_FILE)} is up to date (${catalog.models.length} models, ${withParams} with params)`);
		return 0;
	}

	fs.mkdirSync(path.dirname(OUTPUT_FILE), { recursive: true });
	fs.writeFileSync(OUTPUT_FILE, text);
	console.log(`build-catalog: wrote ${path.relative(REPO_ROOT, OUTPUT_FILE)} (${catalog.models.length} models, ${withParams} with params, ${warnings.length} warning(s))`);
	return 0;
}

module.exports = { build, serialize, labelFromName, nameFromAscii, hasCjk, CATEGORIES, CJK_RE };

if (require.main === module) {
	let code;
	try {
		code = main();
	} catch (e) {
		console.error(`build-catalog: ${e && e.stack ? e.stack : e}`);
		code = 1;
	}
	process.exitCode = code;
}
