import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { getModel } from '../../shared/catalog';
import { fieldsForModel } from './fields';

/** Fields of the selected model, from the bundled catalog (no API call). */
export function modelFields(endpoint: string): ResourceMapperFields {
	if (!endpoint) return { fields: [], emptyFieldsNotice: 'Select a model first.' };
	const model = getModel(endpoint);
	if (!model) {
		return { fields: [], emptyFieldsNotice: `"${endpoint}" is not in the bundled catalog. Turn on Custom Endpoint to call it with a JSON body.` };
	}
	if (!model.params?.length) {
		const docs = model.docUrl ? ` Its documentation: ${model.docUrl}` : '';
		return { fields: [], emptyFieldsNotice: `The bundled catalog has no parameter list for ${model.name}. Turn on Custom Endpoint and send its parameters as a JSON body.${docs}` };
	}
	return { fields: fieldsForModel(model) };
}

export async function getModelFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const endpoint = String(this.getNodeParameter('model', '', { extractValue: true }) ?? '');
	return modelFields(endpoint);
}
