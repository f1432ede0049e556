import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Whether n8n runs this node as an AI tool (AI Agent, MCP Server Trigger): n8n registers the
 * tool variant of a node as `<type>Tool` and runs it through the same execute().
 */
export function isToolRun(ctx: Pick<IExecuteFunctions, 'getNode'>): boolean {
	return ctx.getNode().type.endsWith('Tool');
}
