import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readWaitingSettings } from '../../shared/descriptions/waiting';
import { asNodeError, emitOutcomes } from '../../shared/outputs/emit';
import { resolveConcurrency } from '../../shared/scheduler/concurrency';
import type { JobOutcome, TaskJob } from '../../shared/scheduler/taskScheduler';
import { runTasks } from '../../shared/scheduler/taskScheduler';
import { RunningHubClient } from '../../shared/transport/request';
import type { RawEntry } from './inputs';
import { checkAppEntries, checkBinaries, checkQuickEntries, checkWorkflowEntries, entriesFromJson, entriesFromMapper } from './inputs';
import { readRunOptions } from './options';
import { callbackUrl, checkResumeAllowed, submitAndPark } from './resume';
import { SchemaCache } from './schema';
import type { ApiVersion, Resource, RunPlan } from './submit';
import { submitter } from './submit';
import { targetId } from './target';

const WORKFLOW_ITEM_KEYS = ['nodeId', 'fieldName', 'fieldValue'];
const QUICK_ITEM_KEYS = ['nodeId', 'nodeName', 'fieldName', 'fieldType', 'fieldValue', 'description'];


export function isToolRun(ctx: IExecuteFunctions): boolean {
	return ctx.getNode().type.endsWith('Tool');
}

function readEntries(ctx: IExecuteFunctions, itemIndex: number, mapperParam: string, requiredKeys: string[]): RawEntry[] {
	const mode = ctx.getNodeParameter('inputMode', itemIndex, 'define') as string;
	if (mode === 'none') return [];
	if (mode === 'json') return entriesFromJson(ctx.getNode(), itemIndex, ctx.getNodeParameter('nodeInfoList', itemIndex, '[]'), requiredKeys);
	return entriesFromMapper(ctx.getNodeParameter(mapperParam, itemIndex, {}));
}

/** Reads and checks one item's parameters; any problem is thrown before a paid call. */
export async function planItem(ctx: IExecuteFunctions, cache: SchemaCache, resource: Resource, itemIndex: number): Promise<RunPlan> {
	const node = ctx.getNode();
	const options = readRunOptions(node, itemIndex, (ctx.getNodeParameter('options', itemIndex, {}) ?? {}) as IDataObject, resource);
	const apiVersion = (resource === 'quickCreate' ? 'v1' : ctx.getNodeParameter('apiVersion', itemIndex, 'v1')) as ApiVersion;

	if (resource === 'workflow') {
		const id = targetId(node, 'workflow', ctx.getNodeParameter('workflowId', itemIndex), itemIndex);
		const raw = readEntries(ctx, itemIndex, 'workflowInputs', WORKFLOW_ITEM_KEYS);
		// Basic run (nothing to override) needs no workflow JSON; otherwise inputs are
		// checked against the override if given, else the saved workflow (loaded once).
		let graph = options.workflow?.graph;
		let source = 'the Workflow JSON Override';
		if (!graph && raw.length) {
			graph = (await cache.workflow(id, itemIndex)).graph;
			source = `workflow ${id}`;
		}
		const entries = graph ? checkWorkflowEntries(node, itemIndex, raw, graph, source) : [];
		await checkBinaries(ctx, itemIndex, entries);
		return { resource, apiVersion, targetId: id, entries, options, graph };
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
 * The Run operation of every resource: check all items first, then hand the valid ones to
 * the shared scheduler (bounded concurrency, 421/415 refill, polling, timeouts, cancel)
 * and emit normalized results in input order.
 */
export async function runOperation(ctx: IExecuteFunctions, resource: Resource): Promise<INodeExecutionData[][]> {
	const node = ctx.getNode();
	const items = ctx.getInputData();
	const client = await RunningHubClient.create(ctx);
	const cache = new SchemaCache(client, node);
	const settings = readWaitingSettings((name, fallback) => ctx.getNodeParameter(name, 0, fallback));
	const resume = settings.mode === 'resume';
	if (resume) checkResumeAllowed(ctx, isToolRun(ctx), false, 0);
	const callback = resume ? callbackUrl(ctx, client) : undefined;

	const early: JobOutcome[] = [];
	const jobs: TaskJob[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const plan = await planItem(ctx, cache, resource, i);
			if (callback) {
				checkResumeAllowed(ctx, false, plan.options.webhookUrl !== undefined, i);
				plan.options.webhookUrl = callback;
			}
			jobs.push({ index: i, submit: submitter(ctx, client, plan, i) });
		} catch (error) {
			const wrapped = asNodeError(node, error, i);
			if (!ctx.continueOnFail()) throw wrapped;
			early.push({ index: i, error: wrapped, polls: 0 });
		}
	}

	const concurrency = jobs.length ? await resolveConcurrency(client, settings.maxConcurrency, jobs.length) : 1;
	if (resume) return await submitAndPark(ctx, client, settings, early, jobs, concurrency);

	let outcomes: JobOutcome[] = [];
	if (jobs.length) {
		outcomes = await runTasks(jobs, {
			ctx,
			client,
			concurrency,
			waitForResult: settings.mode !== 'none',
			timeoutMs: settings.timeoutMs,
			pollIntervalMs: settings.pollIntervalMs,
			stopOnError: !ctx.continueOnFail(),
		});
	}
	const all = [...early, ...outcomes].sort((a, b) => a.index - b.index);
	const out = await emitOutcomes(ctx, all, {
		download: settings.download,
		binaryProperty: settings.binaryProperty,
		compact: isToolRun(ctx),
		secret: client.credentials.apiKey,
	});
	return [out];
}
