import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import * as generate from './model/generate.operation';
import * as previewPrice from './model/previewPrice.operation';

type Operation = (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

/**
 * customOperations[resource][operation]. The node is declarative in shape but every
 * RunningHub call goes through the shared transport (see the node file for why).
 */
export const customOperations: Record<string, Record<string, Operation>> = {
	model: {
		generate: generate.execute,
		previewPrice: previewPrice.execute,
	},
};
