import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildApiError } from '../../../shared/errors/apiError';
import { runItems } from '../../../shared/runner/runItems';
import { idToString } from '../../../shared/transport/jsonIds';
import type { RunningHubClient } from '../../../shared/transport/request';
import type { BinaryFileInfo } from '../../../shared/uploads/binaryFile';
import { describeBinary } from '../../../shared/uploads/binaryFile';
import { checkSize, MB } from '../../../shared/uploads/limits';
import { digestLora, putLora } from './loraTransfer';

const show = { resource: ['file'], operation: ['uploadLora'] };

/** RunningHub documents no LoRA size limit; 2 GB covers every common LoRA with margin. */
export const LORA_MAX_BYTES = 2048 * MB;
const NAME_MAX_LENGTH = 100;

export const description: INodeProperties[] = [
	{
		displayName: 'Binary Property',
		name: 'binaryProperty',
		type: 'string',
		default: 'data',
		required: true,
		description: 'Name of the input binary property holding the .safetensors file. One LoRA per input item.',
		displayOptions: { show },
	},
	{
		displayName: 'LoRA Name',
		name: 'loraName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. my-style-lora',
		description: 'A name for the LoRA on RunningHub (up to 100 characters)',
		displayOptions: { show },
	},
];

function hasBadCharacter(name: string): boolean {
	for (const ch of name) {
		const code = ch.charCodeAt(0);
		if (code < 0x20 || code === 0x7f || ch === '/' || ch === '\\') return true;
	}
	return false;
}

function readLoraName(ctx: IExecuteFunctions, itemIndex: number): string {
	const name = String(ctx.getNodeParameter('loraName', itemIndex, '') ?? '').trim();
	const problem = !name
		? 'is empty'
		: name.length > NAME_MAX_LENGTH
			? `is ${name.length} characters long, over the ${NAME_MAX_LENGTH} limit`
			: hasBadCharacter(name)
				? 'contains a slash, a backslash or a control character'
				: undefined;
	if (problem) {
		throw new NodeOperationError(ctx.getNode(), `The "LoRA Name" field ${problem}`, {
			itemIndex,
			description: 'Enter a short name for the LoRA, e.g. my-style-lora.',
		});
	}
	return name;
}

interface LoraPlan {
	name: string;
	info: BinaryFileInfo;
}

async function planItem(ctx: IExecuteFunctions, itemIndex: number): Promise<LoraPlan> {
	const name = readLoraName(ctx, itemIndex);
	const property = String(ctx.getNodeParameter('binaryProperty', itemIndex, 'data') ?? '').trim();
	if (!property) {
		throw new NodeOperationError(ctx.getNode(), 'The "Binary Property" field is empty', { itemIndex, description: 'Enter the name of the binary property that holds the LoRA file, e.g. data' });
	}
	const info = await describeBinary(ctx, itemIndex, property);
	// Checked on the name: the shared extension reader stops at five characters.
	if (!/\.safetensors$/i.test(info.fileName)) {
		throw new NodeOperationError(ctx.getNode(), `Binary property "${info.property}" is not a .safetensors file`, {
			itemIndex,
			description: `File "${info.fileName}": RunningHub LoRA uploads accept SAFETENSORS files only (the RHLoraLoader node loads them).`,
		});
	}
	checkSize(ctx.getNode(), info, LORA_MAX_BYTES, itemIndex);
	return { name, info };
}

async function uploadOne(ctx: IExecuteFunctions, client: RunningHubClient, itemIndex: number, plan: LoraPlan): Promise<IDataObject> {
	const node = ctx.getNode();
	const digest = await digestLora(ctx, plan.info, itemIndex);
	if (!digest.safetensors) {
		throw new NodeOperationError(node, `Binary property "${plan.info.property}" is not a valid .safetensors file`, {
			itemIndex,
			description: `File "${plan.info.fileName}" does not start with a safetensors header. Export the LoRA in the safetensors format.`,
		});
	}
	// The key goes in the JSON body (added by the credential), never in the URL.
	const data = await client.call<{ fileName?: unknown; url?: unknown } | null>({
		path: '/api/openapi/getLoraUploadUrl',
		body: { loraName: plan.name, md5Hex: digest.md5 },
		kind: 'upload',
		timeoutMs: 30000,
		itemIndex,
	});
	const fileName = idToString(data?.fileName);
	if (!fileName) {
		throw buildApiError(node, {
			info: { name: 'UNEXPECTED_RESPONSE', cause: 'RunningHub returned no file name for the LoRA.', action: 'Try again; check the credential Base URL if it keeps happening.', retry: 'never' },
			itemIndex,
		});
	}
	const url = typeof data?.url === 'string' ? data.url.trim() : '';
	// MD5 is RunningHub's cache key: without an upload URL the file is already there.
	if (url) await putLora(ctx, url, plan.info, digest.size, itemIndex);
	return {
		fileName,
		loraName: plan.name,
		md5: digest.md5,
		size: digest.size,
		alreadyPresent: !url,
		binaryProperty: plan.info.property,
		originalFileName: plan.info.binary.fileName ?? null,
	};
}

/**
 * LoRA upload (API.md §8.3): MD5 of the file (streamed), `getLoraUploadUrl`, then a PUT of the
 * raw bytes to the presigned URL. The returned `fileName` works in the RHLoraLoader node only.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// Every item is checked first, so a wrong file stops the node before anything is sent.
	return await runItems(this, {
		prepare: async (i) => await planItem(this, i),
		run: async (plan, i, client) => await uploadOne(this, client, i, plan),
	});
}
