import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { resumeWebhooks } from '../shared/callbacks/resume';
import { operationSubtitle } from '../shared/descriptions/node';
import { ACTION_NODE_BASE, route } from '../shared/node/actionNode';
import { operations, properties } from './actions/router';
import { resumeWebhook } from './helpers/resume';
import { resourceMapping } from './methods/resourceMapping';

/** RunningHub Run Workflow: ComfyUI workflows, AI Apps and Quick Create modules. */
export class RunningHubRunWorkflow implements INodeType {
	description: INodeTypeDescription = {
		...ACTION_NODE_BASE,
		icon: { light: 'file:../../icons/runninghub.svg', dark: 'file:../../icons/runninghub.dark.svg' },
		displayName: 'RunningHub Run Workflow',
		name: 'runningHubRunWorkflow',
		subtitle: operationSubtitle(properties),
		description: 'Run RunningHub ComfyUI workflows, AI Apps and Quick Create modules',
		defaults: { name: 'RunningHub Run Workflow' },
		usableAsTool: {
			replacements: {
				description:
					'Runs a ComfyUI workflow, AI App or Quick Create module on RunningHub and waits for it. Fill the inputs the tool asks for (e.g. the prompt). Returns the task ID, its status, the URLs of the generated files and any text output; on failure an error that says what to change.',
			},
		},
		// Only the restart webhook of "Resume on Callback": n8n serves it at the execution's
		// resume URL while the execution waits, never as a registered (trigger) webhook.
		webhooks: resumeWebhooks,
		properties,
	};

	methods = { resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route(this, operations);
	}

	/**
	 * RunningHub's callback in "Resume on Callback" mode. Returning workflowData resumes the
	 * waiting execution with those items as this node's output; n8n does not call execute()
	 * again (shared/callbacks/resume.ts).
	 */
	webhook = resumeWebhook;
}
