/**
 * Media parameter values (API.md §8.2, §11): a public http(s) URL, a `data:` URI, a
 * RunningHub `asset://` reference, or `binary:<property>` — an n8n binary of the input item
 * that the node uploads through the v2 media upload and replaces by its URL.
 */
import type { CatalogParam } from '../../shared/catalog';
import { ParameterError } from './errors';

const MB = 1024 * 1024;

/** Extensions whose media kind is certain; anything else (".php", no extension) is not judged. */
const KIND_EXTENSIONS: Record<string, string[]> = {
	image: ['jpg', 'jpeg', 'png', 'webp', 'bmp', 'gif', 'tif', 'tiff', 'heic', 'heif', 'avif'],
	video: ['mp4', 'mov', 'webm', 'avi', 'mkv', 'm4v', 'flv', 'wmv', 'mpeg', 'mpg'],
	audio: ['mp3', 'wav', 'm4a', 'flac', 'aac', 'ogg', 'opus', 'wma'],
};

/** Spellings of the same format. */
const EQUIVALENT: Record<string, string[]> = { jpg: ['jpeg'], jpeg: ['jpg'], tif: ['tiff'], tiff: ['tif'] };

const DATA_SUBTYPES: Record<string, string> = { jpeg: 'jpg', pjpeg: 'jpg', quicktime: 'mov', mpeg: 'mp3', 'x-wav': 'wav', wave: 'wav', 'x-m4a': 'm4a', mp4a: 'm4a', 'x-matroska': 'mkv' };

export const BINARY_PREFIX = 'binary:';
const BINARY_REF = /^binary:\s*([^\s,]+)\s*$/i;
const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;
const DATA_URI = /^data:([a-z]+)\/([a-z0-9.+-]+)[;,]/i;
const ASSET_REF = /^asset:\/\/\S+$/i;

export function fieldLabel(param: Pick<CatalogParam, 'name' | 'label'>): string {
	return param.label && param.label !== param.name ? `"${param.name}" (${param.label})` : `"${param.name}"`;
}

/** image | video | audio | url for media parameters, undefined otherwise. */
export function mediaKind(param: CatalogParam): string | undefined {
	if (param.type === 'IMAGE') return 'image';
	if (param.type === 'VIDEO') return 'video';
	if (param.type === 'AUDIO') return 'audio';
	return param.media?.kind;
}

/**
 * Multi-value fields: marked `multiple`, typed ARRAY, or named `…Urls` (API.md §11: arrays of
 * URL strings for fields ending in Urls, even where a schema forgets to say so).
 */
export function isMultiValue(param: CatalogParam): boolean {
	return param.multiple === true || param.type === 'ARRAY' || /Urls$/.test(param.name);
}

export function isMediaParam(param: CatalogParam): boolean {
	return mediaKind(param) !== undefined;
}

export function kindOfExtension(extension: string): string | undefined {
	return Object.keys(KIND_EXTENSIONS).find((kind) => KIND_EXTENSIONS[kind].includes(extension));
}

/** Accepted extensions in lower case with their equivalent spellings (JPG ⇔ JPEG). */
export function acceptedExtensions(param: CatalogParam): string[] | undefined {
	const accept = param.media?.accept;
	if (!accept?.length) return undefined;
	const out = new Set<string>();
	for (const a of accept) {
		const ext = a.toLowerCase().replace(/^\./, '');
		out.add(ext);
		for (const e of EQUIVALENT[ext] ?? []) out.add(e);
	}
	return [...out];
}

/** Upload limits for a binary given to this parameter (type list and size from the schema). */
export function mediaLimits(param: CatalogParam): { accept?: string[]; maxBytes?: number } {
	const limits: { accept?: string[]; maxBytes?: number } = {};
	const accept = acceptedExtensions(param);
	if (accept) limits.accept = accept;
	else {
		const kind = mediaKind(param);
		if (kind && KIND_EXTENSIONS[kind]) limits.accept = KIND_EXTENSIONS[kind];
	}
	if (typeof param.media?.maxSizeMB === 'number' && param.media.maxSizeMB > 0) limits.maxBytes = Math.round(param.media.maxSizeMB * MB);
	return limits;
}

export function parseBinaryRef(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	return BINARY_REF.exec(value.trim())?.[1];
}

