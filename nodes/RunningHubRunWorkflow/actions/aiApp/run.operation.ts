import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runOperation } from '../../helpers/run';
import { MEDIA_HINT } from '../descriptions';

const show = { resource: ['aiApp'], operation: ['run'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Inputs To Send',
		name: 'inputMode',
		type: 'options',
		default: 'define',
		displayOptions: { show },
		options: [
			{ name: 'Define Below', value: 'define', description: 'Pick the app inputs from the list the app exposes' },
			{ name: 'JSON (nodeInfoList)', value: 'json', description: 'Write the nodeInfoList array yourself' },
		],
	},
	{
		displayName: 'Inputs',
		name: 'appInputs',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		description: `Add the app inputs to set. At least one is required: an empty list would run the author's sample inputs and bill you. ${MEDIA_HINT}`,
		typeOptions: {
			loadOptionsDependsOn: ['webappId.value'],
			resourceMapper: {
				resourceMapperMethod: 'getAppInputs',
				mode: 'add',
				fieldWords: { singular: 'input', plural: 'inputs' },
				addAllFields: false,
				supportAutoMap: false,
				noFieldsError: 'This AI App lists no inputs yet. Run it once on RunningHub, then reload.',
			},
		},
		displayOptions: { show: { ...show, inputMode: ['define'] } },
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation(this, 'aiApp');
}
