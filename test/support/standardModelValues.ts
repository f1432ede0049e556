/**
 * Valid values for any catalog parameter, generated from its schema (Standard Model tests).
 * Enums → the first option, numbers → inside min/max, text → inside the length limits,
 * media → an https URL with an accepted extension, multi-value fields → one item.
 */
import type { CatalogModel, CatalogParam } from '../../nodes/shared/catalog';

const KIND_DEFAULT_EXTENSION: Record<string, string> = { image: 'png', video: 'mp4', audio: 'mp3', url: 'png' };

export function mediaUrl(param: CatalogParam, index = 0): string {
	const kind = param.type === 'IMAGE' ? 'image' : param.type === 'VIDEO' ? 'video' : param.type === 'AUDIO' ? 'audio' : (param.media?.kind ?? 'url');
	const ext = (param.media?.accept?.[0] ?? KIND_DEFAULT_EXTENSION[kind] ?? 'png').toLowerCase();
	return `https://cdn.example.com/inputs/${param.name}-${index}.${ext}`;
}

export function isMedia(param: CatalogParam): boolean {
	return ['IMAGE', 'VIDEO', 'AUDIO'].includes(param.type) || param.media !== undefined;
}

function validNumber(param: CatalogParam): number {
	const min = typeof param.min === 'number' ? param.min : undefined;
	const max = typeof param.max === 'number' ? param.max : undefined;
	let n: number;
	if (min !== undefined && max !== undefined) n = min + (max - min) / 2;
	else if (min !== undefined) n = min + 1;
	else if (max !== undefined) n = max - 1;
	else n = 1;
	if (param.type === 'INT') {
		n = Math.round(n);
		if (min !== undefined && n < min) n = Math.ceil(min);
		if (max !== undefined && n > max) n = Math.floor(max);
	}
	return n;
}

function validText(param: CatalogParam): string {
	const min = Math.max(param.minLength ?? 1, 1);
	const length = Math.min(Math.max(min, 12), param.maxLength ?? 12);
	return 'a cat on a skateboard, studio light'.padEnd(length, '.').slice(0, length);
}

/** One valid value, generated from the schema (ignores the default). */
export function validValue(param: CatalogParam): unknown {
	if (param.multiple || param.type === 'ARRAY') {
		return isMedia(param) ? [mediaUrl(param)] : [validText(param)];
	}
	switch (param.type) {
		case 'LIST':
			return param.options?.length ? param.options[0].value : 'x';
		case 'BOOLEAN':
			return true;
		case 'INT':
		case 'FLOAT':
			return validNumber(param);
		case 'IMAGE':
		case 'VIDEO':
		case 'AUDIO':
			return mediaUrl(param);
		default:
			return isMedia(param) ? mediaUrl(param) : validText(param);
	}
}

/** Defaults where the catalog documents one, generated values for everything else. */
export function validValues(model: CatalogModel, options: { requiredOnly?: boolean } = {}): Record<string, unknown> {
	const values: Record<string, unknown> = {};
	for (const param of model.params ?? []) {
		if (options.requiredOnly && !param.required) continue;
		values[param.name] = param.default !== undefined ? param.default : validValue(param);
	}
	return values;
}
