import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemWaitingSettings } from '../../shared/descriptions/waiting';
import { COMFY_SEED_INPUTS, COMFY_SEED_MAX, seedFor } from '../../shared/inputs/seeds';
import { isToolRun } from '../../shared/node/toolRun';
import { executionBudget } from '../../shared/outputs/customData';
import { runItems } from '../../shared/runner/runItems';
import type { TaskItem } from '../../shared/runner/taskBatch';
import { runTaskBatch } from '../../shared/runner/taskBatch';
import { keySlots } from '../../shared/scheduler/concurrency';
import { openReuse, requestKeyOf } from '../../shared/scheduler/ledger';
import type { PlannedEntry, RawEntry } from './inputs';
import { checkAppEntries, checkBinaries, checkQuickEntries, checkWorkflowEntries, entriesFromJson, entriesFromMapper } from './inputs';
import { readRunOptions } from './options';
import { callbackUrl, checkResumeAllowed, submitAndPark } from './resume';
import type { ComfyGraph } from './schema';
import { SchemaCache } from './schema';
import type { ApiVersion, Resource, RunPlan } from './submit';
import { createdThroughV1, submitter } from './submit';
import { targetId } from './target';

const WORKFLOW_ITEM_KEYS = ['nodeId', 'fieldName', 'fieldValue'];
const QUICK_ITEM_KEYS = ['nodeId', 'nodeName', 'fieldName', 'fieldType', 'fieldValue', 'description'];


function readEntries(ctx: IExecuteFunctions, itemIndex: number, mapperParam: string, requiredKeys: string[]): RawEntry[] {
	const mode = ctx.getNodeParameter('inputMode', itemIndex, 'define') as string;
	if (mode === 'none') return [];
	if (mode === 'json') return entriesFromJson(ctx.getNode(), itemIndex, ctx.getNodeParameter('nodeInfoList', itemIndex, '[]'), requiredKeys);
	return entriesFromMapper(ctx.getNodeParameter(mapperParam, itemIndex, {}));
}

/**
 * Adds a fresh seed for every sampler seed input the user did not set and that holds a
 * number (a seed wired from another node is left alone). Returns the seeds used, by
 * `<nodeId>.<input>`, for the output.
 */
function randomizeSeeds(ctx: IExecuteFunctions, itemIndex: number, graph: ComfyGraph, entries: PlannedEntry[]): IDataObject {
	const seeds: IDataObject = {};
	for (const [nodeId, comfyNode] of Object.entries(graph)) {
		const fieldName = COMFY_SEED_INPUTS[comfyNode?.class_type ?? ''];
		if (!fieldName || typeof comfyNode.inputs?.[fieldName] !== 'number') continue;
		if (entries.some((e) => e.nodeId === nodeId && e.fieldName === fieldName)) continue;
		const value = seedFor(ctx, itemIndex, `${nodeId}.${fieldName}`, 0, COMFY_SEED_MAX);
		entries.push({ nodeId, fieldName, fieldValue: value, label: `Input "${nodeId}.${fieldName}"` });
		seeds[`${nodeId}.${fieldName}`] = value;
	}
	return seeds;
}

