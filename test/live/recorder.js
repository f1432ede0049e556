'use strict';
// A recording reverse proxy on 127.0.0.1 for `npm run test:live -- --record`: the nodes'
// credential points at it (Custom Base URL), it forwards every request unchanged to the
// real site (or, in the suite's own test, to the emulator standing in for it) and keeps the
// exact response text, so the fixtures show RunningHub's bytes rather than our parse of
// them. Request bodies are kept only when they are JSON; uploads are described (content
// type, size), never stored. Nothing is written here: sanitize.js turns the records into
// fixtures.
const http = require('http');
const https = require('https');

const KEEP_RESPONSE_BYTES = 512 * 1024;
const KEEP_REQUEST_BYTES = 64 * 1024;

function multipartFields(contentType, body) {
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType || '');
	if (!boundary) return undefined;
	const text = body.toString('latin1');
	const fields = [];
	const re = /Content-Disposition:\s*form-data;\s*name="([^"]*)"(?:;\s*filename="([^"]*)")?/gi;
	let m;
	while ((m = re.exec(text))) fields.push(m[2] !== undefined ? { field: m[1], file: true } : { field: m[1] });
	return fields;
}

/**
 * Starts the recorder. `upstream` is the origin requests are forwarded to
 * (https://www.runninghub.ai, or a local emulator). Returns { url, records, close }.
 */
async function startRecorder({ upstream }) {
	const target = new URL(upstream);
	const client = target.protocol === 'https:' ? https : http;
	const records = [];
	const sockets = new Set();

	const server = http.createServer((req, res) => {
		const incoming = new URL(req.url, 'http://recorder');
		const contentType = String(req.headers['content-type'] || '');
		const rec = { method: req.method, path: incoming.pathname, query: Object.fromEntries(incoming.searchParams.entries()), status: 0, contentType: '', responseBody: '' };
		records.push(rec);

		const headers = { ...req.headers, host: target.host };
		delete headers.connection;
		const forwarded = client.request(
			{ protocol: target.protocol, hostname: target.hostname, port: target.port || undefined, method: req.method, path: `${target.pathname.replace(/\/+$/, '')}${incoming.pathname}${incoming.search}`, headers },
			(up) => {
				rec.status = up.statusCode;
				rec.contentType = String(up.headers['content-type'] || '');
				const kept = [];
				let keptBytes = 0;
				res.writeHead(up.statusCode, up.headers);
				up.on('data', (c) => {
					if (keptBytes < KEEP_RESPONSE_BYTES) {
						kept.push(c);
						keptBytes += c.length;
					}
					res.write(c);
				});
				up.on('end', () => {
					rec.responseBody = Buffer.concat(kept).toString('utf8');
					res.end();
				});
			},
		);
		forwarded.on('error', (error) => {
			rec.status = 502;
			rec.error = error.message;
			if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
			res.end(`recorder: upstream request failed (${error.message})`);
		});

		// The body goes through as it comes (uploads are streamed); a copy of its start is kept.
		const chunks = [];
		let size = 0;
		req.on('data', (c) => {
			size += c.length;
			if (size <= KEEP_REQUEST_BYTES) chunks.push(c);
			forwarded.write(c);
		});
		req.on('end', () => {
			forwarded.end();
			const body = Buffer.concat(chunks);
			if (/json/i.test(contentType) && size <= KEEP_REQUEST_BYTES) rec.requestBody = body.toString('utf8');
			else if (size > 0) rec.requestForm = { contentType: contentType.split(';')[0], bytes: size, fields: /multipart/i.test(contentType) ? multipartFields(contentType, body) : undefined };
		});
	});
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		records,
		close: () =>
			new Promise((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			}),
	};
}

module.exports = { startRecorder };
