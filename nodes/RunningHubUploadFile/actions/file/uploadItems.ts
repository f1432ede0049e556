import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError, errorItem } from '../../../shared/outputs/emit';
import type { BinaryFileInfo } from '../../../shared/uploads/binaryFile';
import { describeBinary } from '../../../shared/uploads/binaryFile';
import { RunningHubClient } from '../../../shared/transport/request';

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
		placeholder: 'data, mask',
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
 * Two passes: first every file of every item is described and checked (type, size, missing
 * property), so a bad file stops the node before any upload; then the files are uploaded one
 * at a time (each upload is streamed and retried by the transport on transient failures).
 */
export async function uploadItems(ctx: IExecuteFunctions, check: FileCheck, upload: FileUpload): Promise<INodeExecutionData[][]> {
	const node = ctx.getNode();
	const items = ctx.getInputData();
	const plans: Array<{ properties: string[]; error?: Error }> = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const properties = binaryPropertyNames(ctx, i);
			for (const property of properties) check(await describeBinary(ctx, i, property), i);
			plans.push({ properties });
		} catch (error) {
			if (!ctx.continueOnFail()) throw asNodeError(node, error, i);
			plans.push({ properties: [], error: error as Error });
		}
	}

	const client = await RunningHubClient.create(ctx);
	const secret = client.credentials.apiKey;
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const plan = plans[i];
		if (plan.error) {
			out.push(errorItem(plan.error, i, undefined, secret));
			continue;
		}
		const perItem = ctx.getNodeParameter('output', i, 'perFile') === 'perItem';
		const files: IDataObject[] = [];
		try {
			for (const property of plan.properties) files.push(await upload(client, i, property));
		} catch (error) {
			if (!ctx.continueOnFail()) throw asNodeError(node, error, i);
			if (!perItem) for (const json of files) out.push({ json, pairedItem: { item: i } });
			const failed = errorItem(error as Error, i, undefined, secret);
			failed.json.binaryProperty = plan.properties[files.length];
			out.push(failed);
			continue;
		}
		if (perItem) {
			const byProperty: IDataObject = {};
			for (const file of files) byProperty[String(file.binaryProperty)] = file;
			out.push({ json: { files, byProperty }, pairedItem: { item: i } });
		} else {
			for (const json of files) out.push({ json, pairedItem: { item: i } });
		}
	}
	return [out];
}
