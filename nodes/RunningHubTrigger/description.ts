import type { INodeProperties } from 'n8n-workflow';

import { maxDownloadSizeOption } from '../shared/descriptions/download';

export type EventFilter = 'all' | 'success' | 'failure';

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Webhook URL for RunningHub: copy this node\'s URL from "Webhook URLs" above and add <code>?token=</code> followed by your Secret Token, for example <code>https://n8n.example.com/webhook/…/callback?token=YOUR_SECRET_TOKEN</code>. Paste that whole URL as the Webhook URL of a RunningHub task (RunningHub Run Workflow → Webhook URL, or <code>webhookUrl</code> in an API call). Calls without the right token get HTTP 401.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Secret Token',
		name: 'secretToken',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description:
			'A long random string you choose (24 or more characters). Callbacks must carry it as ?token=… in the URL (or in an x-runninghub-token header); any other call is refused with HTTP 401 and starts nothing.',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'options',
		default: 'all',
		description: 'Which task ends start the workflow; others are acknowledged and ignored',
		options: [
			{ name: 'All', value: 'all', description: 'Every finished task: succeeded, failed or cancelled' },
			{ name: 'Only Failures', value: 'failure', description: 'Tasks that failed or were cancelled' },
			{ name: 'Only Successes', value: 'success', description: 'Tasks that finished successfully' },
		],
	},
	{
		displayName: 'Verify Through API',
		name: 'verifyThroughApi',
		type: 'boolean',
		default: true,
		description:
			"Whether to ask RunningHub for the task (Query Result V2) and output RunningHub's answer instead of the callback's content. Callbacks are not signed, so this is what makes them trustworthy. The callback is answered first; the check runs as the execution's first step, which fails if RunningHub does not confirm the task. Needs the RunningHub credential.",
	},
	{
		displayName: 'Download Outputs',
		name: 'downloadOutputs',
		type: 'boolean',
		default: false,
		description:
			'Whether to download the output files of successful tasks into binary properties. The download runs in the execution (on a worker in queue mode), after RunningHub has been answered.',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryProperty',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: { downloadOutputs: [true] } },
		description: 'Name of the binary property for the first file; further files get _1, _2, …',
	},
	{ ...maxDownloadSizeOption, displayOptions: { show: { downloadOutputs: [true] } } },
];
