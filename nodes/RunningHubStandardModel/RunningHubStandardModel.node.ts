import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { ACTION_NODE_BASE, route } from '../shared/node/actionNode';
import { description as modelDescription } from './actions/model/Model.resource';
import { operations } from './actions/router';
import { getModelFields } from './methods/resourceMapping';
import { searchModels } from './methods/listSearch';

/**
 * RunningHub Standard Model: 400+ generation endpoints (video, image, audio, 3D, text) from
 * the bundled catalog, with typed per-model parameters validated before any paid call.
 */
export class RunningHubStandardModel implements INodeType {
	description: INodeTypeDescription = {
		...ACTION_NODE_BASE,
		icon: { light: 'file:../../icons/runninghub.svg', dark: 'file:../../icons/runninghub.dark.svg' },
		displayName: 'RunningHub Standard Model',
		name: 'runningHubStandardModel',
		subtitle:
			'={{ ($parameter["operation"] === "previewPrice" ? "Preview Price: " : "Generate: ") + ($parameter["customEndpoint"] ? $parameter["endpoint"] : (($parameter["model"] && typeof $parameter["model"] === "object") ? $parameter["model"].value : $parameter["model"]) || "") }}',
		description: 'Generate video, images, audio, 3D models and text with RunningHub Standard Model endpoints',
		defaults: { name: 'RunningHub Standard Model' },
		usableAsTool: {
			replacements: {
				description:
					'Generates an image, video, audio clip, 3D model or text with the RunningHub model chosen in this tool, and waits for it. Fill the parameters the tool asks for (e.g. the prompt; media as public URLs). Returns the task ID, its status, the URLs of the generated files and any text; on failure an error naming the parameter or problem to fix.',
			},
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Model', value: 'model' }],
				default: 'model',
			},
			...modelDescription,
		],
	};

	methods = {
		listSearch: { searchModels },
		resourceMapping: { getModelFields },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route(this, operations);
	}
}
