import type { INodeProperties } from 'n8n-workflow';

import { waitingProperties } from '../../shared/descriptions/waiting';
import { URL_REGEX_TEXT } from '../helpers/target';

/** Properties shared by more than one resource: selectors, targets, options, waiting. */

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	default: 'workflow',
	options: [
		{ name: 'AI App', value: 'aiApp', description: 'A published RunningHub AI App (webapp)' },
		{ name: 'ComfyUI Workflow', value: 'workflow', description: 'A ComfyUI workflow saved and run once on RunningHub' },
		{ name: 'Quick Create', value: 'quickCreate', description: 'A Quick Create module of an app page' },
	],
};

function operationProperty(resource: string, noun: string, getDescription: string): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'run',
		displayOptions: { show: { resource: [resource] } },
		options: [
			{ name: 'Get Inputs', value: 'getInputs', action: `Get ${noun} inputs`, description: getDescription },
			{ name: 'Run', value: 'run', action: `Run ${noun === 'quick create' ? 'a quick create module' : `a ${noun}`}`, description: `Run the ${noun} on RunningHub and return its outputs` },
		],
	};
}

export const operationProperties: INodeProperties[] = [
	operationProperty('workflow', 'workflow', 'List the editable inputs of the workflow (from its API-format JSON)'),
	operationProperty('aiApp', 'AI app', 'List the inputs the AI App exposes, with their types, choices and defaults'),
	operationProperty('quickCreate', 'quick create', 'List the style presets (model library) of the Quick Create module'),
];

function locator(name: string, displayName: string, kind: 'workflow' | 'app', resources: string[]): INodeProperties {
	const example = kind === 'workflow' ? 'https://www.runninghub.ai/#/workflow/1850925505116598274' : 'https://www.runninghub.ai/ai-detail/1877265245566922753';
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'id', value: '' },
		required: true,
		description: kind === 'workflow'
			? 'The workflow to run. It must have been saved and run successfully once on RunningHub. IDs are per site (runninghub.ai / runninghub.cn).'
			: 'The AI App. IDs are per site (runninghub.ai / runninghub.cn).',
		displayOptions: { show: { resource: resources } },
		modes: [
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: kind === 'workflow' ? 'e.g. 1850925505116598274' : 'e.g. 1877265245566922753',
				hint: 'The 19-digit number at the end of the page URL',
				validation: [{ type: 'regex', properties: { regex: '^\\s*\\d{19}\\s*$', errorMessage: 'Enter the 19-digit ID (digits only)' } }],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: `e.g. ${example}`,
				hint: 'Paste the address of the page on RunningHub',
				validation: [{ type: 'regex', properties: { regex: URL_REGEX_TEXT, errorMessage: `Paste a RunningHub page URL such as ${example}` } }],
			},
		],
	};
}

export const targetProperties: INodeProperties[] = [
	locator('workflowId', 'Workflow', 'workflow', ['workflow']),
	locator('webappId', 'AI App', 'app', ['aiApp', 'quickCreate']),
];

export const apiVersionProperty: INodeProperties = {
	displayName: 'API Version',
	name: 'apiVersion',
	type: 'options',
	default: 'v1',
	displayOptions: { show: { resource: ['workflow', 'aiApp'], operation: ['run'] } },
	options: [
		{ name: 'V1 (Documented)', value: 'v1', description: 'The documented /task/openapi endpoints' },
		{ name: 'V2', value: 'v2', description: 'The /openapi/v2/run endpoints used by RunningHub\'s own examples; Bearer authentication only' },
	],
};

export const MEDIA_HINT =
	'Media inputs (LoadImage image, LoadVideo video, LoadAudio audio, app IMAGE/VIDEO/AUDIO fields) take either a file name already uploaded to RunningHub (e.g. api/abc.png) or "binary:" followed by a binary property name (e.g. binary:data): the node uploads that binary of the input item first and sends its RunningHub file name.';

