import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runOperation } from '../../helpers/run';
import { MEDIA_HINT } from '../descriptions';

const show = { resource: ['quickCreate'], operation: ['run'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Quick Create Code',
		name: 'quickCreateCode',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 002',
		description: 'The module code (quickCreateCode) from the API example of the Quick Create module on RunningHub',
		displayOptions: { show },
	},
	{
		displayName: 'nodeInfoList (JSON)',
		name: 'nodeInfoList',
		type: 'json',
		default: '[\n  {\n    "nodeId": "52",\n    "nodeName": "RH_Prompt",\n    "fieldName": "text",\n    "fieldType": "STRING",\n    "fieldValue": "a cat",\n    "description": "Prompt"\n  }\n]',
		required: true,
		description: `The module inputs from its API example. Every item needs nodeId, nodeName, fieldName, fieldType, fieldValue and description. ${MEDIA_HINT}`,
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation(this, 'quickCreate');
}
