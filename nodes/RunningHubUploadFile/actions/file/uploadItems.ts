import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemResult, runItems } from '../../../shared/runner/runItems';
import type { BinaryFileInfo } from '../../../shared/uploads/binaryFile';
import { describeBinary } from '../../../shared/uploads/binaryFile';
import type { RunningHubClient } from '../../../shared/transport/request';

/**
 * The per-item loop of Upload Media and Upload Resource.
 *
 * Output (documented in the node): by default one item per uploaded file, each paired with
 * the input item it came from; with "One Item per Input Item" one item carrying `files`
 * (in the order of the Binary Properties field) and `byProperty` (the same entries keyed by
 * binary property name), for items that bring e.g. an image and its mask.
 */
export const fileSelectionProperties = (operations: string[]): INodeProperties[] => [
	{
		displayName: 'Binary Properties',
		name: 'binaryProperties',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'e.g. data, mask',
		description: 'Names of the input binary properties to upload, separated by commas. Each file is checked for type and size before anything is sent.',
		displayOptions: { show: { resource: ['file'], operation: operations } },
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'perFile',
		options: [
			{ name: 'One Item per File', value: 'perFile', description: 'Each uploaded file becomes its own output item' },
			{
				name: 'One Item per Input Item',
				value: 'perItem',
				description: 'All files of an input item go into one output item, as "files" (list) and "byProperty" (by binary property name)',
			},
		],
		displayOptions: { show: { resource: ['file'], operation: operations } },
	},
];

/** Reads and checks the Binary Properties field: names separated by commas, duplicates dropped. */
export function binaryPropertyNames(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const raw = String(ctx.getNodeParameter('binaryProperties', itemIndex, 'data') ?? '');
	const names = [...new Set(raw.split(',').map((name) => name.trim()).filter(Boolean))];
	if (!names.length) {
		throw new NodeOperationError(ctx.getNode(), 'The "Binary Properties" field is empty', {
			itemIndex,
			description: 'Enter the name of at least one binary property of the input item, e.g. data',
		});
	}
	return names;
}


export type FileCheck = (info: BinaryFileInfo, itemIndex: number) => void;
export type FileUpload = (client: RunningHubClient, itemIndex: number, property: string) => Promise<IDataObject>;

/**
 * Through the shared item runner: first every file of every item is described and checked
 * (type, size, missing property), so a bad file stops the node before any upload; then the
 * files are uploaded one at a time (each upload is streamed and retried by the transport on
 * transient failures). A failure keeps the files of that item already uploaded.
 */
export async function uploadItems(ctx: IExecuteFunctions, check: FileCheck, upload: FileUpload): Promise<INodeExecutionData[][]> {
	return await runItems(ctx, {
		prepare: async (i) => {
			const properties = binaryPropertyNames(ctx, i);
			for (const property of properties) check(await describeBinary(ctx, i, property), i);
			return properties;
		},
		run: async (properties, i, client) => {
			const perItem = ctx.getNodeParameter('output', i, 'perFile') === 'perItem';
			const files: IDataObject[] = [];
			try {
				for (const property of properties) files.push(await upload(client, i, property));
			} catch (error) {
				return itemResult({ index: i, items: perItem ? [] : files.map((json) => ({ json })), error, errorFields: { binaryProperty: properties[files.length] } });
			}
			if (!perItem) return itemResult({ index: i, items: files.map((json) => ({ json })) });
			const byProperty: IDataObject = {};
			for (const file of files) byProperty[String(file.binaryProperty)] = file;
			return { files, byProperty };
		},
	});
}
