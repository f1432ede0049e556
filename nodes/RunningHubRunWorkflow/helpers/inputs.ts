import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeBinary } from '../../shared/uploads/binaryFile';
import { idToString } from '../../shared/transport/jsonIds';
import type { ComfyGraph, InputField, MediaKind } from './schema';
import { fieldId, isLink, nodeTitle, splitFieldId, workflowMedia } from './schema';

/**
 * Turns the user's inputs (resource-mapper fields or a raw nodeInfoList) into checked
 * nodeInfoList entries. Everything here runs before any paid call: unknown nodes and
 * fields, wrong value types and missing binaries are reported with the field's name.
 */

/** `binary:<property>`: upload that binary property of the input item, use its file name. */
const BINARY_VALUE = /^binary:(.+)$/;

export interface RawEntry {
	nodeId: string;
	fieldName: string;
	fieldValue: unknown;
	/** How the error messages name this entry, e.g. `Input "3.steps"` or `nodeInfoList[0]`. */
	label: string;
	/** The other keys of a raw item (quick create needs nodeName, fieldType, description). */
	extra?: IDataObject;
}

export interface PlannedEntry {
	nodeId: string;
	fieldName: string;
	fieldValue: unknown;
	label: string;
	extra?: IDataObject;
	/** Binary property to upload; its RunningHub file name replaces fieldValue. */
	upload?: { property: string; kinds?: string[] };
}

interface MapperValue {
	value?: Record<string, unknown> | null;
	schema?: Array<{ id: string; displayName?: string; removed?: boolean; type?: string }>;
}

function fail(node: INode, itemIndex: number, message: string, description?: string): never {
	throw new NodeOperationError(node, message, { itemIndex, description });
}

function show(value: unknown): string {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The fields the user added in the resource mapper; unset ones are not sent. */
export function entriesFromMapper(param: unknown): RawEntry[] {
	const mapper = (param && typeof param === 'object' ? param : {}) as MapperValue;
	const values = mapper.value && typeof mapper.value === 'object' ? mapper.value : {};
	const schema = new Map((mapper.schema ?? []).map((s) => [s.id, s]));
	const entries: RawEntry[] = [];
	for (const [key, value] of Object.entries(values)) {
		const field = schema.get(key);
		if (field?.removed) continue;
		if (value === null || value === undefined) continue;
		if (value === '' && field?.type && field.type !== 'string') continue;
		const { nodeId, fieldName } = splitFieldId(key);
		const name = field?.displayName && field.displayName !== key ? ` (${field.displayName})` : '';
		entries.push({ nodeId, fieldName, fieldValue: value, label: `Input "${key}"${name}` });
	}
	return entries;
}

/** A raw nodeInfoList (JSON text or an array from an expression), checked for shape. */
export function entriesFromJson(node: INode, itemIndex: number, raw: unknown, required: string[], fieldLabel = 'nodeInfoList'): RawEntry[] {
	let value = raw;
	if (typeof value === 'string') {
		if (!value.trim()) return [];
		try {
			value = JSON.parse(value) as unknown;
		} catch (error) {
			fail(node, itemIndex, `${fieldLabel} is not valid JSON: ${(error as Error).message}`, 'Enter a JSON array such as [{"nodeId": "6", "fieldName": "text", "fieldValue": "a cat"}].');
		}
	}
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) {
		fail(node, itemIndex, `${fieldLabel} must be a JSON array of objects with ${required.join(', ')}`, `Got ${show(value)}.`);
	}
	return value.map((item, index) => {
		const at = `${fieldLabel}[${index}]`;
		if (!item || typeof item !== 'object' || Array.isArray(item)) {
			fail(node, itemIndex, `${at} must be an object with ${required.join(', ')}`, `Got ${show(item)}.`);
		}
		const obj = item as IDataObject;
		const missing = required.filter((key) => obj[key] === undefined || obj[key] === null);
		if (missing.length) fail(node, itemIndex, `${at} is missing ${missing.map((m) => `"${m}"`).join(', ')}`, `Every item needs ${required.join(', ')}.`);
		const nodeId = idToString(obj.nodeId);
		if (!nodeId) fail(node, itemIndex, `${at}.nodeId must be a node ID such as "6"`, `Got ${show(obj.nodeId)}.`);
		if (typeof obj.fieldName !== 'string' || !obj.fieldName.trim()) fail(node, itemIndex, `${at}.fieldName must be a non-empty string`, `Got ${show(obj.fieldName)}.`);
		const extra: IDataObject = {};
		for (const [key, v] of Object.entries(obj)) if (!['nodeId', 'fieldName', 'fieldValue'].includes(key)) extra[key] = v;
		return { nodeId, fieldName: obj.fieldName.trim(), fieldValue: obj.fieldValue, label: `${at} (${fieldId(nodeId, obj.fieldName.trim())})`, extra };
	});
}

