import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemWaitingSettings, waitingProperties } from '../../../shared/descriptions/waiting';
import { buildApiError } from '../../../shared/errors/apiError';
import { seedFor } from '../../../shared/inputs/seeds';
import { isToolRun } from '../../../shared/node/toolRun';
import { executionBudget } from '../../../shared/outputs/customData';
import { fromV2Task, isTerminal, normalizeStatus, taskIdOf } from '../../../shared/outputs/normalize';
import { runItems } from '../../../shared/runner/runItems';
import type { TaskItem } from '../../../shared/runner/taskBatch';
import { runTaskBatch } from '../../../shared/runner/taskBatch';
import { keySlots } from '../../../shared/scheduler/concurrency';
import { openReuse, requestKeyOf } from '../../../shared/scheduler/ledger';
import type { Submitted } from '../../../shared/scheduler/taskScheduler';
import type { RunningHubClient } from '../../../shared/transport/request';
import type { PricePreview } from './price';
import { effectivePrice, formatPrice, previewPrice } from './price';
import type { ModelRequest } from './request';
import { readModelRequest, resolveBinaryRefs } from './request';

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
				displayName: 'Randomize Seeds',
				name: 'randomizeSeeds',
				type: 'boolean',
				default: false,
				description:
					'Whether to give the model\'s seed parameter a fresh value per item when you did not set it (for models that have one). The seed used comes out in "seeds", so a result can be reproduced.',
			},
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

/** A fresh value for each seed parameter of the model that the item does not set (the user's seed wins). */
function randomizeSeeds(ctx: IExecuteFunctions, itemIndex: number, request: ModelRequest): IDataObject | undefined {
	const seeds: IDataObject = {};
	for (const param of request.model?.params ?? []) {
		if (param.type !== 'INT' || !/seed/i.test(param.name) || request.body[param.name] !== undefined) continue;
		seeds[param.name] = request.body[param.name] = seedFor(ctx, itemIndex, param.name, param.min ?? 0, param.max ?? 2147483647);
	}
	return Object.keys(seeds).length ? seeds : undefined;
}

/**
 * Builds the submit (and the price estimate) of one item. Uploads and the price check run once even when the
 * scheduler has to repeat the submit because RunningHub refused it for capacity.
 */
function itemCalls({ ctx, client, itemIndex, request, maxPrice }: SubmitContext): { submit: () => Promise<Submitted>; estimate: () => Promise<number | undefined> } {
	let body: IDataObject | undefined;
	let preview: PricePreview | undefined;
	let priceChecked = false;
	const resolved = async () => (body ??= await resolveBinaryRefs(ctx, client, itemIndex, request));
	// One price preview per item, for the Max Price guard and the Max Total Cost budget alike.
	const priced = async () => (preview ??= await previewPrice(client, request.endpoint, await resolved(), itemIndex));
	const submit = async () => {
		const body = await resolved();
		if (maxPrice > 0 && !priceChecked) {
			const price = await priced();
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
		const taskId = taskIdOf(data);
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
	return { submit, estimate: async () => effectivePrice(await priced()) };
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const first = itemWaitingSettings(this, 0);
	return await runItems(this, {
		// Every item is validated before anything is sent, so bad input never costs money.
		prepare: (i) => {
			const request = readModelRequest(this, i);
			const seeds = this.getNodeParameter('options.randomizeSeeds', i, false) === true ? randomizeSeeds(this, i, request) : undefined;
			return { request, seeds, settings: itemWaitingSettings(this, i), maxPrice: Number(this.getNodeParameter('options.maxPrice', i, 0)) || 0 };
		},
		runAll: async (plans, client, ledger) => {
			const items: TaskItem[] = plans.map(({ index, plan }) => {
				const calls = itemCalls({ ctx: this, client, itemIndex: index, request: plan.request, maxPrice: plan.maxPrice });
				return {
				download: plan.settings.download,
				binaryProperty: plan.settings.binaryProperty,
				maxDownloadBytes: plan.settings.maxDownloadBytes,
				extra: plan.seeds ? { endpoint: plan.request.endpoint, seeds: plan.seeds } : { endpoint: plan.request.endpoint },
				job: {
					index,
					requestKey: requestKeyOf({ endpoint: plan.request.endpoint, body: plan.request.body }),
					wait: { waitForResult: plan.settings.mode !== 'none', timeoutMs: plan.settings.timeoutMs, pollIntervalMs: plan.settings.pollIntervalMs },
					submit: calls.submit,
					// Price previews are in money: they estimate a money budget only.
					estimate: first.costUnit === 'money' ? calls.estimate : undefined,
				},
			};
			});
			const { queue, concurrency } = await keySlots(client, first.maxConcurrency);
			const reuse = openReuse(this, client.credentials.apiKey, first.reuseWindowMs);
			return await runTaskBatch(this, client, items, { concurrency, onFailure: first.onFailure, compact: isToolRun(this), ledger, reuse, slots: { queue, maxQueueWaitMs: first.maxQueueWaitMs }, record: true, budget: executionBudget(this, first) });
		},
	});
}
