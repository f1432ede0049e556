import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { customOperations, operationProperties } from './actions/router';
import { operationSubtitle, requestDefaults } from '../shared/descriptions/node';

/**
 * Uploads n8n binaries to RunningHub: v2 media (a URL for Standard Model parameters),
 * v1 resources (a file name for workflow/app loader nodes) and LoRA files (MD5 + presigned PUT).
 *
 * Declarative shape with `requestDefaults` but no `routing`: every operation is a
 * `customOperations` entry, because every RunningHub call must go through the one transport
 * that reads both envelopes, keeps 19-digit ids exact, maps the error table and applies the
 * retry rules. n8n's declarative routing parses JSON itself (losing id digits), fires all
 * items at once and cannot stream a multipart body.
 */
export class RunningHubUploadFile implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RunningHub Upload File',
		name: 'runningHubUploadFile',
		icon: { light: 'file:../../icons/runninghub.svg', dark: 'file:../../icons/runninghub.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(operationProperties),
		description: 'Upload files to RunningHub for workflows, AI apps, Standard Models and LoRA loaders',
		defaults: { name: 'RunningHub Upload File' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'runningHubApi', required: true }],
		requestDefaults,
		properties: operationProperties,
	};

	customOperations = customOperations;
}