function binaryProperty(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const match = BINARY_VALUE.exec(value.trim());
	return match ? match[1].trim() : undefined;
}

const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function checkNumber(node: INode, itemIndex: number, label: string, value: unknown): number | string {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	// Numbers may stay as the user typed them ("20"): RunningHub coerces them.
	if (typeof value === 'string' && NUMBER_TEXT.test(value.trim())) return value.trim();
	return fail(node, itemIndex, `${label} expects a number, got ${show(value)}`);
}

function checkBoolean(node: INode, itemIndex: number, label: string, value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
	return fail(node, itemIndex, `${label} expects true or false, got ${show(value)}`);
}

/**
 * A SWITCH input selects one branch of a switch node by its index or text (Quick Create
 * doc: ImpactSwitch "2"; RunningHub's Go SDK app test: "7"). Passed through as given, as
 * text, because which values a switch accepts is known only to the app.
 */
function checkSwitch(node: INode, itemIndex: number, label: string, value: unknown): string {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'string' && value.trim() !== '') return value;
	if (typeof value === 'boolean') return String(value);
	return fail(node, itemIndex, `${label} expects the index or text of a switch option (e.g. "2"), got ${show(value)}`);
}

function checkMedia(node: INode, itemIndex: number, label: string, value: unknown, media: MediaKind | undefined): PlannedEntry['upload'] | undefined {
	const property = binaryProperty(value);
	if (property) return { property, kinds: media ? [media] : undefined };
	if (media && (typeof value !== 'string' || !value.trim())) {
		fail(node, itemIndex, `${label} needs a file: an uploaded RunningHub file name (e.g. api/abc.png) or binary:<property>`, `Got ${show(value)}.`);
	}
	return undefined;
}

function listOf(names: string[], max = 25): string {
	return names.length > max ? `${names.slice(0, max).join(', ')} …` : names.join(', ');
}

