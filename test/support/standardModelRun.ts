/**
 * Harness runs of the Standard Model node (optionally after a Files step that puts binaries
 * on the items), for node and emulator tests.
 */
import type { IDataObject } from 'n8n-workflow';

import { RunningHubStandardModel } from '../../nodes/RunningHubStandardModel/RunningHubStandardModel.node';
import type { FileSpec } from './binaryInputNode';
import { BinaryInput, filesNode } from './binaryInputNode';
import type { RunOptions } from './harness';
import { runWorkflow } from './harness';

export const MODEL_NODE_TYPE = 'n8n-nodes-runninghub.runningHubStandardModel';

/** The resource mapper value n8n stores for the Model Parameters field. */
export function mapped(values: IDataObject): IDataObject {
	return { mappingMode: 'defineBelow', value: values, matchingColumns: [], schema: [], attemptToConvertTypes: false, convertFieldsToString: false };
}

/** Parameters of a catalog-model run with fast polling. */
export function catalogParameters(endpoint: string, values: IDataObject, extra: IDataObject = {}): IDataObject {
	return {
		resource: 'model',
		operation: 'generate',
		category: 'all',
		model: { __rl: true, mode: 'list', value: endpoint },
		modelParameters: mapped(values),
		waitingOptions: { pollInterval: 0.05, timeoutMinutes: 1 },
		...extra,
	};
}

export function customParameters(endpoint: string, body: IDataObject | string, extra: IDataObject = {}): IDataObject {
	return {
		resource: 'model',
		operation: 'generate',
		customEndpoint: true,
		endpoint,
		jsonBody: typeof body === 'string' ? body : JSON.stringify(body),
		waitingOptions: { pollInterval: 0.05, timeoutMinutes: 1 },
		...extra,
	};
}

export interface ModelRunOptions {
	credentials: IDataObject;
	items?: IDataObject[];
	files?: FileSpec[];
	continueOnFail?: boolean;
	/** Run as the generated AI-tool node type. */
}

export function runModel(parameters: IDataObject, options: ModelRunOptions) {
	const nodes = [];
	if (options.files) nodes.push(filesNode(options.files));
	nodes.push({ name: 'Model', type: MODEL_NODE_TYPE, parameters, continueOnFail: options.continueOnFail });
	return runWorkflow({
		nodeTypes: {
			runningHubStandardModel: new RunningHubStandardModel(),
			binaryInput: new BinaryInput(),
		},
		// The parameters are plain JSON, which is what n8n stores; the harness types them as both shapes.
		nodes: nodes as unknown as RunOptions['nodes'],
		credentials: { runningHubApi: options.credentials as never },
		items: (options.items ?? [{}]).map((json) => ({ json })),
	});
}
