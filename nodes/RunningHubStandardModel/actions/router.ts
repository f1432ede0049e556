import type { Operations } from '../../shared/node/actionNode';
import * as generate from './model/generate.operation';
import * as previewPrice from './model/previewPrice.operation';

/** resource → operation → implementation, dispatched by the node's execute(). */
export const operations: Operations = {
	model: {
		generate: generate.execute,
		previewPrice: previewPrice.execute,
	},
};
