#!/usr/bin/env node
// Editor load cost beyond bench/standard-model-editor.bench.js (issue #8, benchmark 4):
//   - the node type descriptions of all five nodes (JSON bytes the editor downloads);
//   - the Standard Model "Model" list (listSearch searchModels, called by the editor when the
//     list opens and on every keystroke of its search box): time and response size, over the
//     node's own method with a load-options context;
//   - the "Model Parameters" fields (resourceMapping getModelFields) of every catalog model,
//     over the node's own method: time and response size.
// No API call is involved (both read the bundled catalog).
//
// Usage: node bench/editor-load.js [--json]
'use strict';

const { performance } = require('perf_hooks');
const { load, round, mean, max, output } = require('./lib/common');

const nodes = {
	'Run Workflow': load('nodes/RunningHubRunWorkflow/RunningHubRunWorkflow.node.ts').RunningHubRunWorkflow,
	'Standard Model': load('nodes/RunningHubStandardModel/RunningHubStandardModel.node.ts').RunningHubStandardModel,
	'Upload File': load('nodes/RunningHubUploadFile/RunningHubUploadFile.node.ts').RunningHubUploadFile,
	'Get Task Result': load('nodes/RunningHubGetTaskResult/RunningHubGetTaskResult.node.ts').RunningHubGetTaskResult,
	Trigger: load('nodes/RunningHubTrigger/RunningHubTrigger.node.ts').RunningHubTrigger,
};
const { modelsWithSchema, catalog } = load('nodes/shared/catalog/index.ts');

const bytes = (value) => Buffer.byteLength(JSON.stringify(value));

/** A load-options context that answers getNodeParameter from `params`. */
function context(params) {
	return { getNodeParameter: (name, fallback) => (name in params ? params[name] : fallback) };
}

async function timeAsync(fn, minMs = 300) {
	for (let i = 0; i < 10; i++) await fn(i); // warm-up
	let runs = 0;
	const start = performance.now();
	while (performance.now() - start < minMs) await fn(runs++);
	return ((performance.now() - start) / runs) * 1000; // µs per call
}

async function main() {
	const descriptions = {};
	for (const [name, Type] of Object.entries(nodes)) descriptions[name] = bytes(new Type().description);
	const model = new nodes['Standard Model']();
	const { searchModels, getModelFields } = { ...model.methods.listSearch, ...model.methods.resourceMapping };

	const fullList = await searchModels.call(context({ category: 'all' }));
	const listUs = await timeAsync(() => searchModels.call(context({ category: 'all' })));
	const searches = ['video', 'kling image', 'flux 3', 'tts', 'hitem3d'];
	const searchUs = await timeAsync((i) => searchModels.call(context({ category: 'all' }), searches[i % searches.length]));

	const endpoints = modelsWithSchema().map((m) => m.endpoint);
	const fieldSizes = [];
	for (const endpoint of endpoints) fieldSizes.push(bytes(await getModelFields.call(context({ model: endpoint }))));
	const fieldsUs = await timeAsync((i) => getModelFields.call(context({ model: endpoints[i % endpoints.length] })));

	const result = {
		descriptionBytes: descriptions,
		modelList: { models: fullList.results.length, catalogModels: catalog.models.length, responseBytes: bytes(fullList), microseconds: round(listUs, 1), searchMicroseconds: round(searchUs, 1) },
		modelFields: { models: endpoints.length, meanResponseBytes: Math.round(mean(fieldSizes)), maxResponseBytes: max(fieldSizes), microseconds: round(fieldsUs, 1) },
	};
	const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
	output(result, [
		'Node type descriptions sent to the editor:',
		...Object.entries(descriptions).map(([name, n]) => `  ${name.padEnd(16)} ${kb(n)}`),
		`Model list (listSearch, all ${result.modelList.models} models): ${kb(result.modelList.responseBytes)}, ${result.modelList.microseconds} µs; with a search text: ${result.modelList.searchMicroseconds} µs`,
		`Model Parameters fields (resourceMapping, ${endpoints.length} models): mean ${kb(result.modelFields.meanResponseBytes)}, max ${kb(result.modelFields.maxResponseBytes)}, ${result.modelFields.microseconds} µs`,
	]);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
