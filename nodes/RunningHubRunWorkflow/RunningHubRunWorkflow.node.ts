import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resumeWebhooks } from '../shared/callbacks/resume';
import { operationSubtitle, requestDefaults } from '../shared/descriptions/node';
import { customOperations, properties } from './actions/router';
import { resumeWebhook } from './helpers/resume';
import { resourceMapping } from './methods/resourceMapping';

/**
 * RunningHub Run Workflow: ComfyUI workflows, AI Apps and Quick Create modules.
 *
 * Declarative shell, custom operations inside: every operation is a
 * `customOperations[resource][operation]` entry and the node has no `execute()`. Every
 * RunningHub call must go through the one transport that reads both response envelopes,
 * keeps 19-digit ids exact, maps the error table and applies the retry rules; n8n's
 * declarative routing would parse the JSON itself (losing id digits) and fire all items
 * at once instead of through the shared scheduler.
 */
export class RunningHubRunWorkflow implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RunningHub Run Workflow',
		name: 'runningHubRunWorkflow',
		icon: { light: 'file:../../icons/runninghub.svg', dark: 'file:../../icons/runninghub.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description: 'Run RunningHub ComfyUI workflows, AI Apps and Quick Create modules',
		defaults: { name: 'RunningHub Run Workflow' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'runningHubApi', required: true }],
		// Only the restart webhook of "Resume on Callback": n8n serves it at the execution's
		// resume URL while the execution waits, never as a registered (trigger) webhook.
		webhooks: resumeWebhooks,
		requestDefaults,
		properties,
	};

	customOperations = customOperations;

	methods = { resourceMapping };

	/**
	 * RunningHub's callback in "Resume on Callback" mode. Returning workflowData resumes the
	 * waiting execution with those items as this node's output; n8n does not call execute()
	 * again (shared/callbacks/resume.ts).
	 */
	webhook = resumeWebhook;
}
