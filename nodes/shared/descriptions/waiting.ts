import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { maxDownloadBytes, maxDownloadSizeOption } from './download';

/**
 * The waiting/batching/output options every task-running node shares (Run Workflow,
 * Standard Model, Get Task Result). `show` restricts them to the operations that run tasks.
 */
export function waitingProperties(show: Record<string, string[]>, options: { resume?: boolean } = {}): INodeProperties[] {
	const modes = [
		{ name: 'Poll Until Finished', value: 'poll', description: 'Wait in this node, checking the task status about every tenth of the time waited so far' },
		{ name: 'Return Immediately', value: 'none', description: 'Output the task ID right away; fetch the result later with Get Task Result or the RunningHub Trigger' },
	];
	if (options.resume) {
		modes.splice(1, 0, { name: 'Resume on Callback', value: 'resume', description: 'Pause the execution until RunningHub calls back, so long jobs hold no worker' });
	}
	return [
		{
			displayName: 'Wait for Result',
			name: 'waitMode',
			type: 'options',
			// One way of waiting per node run: items cannot be half parked, half polled.
			noDataExpression: true,
			default: 'poll',
			options: modes,
			displayOptions: { show },
		},
		{
			displayName: 'Download Outputs',
			name: 'downloadOutputs',
			type: 'boolean',
			default: true,
			description: 'Whether to download the output files into binary properties (otherwise only their URLs are returned)',
			displayOptions: { show: { ...show, waitMode: ['poll', 'resume'] } },
		},
		{
			displayName: 'Waiting Options',
			name: 'waitingOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show },
			options: [
				{
					displayName: 'Binary Property',
					name: 'binaryProperty',
					type: 'string',
					default: 'data',
					description: 'Name of the binary property for the first output file; further files get _1, _2 …',
				},
				{
					displayName: 'Cost Unit',
					name: 'costUnit',
					type: 'options',
					noDataExpression: true,
					default: 'money',
					options: [
						{ name: 'Money (Wallet Currency)', value: 'money', description: 'What RunningHub reports as consumeMoney and thirdPartyConsumeMoney, e.g. CNY' },
						{ name: 'RH Coins', value: 'coins', description: 'What RunningHub reports as consumeCoins' },
					],
					description: 'The unit of Max Total Cost',
				},
				{
					displayName: 'Max Concurrent Tasks',
					name: 'maxConcurrency',
					type: 'number',
					// One limit for the whole batch of items.
					noDataExpression: true,
					default: 0,
					typeOptions: { minValue: 0, maxValue: 100 },
					description: 'How many items run on RunningHub at the same time. 0 = what the account allows (read from the queue status), or 1 if unknown.',
				},
				maxDownloadSizeOption,
				{
					displayName: 'Max Queue Wait (Minutes)',
					name: 'maxQueueWaitMinutes',
					type: 'number',
					default: 60,
					typeOptions: { minValue: 0.05, maxValue: 1440, numberPrecision: 2 },
					description:
						"How long an item may wait for a free slot of the account (all executions of this n8n process share the key's slots, in arrival order). Timeout counts from the submit, not from here.",
				},
				{
					displayName: 'Max Total Cost',
					name: 'maxTotalCost',
					type: 'number',
					noDataExpression: true,
					default: 0,
					typeOptions: { minValue: 0, numberPrecision: 4 },
					description:
						'A ceiling on what this execution spends on RunningHub, in Cost Unit. Before each submit, what the execution has spent (as RunningHub reported it) plus the price preview of the item, where RunningHub offers one (Standard Model, money), must stay within it; items beyond it are not submitted. 0 = no limit.',
				},
				{
					displayName: 'On Failure',
					name: 'onFailure',
					type: 'options',
					noDataExpression: true,
					default: 'cancel',
					options: [
						{ name: 'Cancel Running Tasks', value: 'cancel', description: 'Cancel the tasks of the other items that are still running (on the last try, when Retry On Fail is on)' },
						{ name: 'Let Them Finish', value: 'finish', description: 'Submit nothing more but wait for the running tasks, then fail' },
					],
					description: 'Without Continue On Fail the node stops submitting at the first failed task. What to do with the tasks still running then.',
				},
				{
					displayName: 'Poll Interval (Seconds)',
					name: 'pollInterval',
					type: 'number',
					default: 5,
					typeOptions: { minValue: 0.1, maxValue: 60, numberPrecision: 1 },
					description: 'First wait between status checks; it grows gradually for long tasks',
				},
				{
					displayName: 'Reuse Tasks Within (Minutes)',
					name: 'reuseMinutes',
					type: 'number',
					noDataExpression: true,
					default: 0,
					typeOptions: { minValue: 0, maxValue: 1440 },
					description:
						'When above 0, an item whose request is identical to one this n8n process submitted for the same workflow, node and item within this many minutes takes up that task instead of paying for a new one (e.g. when you retry a failed execution). Tasks that failed are submitted again. 0 = always submit.',
				},
				{
					displayName: 'Timeout (Minutes)',
					name: 'timeoutMinutes',
					type: 'number',
					default: 10,
					typeOptions: { minValue: 0.05, maxValue: 120, numberPrecision: 2 },
					description: 'How long to wait for each task. On timeout the error names the task ID so it can be fetched later.',
				},
			],
		},
	];
}

