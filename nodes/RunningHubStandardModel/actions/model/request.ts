import type { IDataObject, IExecuteFunctions, ResourceMapperValue } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { CatalogModel } from '../../../shared/catalog';
import { getModel, normalizeEndpoint } from '../../../shared/catalog';
import { buildApiError } from '../../../shared/errors/apiError';
import type { RunningHubClient } from '../../../shared/transport/request';
import { uploadMedia } from '../../../shared/uploads/upload';
import { buildRequestBody, checkEndpoint, findBinaryRefs, isParameterError, mediaLimits, parseJsonBody, replaceBinaryRefs } from '../../validation';

/** One item's model call, validated and ready except for binary uploads. */
export interface ModelRequest {
	endpoint: string;
	/** Display name for messages: the catalog name, or the endpoint in Custom Endpoint mode. */
	label: string;
	model?: CatalogModel;
	body: IDataObject;
	custom: boolean;
}


/** Any failure as an n8n error bound to the item (already-wrapped errors pass unchanged). */
export function toNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeOperationError | NodeApiError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (isParameterError(error)) {
		return new NodeOperationError(ctx.getNode(), error.message, { itemIndex, description: error.hint });
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

function readCatalogRequest(ctx: IExecuteFunctions, itemIndex: number): ModelRequest {
	const node = ctx.getNode();
	const endpoint = normalizeEndpoint(String(ctx.getNodeParameter('model', itemIndex, '', { extractValue: true }) ?? ''));
	if (!endpoint) {
		throw new NodeOperationError(node, 'No model selected', { itemIndex, description: 'Choose a model in the Model parameter, or turn on Custom Endpoint.' });
	}
	const model = getModel(endpoint);
	if (!model) {
		throw new NodeOperationError(node, `Model "${endpoint}" is not in the bundled catalog`, {
			itemIndex,
			description: 'Check the spelling, or turn on Custom Endpoint to call a model newer than the catalog with a JSON body.',
		});
	}
	if (!model.params?.length) {
		throw new NodeOperationError(node, `The bundled catalog has no parameter list for ${model.name}`, {
			itemIndex,
			description: `Turn on Custom Endpoint, enter ${model.endpoint} and send its parameters as a JSON body.${model.docUrl ? ` Documentation: ${model.docUrl}` : ''}`,
		});
	}
	const mapper = ctx.getNodeParameter('modelParameters', itemIndex, {}) as Partial<ResourceMapperValue> | null;
	const values = (mapper && typeof mapper === 'object' ? mapper.value : null) ?? {};
	return { endpoint: model.endpoint, label: model.name, model, body: buildRequestBody(model, values) as IDataObject, custom: false };
}

function readCustomRequest(ctx: IExecuteFunctions, itemIndex: number): ModelRequest {
	const endpoint = checkEndpoint(normalizeEndpoint(String(ctx.getNodeParameter('endpoint', itemIndex, '') ?? '')));
	const body = parseJsonBody(ctx.getNodeParameter('jsonBody', itemIndex, '{}'));
	return { endpoint, label: endpoint, model: getModel(endpoint), body: body as IDataObject, custom: true };
}

/** Reads and validates one item; nothing is sent. Throws an n8n error naming the field. */
export function readModelRequest(ctx: IExecuteFunctions, itemIndex: number): ModelRequest {
	try {
		const custom = ctx.getNodeParameter('customEndpoint', itemIndex, false) as boolean;
		return custom ? readCustomRequest(ctx, itemIndex) : readCatalogRequest(ctx, itemIndex);
	} catch (error) {
		throw toNodeError(ctx, error, itemIndex);
	}
}

function withField(ctx: IExecuteFunctions, error: unknown, field: string, itemIndex: number): NodeOperationError | NodeApiError {
	if (error instanceof NodeOperationError) {
		return new NodeOperationError(ctx.getNode(), `Parameter "${field}": ${error.message}`, { itemIndex, description: error.description ?? undefined });
	}
	return toNodeError(ctx, error, itemIndex);
}

/**
 * Uploads every `binary:<property>` value through the v2 media upload (type and size checked
 * against the parameter's schema first) and returns the body with the signed URLs in place.
 */
export async function resolveBinaryRefs(ctx: IExecuteFunctions, client: RunningHubClient, itemIndex: number, request: ModelRequest): Promise<IDataObject> {
	const refs = findBinaryRefs(request.body);
	if (!refs.length) return request.body;
	const uploaded = new Map<string, string>();
	const urls: string[] = [];
	for (const ref of refs) {
		const param = request.model?.params?.find((p) => p.name === ref.field);
		const limits = param ? mediaLimits(param) : {};
		const key = `${ref.property}\n${limits.accept?.join(',') ?? ''}\n${limits.maxBytes ?? ''}`;
		let url = uploaded.get(key);
		if (!url) {
			try {
				const upload = await uploadMedia(ctx, client, itemIndex, ref.property, limits);
				url = upload.url;
			} catch (error) {
				throw withField(ctx, error, ref.field, itemIndex);
			}
			if (!url) {
				throw buildApiError(ctx.getNode(), {
					info: { name: 'UPLOAD_WITHOUT_URL', cause: `Uploading binary property "${ref.property}" returned no download URL.`, action: 'Try again; if it persists, host the file yourself and pass its URL.', retry: 'never' },
					itemIndex,
				});
			}
			uploaded.set(key, url);
		}
		urls.push(url);
	}
	return replaceBinaryRefs(request.body, refs, urls);
}
