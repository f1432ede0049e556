'use strict';
// A small slice of ComfyUI's prompt validation, enough to produce realistic
// `promptTips` (node_errors) and to know which Save nodes a graph will output.

const INT = (min, max) => ({ kind: 'INT', min, max });
const FLOAT = (min, max) => ({ kind: 'FLOAT', min, max });
const COMBO = (options) => ({ kind: 'COMBO', options });
const STRING = { kind: 'STRING' };

const SAMPLERS = ['euler', 'euler_ancestral', 'heun', 'dpm_2', 'dpmpp_2m', 'dpmpp_sde', 'ddim', 'uni_pc', 'lcm'];
const SCHEDULERS = ['normal', 'karras', 'exponential', 'sgm_uniform', 'simple', 'ddim_uniform', 'beta'];
const CHECKPOINTS = [
	'v1-5-pruned-emaonly.safetensors',
	'sd_xl_base_1.0.safetensors',
	'flux1-dev-fp8.safetensors',
	'wan2.1_i2v_480p_14B_fp8.safetensors',
];

// Widget inputs per class_type; link inputs ([nodeId, slot]) are not listed.
const NODE_SPECS = {
	KSampler: {
		seed: INT(0, Number.MAX_SAFE_INTEGER), steps: INT(1, 10000), cfg: FLOAT(0, 100),
		sampler_name: COMBO(SAMPLERS), scheduler: COMBO(SCHEDULERS), denoise: FLOAT(0, 1),
	},
	CheckpointLoaderSimple: { ckpt_name: COMBO(CHECKPOINTS) },
	EmptyLatentImage: { width: INT(16, 16384), height: INT(16, 16384), batch_size: INT(1, 4096) },
	CLIPTextEncode: { text: STRING },
	LoadImage: { image: STRING, upload: STRING },
	SaveImage: { filename_prefix: STRING },
	WanImageToVideo: { width: INT(16, 16384), height: INT(16, 16384), length: INT(1, 16384), batch_size: INT(1, 4096) },
	CreateVideo: { fps: FLOAT(1, 120) },
	SaveVideo: { filename_prefix: STRING, format: COMBO(['auto', 'mp4']), codec: COMBO(['auto', 'h264']) },
};

// Output nodes → file extension of what they write.
const OUTPUT_NODES = {
	SaveImage: () => 'png',
	PreviewImage: () => 'png',
	SaveAnimatedWEBP: () => 'webp',
	SaveVideo: () => 'mp4',
	'VHS_VideoCombine': () => 'mp4',
	SaveAudio: () => 'flac',
	SaveAudioMP3: () => 'mp3',
	SaveGLB: () => 'glb',
	'ShowText|pysssss': () => 'txt',
	SaveText: () => 'txt',
};

function isLink(v) {
	return Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && Number.isInteger(v[1]);
}

function nodeError(type, message, details, inputName, received) {
	return { type, message, details, extra_info: { input_name: inputName, received_value: received } };
}

/** Coerce a value to the input spec like the platform does ("seed": "123" → 123). */
function coerce(spec, name, value) {
	if (!spec || spec.kind === 'STRING') return { value: typeof value === 'string' ? value : JSON.stringify(value) };
	if (spec.kind === 'COMBO') {
		const v = String(value);
		if (!spec.options.includes(v)) {
			return { error: nodeError('value_not_in_list', 'Value not in list', `${name}: '${v}' not in ${JSON.stringify(spec.options)}`, name, value) };
		}
		return { value: v };
	}
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	if (!Number.isFinite(n) || (spec.kind === 'INT' && !Number.isInteger(n))) {
		return { error: nodeError('invalid_input_type', `Failed to convert an input value to a ${spec.kind} value`, `${name}, ${value}`, name, value) };
	}
	if (n < spec.min) return { error: nodeError('value_smaller_than_min', `Value ${n} smaller than min of ${spec.min}`, `${name}`, name, value) };
	if (n > spec.max) return { error: nodeError('value_bigger_than_max', `Value ${n} bigger than max of ${spec.max}`, `${name}`, name, value) };
	return { value: n };
}

