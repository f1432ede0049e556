#!/usr/bin/env node
// Editor cost of the Standard Model node's per-model parameters: resource mapper fed from the
// bundled catalog (what the node ships) vs. generated properties (one n8n property per model
// parameter, shown with displayOptions for its model; built here only, for comparison).
//
// Measures
//   (a) JSON size of the node type description (n8n sends every node type description to the
//       editor when it loads, and the backend walks the properties on every save/run);
//   (b) time to produce the field list of one selected model:
//       - resource mapper: the getModelFields method (catalog lookup + mapping);
//       - generated: the visible properties for the model (n8n's displayParameter over all
//         properties, as the editor does when it renders the node);
//       plus the time of n8n's getNodeParameters over the whole description (run by the
//       backend and the editor on every workflow load/save/run).
//
// Usage: node bench/standard-model-editor.bench.js [--json]
// Plain Node 20, no build needed: TypeScript sources are transpiled on the fly.
'use strict';

const fs = require('fs');
const path = require('path');
const ts = require('typescript');
const { performance } = require('perf_hooks');

require.extensions['.ts'] = function compileTs(module, filename) {
	const source = fs.readFileSync(filename, 'utf8');
	const { outputText } = ts.transpileModule(source, {
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2019, esModuleInterop: true, resolveJsonModule: true },
		fileName: filename,
	});
	module._compile(outputText, filename);
};

const root = path.resolve(__dirname, '..');
const { NodeHelpers } = require('n8n-workflow');
const { RunningHubStandardModel } = require(path.join(root, 'nodes/RunningHubStandardModel/RunningHubStandardModel.node.ts'));
const { modelFields } = require(path.join(root, 'nodes/RunningHubStandardModel/methods/resourceMapping.ts'));
const { fieldDisplayName } = require(path.join(root, 'nodes/RunningHubStandardModel/methods/fields.ts'));
const { catalog, modelsWithSchema } = require(path.join(root, 'nodes/shared/catalog/index.ts'));

const asJson = process.argv.includes('--json');

/** One n8n property per model parameter, as a generated-properties node would ship them. */
function generatedProperty(model, param) {
	const base = {
		displayName: fieldDisplayName(param),
		name: param.name,
		required: param.required,
		description: param.description || undefined,
		displayOptions: { show: { resource: ['model'], customEndpoint: [false], '/model': [model.endpoint] } },
	};
	if (param.multiple || ['STRING', 'IMAGE', 'VIDEO', 'AUDIO', 'ARRAY'].includes(param.type)) {
		return { ...base, type: 'string', default: param.multiple ? '' : param.default ?? '' };
	}
	if (param.type === 'LIST') {
		return { ...base, type: 'options', default: param.default ?? param.options?.[0]?.value ?? '', options: (param.options || []).map((o) => ({ name: o.name, value: o.value })) };
	}
	if (param.type === 'BOOLEAN') return { ...base, type: 'boolean', default: param.default ?? false };
	const typeOptions = {};
	if (typeof param.min === 'number') typeOptions.minValue = param.min;
	if (typeof param.max === 'number') typeOptions.maxValue = param.max;
	if (param.type === 'FLOAT') typeOptions.numberPrecision = 2;
	return { ...base, type: 'number', default: param.default ?? 0, typeOptions };
}

function generatedDescription(description) {
	const properties = [];
	for (const p of description.properties) {
		if (p.name !== 'modelParameters') {
			properties.push(p);
			continue;
		}
		for (const model of modelsWithSchema()) for (const param of model.params) properties.push(generatedProperty(model, param));
	}
	return { ...description, properties };
}

function bytes(value) {
	return Buffer.byteLength(JSON.stringify(value));
}

function time(fn, minMs = 300) {
	for (let i = 0; i < 20; i++) fn(); // warm-up
	let runs = 0;
	const start = performance.now();
	let elapsed = 0;
	while (elapsed < minMs) {
		fn();
		runs++;
		elapsed = performance.now() - start;
	}
	return (elapsed / runs) * 1000; // µs per call
}

