import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { operationSubtitle } from '../shared/descriptions/node';
import { ACTION_NODE_BASE, route } from '../shared/node/actionNode';
import { operationProperties, operations } from './actions/router';

/**
 * Task follow-up: result (v2 query, optional wait and download), status, outputs with per-node
 * cost, cancel, webhook event detail and resend, account info and queue status.
 */
export class RunningHubGetTaskResult implements INodeType {
	description: INodeTypeDescription = {
		...ACTION_NODE_BASE,
		icon: { light: 'file:../../icons/runninghub.svg', dark: 'file:../../icons/runninghub.dark.svg' },
		displayName: 'RunningHub Get Task Result',
		name: 'runningHubGetTaskResult',
		subtitle: operationSubtitle(operationProperties),
		description: 'Get the result, status or outputs of a RunningHub task, cancel it, manage its webhook event, or read account limits',
		defaults: { name: 'RunningHub Get Task Result' },
		usableAsTool: {
			replacements: {
				description:
					'Looks up a RunningHub task by its task ID (the 19-digit ID another RunningHub tool returned): its result with file URLs, its status, or cancels it; or reads the account balance and queue, as configured in this tool. Returns JSON; an unknown task ID comes back as an error saying so.',
			},
		},
		properties: operationProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route(this, operations);
	}
}