/** Checks entries against the workflow's API JSON (the saved one, or the override). */
export function checkWorkflowEntries(node: INode, itemIndex: number, entries: RawEntry[], graph: ComfyGraph, source: string): PlannedEntry[] {
	return entries.map((entry) => {
		const { nodeId, fieldName, label } = entry;
		const target = graph[nodeId];
		if (!target || typeof target !== 'object') {
			fail(node, itemIndex, `${label}: node #${nodeId} does not exist in ${source}`, `Nodes in ${source}: ${listOf(Object.keys(graph).map((id) => `#${id} ${nodeTitle(graph, id)}`))}.`);
		}
		const inputs = target.inputs && typeof target.inputs === 'object' ? target.inputs : {};
		const title = nodeTitle(graph, nodeId);
		if (!Object.prototype.hasOwnProperty.call(inputs, fieldName)) {
			fail(node, itemIndex, `${label}: node "${title}" (#${nodeId}) has no input "${fieldName}"`, `Inputs of this node: ${listOf(Object.keys(inputs)) || 'none'}.`);
		}
		const current = inputs[fieldName];
		if (isLink(current)) {
			fail(node, itemIndex, `${label}: input "${fieldName}" of node "${title}" (#${nodeId}) is connected to another node, so it has no value to set`, 'Set the input on the node it is connected to instead.');
		}
		const media = workflowMedia(target.class_type, fieldName);
		const upload = typeof current === 'string' ? checkMedia(node, itemIndex, label, entry.fieldValue, media) : undefined;
		let fieldValue: unknown = entry.fieldValue;
		if (!upload) {
			if (typeof current === 'number') fieldValue = checkNumber(node, itemIndex, label, entry.fieldValue);
			else if (typeof current === 'boolean') fieldValue = checkBoolean(node, itemIndex, label, entry.fieldValue);
			else if (typeof current === 'string') {
				if (typeof fieldValue === 'number' || typeof fieldValue === 'boolean') fieldValue = String(fieldValue);
				if (typeof fieldValue !== 'string') fail(node, itemIndex, `${label} expects text, got ${show(fieldValue)}`);
			}
		}
		return { nodeId, fieldName, fieldValue, label, extra: entry.extra, upload };
	});
}

/** Checks entries against the app's exposed inputs (from its API call demo). */
export function checkAppEntries(node: INode, itemIndex: number, entries: RawEntry[], fields: InputField[], appId: string): PlannedEntry[] {
	const byId = new Map(fields.map((f) => [f.id, f]));
	return entries.map((entry) => {
		const { label } = entry;
		const field = byId.get(fieldId(entry.nodeId, entry.fieldName));
		if (!field) {
			fail(node, itemIndex, `${label}: AI App ${appId} has no input "${fieldId(entry.nodeId, entry.fieldName)}"`, `Inputs of this app: ${listOf(fields.map((f) => `${f.id} (${f.displayName})`))}.`);
		}
		const upload = field.media || binaryProperty(entry.fieldValue) ? checkMedia(node, itemIndex, label, entry.fieldValue, field.media) : undefined;
		let fieldValue: unknown = entry.fieldValue;
		if (!upload) {
			if (field.type === 'number') fieldValue = checkNumber(node, itemIndex, label, fieldValue);
			else if (field.type === 'boolean') fieldValue = String(checkBoolean(node, itemIndex, label, fieldValue));
			else if (field.fieldType === 'SWITCH') fieldValue = checkSwitch(node, itemIndex, label, fieldValue);
			else if (field.type === 'options') {
				const text = typeof fieldValue === 'string' ? fieldValue : String(fieldValue);
				if (!(field.options ?? []).includes(text)) fail(node, itemIndex, `${label} must be one of ${listOf((field.options ?? []).map((o) => `"${o}"`))}, got ${show(fieldValue)}`);
				fieldValue = text;
			} else {
				if (typeof fieldValue === 'number' || typeof fieldValue === 'boolean') fieldValue = String(fieldValue);
				if (typeof fieldValue !== 'string') fail(node, itemIndex, `${label} expects text, got ${show(fieldValue)}`);
			}
		}
		const extra: IDataObject = { ...(entry.extra ?? {}) };
		if (field.description && extra.description === undefined) extra.description = field.description;
		return { nodeId: field.nodeId, fieldName: field.fieldName, fieldValue, label, extra, upload };
	});
}

const QUICK_MEDIA: Record<string, MediaKind> = { IMAGE: 'image', VIDEO: 'video', AUDIO: 'audio' };

/** Quick Create items carry their own type; only `binary:` values need work. */
export function checkQuickEntries(node: INode, itemIndex: number, entries: RawEntry[]): PlannedEntry[] {
	return entries.map((entry) => {
		const fieldType = String(entry.extra?.fieldType ?? '').toUpperCase();
		const media = QUICK_MEDIA[fieldType];
		const upload = checkMedia(node, itemIndex, entry.label, entry.fieldValue, media);
		let fieldValue = entry.fieldValue;
		if (!upload && (fieldType === 'INT' || fieldType === 'FLOAT')) fieldValue = checkNumber(node, itemIndex, entry.label, fieldValue);
		if (!upload && fieldType === 'SWITCH') fieldValue = checkSwitch(node, itemIndex, entry.label, fieldValue);
		return { nodeId: entry.nodeId, fieldName: entry.fieldName, fieldValue, label: entry.label, extra: entry.extra, upload };
	});
}

/** Fails before any call when a `binary:<property>` names a property the item lacks. */
export async function checkBinaries(ctx: IExecuteFunctions, itemIndex: number, entries: PlannedEntry[]): Promise<void> {
	for (const entry of entries) {
		if (!entry.upload) continue;
		try {
			await describeBinary(ctx, itemIndex, entry.upload.property);
		} catch (error) {
			throw new NodeOperationError(ctx.getNode(), `${entry.label}: ${(error as Error).message}`, {
				itemIndex,
				description: (error as NodeOperationError).description ?? undefined,
			});
		}
	}
}
