import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { buildApiError } from '../../../shared/errors/apiError';
import { checkSize, checkType, MB, MEDIA_MAX_BYTES } from '../../../shared/uploads/limits';
import { uploadMedia } from '../../../shared/uploads/upload';
import { fileSelectionProperties, uploadItems } from './uploadItems';

const show = { resource: ['file'], operation: ['uploadMedia'] };

export const description: INodeProperties[] = [
	...fileSelectionProperties(['uploadMedia']),
	{
		displayName: 'Options',
		name: 'mediaOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Accepted File Types',
				name: 'acceptedTypes',
				type: 'string',
				default: '',
				placeholder: 'e.g. png, jpg, webp',
				description: 'File extensions to accept, separated by commas (e.g. what the model parameter takes). Empty accepts any file.',
			},
			{
				displayName: 'Max File Size (MB)',
				name: 'maxSizeMb',
				type: 'number',
				default: 30,
				typeOptions: { minValue: 1, maxValue: 500 },
				description: 'Larger files are rejected before upload. RunningHub documents no limit for this upload; 30 MB is the safe default, and many model parameters allow 10–50 MB.',
			},
		],
	},
];

interface MediaLimits {
	accept: string[];
	maxBytes: number;
}

function mediaLimits(ctx: IExecuteFunctions, itemIndex: number): MediaLimits {
	const options = ctx.getNodeParameter('mediaOptions', itemIndex, {}) as { acceptedTypes?: string; maxSizeMb?: number };
	const accept = String(options.acceptedTypes ?? '')
		.split(',')
		.map((type) => type.trim().replace(/^\./, '').toLowerCase())
		.filter(Boolean);
	const mb = Number(options.maxSizeMb ?? MEDIA_MAX_BYTES / MB);
	return { accept, maxBytes: Math.round((Number.isFinite(mb) && mb > 0 ? mb : MEDIA_MAX_BYTES / MB) * MB) };
}

/**
 * v2 media upload (API.md §8.2): the answer is a signed `download_url`, valid about one day,
 * for Standard Model parameters such as imageUrl; `fileName` also works in loader nodes.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	return await uploadItems(
		this,
		(info, i) => {
			const limits = mediaLimits(this, i);
			if (limits.accept.length) checkType(node, info, limits.accept, i);
			checkSize(node, info, limits.maxBytes, i);
		},
		async (client, i, property) => {
			const uploaded = await uploadMedia(this, client, i, property, mediaLimits(this, i));
			if (!uploaded.url) {
				throw buildApiError(node, {
					info: { name: 'UNEXPECTED_RESPONSE', cause: 'RunningHub accepted the upload but returned no download URL.', action: 'Try again; check the credential Base URL if it keeps happening.', retry: 'never' },
					itemIndex: i,
				});
			}
			const source = this.getInputData()[i].binary?.[property];
			return {
				url: uploaded.url,
				fileName: uploaded.fileName,
				type: uploaded.type,
				size: uploaded.size,
				binaryProperty: property,
				originalFileName: source?.fileName ?? null,
			};
		},
	);
}
