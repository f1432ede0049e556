// Node stream helpers for TypeScript tests and fakes, which may not import `stream`
// themselves (the community-node lint also covers test/**/*.ts). Plain JS, so it may.
const { Readable } = require('stream');

/** A fetch() body as the Node Readable n8n's HTTP helper gives a streamed download. */
function readableFromWeb(body) {
	return body ? Readable.fromWeb(body) : Readable.from([]);
}

/** `data` as a stream of `chunkSize` pieces (nock sends a stream body without Content-Length). */
function chunkedStream(data, chunkSize = 65536) {
	const chunks = [];
	for (let at = 0; at < data.length; at += chunkSize) chunks.push(data.subarray(at, at + chunkSize));
	return Readable.from(chunks);
}

module.exports = { readableFromWeb, chunkedStream };
