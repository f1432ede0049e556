// Checks the bundled Standard Model catalog (nodes/shared/catalog/models.json) that
// scripts/build-catalog.js generates from catalog/source/standard-models.json (in the repo).
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const repoRoot = path.resolve(__dirname, '..', '..');
const catalogFile = path.join(repoRoot, 'nodes', 'shared', 'catalog', 'models.json');
const i18nFile = path.join(repoRoot, 'scripts', 'catalog-i18n.json');
const buildScript = path.join(repoRoot, 'scripts', 'build-catalog.js');
const src = path.join(repoRoot, 'catalog', 'source', 'standard-models.json');

const CJK_RE =
	/[\u2E80-\u2FDF\u3000-\u303F\u3040-\u30FF\u3100-\u312F\u3190-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]|[\u{20000}-\u{2FA1F}]/u;

const OUTPUTS = ['video', 'image', 'audio', '3d', 'text', 'world', 'other'];
const TYPES = ['STRING', 'LIST', 'BOOLEAN', 'INT', 'FLOAT', 'IMAGE', 'VIDEO', 'AUDIO', 'ARRAY'];
const TIERS = ['Official Stable', 'Low Price', null];

const raw = fs.readFileSync(catalogFile, 'utf8');
const catalog = JSON.parse(raw);

function collectCjk(value, at, hits) {
	if (typeof value === 'string') {
		if (CJK_RE.test(value)) hits.push(`${at}: ${value}`);
	} else if (Array.isArray(value)) {
		value.forEach((v, i) => collectCjk(v, `${at}[${i}]`, hits));
	} else if (value && typeof value === 'object') {
		for (const [k, v] of Object.entries(value)) {
			if (CJK_RE.test(k)) hits.push(`${at} key ${k}`);
			collectCjk(v, `${at}.${k}`, hits);
		}
	}
	return hits;
}

function allParams() {
	const out = [];
	for (const m of catalog.models) for (const p of m.params || []) out.push([m, p]);
	return out;
}

