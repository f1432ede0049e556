import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ComfyGraph } from './schema';

/** The run options of API.md §4.2 / §5.1, checked before any call. */
export interface RunOptions {
	accessPassword?: string;
	addMetadata: boolean;
	instanceType?: 'default' | 'plus';
	retainSeconds?: number;
	usePersonalQueue?: boolean;
	webhookUrl?: string;
	/** The override as sent (a JSON string) and parsed (for validating inputs against it). */
	workflow?: { text: string; graph: ComfyGraph };
}

function fail(node: INode, itemIndex: number, message: string, description?: string): never {
	throw new NodeOperationError(node, message, { itemIndex, description });
}

export function parseWorkflowOverride(node: INode, itemIndex: number, raw: unknown): RunOptions['workflow'] {
	if (raw === undefined || raw === null || (typeof raw === 'string' && !raw.trim())) return undefined;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw) as unknown;
		} catch (error) {
			fail(node, itemIndex, `Workflow JSON Override is not valid JSON: ${(error as Error).message}`, 'Paste the API-format workflow JSON (Get Inputs returns it as workflowApiJson).');
		}
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		fail(node, itemIndex, 'Workflow JSON Override must be a JSON object of nodes, like {"3": {"class_type": "KSampler", "inputs": {...}}}');
	}
	const graph = value as ComfyGraph;
	const bad = Object.entries(graph).find(([, n]) => !n || typeof n !== 'object' || Array.isArray(n) || typeof n.class_type !== 'string' || !n.inputs || typeof n.inputs !== 'object');
	if (bad) fail(node, itemIndex, `Workflow JSON Override: node "${bad[0]}" needs "class_type" and "inputs"`, 'Use the API-format JSON (File → Export (API) in ComfyUI), not the UI workflow format.');
	if (!Object.keys(graph).length) fail(node, itemIndex, 'Workflow JSON Override is an empty object');
	return { text: typeof raw === 'string' ? raw : JSON.stringify(raw), graph };
}

/**
 * The workflow JSON override and the access password are documented for the v1 create
 * endpoints only (API.md §4.2, §5.1); RunningHub's v2 run bodies have neither field (Go SDK
 * types and tests, §19). Sent to v2 they would be dropped silently, so they are refused.
 */
function refuseOnV2(node: INode, itemIndex: number, option: string): never {
	return fail(node, itemIndex, `Options › ${option} is only available with API Version v1`, `RunningHub's v2 run endpoint has no such field, so it would be ignored. Set API Version to v1, or remove ${option}. Nothing was submitted.`);
}

function isSet(value: unknown): boolean {
	return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

export function readRunOptions(node: INode, itemIndex: number, raw: IDataObject, resource: string, apiVersion = 'v1'): RunOptions {
	const options: RunOptions = { addMetadata: raw.addMetadata === undefined ? true : Boolean(raw.addMetadata) };
	if (apiVersion === 'v2' && isSet(raw.accessPassword)) refuseOnV2(node, itemIndex, 'Access Password');
	if (apiVersion === 'v2' && resource === 'workflow' && isSet(raw.workflowJson)) refuseOnV2(node, itemIndex, 'Workflow JSON Override');
	if (typeof raw.accessPassword === 'string' && raw.accessPassword !== '') options.accessPassword = raw.accessPassword;
	if (raw.instanceType !== undefined && raw.instanceType !== '') {
		if (raw.instanceType !== 'default' && raw.instanceType !== 'plus') {
			fail(node, itemIndex, `Instance Type must be "default" (24 GB) or "plus" (48 GB), got "${String(raw.instanceType)}"`);
		}
		options.instanceType = raw.instanceType;
	}
	if (raw.retainSeconds !== undefined && raw.retainSeconds !== null && raw.retainSeconds !== '') {
		const seconds = Number(raw.retainSeconds);
		if (!Number.isInteger(seconds) || seconds < 10 || seconds > 180) {
			fail(node, itemIndex, `Retain Seconds must be a whole number from 10 to 180, got "${String(raw.retainSeconds)}"`);
		}
		options.retainSeconds = seconds;
	}
	if (raw.usePersonalQueue !== undefined) options.usePersonalQueue = Boolean(raw.usePersonalQueue);
	if (typeof raw.webhookUrl === 'string' && raw.webhookUrl.trim()) {
		const url = raw.webhookUrl.trim();
		if (!/^https?:\/\/[^\s/]+/i.test(url)) fail(node, itemIndex, `Webhook URL must start with http:// or https://, got "${url}"`);
		options.webhookUrl = url;
	}
	if (resource === 'workflow') options.workflow = parseWorkflowOverride(node, itemIndex, raw.workflowJson);
	return options;
}
