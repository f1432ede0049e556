import type { INodeProperties } from 'n8n-workflow';

import { categoriesByName } from '../../../shared/catalog';
import * as generate from './generate.operation';
import * as previewPrice from './previewPrice.operation';

const show = { resource: ['model'] };
const catalogMode = { ...show, customEndpoint: [false] };
const customMode = { ...show, customEndpoint: [true] };

export const MEDIA_HELP =
	'Media parameters take a public URL, or binary:&lt;property&gt; to upload a binary property of the input item automatically (for example binary:data). Several files: separate them with commas.';

/** Model choice and parameters, shared by every operation. */
export const modelProperties: INodeProperties[] = [
	{
		displayName: 'The Standard Model API only accepts Enterprise-Shared API keys. A consumer key is refused with error 1014.',
		name: 'keyNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Custom Endpoint',
		name: 'customEndpoint',
		type: 'boolean',
		default: false,
		description: 'Whether to call a model path directly with a raw JSON body, for models newer than the bundled catalog',
		displayOptions: { show },
	},
	{
		displayName: 'Category',
		name: 'category',
		type: 'options',
		default: 'all',
		description: 'What the model makes; narrows the model list',
		options: [{ name: 'All Categories', value: 'all' }, ...categoriesByName().map((c) => ({ name: c.name, value: c.value }))],
		displayOptions: { show: catalogMode },
	},
	{
		displayName: 'Model',
		name: 'model',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Standard Model endpoint to run',
		displayOptions: { show: catalogMode },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a model…',
				typeOptions: { searchListMethod: 'searchModels', searchable: true },
			},
			{
				displayName: 'By Endpoint',
				name: 'endpoint',
				type: 'string',
				placeholder: 'e.g. kling-v3.0-pro/image-to-video',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^/?[A-Za-z0-9][A-Za-z0-9._~\\-\\[\\]/]*$', errorMessage: 'Enter a model path such as kling-v3.0-pro/image-to-video' },
					},
				],
			},
		],
	},
	{
		displayName: 'Model Parameters',
		name: 'modelParameters',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		description: MEDIA_HELP,
		typeOptions: {
			loadOptionsDependsOn: ['model.value'],
			resourceMapper: {
				resourceMapperMethod: 'getModelFields',
				mode: 'add',
				valuesLabel: 'Parameters',
				fieldWords: { singular: 'parameter', plural: 'parameters' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: false,
				noFieldsError: 'This model has no parameter list in the bundled catalog. Turn on Custom Endpoint to send a JSON body.',
			},
		},
		displayOptions: { show: catalogMode },
	},
	{
		displayName: 'Endpoint',
		name: 'endpoint',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. alibaba/wan-2.7/text-to-video',
		description: 'The model path after /openapi/v2/, as shown in the RunningHub API documentation',
		displayOptions: { show: customMode },
	},
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		default: '{\n  "prompt": ""\n}',
		required: true,
		description:
			'The model parameters as a JSON object, sent as is. LIST values are strings ("5"), switches are true/false. A string value "binary:&lt;property&gt;" (also inside a list) is replaced by the URL of that binary property of the input item, uploaded automatically.',
		displayOptions: { show: customMode },
	},
];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: [
			{
				name: 'Generate',
				value: 'generate',
				action: 'Generate with a model',
				description: 'Submit a generation task, wait for it and return its outputs',
			},
			{
				name: 'Preview Price',
				value: 'previewPrice',
				action: 'Preview the price of a generation',
				description: 'Estimate what a generation with these parameters would cost, without creating a task',
			},
		],
		default: 'generate',
	},
	...modelProperties,
	...generate.description,
	...previewPrice.description,
];