/**
 * Apply nodeInfoList overrides to a (cloned) graph.
 * → { graph } | { unknown: 'nodeId/fieldName' } | { invalidItem: true }
 */
function applyNodeInfoList(graph, list) {
	for (const item of list) {
		if (!item || typeof item !== 'object') return { invalidItem: true };
		const nodeId = item.nodeId === undefined || item.nodeId === null ? '' : String(item.nodeId);
		const fieldName = typeof item.fieldName === 'string' ? item.fieldName : '';
		const target = graph[nodeId];
		if (!target || !target.inputs || !Object.prototype.hasOwnProperty.call(target.inputs, fieldName)) {
			return { unknown: `${nodeId}/${fieldName}` };
		}
		target.inputs[fieldName] = item.fieldValue;
	}
	return { graph };
}

/** Validate widget values in place (coercing them); → node_errors object. */
function validateGraph(graph) {
	const nodeErrors = {};
	const outputs = outputNodeIds(graph);
	for (const [id, n] of Object.entries(graph)) {
		if (!n || typeof n !== 'object' || typeof n.class_type !== 'string' || !n.inputs || typeof n.inputs !== 'object') {
			nodeErrors[id] = { errors: [nodeError('invalid_prompt', 'Node is missing class_type or inputs', '', null, null)], dependent_outputs: outputs, class_type: n && n.class_type };
			continue;
		}
		const specs = NODE_SPECS[n.class_type] || {};
		const errors = [];
		for (const [name, value] of Object.entries(n.inputs)) {
			if (isLink(value)) continue;
			const spec = specs[name];
			if (!spec) continue;
			const r = coerce(spec, name, value);
			if (r.error) errors.push(r.error);
			else n.inputs[name] = r.value;
		}
		if (errors.length) nodeErrors[id] = { errors, dependent_outputs: outputs, class_type: n.class_type };
	}
	return nodeErrors;
}

function outputNodeIds(graph) {
	return Object.entries(graph)
		.filter(([, n]) => n && typeof n === 'object' && (OUTPUT_NODES[n.class_type] || /^Save/.test(n.class_type || '')))
		.map(([id]) => id);
}

/** Files the graph will write: [{ nodeId, ext, count }] (SaveImage × batch_size). */
function graphOutputs(graph) {
	const latent = Object.values(graph).find((n) => n && n.class_type === 'EmptyLatentImage');
	const batch = latent ? Math.max(1, Math.min(8, Number(latent.inputs.batch_size) || 1)) : 1;
	return outputNodeIds(graph).map((id) => {
		const n = graph[id];
		const ext = (OUTPUT_NODES[n.class_type] || (() => 'png'))(n);
		const count = ext === 'png' || ext === 'webp' ? batch : 1;
		return { nodeId: id, ext, count };
	});
}

function promptTipsOk(outputs) {
	return JSON.stringify({ result: true, error: null, outputs_to_execute: outputs, node_errors: {} });
}

function promptTipsFailed(nodeErrors, error) {
	return JSON.stringify({
		result: false,
		error: error || { type: 'prompt_outputs_failed_validation', message: 'Prompt outputs failed validation', details: '', extra_info: {} },
		outputs_to_execute: [],
		node_errors: nodeErrors,
	});
}

const NO_OUTPUTS_ERROR = { type: 'prompt_no_outputs', message: 'Prompt has no outputs', details: '', extra_info: {} };

module.exports = {
	applyNodeInfoList,
	validateGraph,
	graphOutputs,
	promptTipsOk,
	promptTipsFailed,
	nodeError,
	coerce,
	NO_OUTPUTS_ERROR,
	INT,
	FLOAT,
	COMBO,
	STRING,
};
