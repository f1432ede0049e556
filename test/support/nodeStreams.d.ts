/** A Node Readable (typed by what the callers use, without importing `stream`). */
export interface NodeReadable extends AsyncIterable<Uint8Array> {
	pipe<T>(destination: T): T;
	destroy(error?: Error): void;
}
export function readableFromWeb(body: ReadableStream<Uint8Array> | null): NodeReadable;
export function chunkedStream(data: Buffer, chunkSize?: number): NodeReadable;
