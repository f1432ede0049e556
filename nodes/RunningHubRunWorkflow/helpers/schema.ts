import type { IDataObject, INode } from 'n8n-workflow';

import { buildApiError } from '../../shared/errors/apiError';
import { idToString } from '../../shared/transport/jsonIds';
import type { RunningHubClient } from '../../shared/transport/request';

/**
 * The editable inputs of a workflow (from its API-format JSON) or of an AI App (from its
 * API call demo). The same description feeds the resource-mapper fields in the editor and
 * the validation of every item before anything is submitted.
 */
export type InputType = 'string' | 'number' | 'boolean' | 'options';
export type MediaKind = 'image' | 'video' | 'audio' | 'zip';

export interface InputField {
	/** `<nodeId>.<fieldName>`: the resource-mapper field id. */
	id: string;
	nodeId: string;
	fieldName: string;
	displayName: string;
	type: InputType;
	/** Current value in the workflow / app default. */
	value: string | number | boolean | null;
	options?: string[];
	/** Loader inputs that take an uploaded RunningHub file name. */
	media?: MediaKind;
	nodeTitle: string;
	/** ComfyUI class_type (workflows) or nodeName (apps). */
	classType?: string;
	/** App field type as RunningHub reports it (IMAGE, STRING, INT, LIST, SWITCH ...). */
	fieldType?: string;
	description?: string;
}

export interface ComfyNode {
	class_type?: string;
	inputs?: Record<string, unknown>;
	_meta?: { title?: string };
}

export type ComfyGraph = Record<string, ComfyNode>;

export interface WorkflowSchema {
	kind: 'workflow';
	id: string;
	graph: ComfyGraph;
	fields: InputField[];
}

export interface AppSchema {
	kind: 'app';
	id: string;
	name?: string;
	fields: InputField[];
}

/** Loader node inputs that take a RunningHub file name (uploaded with the v1 upload). */
const MEDIA_INPUTS: Record<string, Record<string, MediaKind>> = {
	LoadImage: { image: 'image' },
	LoadImageMask: { image: 'image' },
	LoadImageOutput: { image: 'image' },
	LoadAudio: { audio: 'audio' },
	LoadVideo: { video: 'video' },
	VHS_LoadVideo: { video: 'video' },
	VHS_LoadAudioUpload: { audio: 'audio' },
	'LoadImages(zip)': { upload: 'zip' },
};

export function workflowMedia(classType: string | undefined, fieldName: string): MediaKind | undefined {
	return MEDIA_INPUTS[classType ?? '']?.[fieldName];
}

const APP_MEDIA: Record<string, MediaKind> = { IMAGE: 'image', VIDEO: 'video', AUDIO: 'audio', ZIP: 'zip' };

export function isLink(value: unknown): boolean {
	return Array.isArray(value) && value.length === 2 && (typeof value[0] === 'string' || typeof value[0] === 'number') && Number.isInteger(value[1]);
}

export function fieldId(nodeId: string, fieldName: string): string {
	return `${nodeId}.${fieldName}`;
}

/** `"3.steps"` → `{ nodeId: '3', fieldName: 'steps' }` (ComfyUI node ids contain no dots). */
export function splitFieldId(id: string): { nodeId: string; fieldName: string } {
	const dot = id.indexOf('.');
	return dot < 0 ? { nodeId: id, fieldName: '' } : { nodeId: id.slice(0, dot), fieldName: id.slice(dot + 1) };
}

function numericOrder(a: string, b: string): number {
	const na = Number(a);
	const nb = Number(b);
	if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
	return a.localeCompare(b);
}

export function nodeTitle(graph: ComfyGraph, nodeId: string): string {
	const node = graph[nodeId];
	return node?._meta?.title || node?.class_type || `Node ${nodeId}`;
}

/** Parses `data.prompt` (a JSON string, or already an object) into a ComfyUI API graph. */
export function parseGraph(prompt: unknown): ComfyGraph | undefined {
	let value = prompt;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value) as unknown;
		} catch {
			return undefined;
		}
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
	return value as ComfyGraph;
}

/** One field per primitive (non-link) input of every node, in node-id order. */
export function workflowFields(graph: ComfyGraph): InputField[] {
	const fields: InputField[] = [];
	for (const nodeId of Object.keys(graph).sort(numericOrder)) {
		const node = graph[nodeId];
		if (!node || typeof node !== 'object' || !node.inputs || typeof node.inputs !== 'object') continue;
		const title = nodeTitle(graph, nodeId);
		for (const [fieldName, value] of Object.entries(node.inputs)) {
			if (isLink(value)) continue;
			let type: InputType;
			if (typeof value === 'string') type = 'string';
			else if (typeof value === 'number' && Number.isFinite(value)) type = 'number';
			else if (typeof value === 'boolean') type = 'boolean';
			else continue;
			fields.push({
				id: fieldId(nodeId, fieldName),
				nodeId,
				fieldName,
				displayName: `${title} (#${nodeId}) › ${fieldName}`,
				type,
				value: value as string | number | boolean,
				media: workflowMedia(node.class_type, fieldName),
				nodeTitle: title,
				classType: node.class_type,
			});
		}
	}
	return fields;
}

/**
 * Choices of an app LIST field. RunningHub sends them as `["COMBO", {default, options}]`
 * or `[["1k","2k"], {default}]`, sometimes JSON-encoded.
 */
