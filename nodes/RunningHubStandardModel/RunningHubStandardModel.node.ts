import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { description as modelDescription } from './actions/model/Model.resource';
import { customOperations } from './actions/router';
import { getModelFields, searchModels } from './methods';
import { requestDefaults } from '../shared/descriptions/node';

/**
 * RunningHub Standard Model: 400+ generation endpoints (video, image, audio, 3D, text) from
 * the bundled catalog, with typed per-model parameters validated before any paid call.
 *
 * Declarative in shape (requestDefaults, no execute()), but every operation is a custom
 * operation: every RunningHub call must go through the one shared transport that reads both
 * response envelopes, keeps 19-digit task ids exact, maps the error table and applies the
 * retry rules — n8n's declarative routing parses JSON itself (losing id digits) and fires
 * the requests of all items at once, which would exceed the key's concurrency.
 */
export class RunningHubStandardModel implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RunningHub Standard Model',
		name: 'runningHubStandardModel',
		icon: { light: 'file:../../icons/runninghub.svg', dark: 'file:../../icons/runninghub.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ ($parameter["operation"] === "previewPrice" ? "Preview Price: " : "Generate: ") + ($parameter["customEndpoint"] ? $parameter["endpoint"] : (($parameter["model"] && typeof $parameter["model"] === "object") ? $parameter["model"].value : $parameter["model"]) || "") }}',
		description: 'Generate video, images, audio, 3D models and text with RunningHub Standard Model endpoints',
		defaults: { name: 'RunningHub Standard Model' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'runningHubApi', required: true }],
		requestDefaults,
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

	customOperations = customOperations;
}