/** The file extension of a URL's path, when it has one. */
export function urlExtension(url: string): string | undefined {
	const path = url.replace(/^[a-z]+:\/\/[^/]*/i, '').split(/[?#]/)[0];
	const last = path.substring(path.lastIndexOf('/') + 1);
	const match = /\.([a-z0-9]{1,5})$/i.exec(last);
	return match ? match[1].toLowerCase() : undefined;
}

function dataUriExtension(value: string): { kind: string; extension: string } | undefined {
	const match = DATA_URI.exec(value);
	if (!match) return undefined;
	const sub = match[2].toLowerCase();
	return { kind: match[1].toLowerCase(), extension: DATA_SUBTYPES[sub] ?? sub };
}

function formatList(extensions: string[]): string {
	return extensions.map((e) => e.toUpperCase()).join(', ');
}

function where(param: CatalogParam, index?: number): string {
	return index === undefined ? `Parameter ${fieldLabel(param)}` : `Parameter ${fieldLabel(param)}, item ${index + 1},`;
}

export function mediaHint(param: CatalogParam): string {
	const accept = param.media?.accept?.length ? ` Accepted formats: ${formatList(param.media.accept)}.` : '';
	const size = param.media?.maxSizeMB ? ` Maximum size: ${param.media.maxSizeMB} MB.` : '';
	return `Give a public http(s) URL, or binary:<property> to upload a binary property of the input item (for example binary:data).${accept}${size}`;
}

/**
 * Checks one media value and returns it normalized (trimmed; `binary:` refs as
 * `binary:<property>`). The format is judged from the URL's extension or the data URI's
 * MIME type when either is known; URLs without a telling extension pass.
 */
export function checkMediaValue(param: CatalogParam, raw: unknown, index?: number): string {
	if (typeof raw !== 'string') {
		throw new ParameterError(param.name, `${where(param, index)} must be a URL or binary:<property>, not ${describeType(raw)}`, mediaHint(param));
	}
	const value = raw.trim();
	const property = parseBinaryRef(value);
	if (property) return `${BINARY_PREFIX}${property}`;
	if (/^binary:/i.test(value)) {
		throw new ParameterError(param.name, `${where(param, index)} has an incomplete binary reference "${value}"`, 'Write binary: followed by the name of a binary property of the input item, for example binary:data.');
	}
	const kind = mediaKind(param);
	const accept = acceptedExtensions(param);
	let extension: string | undefined;
	let actualKind: string | undefined;
	if (HTTP_URL.test(value)) {
		extension = urlExtension(value);
		actualKind = extension ? kindOfExtension(extension) : undefined;
	} else if (DATA_URI.test(value) && kind !== 'url') {
		const data = dataUriExtension(value);
		extension = data?.extension;
		actualKind = data?.kind;
	} else if (ASSET_REF.test(value) && kind !== 'url') {
		return value;
	} else {
		const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
		throw new ParameterError(param.name, `${where(param, index)} must be a public http(s) URL or binary:<property>, got "${shown}"`, mediaHint(param));
	}
	if (!actualKind || !extension) return value;
	const expectedKind = kind && KIND_EXTENSIONS[kind] ? kind : undefined;
	const wrongKind = expectedKind !== undefined && actualKind !== expectedKind;
	const notAccepted = accept !== undefined && !accept.includes(extension);
	if (wrongKind || notAccepted) {
		const allowed = param.media?.accept?.length ? formatList(param.media.accept) : expectedKind ? formatList(KIND_EXTENSIONS[expectedKind]) : '';
		throw new ParameterError(param.name, `${where(param, index)} points to a ${extension.toUpperCase()} file; allowed formats: ${allowed}`, mediaHint(param));
	}
	return value;
}

export function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
	return `${typeof value} ${String(value)}`;
}

export interface BinaryRef {
	/** Body field holding the reference. */
	field: string;
	/** Position in an array field. */
	index?: number;
	property: string;
}

/** Every `binary:<property>` value at the top level of a request body (strings and string arrays). */
export function findBinaryRefs(body: Record<string, unknown>): BinaryRef[] {
	const refs: BinaryRef[] = [];
	for (const [field, value] of Object.entries(body)) {
		if (Array.isArray(value)) {
			value.forEach((item, index) => {
				const property = parseBinaryRef(item);
				if (property) refs.push({ field, index, property });
			});
		} else {
			const property = parseBinaryRef(value);
			if (property) refs.push({ field, property });
		}
	}
	return refs;
}

/** A copy of `body` with each reference replaced by its uploaded URL. */
export function replaceBinaryRefs<T extends Record<string, unknown>>(body: T, refs: BinaryRef[], urls: string[]): T {
	const out: Record<string, unknown> = { ...body };
	refs.forEach((ref, i) => {
		if (ref.index === undefined) out[ref.field] = urls[i];
		else {
			const list = [...(out[ref.field] as unknown[])];
			list[ref.index] = urls[i];
			out[ref.field] = list;
		}
	});
	return out as T;
}
