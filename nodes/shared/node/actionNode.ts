import type { IExecuteFunctions, INodeExecutionData, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_NAME } from '../transport/request';

export type Operation = (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

/** resource → operation → implementation (one `<op>.operation.ts` each). */
export type Operations = Record<string, Record<string, Operation>>;

/**
 * What every RunningHub action node's description has in common. Each node spreads it and
 * adds its names, icon, subtitle, tool description and properties (n8n's lint reads the icon
 * and the tool flag from the node file itself).
 *
 * There is no `requestDefaults`: the nodes are programmatic (execute() → router), because
 * n8n runs a node used as an AI tool or through the MCP Server Trigger by calling its
 * execute() directly — never declarative routing or customOperations — and because every
 * RunningHub call needs the shared transport (both envelopes, exact 19-digit ids, the error
 * table, retry rules, the per-key scheduler). A declarative node would also get n8n's
 * "Request Options" settings, which this transport would not honour.
 */
export const ACTION_NODE_BASE = {
	group: ['transform'],
	version: 1,
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	credentials: [{ name: CREDENTIAL_NAME, required: true }],
} satisfies Partial<INodeTypeDescription>;

/**
 * The router every action node's execute() calls: dispatches on the Resource and Operation
 * parameters (which take no expressions, so item 0 decides for all items).
 */
export async function route(ctx: IExecuteFunctions, operations: Operations): Promise<INodeExecutionData[][]> {
	const resource = String(ctx.getNodeParameter('resource', 0));
	const operation = String(ctx.getNodeParameter('operation', 0));
	const run = operations[resource]?.[operation];
	if (!run) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" is not known for the resource "${resource}"`, {
			description: 'The node may come from a newer version of the package. Open it and choose the operation again.',
		});
	}
	return await run.call(ctx);
}