const node = new RunningHubStandardModel();
const mapperDescription = node.description;
const generated = generatedDescription(mapperDescription);
const models = modelsWithSchema();
const sample = ['rhart-video-flux3/text-to-video', 'rhart-video-v3.1-fast/image-to-video', 'hitem3d-portrait-v21/image-to-3d'];

const nodeParams = (endpoint) => ({
	resource: 'model',
	operation: 'generate',
	customEndpoint: false,
	category: 'all',
	model: { __rl: true, mode: 'list', value: endpoint },
	modelParameters: { mappingMode: 'defineBelow', value: {}, matchingColumns: [], schema: [] },
});

let i = 0;
const mapperFieldsUs = time(() => modelFields(models[i++ % models.length].endpoint));
let j = 0;
const generatedFieldsUs = time(() => {
	const endpoint = models[j++ % models.length].endpoint;
	const values = nodeParams(endpoint);
	// The editor shows a property when displayParameter says so; it resolves "/model" against the root values.
	const flat = { ...values, model: endpoint };
	return generated.properties.filter((p) => NodeHelpers.displayParameter(flat, p, { typeVersion: 1 }, generated, flat));
});
const generatedVisible = generated.properties.filter((p) => {
	const flat = { ...nodeParams(sample[0]), model: sample[0] };
	return NodeHelpers.displayParameter(flat, p, { typeVersion: 1 }, generated, flat);
}).length;

let k = 0;
const mapperGetParamsUs = time(() => NodeHelpers.getNodeParameters(mapperDescription.properties, nodeParams(models[k++ % models.length].endpoint), true, false, { typeVersion: 1 }, mapperDescription));
let l = 0;
const generatedGetParamsUs = time(() => NodeHelpers.getNodeParameters(generated.properties, nodeParams(models[l++ % models.length].endpoint), true, false, { typeVersion: 1 }, generated));

const result = {
	catalog: { models: catalog.models.length, withSchema: models.length, params: models.reduce((n, m) => n + m.params.length, 0), catalogJsonBytes: bytes(catalog) },
	descriptionBytes: { resourceMapper: bytes(mapperDescription), generatedProperties: bytes(generated) },
	properties: { resourceMapper: mapperDescription.properties.length, generatedProperties: generated.properties.length },
	fieldListBytesPerModel: {
		resourceMapperAverage: Math.round(models.reduce((n, m) => n + bytes(modelFields(m.endpoint)), 0) / models.length),
	},
	fieldListMicroseconds: { resourceMapper: Number(mapperFieldsUs.toFixed(2)), generatedProperties: Number(generatedFieldsUs.toFixed(2)), generatedVisibleForFlux3: generatedVisible },
	getNodeParametersMicroseconds: { resourceMapper: Number(mapperGetParamsUs.toFixed(2)), generatedProperties: Number(generatedGetParamsUs.toFixed(2)) },
};

if (asJson) {
	process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} else {
	const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
	const lines = [
		`Catalog: ${result.catalog.models} models, ${result.catalog.withSchema} with a schema, ${result.catalog.params} parameters (${kb(result.catalog.catalogJsonBytes)} JSON, server side only)`,
		'',
		'(a) Node type description sent to the editor',
		`    resource mapper:       ${kb(result.descriptionBytes.resourceMapper)} (${result.properties.resourceMapper} properties)`,
		`    generated properties:  ${kb(result.descriptionBytes.generatedProperties)} (${result.properties.generatedProperties} properties)`,
		`    resource mapper per selected model: ~${kb(result.fieldListBytesPerModel.resourceMapperAverage)} of fields`,
		'',
		'(b) Producing the field list of one model',
		`    resource mapper (getModelFields):              ${result.fieldListMicroseconds.resourceMapper} µs`,
		`    generated (displayParameter over all props):   ${result.fieldListMicroseconds.generatedProperties} µs`,
		'    n8n getNodeParameters over the whole description (every load/save/run):',
		`    resource mapper:       ${result.getNodeParametersMicroseconds.resourceMapper} µs`,
		`    generated properties:  ${result.getNodeParametersMicroseconds.generatedProperties} µs`,
	];
	process.stdout.write(`${lines.join('\n')}\n`);
}
