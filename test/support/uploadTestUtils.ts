/**
 * Helpers for the Upload File tests: read a multipart body the way nock hands it over
 * (hex for binary payloads), and build harness runs of Files → Upload.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { RunningHubUploadFile } from '../../nodes/RunningHubUploadFile/RunningHubUploadFile.node';
import type { FileSpec } from './binaryInputNode';
import { BinaryInput, filesNode } from './binaryInputNode';
import { runWorkflow } from './harness';

export interface MultipartPart {
	name?: string;
	filename?: string;
	contentType?: string;
	content: Buffer;
}

/** nock gives binary request bodies as a hex string and text bodies as text. */
export function nockBodyBytes(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	return /^(?:[0-9a-f]{2})+$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'utf8');
}

/** Splits a multipart/form-data body into its parts (boundary taken from the first line). */
export function parseMultipart(body: unknown): MultipartPart[] {
	const bytes = nockBodyBytes(body);
	const firstLineEnd = bytes.indexOf('\r\n');
	const delimiter = bytes.subarray(0, firstLineEnd); // --boundary
	const parts: MultipartPart[] = [];
	let start = firstLineEnd + 2;
	for (;;) {
		const next = bytes.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), start);
		if (next < 0) break;
		const part = bytes.subarray(start, next);
		const headerEnd = part.indexOf('\r\n\r\n');
		const headers = part.subarray(0, headerEnd).toString('utf8');
		parts.push({
			name: /name="([^"]*)"/.exec(headers)?.[1],
			filename: /filename="([^"]*)"/.exec(headers)?.[1],
			contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1],
			content: part.subarray(headerEnd + 4),
		});
		start = next + 2 + delimiter.length + 2;
		if (bytes.subarray(next + 2 + delimiter.length, next + 4 + delimiter.length).toString() === '--') break;
	}
	return parts;
}

export function multipartFields(body: unknown): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const part of parseMultipart(body)) if (part.name && part.filename === undefined) fields[part.name] = part.content.toString('utf8');
	return fields;
}

export function multipartFile(body: unknown, field = 'file'): MultipartPart | undefined {
	return parseMultipart(body).find((part) => part.name === field && part.filename !== undefined);
}

export interface UploadRunOptions {
	files: FileSpec[];
	parameters: INodeParameters;
	credentials: IDataObject;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
}

/** Start → Files (generated binaries) → Upload. */
export async function runUpload(options: UploadRunOptions) {
	return await runWorkflow({
		nodeTypes: { binaryInput: new BinaryInput(), runningHubUploadFile: new RunningHubUploadFile() },
		nodes: [
			filesNode(options.files),
			{ name: 'Upload', type: 'n8n-nodes-runninghub.runningHubUploadFile', parameters: options.parameters, continueOnFail: options.continueOnFail },
		],
		credentials: { runningHubApi: options.credentials as never },
		items: options.items,
	});
}
