import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { customOperations, operationProperties } from './actions/router';
import { operationSubtitle, requestDefaults } from '../shared/descriptions/node';

/**
 * Task follow-up: result (v2 query, optional wait and download), status, outputs with per-node
 * cost, cancel, webhook event detail and resend, account info and queue status.
 *
 * Declarative shape with `requestDefaults` but no `routing`: every operation is a
 * `customOperations` entry, because every RunningHub call must go through the one transport
 * that reads both envelopes, keeps 19-digit ids exact, maps the error table and applies the
 * retry rules. n8n's declarative routing parses JSON itself (losing id digits) and fires all
 * items at once.
 */
export class RunningHubGetTaskResult implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RunningHub Get Task Result',
		name: 'runningHubGetTaskResult',
		icon: { light: 'file:../../icons/runninghub.svg', dark: 'file:../../icons/runninghub.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(operationProperties),
		description: 'Get the result, status or outputs of a RunningHub task, cancel it, manage its webhook event, or read account limits',
		defaults: { name: 'RunningHub Get Task Result' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'runningHubApi', required: true }],
		requestDefaults,
		properties: operationProperties,
	};

	customOperations = customOperations;
}