export function appFieldOptions(fieldData: unknown): string[] | undefined {
	let data = fieldData;
	if (typeof data === 'string' && /^\s*\[/.test(data)) {
		try {
			data = JSON.parse(data) as unknown;
		} catch {
			return undefined;
		}
	}
	if (!Array.isArray(data)) return undefined;
	if (Array.isArray(data[0])) return (data[0] as unknown[]).map(String);
	const config = data.find((x) => x && typeof x === 'object' && !Array.isArray(x) && Array.isArray((x as IDataObject).options)) as IDataObject | undefined;
	return config ? (config.options as unknown[]).map(String) : undefined;
}

function text(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() ? value.trim() : undefined;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return undefined;
}

/** Fields of an AI App from the `nodeInfoList` of its API call demo. */
export function appFields(list: unknown): InputField[] {
	if (!Array.isArray(list)) return [];
	const fields: InputField[] = [];
	for (const entry of list) {
		if (!entry || typeof entry !== 'object') continue;
		const e = entry as IDataObject;
		const nodeId = idToString(e.nodeId);
		const fieldName = text(e.fieldName);
		if (!nodeId || !fieldName) continue;
		const fieldType = (text(e.fieldType) ?? 'STRING').toUpperCase();
		// SWITCH is an option index or text (Quick Create doc: ImpactSwitch "2"; Go SDK app
		// test: "7"), not a boolean: its choices come from fieldData when it has any.
		const options = fieldType === 'LIST' || fieldType === 'SWITCH' ? appFieldOptions(e.fieldData) : undefined;
		const raw = e.fieldValue;
		let type: InputType = 'string';
		let value: string | number | boolean | null = typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? raw : null;
		if (options?.length) type = 'options';
		else if (fieldType === 'INT' || fieldType === 'FLOAT' || fieldType === 'NUMBER') {
			type = 'number';
			if (value !== null && value !== '' && Number.isFinite(Number(value))) value = Number(value);
		} else if (fieldType === 'BOOLEAN') {
			type = 'boolean';
			if (typeof value === 'string') value = value.trim().toLowerCase() === 'true';
		}
		if (type !== 'boolean' && type !== 'number' && value !== null) value = String(value);
		const nodeName = text(e.nodeName) ?? `Node ${nodeId}`;
		const label = text(e.descriptionEn) ?? text(e.description);
		fields.push({
			id: fieldId(nodeId, fieldName),
			nodeId,
			fieldName,
			displayName: label ? `${label} (#${nodeId} › ${fieldName})` : `${nodeName} (#${nodeId}) › ${fieldName}`,
			type,
			value,
			options,
			media: APP_MEDIA[fieldType],
			nodeTitle: nodeName,
			classType: nodeName,
			fieldType,
			description: text(e.description) ?? text(e.descriptionEn),
		});
	}
	return fields;
}

export async function loadWorkflowSchema(client: RunningHubClient, node: INode, workflowId: string, itemIndex?: number): Promise<WorkflowSchema> {
	const data = (await client.call<IDataObject>({ path: '/api/openapi/getJsonApiFormat', body: { workflowId }, kind: 'read', itemIndex })) ?? {};
	const graph = parseGraph(data.prompt);
	if (!graph) {
		throw buildApiError(node, {
			info: {
				name: 'WORKFLOW_JSON_UNREADABLE',
				cause: `RunningHub returned no readable API-format JSON for workflow ${workflowId}.`,
				action: 'Open the workflow on RunningHub, save it and run it once, then try again.',
				retry: 'never',
			},
			itemIndex,
		});
	}
	return { kind: 'workflow', id: workflowId, graph, fields: workflowFields(graph) };
}

/**
 * The app's editable inputs (`GET /api/webapp/apiCallDemo`, API.md §5.3). RunningHub reads
 * the key of this endpoint from the `apiKey` query parameter only; the credential adds it
 * there (shared/transport/keyPlacement.ts) and every printed URL is redacted.
 */
export async function loadAppSchema(client: RunningHubClient, webappId: string, itemIndex?: number): Promise<AppSchema> {
	const data = (await client.call<IDataObject>({ method: 'GET', path: '/api/webapp/apiCallDemo', qs: { webappId }, kind: 'read', itemIndex })) ?? {};
	return { kind: 'app', id: webappId, name: text(data.webappName), fields: appFields(data.nodeInfoList) };
}

/** Loads each workflow / app once per execution, however many items use it. */
export class SchemaCache {
	private readonly workflows = new Map<string, Promise<WorkflowSchema>>();

	private readonly apps = new Map<string, Promise<AppSchema>>();

	constructor(
		private readonly client: RunningHubClient,
		private readonly node: INode,
	) {}

	workflow(id: string, itemIndex?: number): Promise<WorkflowSchema> {
		return SchemaCache.once(this.workflows, id, () => loadWorkflowSchema(this.client, this.node, id, itemIndex));
	}

	app(id: string, itemIndex?: number): Promise<AppSchema> {
		return SchemaCache.once(this.apps, id, () => loadAppSchema(this.client, id, itemIndex));
	}

	/** One load per id and execution; a failed load is forgotten, so the next item tries again. */
	private static once<T>(cache: Map<string, Promise<T>>, id: string, load: () => Promise<T>): Promise<T> {
		let entry = cache.get(id);
		if (!entry) {
			entry = load();
			cache.set(id, entry);
			entry.catch(() => {
				if (cache.get(id) === entry) cache.delete(id);
			});
		}
		return entry;
	}
}
