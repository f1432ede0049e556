'use strict';
// Turns workflow / AI-app / Quick-Create run requests into task specs (or API errors).
// Shared by the v1 (/task/openapi/*) and v2 (/openapi/v2/run/*) handlers, which only
// differ in where ids and keys come from and in the envelope.

const { v1err } = require('./errors');
const { listOptions } = require('./fixtures');
const comfy = require('./comfy');
const { parseMagic } = require('./magic');

const INSTANCE_TYPES = ['default', 'plus'];

/** true/false, the strings "true"/"false" (doc examples), undefined, or INVALID. */
const INVALID = Symbol('invalid');
function parseBool(v) {
	if (v === undefined || v === null || v === '') return undefined;
	if (typeof v === 'boolean') return v;
	if (v === 'true') return true;
	if (v === 'false') return false;
	return INVALID;
}

function paramsInvalid(detail) {
	return v1err('PARAMS_INVALID', { extra: { errorMessages: [detail] } });
}

/** Options shared by every run request; → { opts } | { error }. */
function commonOptions(body) {
	const opts = {};
	if (body.webhookUrl !== undefined && body.webhookUrl !== null && body.webhookUrl !== '') {
		if (typeof body.webhookUrl !== 'string') return { error: paramsInvalid('webhookUrl must be a string') };
		opts.webhookUrl = body.webhookUrl;
	}
	if (body.instanceType !== undefined && body.instanceType !== null && body.instanceType !== '') {
		if (!INSTANCE_TYPES.includes(body.instanceType)) return { error: paramsInvalid(`instanceType must be one of ${INSTANCE_TYPES.join(', ')}`) };
		opts.instanceType = body.instanceType;
	} else opts.instanceType = 'default';
	const pq = parseBool(body.usePersonalQueue);
	if (pq === INVALID) return { error: paramsInvalid('usePersonalQueue must be a boolean') };
	opts.usePersonalQueue = pq === true;
	const meta = parseBool(body.addMetadata);
	if (meta === INVALID) return { error: paramsInvalid('addMetadata must be a boolean') };
	opts.addMetadata = meta !== false;
	if (body.retainSeconds !== undefined && body.retainSeconds !== null && body.retainSeconds !== '') {
		const n = Number(body.retainSeconds);
		if (!Number.isInteger(n) || n < 10 || n > 180) return { error: paramsInvalid('retainSeconds must be an integer between 10 and 180') };
		opts.retainSeconds = n;
	}
	if (typeof body.accessPassword === 'string' && body.accessPassword !== '') opts.accessPassword = body.accessPassword;
	return { opts };
}

function nodeInfoListOf(body) {
	const list = body.nodeInfoList;
	if (list === undefined || list === null) return { list: [] };
	if (!Array.isArray(list)) return { error: paramsInvalid('nodeInfoList must be an array') };
	return { list };
}

function idString(v) {
	if (typeof v === 'number' && Number.isFinite(v)) return String(v);
	return typeof v === 'string' ? v.trim() : '';
}

function parseWorkflowOverride(value) {
	if (value && typeof value === 'object' && !Array.isArray(value)) return { graph: JSON.parse(JSON.stringify(value)) };
	if (typeof value !== 'string') return { error: paramsInvalid('workflow must be a JSON string') };
	let graph;
	try {
		graph = JSON.parse(value);
	} catch {
		return { error: paramsInvalid('workflow is not valid JSON') };
	}
	if (!graph || typeof graph !== 'object' || Array.isArray(graph)) {
		const tips = comfy.promptTipsFailed({}, { type: 'invalid_prompt', message: 'Invalid prompt: workflow must be an object of nodes', details: '', extra_info: {} });
		return { error: v1err('VALIDATE_PROMPT_FAILED', { data: { promptTips: tips } }) };
	}
	return { graph };
}

/** Workflow run (v1 create or v2 run/workflow/{id}). */
function prepareWorkflow(state, workflowIdRaw, body) {
	const common = commonOptions(body);
	if (common.error) return common;
	const nil = nodeInfoListOf(body);
	if (nil.error) return nil;
	const hasOverride = body.workflow !== undefined && body.workflow !== null && body.workflow !== '';
	const workflowId = idString(workflowIdRaw);
	// Doc: "if `workflow` is given, workflowId is ignored"; 3P: it must still be a valid id.
	// Both hold here: it may be omitted with an override, but a given id must exist.
	if (!workflowId && !hasOverride) return { error: paramsInvalid('workflowId is required') };
	const wf = workflowId ? state.fixtures.workflows.get(workflowId) : null;
	if (workflowId && !wf) return { error: v1err('WORKFLOW_NOT_EXISTS') };
	if (wf && wf.neverRun) return { error: v1err('WORKFLOW_NOT_SAVED_OR_NOT_RUNNING') };
	if (wf && wf.password && common.opts.accessPassword !== wf.password) {
		return { error: paramsInvalid(common.opts.accessPassword ? 'accessPassword is incorrect' : 'accessPassword is required for this workflow') };
	}
	let graph;
	if (hasOverride) {
		const parsed = parseWorkflowOverride(body.workflow);
		if (parsed.error) return parsed;
		graph = parsed.graph;
	} else graph = wf.graph();

	const applied = comfy.applyNodeInfoList(graph, nil.list);
	if (applied.invalidItem) return { error: paramsInvalid('nodeInfoList items must be objects') };
	if (applied.unknown) return { error: v1err('APIKEY_INVALID_NODE_INFO') };

	const nodeErrors = comfy.validateGraph(graph);
	if (Object.keys(nodeErrors).length) {
		return { error: v1err('VALIDATE_PROMPT_FAILED', { data: { promptTips: comfy.promptTipsFailed(nodeErrors) } }) };
	}
	const outputs = comfy.graphOutputs(graph);
	if (!outputs.length) {
		return { error: v1err('VALIDATE_PROMPT_FAILED', { data: { promptTips: comfy.promptTipsFailed({}, comfy.NO_OUTPUTS_ERROR) } }) };
	}
	return {
		spec: {
			kind: 'workflow',
			workflowId: workflowId || null,
			outputs,
			outputBytes: wf && wf.outputBytes,
			promptTips: comfy.promptTipsOk(outputs.map((o) => o.nodeId)),
			magic: parseMagic(nil.list.map((i) => i && i.fieldValue), hasOverride ? graph : null),
			opts: common.opts,
			inputs: { nodeInfoList: nil.list, workflowOverride: hasOverride },
		},
	};
}

