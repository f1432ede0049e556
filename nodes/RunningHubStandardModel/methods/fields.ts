/**
 * The resource mapper fields of a catalog model (pure; used by the editor method and tests).
 * Resource mapper fields carry no description and enforce no limits, so short hints go into
 * the display name and every limit is checked by the validator at run time.
 */
import type { FieldType, ResourceMapperField } from 'n8n-workflow';

import type { CatalogModel, CatalogParam } from '../../shared/catalog';
import { schemaPublishedByRunningHub } from '../../shared/catalog';
import { isMediaParam, isMultiValue } from '../validation';

/** Added to every field of a model whose parameters RunningHub has not published. */
export const UNVERIFIED_FIELD_HINT = 'unverified schema';

function fieldType(param: CatalogParam): FieldType {
	if (isMultiValue(param)) return 'string';
	switch (param.type) {
		case 'LIST':
			return param.options?.length ? 'options' : 'string';
		case 'BOOLEAN':
			return 'boolean';
		case 'INT':
		case 'FLOAT':
			return 'number';
		default:
			return 'string';
	}
}

function hints(param: CatalogParam): string[] {
	const out: string[] = [];
	if (isMediaParam(param)) {
		const accept = param.media?.accept?.length ? `${param.media.accept.join('/')} ` : '';
		if (isMultiValue(param)) {
			out.push(`${accept}URLs or binary:property, comma-separated${param.maxItems ? `, max ${param.maxItems}` : ''}`);
		} else {
			out.push(`${accept}URL or binary:property`);
		}
		return out;
	}
	if (isMultiValue(param)) {
		out.push(`one per line or a JSON list${param.maxItems ? `, max ${param.maxItems}` : ''}`);
		return out;
	}
	if (param.type === 'INT' || param.type === 'FLOAT') {
		const whole = param.type === 'INT' ? 'whole number' : '';
		const hasMin = typeof param.min === 'number';
		const hasMax = typeof param.max === 'number';
		const range = hasMin && hasMax ? `${param.min}–${param.max}` : hasMin ? `≥ ${param.min}` : hasMax ? `≤ ${param.max}` : '';
		const text = [whole, range].filter(Boolean).join(', ');
		if (text) out.push(text);
	}
	if (param.type === 'STRING' && typeof param.maxLength === 'number' && param.maxLength <= 5000) {
		out.push(`max ${param.maxLength} characters`);
	}
	return out;
}

export function fieldDisplayName(param: CatalogParam, unverified = false): string {
	const base = param.label || param.name;
	const extra = hints(param);
	if (unverified) extra.push(UNVERIFIED_FIELD_HINT);
	return extra.length ? `${base} (${extra.join('; ')})` : base;
}

export function fieldForParam(param: CatalogParam, unverified = false): ResourceMapperField {
	const type = fieldType(param);
	const field: ResourceMapperField = {
		id: param.name,
		displayName: fieldDisplayName(param, unverified),
		required: param.required,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type,
		// Optional parameters without a documented default start hidden ("Add parameter").
		removed: !param.required && param.default === undefined,
	};
	if (type === 'options') field.options = (param.options ?? []).map((o) => ({ name: o.name || o.value, value: o.value }));
	// Only a documented default pre-fills a field; sample text from the docs never does.
	if (param.default !== undefined && !isMultiValue(param)) field.defaultValue = param.default;
	return field;
}

export function fieldsForModel(model: CatalogModel | undefined): ResourceMapperField[] {
	if (!model?.params) return [];
	// Resource mapper fields carry no description, so the mark goes into every field name.
	const unverified = !schemaPublishedByRunningHub(model);
	return model.params.map((param) => fieldForParam(param, unverified));
}
