'use strict';
// Streaming multipart/form-data parser. Uploads can be far bigger than what we want in
// memory, so parts are delivered as chunks to per-part sinks and only a short tail
// (one delimiter length) is ever held back between input chunks.

const { Writable } = require('stream');

const MAX_HEADER_BYTES = 16 * 1024;

function boundaryOf(contentType) {
	const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType || '');
	return m ? (m[1] || m[2]).trim() : null;
}

function parsePartHeaders(text) {
	const headers = {};
	for (const line of text.split('\r\n')) {
		const i = line.indexOf(':');
		if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
	}
	const cd = headers['content-disposition'] || '';
	const param = (name) => {
		const re = new RegExp(`(?:^|;)\\s*${name}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i');
		const m = re.exec(cd);
		return m ? (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2].trim()) : undefined;
	};
	let filename = param('filename');
	const star = param('filename\\*');
	if (star) {
		const m = /^[^']*'[^']*'(.*)$/.exec(star);
		try {
			filename = decodeURIComponent(m ? m[1] : star);
		} catch {
			filename = star;
		}
	}
	return { headers, name: param('name'), filename, contentType: headers['content-type'] || null };
}

/**
 * Writable that parses a multipart body. `onPart(part)` is called for each part with
 * `{ name, filename, contentType, headers }` and must return a sink
 * `{ write(buf), end() }`.
 */
class MultipartParser extends Writable {
	constructor(boundary, onPart) {
		super();
		this.onPart = onPart;
		this.dashBoundary = Buffer.from(`--${boundary}`);
		this.delimiter = Buffer.from(`\r\n--${boundary}`);
		this.buf = Buffer.alloc(0);
		this.state = 'preamble';
		this.sink = null;
	}

	_write(chunk, _enc, cb) {
		try {
			this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
			this.process();
			cb();
		} catch (err) {
			cb(err);
		}
	}

	_final(cb) {
		if (this.state !== 'end') cb(new Error('Unexpected end of multipart body'));
		else cb();
	}

	process() {
		for (;;) {
			if (this.state === 'preamble') {
				const i = this.buf.indexOf(this.dashBoundary);
				if (i < 0) {
					this.keepTail(this.dashBoundary.length - 1);
					return;
				}
				this.buf = this.buf.subarray(i + this.dashBoundary.length);
				this.state = 'after-boundary';
			} else if (this.state === 'after-boundary') {
				if (this.buf.length < 2) return;
				if (this.buf[0] === 0x2d && this.buf[1] === 0x2d) {
					this.state = 'end';
					this.buf = Buffer.alloc(0);
					return;
				}
				// Transport padding (spaces/tabs) may precede the CRLF.
				const crlf = this.buf.indexOf('\r\n');
				if (crlf < 0) {
					if (this.buf.length > 1024) throw new Error('Malformed multipart boundary line');
					return;
				}
				this.buf = this.buf.subarray(crlf + 2);
				this.state = 'headers';
			} else if (this.state === 'headers') {
				const end = this.buf.indexOf('\r\n\r\n');
				if (end < 0) {
					if (this.buf.length > MAX_HEADER_BYTES) throw new Error('Multipart part headers too large');
					return;
				}
				const part = parsePartHeaders(this.buf.subarray(0, end).toString('utf8'));
				this.buf = this.buf.subarray(end + 4);
				this.sink = this.onPart(part);
				this.state = 'body';
			} else if (this.state === 'body') {
				const i = this.buf.indexOf(this.delimiter);
				if (i < 0) {
					const safe = this.buf.length - (this.delimiter.length - 1);
					if (safe > 0) {
						this.sink.write(this.buf.subarray(0, safe));
						this.buf = this.buf.subarray(safe);
					}
					return;
				}
				if (i > 0) this.sink.write(this.buf.subarray(0, i));
				this.sink.end();
				this.sink = null;
				this.buf = this.buf.subarray(i + this.delimiter.length);
				this.state = 'after-boundary';
			} else {
				this.buf = Buffer.alloc(0);
				return;
			}
		}
	}

	keepTail(n) {
		if (this.buf.length > n) this.buf = Buffer.from(this.buf.subarray(this.buf.length - n));
	}
}

module.exports = { MultipartParser, boundaryOf, parsePartHeaders };
