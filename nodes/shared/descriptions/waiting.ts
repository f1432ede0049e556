import type { INodeProperties } from 'n8n-workflow';

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
					displayName: 'Max Concurrent Tasks',
					name: 'maxConcurrency',
					type: 'number',
					default: 0,
					typeOptions: { minValue: 0, maxValue: 100 },
					description: 'How many items run on RunningHub at the same time. 0 = what the account allows (read from the queue status), or 1 if unknown.',
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
	download: boolean;
	binaryProperty: string;
	maxConcurrency: number;
	pollIntervalMs: number;
	timeoutMs: number;
}

export function readWaitingSettings(getParam: (name: string, fallback: unknown) => unknown): WaitingSettings {
	const options = (getParam('waitingOptions', {}) ?? {}) as Record<string, unknown>;
	const mode = String(getParam('waitMode', 'poll')) as WaitingSettings['mode'];
	const timeoutMinutes = Math.min(120, Math.max(0.05, Number(options.timeoutMinutes ?? 10)));
	return {
		mode,
		download: mode !== 'none' && Boolean(getParam('downloadOutputs', true)),
		binaryProperty: String(options.binaryProperty ?? 'data') || 'data',
		maxConcurrency: Math.max(0, Math.floor(Number(options.maxConcurrency ?? 0))),
		pollIntervalMs: Math.round(Math.max(0.1, Number(options.pollInterval ?? 5)) * 1000),
		timeoutMs: Math.round(timeoutMinutes * 60000),
	};
}