export const nodeInfoListProperty: INodeProperties = {
	displayName: 'nodeInfoList (JSON)',
	name: 'nodeInfoList',
	type: 'json',
	default: '[\n  {\n    "nodeId": "6",\n    "fieldName": "text",\n    "fieldValue": "a cat"\n  }\n]',
	required: true,
	description: `The overrides exactly as RunningHub takes them: an array of {"nodeId", "fieldName", "fieldValue"}. Every entry is checked against the workflow or app before submitting. ${MEDIA_HINT}`,
	displayOptions: { show: { resource: ['workflow', 'aiApp'], operation: ['run'], inputMode: ['json'] } },
};

export const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: { show: { operation: ['run'] } },
	options: [
		{
			displayName: 'Access Password',
			name: 'accessPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Password of an access-protected workflow or app. API Version v1 only: the v2 run endpoint has no such field.',
			displayOptions: { show: { '/resource': ['workflow', 'aiApp'] } },
		},
		{
			displayName: 'Add Metadata',
			name: 'addMetadata',
			type: 'boolean',
			default: true,
			description: 'Whether to write the prompt metadata into output images',
			displayOptions: { show: { '/resource': ['workflow'] } },
		},
		{
			displayName: 'Instance Type',
			name: 'instanceType',
			type: 'options',
			default: 'default',
			options: [
				{ name: 'Default (24 GB VRAM)', value: 'default' },
				{ name: 'Plus (48 GB VRAM)', value: 'plus' },
			],
			description: 'Machine size to run on',
		},
		{
			displayName: 'Randomize Seeds',
			name: 'randomizeSeeds',
			type: 'boolean',
			default: false,
			description:
				'Whether to give every seed input you did not set (KSampler seed, KSamplerAdvanced / RandomNoise noise_seed) a fresh value per item. RunningHub otherwise repeats the seed saved in the workflow. The seeds used come out in "seeds".',
			displayOptions: { show: { '/resource': ['workflow'] } },
		},
		{
			displayName: 'Retain Seconds',
			name: 'retainSeconds',
			type: 'number',
			default: 60,
			typeOptions: { minValue: 10, maxValue: 180 },
			description: 'Keep the machine warm this many seconds after the task (10–180; Enterprise-Shared keys, billed)',
		},
		{
			displayName: 'Use Personal Queue',
			name: 'usePersonalQueue',
			type: 'boolean',
			default: false,
			description: 'Whether to wait in the personal queue until one of your exclusive machines is free (exclusive keys only, at most 1000 queued tasks)',
		},
		{
			displayName: 'Webhook URL',
			name: 'webhookUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://example.com/webhook/runninghub',
			description: 'RunningHub POSTs a TASK_END event to this URL when the task ends (e.g. the production URL of a RunningHub Trigger node)',
		},
		{
			displayName: 'Workflow JSON Override',
			name: 'workflowJson',
			type: 'json',
			default: '',
			description: 'A complete API-format workflow JSON to run instead of the saved graph (the Workflow ID is still sent). Inputs are checked against this JSON. API Version v1 only: the v2 run endpoint has no such field.',
			displayOptions: { show: { '/resource': ['workflow'] } },
		},
	],
};

/**
 * "Resume on Callback" (see shared/callbacks/resume.ts): what happens with several items,
 * at the deadline and on failures, said where the mode is chosen.
 */
export const resumeNotice: INodeProperties = {
	displayName:
		'Resume on Callback: the tasks are submitted with this execution\'s resume URL and the execution pauses (no worker is held) until RunningHub reports that <b>every</b> task has ended; the output then has one item per input item, in order. RunningHub must reach n8n at its webhook URL (WEBHOOK_URL). After the pause n8n does not run this node again, so a failed task and the Timeout come out as items with an <code>error</code> field (and <code>timedOut: true</code> at the deadline) naming the task ID instead of stopping the workflow: check <code>error</code> in the next node. Files are downloaded when the last callback arrives, by the n8n process that receives it.',
	name: 'resumeNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { operation: ['run'], waitMode: ['resume'] } },
};

export const waitingDescription: INodeProperties[] = [...waitingProperties({ operation: ['run'] }, { resume: true }), resumeNotice];
