'use strict';
// Signed download URLs (`/__files/<path>?expires=<unix>&sign=<hmac>`), standing in for
// the CDN/COS output hosts. Like those, they need no credentials and refuse them: a
// client that attaches its API key to a download would leak it to a third-party host.

const crypto = require('crypto');
const { Readable, pipeline } = require('stream');
const { createContentStream, contentTypeOf, fitSize } = require('./content');

const DAY = 24 * 3600;

function cosError(code, message, resource) {
	return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>${code}</Code>\n  <Message>${message}</Message>\n  <Resource>${resource}</Resource>\n  <RequestId>${crypto.randomBytes(12).toString('hex')}</RequestId>\n</Error>\n`;
}

function sendCosError(ctx, status, code, message) {
	ctx.text(status, 'application/xml', cosError(code, message, ctx.path));
}

function createFileStore(state) {
	// relPath → { ext, size, bytes?: Buffer[], seed }
	const files = new Map();

	function sign(relPath, expires) {
		return crypto.createHmac('sha256', state.secret).update(`${relPath}\n${expires}`).digest('hex').slice(0, 32);
	}

	/** Register a generated file; size is fitted to what the format can produce exactly. */
	function addGenerated(relPath, ext, size) {
		const entry = { ext, size: fitSize(ext, size), seed: relPath };
		files.set(relPath, entry);
		return entry;
	}

	/** Register stored bytes (uploads); without `chunks` synthetic bytes of `size` are served. */
	function addStored(relPath, ext, size, chunks) {
		const entry = { ext, size, seed: relPath, chunks: chunks || null };
		files.set(relPath, entry);
		return entry;
	}

	function urlFor(relPath, ttlSec = state.options.downloadTtlSec || DAY) {
		const expires = Math.floor(Date.now() / 1000) + ttlSec;
		const encoded = relPath.split('/').map(encodeURIComponent).join('/');
		return `${state.url}/__files/${encoded}?expires=${expires}&sign=${sign(relPath, expires)}`;
	}

	function serve(ctx) {
		const relPath = decodeURIComponent(ctx.path.slice('/__files/'.length));
		if (ctx.headers.authorization || 'apiKey' in ctx.query || 'apikey' in ctx.query) {
			return sendCosError(ctx, 403, 'AccessDenied', 'Credentials are not allowed on a pre-signed URL');
		}
		const expires = Number(ctx.query.expires);
		const given = String(ctx.query.sign || '');
		const expected = Number.isFinite(expires) ? sign(relPath, ctx.query.expires) : '';
		if (!given || given.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
			return sendCosError(ctx, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided');
		}
		if (state.faults.take('expiredDownloads') || expires < Date.now() / 1000) {
			return sendCosError(ctx, 403, 'AccessDenied', 'Request has expired');
		}
		const entry = files.get(relPath);
		if (!entry) return sendCosError(ctx, 404, 'NoSuchKey', 'The specified key does not exist.');
		stream(ctx, entry, relPath);
	}

	function stream(ctx, entry, relPath) {
		if (ctx.done) return;
		const headers = {
			'Content-Type': contentTypeOf(entry.ext),
			'Content-Length': entry.size,
			'Content-Disposition': `inline; filename="${relPath.split('/').pop()}"`,
			ETag: `"${crypto.createHash('md5').update(relPath).digest('hex')}"`,
			'Cache-Control': 'max-age=86400',
		};
		ctx.setStatus(200);
		ctx.res.writeHead(200, headers);
		if (ctx.method === 'HEAD') {
			ctx.res.end();
			return;
		}
		state.counters.downloads++;
		// "reset after": start the body, then drop the connection half-way.
		const limit = ctx.resetAfter ? Math.floor(entry.size / 2) : Infinity;
		const body = entry.chunks ? Readable.from(truncate(entry.chunks, limit)) : createContentStream(entry.ext, entry.size, entry.seed, limit);
		body.on('data', (c) => {
			state.counters.downloadBytes += c.length;
		});
		pipeline(body, ctx.res, () => {});
		if (ctx.resetAfter) {
			body.on('end', () => {
				if (ctx.entry) ctx.entry.reset = true;
				setImmediate(() => ctx.req.socket.destroy());
			});
		}
	}

	return { files, addGenerated, addStored, urlFor, serve, sign };
}

function* truncate(chunks, limit) {
	let left = limit;
	for (const c of chunks) {
		if (left <= 0) return;
		const part = c.length > left ? c.subarray(0, left) : c;
		left -= part.length;
		yield part;
	}
}

module.exports = { createFileStore, sendCosError, cosError };
