import type { INodeProperties } from 'n8n-workflow';

import type { Operations } from '../../shared/node/actionNode';

import * as uploadLora from './file/uploadLora.operation';
import * as uploadMedia from './file/uploadMedia.operation';
import * as uploadResource from './file/uploadResource.operation';

const show = { resource: ['file'] };

export const operationProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: 'file',
		options: [{ name: 'File', value: 'file' }],
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'uploadResource',
		displayOptions: { show },
		options: [
			{
				name: 'Upload LoRA',
				value: 'uploadLora',
				action: 'Upload a lora file',
				description: 'Upload a .safetensors LoRA; returns the file name for the RHLoraLoader node',
			},
			{
				name: 'Upload Media',
				value: 'uploadMedia',
				action: 'Upload media for a standard model',
				description: 'Upload an image, video or audio file; returns a URL (valid about one day) for Standard Model parameters',
			},
			{
				name: 'Upload Resource',
				value: 'uploadResource',
				action: 'Upload a resource for a workflow or app',
				description: 'Upload an image, video, audio or ZIP file; returns the file name for LoadImage/LoadVideo/LoadAudio nodes of workflows and AI apps',
			},
		],
	},
	...uploadResource.description,
	...uploadMedia.description,
	...uploadLora.description,
];

/** resource → operation → implementation, dispatched by the node's execute(). */
export const operations: Operations = {
	file: {
		uploadLora: uploadLora.execute,
		uploadMedia: uploadMedia.execute,
		uploadResource: uploadResource.execute,
	},
};
