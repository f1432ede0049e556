// What a plain declarative n8n node does with a RunningHub submit: one routing request per
// item, all items fired at once (n8n-core RoutingNode: Promise.allSettled over the items), no
// scheduler, no polling. Used as the "no scheduler" baseline of the throughput benchmark.
'use strict';

class PlainDeclarativeRunWorkflow {
	constructor() {
		this.description = {
			displayName: 'Plain Declarative Run Workflow',
			name: 'plainDeclarativeRunWorkflow',
			group: ['transform'],
			version: 1,
			description: 'Benchmark baseline: a declarative node that submits each item',
			defaults: { name: 'Plain' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'runningHubApi', required: true }],
			requestDefaults: {
				baseURL: '={{$credentials.baseUrl}}',
				headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			},
			properties: [
				{
					displayName: 'Workflow ID',
					name: 'workflowId',
					type: 'string',
					default: '',
					routing: { request: { method: 'POST', url: '/task/openapi/create' }, send: { type: 'body', property: 'workflowId' } },
				},
				{
					displayName: 'Prompt',
					name: 'prompt',
					type: 'string',
					default: '',
					routing: { send: { type: 'body', property: 'nodeInfoList', value: '={{ [{ "nodeId": "6", "fieldName": "text", "fieldValue": $value }] }}' } },
				},
			],
		};
	}
}

module.exports = { PlainDeclarativeRunWorkflow };
