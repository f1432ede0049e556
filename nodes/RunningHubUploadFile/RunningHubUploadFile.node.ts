import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { operationSubtitle } from '../shared/descriptions/node';
import { ACTION_NODE_BASE, route } from '../shared/node/actionNode';
import { operationProperties, operations } from './actions/router';

/**
 * Uploads n8n binaries to RunningHub: v2 media (a URL for Standard Model parameters),
 * v1 resources (a file name for workflow/app loader nodes) and LoRA files (MD5 + presigned PUT).
 *
 * Not offered as an AI tool: every operation uploads a binary of the incoming item, and a
 * tool call brings only the JSON arguments the model wrote, never a file.
 */
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool -- see above: a tool call cannot carry the binary to upload
export class RunningHubUploadFile implements INodeType {
	description: INodeTypeDescription = {
		...ACTION_NODE_BASE,
		icon: { light: 'file:../../icons/runninghub.svg', dark: 'file:../../icons/runninghub.dark.svg' },
		displayName: 'RunningHub Upload File',
		name: 'runningHubUploadFile',
		subtitle: operationSubtitle(operationProperties),
		description: 'Upload files to RunningHub for workflows, AI apps, Standard Models and LoRA loaders',
		defaults: { name: 'RunningHub Upload File' },
		properties: operationProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route(this, operations);
	}
}