export interface WaitingSettings {
	mode: 'poll' | 'none' | 'resume';
	onFailure: 'cancel' | 'finish';
	/** 0 = off; see the Reuse Tasks Within option. */
	reuseWindowMs: number;
	maxQueueWaitMs: number;
	/** 0 = no budget. */
	maxTotalCost: number;
	costUnit: 'money' | 'coins';
	download: boolean;
	binaryProperty: string;
	/** Largest output file to download, in bytes. */
	maxDownloadBytes: number;
	maxConcurrency: number;
	pollIntervalMs: number;
	timeoutMs: number;
}

/**
 * The waiting settings of one item (`getParam` reads that item's parameters). Wait mode,
 * Max Concurrent Tasks, On Failure and Reuse Tasks Within hold for the whole node run (they
 * take no expressions); the others may differ per item.
 */
export function readWaitingSettings(getParam: (name: string, fallback: unknown) => unknown): WaitingSettings {
	const options = (getParam('waitingOptions', {}) ?? {}) as Record<string, unknown>;
	const mode = String(getParam('waitMode', 'poll')) as WaitingSettings['mode'];
	const timeoutMinutes = Math.min(120, Math.max(0.05, Number(options.timeoutMinutes ?? 10)));
	return {
		mode,
		onFailure: options.onFailure === 'finish' ? 'finish' : 'cancel',
		maxTotalCost: Math.max(0, Number(options.maxTotalCost ?? 0) || 0),
		costUnit: options.costUnit === 'coins' ? 'coins' : 'money',
		maxQueueWaitMs: Math.round(Math.min(1440, Math.max(0.05, Number(options.maxQueueWaitMinutes ?? 60) || 60)) * 60000),
		reuseWindowMs: Math.round(Math.min(1440, Math.max(0, Number(options.reuseMinutes ?? 0) || 0)) * 60000),
		download: mode !== 'none' && Boolean(getParam('downloadOutputs', true)),
		binaryProperty: String(options.binaryProperty ?? 'data') || 'data',
		maxDownloadBytes: maxDownloadBytes(options.maxDownloadMb),
		maxConcurrency: Math.max(0, Math.floor(Number(options.maxConcurrency ?? 0))),
		pollIntervalMs: Math.round(Math.max(0.1, Number(options.pollInterval ?? 5)) * 1000),
		timeoutMs: Math.round(timeoutMinutes * 60000),
	};
}

/** Settings of item `itemIndex` of an execute() call. */
export function itemWaitingSettings(ctx: Pick<IExecuteFunctions, 'getNodeParameter'>, itemIndex: number): WaitingSettings {
	return readWaitingSettings((name, fallback) => ctx.getNodeParameter(name, itemIndex, fallback));
}