/** fieldType-aware check of one AI-app value; → ComfyUI-style error or null. */
function checkAppValue(node, value) {
	switch (node.fieldType) {
		case 'LIST': {
			const options = listOptions(node.fieldData);
			return options ? comfy.coerce(comfy.COMBO(options), node.fieldName, value).error || null : null;
		}
		case 'INT':
			return comfy.coerce(comfy.INT(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER), node.fieldName, value).error || null;
		case 'FLOAT':
			return comfy.coerce(comfy.FLOAT(-Number.MAX_VALUE, Number.MAX_VALUE), node.fieldName, value).error || null;
		case 'SWITCH': {
			// An option index or text ("2", "7"), as a string or a number; with choices in
			// fieldData, one of them or a 1-based index into them.
			const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
			const options = listOptions(node.fieldData);
			const ok = text !== '' && (!options || options.includes(text) || (/^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= options.length));
			return ok ? null : comfy.nodeError('invalid_input_type', 'Failed to select a switch option', `${node.fieldName}, ${value}`, node.fieldName, value);
		}
		default:
			return null;
	}
}

/** Matches items against exposed nodes; → { nodeErrors } | { unknown } */
function checkExposedNodes(nodes, list, outputs) {
	const nodeErrors = {};
	for (const item of list) {
		if (!item || typeof item !== 'object') return { invalidItem: true };
		const nodeId = item.nodeId === undefined || item.nodeId === null ? '' : String(item.nodeId);
		const exposed = nodes.find((n) => n.nodeId === nodeId && n.fieldName === item.fieldName);
		if (!exposed) return { unknown: `${nodeId}/${item.fieldName}` };
		const err = checkAppValue(exposed, item.fieldValue);
		if (err) {
			const e = nodeErrors[nodeId] || { errors: [], dependent_outputs: outputs.map((o) => o.nodeId), class_type: exposed.nodeName };
			e.errors.push(err);
			nodeErrors[nodeId] = e;
		}
	}
	return { nodeErrors };
}

function exposedRun(kind, def, list, opts, extra) {
	const checked = checkExposedNodes(def.nodes, list, def.outputs);
	if (checked.invalidItem) return { error: paramsInvalid('nodeInfoList items must be objects') };
	if (checked.unknown) return { error: v1err('APIKEY_INVALID_NODE_INFO') };
	if (Object.keys(checked.nodeErrors).length) {
		return { error: v1err('VALIDATE_PROMPT_FAILED', { data: { promptTips: comfy.promptTipsFailed(checked.nodeErrors) } }) };
	}
	return {
		spec: {
			kind,
			...extra,
			outputs: def.outputs.map((o) => ({ ...o })),
			promptTips: comfy.promptTipsOk(def.outputs.map((o) => o.nodeId)),
			magic: parseMagic(list.map((i) => i.fieldValue)),
			opts,
			inputs: { nodeInfoList: list },
		},
	};
}

/** AI app run (v1 ai-app/run or v2 run/ai-app/{id}). An empty list runs the author's sample. */
function prepareApp(state, webappIdRaw, body) {
	const webappId = idString(webappIdRaw);
	if (!webappId) return { error: paramsInvalid('webappId is required') };
	const app = state.fixtures.apps.get(webappId);
	if (!app) return { error: v1err('WEBAPP_NOT_EXISTS') };
	const common = commonOptions(body);
	if (common.error) return common;
	const nil = nodeInfoListOf(body);
	if (nil.error) return nil;
	return exposedRun('app', app, nil.list, common.opts, { webappId });
}

const QUICK_REQUIRED = ['nodeId', 'nodeName', 'fieldName', 'fieldType', 'fieldValue', 'description'];

function prepareQuick(state, body) {
	const webappId = idString(body.webappId);
	if (!webappId) return { error: paramsInvalid('webappId is required') };
	const def = state.fixtures.quick.get(webappId);
	if (!def) return { error: v1err('WEBAPP_NOT_EXISTS') };
	if (typeof body.quickCreateCode !== 'string' || body.quickCreateCode !== def.quickCreateCode) {
		return { error: paramsInvalid('quickCreateCode is invalid') };
	}
	if (!Array.isArray(body.nodeInfoList) || body.nodeInfoList.length === 0) return { error: paramsInvalid('nodeInfoList is required') };
	for (const item of body.nodeInfoList) {
		const missing = QUICK_REQUIRED.filter((k) => !item || typeof item !== 'object' || item[k] === undefined || item[k] === null);
		if (missing.length) return { error: paramsInvalid(`nodeInfoList item is missing ${missing.join(', ')}`) };
	}
	const common = commonOptions(body);
	if (common.error) return common;
	return exposedRun('quick', def, body.nodeInfoList, common.opts, { webappId, quickCreateCode: def.quickCreateCode });
}

module.exports = { prepareWorkflow, prepareApp, prepareQuick, parseBool, INVALID };