describe('bundled Standard Model catalog', () => {
	test('contains no CJK characters anywhere', () => {
		expect(CJK_RE.test(raw)).toBe(false);
		expect(collectCjk(catalog, '', [])).toEqual([]);
	});

	test('has the expected top-level shape', () => {
		expect(Object.keys(catalog)).toEqual(['source', 'categories', 'models']);
		expect(catalog.source).toMatch(/^standard-models\.json generated /);
		for (const c of catalog.categories) {
			expect(Object.keys(c)).toEqual(['value', 'name', 'output']);
			expect(OUTPUTS).toContain(c.output);
			expect(c.name).toMatch(/^[A-Z0-9]/);
		}
		expect(new Set(catalog.categories.map((c) => c.value)).size).toBe(catalog.categories.length);
	});

	test('counts match the source snapshot (406 models, 310 with params)', () => {
		expect(catalog.models).toHaveLength(406);
		expect(catalog.models.filter((m) => Array.isArray(m.params)).length).toBe(310);
		expect(catalog.models.filter((m) => m.params === null).length).toBe(96);
	});

	test('every model has a unique endpoint and a unique name, a known category and an output', () => {
		const categories = new Set(catalog.categories.map((c) => c.value));
		const endpoints = new Set();
		const names = new Set();
		const problems = [];
		for (const m of catalog.models) {
			if (endpoints.has(m.endpoint)) problems.push(`duplicate endpoint ${m.endpoint}`);
			endpoints.add(m.endpoint);
			if (names.has(m.name)) problems.push(`duplicate name ${m.name}`);
			names.add(m.name);
			if (!categories.has(m.category)) problems.push(`${m.endpoint}: unknown category ${m.category}`);
			if (!OUTPUTS.includes(m.output)) problems.push(`${m.endpoint}: bad output ${m.output}`);
			if (typeof m.name !== 'string' || !m.name.trim()) problems.push(`${m.endpoint}: empty name`);
			if (typeof m.family !== 'string' || !m.family) problems.push(`${m.endpoint}: no family`);
			if (!TIERS.includes(m.tier)) problems.push(`${m.endpoint}: bad tier ${m.tier}`);
			if (typeof m.deprecated !== 'boolean') problems.push(`${m.endpoint}: deprecated not boolean`);
			if (!(m.docUrl === null || /^https:\/\//.test(m.docUrl))) problems.push(`${m.endpoint}: bad docUrl`);
			if (!(m.params === null || (Array.isArray(m.params) && m.params.length > 0)))
				problems.push(`${m.endpoint}: params must be null or a non-empty array`);
			if (!['registry', 'docs', 'client', null].includes(m.schemaSource)) problems.push(`${m.endpoint}: bad schemaSource ${m.schemaSource}`);
			expect(Object.keys(m)).toEqual([
				'endpoint', 'name', 'category', 'output', 'family', 'tier', 'deprecated', 'docUrl', 'schemaSource', 'params',
			]);
		}
		expect(problems).toEqual([]);
	});

	test('every model records where its schema came from (catalog/source/README.md)', () => {
		const count = (source) => catalog.models.filter((m) => m.schemaSource === source).length;
		// 299 from RunningHub's public registry (4 of them published with no parameters), 15 from
		// another client's copy of the doc pages, 92 with no schema source (path and category only).
		expect({ registry: count('registry'), docs: count('docs'), client: count('client'), none: count(null) }).toEqual({ registry: 299, docs: 0, client: 15, none: 92 });
		expect(catalog.models.filter((m) => m.schemaSource === 'registry' && m.params === null).map((m) => m.endpoint).sort()).toEqual([
			'kling-v3.0-4k/motion-control', 'rhart-image/f-dev', 'rhart-image/f-dev-lora', 'rhart-video/ltx-2/text-to-video-lora',
		]);
		expect(catalog.models.filter((m) => m.schemaSource === null).every((m) => m.params === null)).toBe(true);
	});

	test('a LIST "empty" option is kept as RunningHub\'s registry has it, marked as the value that is not sent', () => {
		const withOmit = [];
		for (const [m, p] of allParams()) if (p.omitValue !== undefined) withOmit.push(`${m.endpoint} ${p.name}`);
		expect(withOmit.sort()).toEqual(['rhart-image-g-2/image-to-image aspectRatio', 'rhart-image-g-2/text-to-image aspectRatio']);
		for (const [m, p] of allParams()) {
			if (p.omitValue === undefined) continue;
			expect({ at: m.endpoint, omitValue: p.omitValue, default: p.default, first: p.options[0] }).toEqual({ at: m.endpoint, omitValue: 'empty', default: 'empty', first: { value: 'empty', name: 'Empty (Not Sent)' } });
		}
	});

	test('models are sorted by category order, then name, then endpoint', () => {
		const order = new Map(catalog.categories.map((c, i) => [c.value, i]));
		const key = (m) => [order.get(m.category), m.name.toLowerCase(), m.name, m.endpoint];
		for (let i = 1; i < catalog.models.length; i++) {
			const a = key(catalog.models[i - 1]);
			const b = key(catalog.models[i]);
			const cmp = a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0) || (a[3] < b[3] ? -1 : 1);
			expect(cmp).toBeLessThan(0);
		}
	});

	test('params are well-formed and unique per model', () => {
		const problems = [];
		for (const m of catalog.models) {
			const seen = new Set();
			for (const p of m.params || []) {
				const at = `${m.endpoint} ${p.name}`;
				if (seen.has(p.name)) problems.push(`${at}: duplicate param`);
				seen.add(p.name);
				if (!TYPES.includes(p.type)) problems.push(`${at}: bad type ${p.type}`);
				if (typeof p.label !== 'string' || !p.label) problems.push(`${at}: no label`);
				if (typeof p.required !== 'boolean') problems.push(`${at}: required not boolean`);
				for (const [k, v] of Object.entries(p)) if (v === null) problems.push(`${at}: null ${k}`);
				if (p.multiple !== undefined && (p.multiple !== true || p.itemType !== 'string'))
					problems.push(`${at}: multiple without itemType`);
				if (p.type === 'ARRAY' && p.multiple !== true) problems.push(`${at}: ARRAY not multiple`);
				if (['IMAGE', 'VIDEO', 'AUDIO'].includes(p.type) && (!p.media || !p.media.kind))
					problems.push(`${at}: media param without media.kind`);
				if (p.options && (!Array.isArray(p.options) || p.options.length === 0)) problems.push(`${at}: empty options`);
				for (const o of p.options || []) {
					if (Object.keys(o).join() !== 'value,name') problems.push(`${at}: option keys ${Object.keys(o)}`);
					if (typeof o.name !== 'string' || !o.name) problems.push(`${at}: option without name`);
				}
			}
		}
		expect(problems).toEqual([]);
	});

	test('every LIST param with options has string option values (and a string default)', () => {
		const problems = [];
		for (const [m, p] of allParams()) {
			if (p.type !== 'LIST') continue;
			if (!p.options) problems.push(`${m.endpoint} ${p.name}: LIST without options`);
			for (const o of p.options || []) {
				if (typeof o.value !== 'string') problems.push(`${m.endpoint} ${p.name}: option ${JSON.stringify(o.value)} is not a string`);
			}
			if ('default' in p && typeof p.default !== 'string') problems.push(`${m.endpoint} ${p.name}: non-string default`);
		}
		expect(problems).toEqual([]);
	});

	test('defaults are within options / min / max and match the param type', () => {
		const violations = [];
		for (const [m, p] of allParams()) {
			if (!('default' in p)) continue;
			const at = `${m.endpoint} ${p.name} default=${JSON.stringify(p.default)}`;
			if (p.options && !p.options.some((o) => o.value === p.default)) violations.push(`${at} not in options`);
			if (typeof p.min === 'number' && typeof p.default === 'number' && p.default < p.min) violations.push(`${at} < min ${p.min}`);
			if (typeof p.max === 'number' && typeof p.default === 'number' && p.default > p.max) violations.push(`${at} > max ${p.max}`);
			if (p.type === 'BOOLEAN' && typeof p.default !== 'boolean') violations.push(`${at} not boolean`);
			if ((p.type === 'INT' || p.type === 'FLOAT') && typeof p.default !== 'number') violations.push(`${at} not a number`);
			if (p.type === 'INT' && !Number.isInteger(p.default)) violations.push(`${at} not an integer`);
		}
		expect(violations).toEqual([]);
	});

	test('the translation table is English-only and non-empty', () => {
		const i18n = JSON.parse(fs.readFileSync(i18nFile, 'utf8'));
		const problems = [];
		for (const [k, v] of Object.entries(i18n.text)) {
			if (typeof v !== 'string' || !v.trim()) problems.push(`empty translation for ${k}`);
			else if (CJK_RE.test(v)) problems.push(`CJK in translation of ${k}`);
		}
		for (const [k, v] of Object.entries(i18n.modelNames || {})) {
			if (typeof v !== 'string' || !v.trim() || CJK_RE.test(v)) problems.push(`bad modelNames entry ${k}`);
		}
		expect(problems).toEqual([]);
	});

	test('build-catalog.js --check: the committed catalog is what the committed source builds', () => {
		expect(fs.existsSync(src)).toBe(true);
		const env = { ...process.env };
		delete env.RUNNINGHUB_CATALOG_SOURCE; // the default source must be the one in the repository
		const res = spawnSync(process.execPath, [buildScript, '--check'], { cwd: repoRoot, encoding: 'utf8', env });
		if (res.status !== 0) console.error(res.stdout, res.stderr);
		expect(res.status).toBe(0);
		expect(res.stdout).toMatch(/is up to date \(406 models, 310 with params\)/);
	});
});
