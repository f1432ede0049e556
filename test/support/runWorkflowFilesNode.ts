/**
 * Test-only node for the Run Workflow tests: adds a generated file as an n8n binary
 * property to every input item (stored the way the harness stores binaries: filesystem
 * mode, real ids and streams).
 */
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

export interface TestFile {
	property: string;
	fileName: string;
	mimeType?: string;
	size?: number;
}

export class RunWorkflowFiles implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Run Workflow Test Files',
		name: 'runWorkflowFiles',
		group: ['transform'],
		version: 1,
		description: 'Test helper: adds generated binary files to items',
		defaults: { name: 'Files' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Files', name: 'files', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const files = JSON.parse(this.getNodeParameter('files', 0) as string) as TestFile[];
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const binary: INodeExecutionData['binary'] = { ...(items[i].binary ?? {}) };
			for (const file of files) {
				const content = Buffer.alloc(file.size ?? 1024, i + 1);
				binary[file.property] = await this.helpers.prepareBinaryData(content, file.fileName, file.mimeType);
			}
			out.push({ json: items[i].json, binary, pairedItem: { item: i } });
		}
		return [out];
	}
}

export const FILES_NODE_TYPE = 'n8n-nodes-runninghub.runWorkflowFiles';

/** Harness node entry that adds these files before the node under test. */
export function runWorkflowFilesNode(files: TestFile[], name = 'Files') {
	return { name, type: FILES_NODE_TYPE, parameters: { files: JSON.stringify(files) } };
}
