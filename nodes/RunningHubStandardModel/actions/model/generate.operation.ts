import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readWaitingSettings, waitingProperties } from '../../../shared/descriptions/waiting';
import { buildApiError } from '../../../shared/errors/apiError';
import { emitOutcomes } from '../../../shared/outputs/emit';
import { fromV2Task, isTerminal, normalizeStatus } from '../../../shared/outputs/normalize';
import { resolveConcurrency } from '../../../shared/scheduler/concurrency';
import type { Submitted, TaskJob } from '../../../shared/scheduler/taskScheduler';
import { runTasks } from '../../../shared/scheduler/taskScheduler';
import { idToString } from '../../../shared/transport/jsonIds';
import { RunningHubClient } from '../../../shared/transport/request';
import { effectivePrice, formatPrice, previewPrice } from './price';
import type { ModelRequest } from './request';
import { prepareItem, resolveBinaryRefs, runsAsTool } from './request';

const show = { resource: ['model'], operation: ['generate'] };

export const description: INodeProperties[] = [
	...waitingProperties(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Max Price',
				name: 'maxPrice',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, numberPrecision: 4 },
				description:
					'Preview the price of each item first and refuse to submit it when the estimate is above this amount, in the currency RunningHub reports (usually CNY). 0 = no limit.',
			},
		],
	},
];

interface SubmitContext {
	ctx: IExecuteFunctions;
	client: RunningHubClient;
	itemIndex: number;
	request: ModelRequest;
	maxPrice: number;
}

/**
 * Builds the submit of one item. Uploads and the price check run once even when the
 * scheduler has to repeat the submit because RunningHub refused it for capacity.
 */
function submitter({ ctx, client, itemIndex, request, maxPrice }: SubmitContext): () => Promise<Submitted> {
	let body: IDataObject | undefined;
	let priceChecked = false;
	return async () => {
		body ??= await resolveBinaryRefs(ctx, client, itemIndex, request);
		if (maxPrice > 0 && !priceChecked) {
			const price = await previewPrice(client, request.endpoint, body, itemIndex);
			const cost = effectivePrice(price);
			if (cost === undefined) {
				throw new NodeOperationError(ctx.getNode(), `RunningHub returned no price estimate for ${request.label}, so the Max Price guard cannot check it`, {
					itemIndex,
					description: 'Nothing was submitted for this item. Remove Max Price to submit without the check.',
				});
			}
			if (cost > maxPrice) {
				const said = price.priceTextEn ?? price.priceText;
				throw new NodeOperationError(ctx.getNode(), `Estimated price ${formatPrice(cost, price.currency)} is above the Max Price of ${formatPrice(maxPrice, price.currency)}`, {
					itemIndex,
					description: `Nothing was submitted for ${request.label}. Raise Max Price or choose cheaper settings.${said ? ` RunningHub's estimate: ${said}` : ''}`,
				});
			}
			priceChecked = true;
		}
		const data = await client.call<Record<string, unknown>>({ path: `/openapi/v2/${request.endpoint}`, body, kind: 'submit', itemIndex });
		const taskId = idToString(data?.taskId);
		if (!taskId) {
			throw buildApiError(ctx.getNode(), {
				info: { name: 'NO_TASK_ID', cause: 'RunningHub accepted the request but returned no task ID.', action: 'Check the task list on RunningHub before running again; a task may have been created.', retry: 'never' },
				itemIndex,
			});
		}
		// Fast models may finish within the submit and already carry their results.
		const result = isTerminal(normalizeStatus(data.status)) ? fromV2Task(data, 'submit') : undefined;
		if (result && !result.taskId) result.taskId = taskId;
		return { taskId, result };
	};
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const settings = readWaitingSettings((name, fallback) => this.getNodeParameter(name, 0, fallback));

	// Every item is validated before anything is sent, so bad input never costs money.
	const prepared = items.map((_, i) => prepareItem(this, i));
	const firstError = prepared.find((p) => p.error)?.error;
	if (firstError && !continueOnFail) throw firstError;

	const client = await RunningHubClient.create(this);
	const valid = prepared.filter((p) => p.request).length;
	const concurrency = valid ? await resolveConcurrency(client, settings.maxConcurrency, valid) : 1;

	const jobs: TaskJob[] = prepared.map((p, itemIndex) => {
		if (p.error) {
			const error = p.error;
			return {
				index: itemIndex,
				submit: async () => {
					throw error;
				},
			};
		}
		const maxPrice = Number(this.getNodeParameter('options.maxPrice', itemIndex, 0)) || 0;
		return { index: itemIndex, submit: submitter({ ctx: this, client, itemIndex, request: p.request, maxPrice }) };
	});

	const outcomes = await runTasks(jobs, {
		ctx: this,
		client,
		concurrency,
		waitForResult: settings.mode !== 'none',
		timeoutMs: settings.timeoutMs,
		pollIntervalMs: settings.pollIntervalMs,
		stopOnError: !continueOnFail,
	});
	const compact = runsAsTool(this);
	const out = await emitOutcomes(this, outcomes, { download: settings.download, binaryProperty: settings.binaryProperty, compact, secret: client.credentials.apiKey });
	if (!compact) {
		for (const item of out) {
			const index = (item.pairedItem as { item: number }).item;
			const request = prepared[index]?.request;
			if (request && !('error' in item.json)) item.json = { ...item.json, endpoint: request.endpoint };
		}
	}
	return [out];
}
