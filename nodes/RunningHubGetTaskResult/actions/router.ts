import type { INodeProperties } from 'n8n-workflow';

import type { Operations } from '../../shared/node/actionNode';

import * as getInfo from './account/getInfo.operation';
import * as getQueueStatus from './account/getQueueStatus.operation';
import * as cancel from './task/cancel.operation';
import * as getOutputs from './task/getOutputs.operation';
import * as getResult from './task/getResult.operation';
import * as getStatus from './task/getStatus.operation';
import { taskIdProperty } from './taskId';
import * as getEvent from './webhookEvent/get.operation';
import * as resendEvent from './webhookEvent/resend.operation';

export const operationProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: 'task',
		options: [
			{ name: 'Account', value: 'account' },
			{ name: 'Task', value: 'task' },
			{ name: 'Webhook Event', value: 'webhookEvent' },
		],
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'getResult',
		displayOptions: { show: { resource: ['task'] } },
		options: [
			{ name: 'Cancel', value: 'cancel', action: 'Cancel a task', description: 'Cancel a queued or running task (time already used is still billed)' },
			{ name: 'Get Outputs', value: 'getOutputs', action: 'Get the outputs of a task', description: 'Get the output files with the cost of each output node (v1 outputs call)' },
			{ name: 'Get Result', value: 'getResult', action: 'Get the result of a task', description: 'Get the result, optionally waiting until the task finishes and downloading its files' },
			{ name: 'Get Status', value: 'getStatus', action: 'Get the status of a task', description: 'Get only the status: QUEUED, RUNNING, SUCCESS or FAILED' },
		],
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'get',
		displayOptions: { show: { resource: ['webhookEvent'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get the webhook event of a task', description: 'Get the callback RunningHub sent for a task: URL, delivery status, retries and the event data' },
			{ name: 'Resend', value: 'resend', action: 'Resend the webhook event of a task', description: 'Send the callback of a task again, optionally to a new URL' },
		],
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'getInfo',
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{ name: 'Get Info', value: 'getInfo', action: 'Get account information', description: 'Get the coin and wallet balance, running task count and key type' },
			{ name: 'Get Queue Status', value: 'getQueueStatus', action: 'Get the queue status', description: 'Get the concurrency limit and the running and queued task counts of this API key' },
		],
	},
	taskIdProperty,
	...getResult.description,
	...resendEvent.description,
];

/** resource → operation → implementation, dispatched by the node's execute(). */
export const operations: Operations = {
	task: {
		cancel: cancel.execute,
		getOutputs: getOutputs.execute,
		getResult: getResult.execute,
		getStatus: getStatus.execute,
	},
	webhookEvent: {
		get: getEvent.execute,
		resend: resendEvent.execute,
	},
	account: {
		getInfo: getInfo.execute,
		getQueueStatus: getQueueStatus.execute,
	},
};
