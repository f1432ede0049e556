import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runOperation } from '../../helpers/run';
import { MEDIA_HINT } from '../descriptions';

const show = { resource: ['workflow'], operation: ['run'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Inputs To Send',
		name: 'inputMode',
		type: 'options',
		default: 'define',
		displayOptions: { show },
		options: [
			{ name: 'Define Below', value: 'define', description: 'Pick the workflow inputs to change from a list read from the workflow' },
			{ name: 'JSON (nodeInfoList)', value: 'json', description: 'Write the nodeInfoList array yourself' },
			{ name: 'None (Run As Saved)', value: 'none', description: 'Run the workflow exactly as saved, like pressing Run on the website' },
		],
	},
	{
		displayName: 'Inputs',
		name: 'workflowInputs',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		description: `Add the inputs to change. The others keep the values saved in the workflow. ${MEDIA_HINT}`,
		typeOptions: {
			loadOptionsDependsOn: ['workflowId.value'],
			resourceMapper: {
				resourceMapperMethod: 'getWorkflowInputs',
				mode: 'add',
				fieldWords: { singular: 'input', plural: 'inputs' },
				addAllFields: false,
				supportAutoMap: false,
				noFieldsError: 'No editable inputs were found in this workflow.',
			},
		},
		displayOptions: { show: { ...show, inputMode: ['define'] } },
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation(this, 'workflow');
}
