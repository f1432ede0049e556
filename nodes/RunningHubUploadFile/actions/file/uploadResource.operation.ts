import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { buildApiError } from '../../../shared/errors/apiError';
import { checkSize, checkType, RESOURCE_MAX_BYTES, RESOURCE_TYPES } from '../../../shared/uploads/limits';
import { uploadResource } from '../../../shared/uploads/upload';
import { fileSelectionProperties, uploadItems } from './uploadItems';

const show = { resource: ['file'], operation: ['uploadResource'] };

const ALL_KINDS = ['audio', 'image', 'video', 'zip'];

export const description: INodeProperties[] = [
	...fileSelectionProperties(['uploadResource']),
	{
		displayName: 'Options',
		name: 'resourceOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Accepted Kinds',
				name: 'acceptedKinds',
				type: 'multiOptions',
				default: ['audio', 'image', 'video', 'zip'],
				description: 'Which kinds of file to accept. Anything else is rejected before upload. Up to 30 MB per file.',
				options: [
					{ name: 'Audio (MP3, WAV, FLAC)', value: 'audio' },
					{ name: 'Image (JPG, JPEG, PNG, WEBP)', value: 'image' },
					{ name: 'Video (MP4, AVI, MOV, MKV)', value: 'video' },
					{ name: 'ZIP (Image Batch)', value: 'zip' },
				],
			},
		],
	},
];

function acceptedKinds(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const options = ctx.getNodeParameter('resourceOptions', itemIndex, {}) as { acceptedKinds?: string[] };
	const kinds = (options.acceptedKinds ?? ALL_KINDS).filter((kind) => RESOURCE_TYPES[kind]);
	return kinds.length ? kinds : ALL_KINDS;
}

/**
 * v1 resource upload (API.md §8.1): the answer is a server-side `fileName` (`api/….png`, a bare
 * hash for ZIP) that only workflow/app loader nodes understand; it is not a URL.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	return await uploadItems(
		this,
		(info, i) => {
			checkType(node, info, acceptedKinds(this, i).flatMap((kind) => RESOURCE_TYPES[kind]), i);
			checkSize(node, info, RESOURCE_MAX_BYTES, i);
		},
		async (client, i, property) => {
			const uploaded = await uploadResource(this, client, i, property, acceptedKinds(this, i));
			if (!uploaded.fileName) {
				throw buildApiError(node, {
					info: { name: 'UNEXPECTED_RESPONSE', cause: 'RunningHub accepted the upload but returned no file name.', action: 'Try again; check the credential Base URL if it keeps happening.', retry: 'never' },
					itemIndex: i,
				});
			}
			const source = this.getInputData()[i].binary?.[property];
			return {
				fileName: uploaded.fileName,
				fileType: uploaded.fileType,
				size: uploaded.size,
				binaryProperty: property,
				originalFileName: source?.fileName ?? null,
			};
		},
	);
}
