import type { StreamingFile } from './binaryFile';

type FormValue = string | StreamingFile;

/**
 * A FormData look-alike that n8n's HTTP helper (axios) sends as a streamed
 * multipart/form-data body: axios recognizes it as a spec FormData (append, entries,
 * Symbol.toStringTag "FormData", iterable) and reads each file part through its `stream()`,
 * chunk by chunk, computing Content-Length from the part sizes.
 *
 * Node's global FormData cannot carry a streamed file: from Node 22 on (undici) `append`
 * accepts only a real Blob ("Expected value to be an instance of Blob"), and a Blob would
 * need the whole file in memory. n8n 2.x runs on Node 22/24.
 */
export class MultipartForm {
	/** A plain property (not #private), so n8n does not take the body for an empty object. */
	readonly parts: Array<[string, FormValue]> = [];

	get [Symbol.toStringTag](): string {
		return 'FormData';
	}

	append(name: string, value: FormValue): void {
		this.parts.push([name, value]);
	}

	entries(): IterableIterator<[string, FormValue]> {
		return this.parts[Symbol.iterator]();
	}

	[Symbol.iterator](): IterableIterator<[string, FormValue]> {
		return this.entries();
	}
}
