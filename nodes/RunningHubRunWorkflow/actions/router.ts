import type { INodeProperties } from 'n8n-workflow';

import type { Operations } from '../../shared/node/actionNode';
import * as appGetInputs from './aiApp/getInputs.operation';
import * as appRun from './aiApp/run.operation';
import { apiVersionProperty, nodeInfoListProperty, operationProperties, optionsProperty, resourceProperty, targetProperties, waitingDescription } from './descriptions';
import * as quickGetInputs from './quickCreate/getInputs.operation';
import * as quickRun from './quickCreate/run.operation';
import * as workflowGetInputs from './workflow/getInputs.operation';
import * as workflowRun from './workflow/run.operation';

/** resource → operation → implementation, dispatched by the node's execute(). */
export const operations: Operations = {
	workflow: { run: workflowRun.execute, getInputs: workflowGetInputs.execute },
	aiApp: { run: appRun.execute, getInputs: appGetInputs.execute },
	quickCreate: { run: quickRun.execute, getInputs: quickGetInputs.execute },
};

export const properties: INodeProperties[] = [
	resourceProperty,
	...operationProperties,
	...targetProperties,
	...quickRun.description,
	...quickGetInputs.description,
	apiVersionProperty,
	...workflowRun.description,
	...appRun.description,
	nodeInfoListProperty,
	...workflowGetInputs.description,
	...appGetInputs.description,
	optionsProperty,
	...waitingDescription,
];