/** Reads and checks one item's parameters; any problem is thrown before a paid call. */
export async function planItem(ctx: IExecuteFunctions, cache: SchemaCache, resource: Resource, itemIndex: number): Promise<RunPlan> {
	const node = ctx.getNode();
	const apiVersion = (resource === 'quickCreate' ? 'v1' : ctx.getNodeParameter('apiVersion', itemIndex, 'v1')) as ApiVersion;
	const options = readRunOptions(node, itemIndex, (ctx.getNodeParameter('options', itemIndex, {}) ?? {}) as IDataObject, resource, apiVersion);

	if (resource === 'workflow') {
		const id = targetId(node, 'workflow', ctx.getNodeParameter('workflowId', itemIndex), itemIndex);
		const raw = readEntries(ctx, itemIndex, 'workflowInputs', WORKFLOW_ITEM_KEYS);
		// Basic run (nothing to override) needs no workflow JSON; otherwise inputs are
		// checked against the override if given, else the saved workflow (loaded once).
		let graph = options.workflow?.graph;
		let source = 'the Workflow JSON Override';
		const randomize = ctx.getNodeParameter('options.randomizeSeeds', itemIndex, false) === true;
		if (!graph && (raw.length || randomize)) {
			graph = (await cache.workflow(id, itemIndex)).graph;
			source = `workflow ${id}`;
		}
		const entries = graph ? checkWorkflowEntries(node, itemIndex, raw, graph, source) : [];
		const seeds = randomize && graph ? randomizeSeeds(ctx, itemIndex, graph, entries) : undefined;
		await checkBinaries(ctx, itemIndex, entries);
		return { resource, apiVersion, targetId: id, entries, options, graph, seeds };
	}

	if (resource === 'aiApp') {
		const id = targetId(node, 'app', ctx.getNodeParameter('webappId', itemIndex), itemIndex);
		const mode = ctx.getNodeParameter('inputMode', itemIndex, 'define') as string;
		const raw = readEntries(ctx, itemIndex, 'appInputs', WORKFLOW_ITEM_KEYS);
		if (!raw.length) {
			const field = mode === 'json' ? 'nodeInfoList' : 'Inputs';
			throw new NodeOperationError(node, `${field} is empty: set at least one input of the AI App`, {
				itemIndex,
				description: 'RunningHub runs an app with an empty input list using the author\'s sample inputs, and bills it. Add the inputs to send (an app input left out keeps its sample value).',
			});
		}
		const schema = await cache.app(id, itemIndex);
		if (!schema.fields.length) {
			throw new NodeOperationError(node, `AI App ${id} has no editable inputs yet`, {
				itemIndex,
				description: 'RunningHub lists an app\'s inputs only after it has run successfully on the website. Open the app on RunningHub, run it once, then try again.',
			});
		}
		const entries = checkAppEntries(node, itemIndex, raw, schema.fields, id);
		await checkBinaries(ctx, itemIndex, entries);
		return { resource, apiVersion, targetId: id, entries, options };
	}

	const id = targetId(node, 'app', ctx.getNodeParameter('webappId', itemIndex), itemIndex);
	const code = String(ctx.getNodeParameter('quickCreateCode', itemIndex, '') ?? '').trim();
	if (!/^[A-Za-z0-9_-]+$/.test(code)) {
		throw new NodeOperationError(node, `Quick Create Code must be the module code from the page's API example (e.g. "002"), got "${code}"`, { itemIndex });
	}
	const raw = entriesFromJson(node, itemIndex, ctx.getNodeParameter('nodeInfoList', itemIndex, '[]'), QUICK_ITEM_KEYS);
	if (!raw.length) {
		throw new NodeOperationError(node, 'nodeInfoList is empty: Quick Create needs the module\'s inputs', {
			itemIndex,
			description: 'Copy the nodeInfoList from the module\'s API example on RunningHub and change the values.',
		});
	}
	const entries = checkQuickEntries(node, itemIndex, raw);
	await checkBinaries(ctx, itemIndex, entries);
	return { resource, apiVersion, targetId: id, quickCreateCode: code, entries, options };
}

/**
 * The Run operation of every resource: check all items first (nothing is sent that costs
 * money until every item is valid), then hand them to the shared scheduler (bounded
 * concurrency, 421/415 refill, polling, timeouts, cancel, Retry On Fail resumes) — or, in
 * "Resume on Callback" mode, submit and park the execution.
 */
export async function runOperation(ctx: IExecuteFunctions, resource: Resource): Promise<INodeExecutionData[][]> {
	const first = itemWaitingSettings(ctx, 0);
	const resume = first.mode === 'resume';
	const toolRun = isToolRun(ctx);
	if (resume) checkResumeAllowed(ctx, toolRun, false, 0);
	let cache: SchemaCache | undefined;
	let callback: string | undefined;
	let park: ((out: INodeExecutionData[]) => Promise<void>) | undefined;
	return await runItems(ctx, {
		prepare: async (i, client) => {
			cache ??= new SchemaCache(client, ctx.getNode());
			if (resume) callback ??= callbackUrl(ctx, client);
			const plan = await planItem(ctx, cache, resource, i);
			const settings = itemWaitingSettings(ctx, i);
			if (callback) {
				checkResumeAllowed(ctx, false, plan.options.webhookUrl !== undefined, i);
				plan.options.webhookUrl = callback;
			}
			return { plan, settings };
		},
		runAll: async (plans, client, ledger) => {
			const items: TaskItem[] = plans.map(({ index, plan: { plan, settings } }) => ({
				download: settings.download,
				binaryProperty: settings.binaryProperty,
				extra: plan.seeds ? { seeds: plan.seeds } : undefined,
				maxDownloadBytes: settings.maxDownloadBytes,
				job: {
					index,
					requestKey: requestKeyOf({ resource, apiVersion: plan.apiVersion, targetId: plan.targetId, quickCreateCode: plan.quickCreateCode, entries: plan.entries, options: plan.options }),
					wait: { waitForResult: settings.mode === 'poll', timeoutMs: settings.timeoutMs, pollIntervalMs: settings.pollIntervalMs },
					submit: submitter(ctx, client, plan, index),
					v1Outputs: createdThroughV1(resource, plan.apiVersion),
				},
			}));
			const { queue, concurrency } = await keySlots(client, first.maxConcurrency);
			const slots = { queue, maxQueueWaitMs: first.maxQueueWaitMs };
			const reuse = openReuse(ctx, client.credentials.apiKey, first.reuseWindowMs);
			if (!resume) return await runTaskBatch(ctx, client, items, { concurrency, onFailure: first.onFailure, compact: toolRun, ledger, reuse, slots, record: true, budget: executionBudget(ctx, first) });
			const parked = await submitAndPark(ctx, client, first, items, { concurrency, ledger, reuse, slots });
			park = parked.park;
			return parked;
		},
		finish: async (out) => {
			if (park) await park(out);
		},
	});
}
