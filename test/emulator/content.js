'use strict';
// Synthetic output files of an exact size, generated while streaming so a 500 MB
// "video" costs no memory. Each format is structurally valid (magic bytes, box/chunk
// sizes), so content sniffers and size checks behave as with real outputs:
//   png  signature, 1×1 IHDR/IDAT, a private ancillary chunk `rhFl` as filler, IEND
//   mp4  ftyp box + one `free` box holding the filler
//   mp3  ID3v2.3 tag + silent 128 kbps MPEG-1 Layer III frames
//   glb  glTF 2.0 binary: JSON chunk + BIN chunk (size rounded to 4)
//   other extensions: seeded pseudo-random bytes

const crypto = require('crypto');
const zlib = require('zlib');
const { Readable } = require('stream');

const CHUNK = 64 * 1024;

const CONTENT_TYPES = {
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	webp: 'image/webp',
	gif: 'image/gif',
	mp4: 'video/mp4',
	mov: 'video/quicktime',
	avi: 'video/x-msvideo',
	mkv: 'video/x-matroska',
	webm: 'video/webm',
	mp3: 'audio/mpeg',
	wav: 'audio/wav',
	flac: 'audio/flac',
	glb: 'model/gltf-binary',
	txt: 'text/plain; charset=utf-8',
	json: 'application/json',
	zip: 'application/zip',
	safetensors: 'application/octet-stream',
};

function contentTypeOf(ext) {
	return CONTENT_TYPES[String(ext).toLowerCase()] || 'application/octet-stream';
}

function u32(n) {
	const b = Buffer.alloc(4);
	b.writeUInt32BE(n >>> 0);
	return b;
}

function pngChunk(type, data) {
	const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	return Buffer.concat([u32(data.length), td, u32(zlib.crc32(td))]);
}

const PNG_SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_HEAD = Buffer.concat([
	PNG_SIG,
	pngChunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])),
	pngChunk('IDAT', zlib.deflateSync(Buffer.from([0, 0x66, 0x99, 0xcc]))),
]);
const PNG_IEND = pngChunk('IEND', Buffer.alloc(0));
// head + filler chunk header (length + type) … filler CRC + IEND
const PNG_MIN = PNG_HEAD.length + 8 + 4 + PNG_IEND.length;

const MP3_FRAME_LEN = 417; // 144 * 128000 / 44100, no padding
function mp3Frame() {
	const f = Buffer.alloc(MP3_FRAME_LEN);
	f.writeUInt32BE(0xfffb9004);
	return f;
}
function id3Tag() {
	const text = Buffer.from('\u0000RunningHub emulator', 'latin1');
	const frame = Buffer.concat([Buffer.from('TSSE'), u32(text.length), Buffer.from([0, 0]), text]);
	const size = frame.length; // < 128, so already syncsafe
	return Buffer.concat([Buffer.from('ID3'), Buffer.from([3, 0, 0, 0, 0, 0, size]), frame]);
}
const ID3 = id3Tag();

const GLB_JSON_BASE = { asset: { version: '2.0', generator: 'RunningHub emulator' } };

/** Smallest size each format can be produced at (outputs are clamped to it). */
function minimumSize(ext) {
	switch (ext) {
		case 'png': return PNG_MIN;
		case 'mp4': return 40;
		case 'mp3': return ID3.length + 4;
		case 'glb': return 96;
		default: return 1;
	}
}

/** Adjust a requested size so the format can hit it exactly. */
function fitSize(ext, size) {
	let s = Math.max(minimumSize(ext), Math.floor(Number(size) || 0));
	if (ext === 'glb') s = Math.ceil(s / 4) * 4;
	return s;
}

function seededPattern(seed, length) {
	const out = Buffer.alloc(length);
	let block = crypto.createHash('sha256').update(String(seed)).digest();
	for (let off = 0; off < length; off += block.length) {
		block.copy(out, off);
		block = crypto.createHash('sha256').update(block).digest();
	}
	return out;
}

/**
 * Layout of a synthetic file: head bytes, `fill` bytes taken from `pattern`, and a tail
 * (a function of the running CRC-32 of the fill when the format needs one).
 */
function layout(ext, size, seed) {
	switch (ext) {
		case 'png': {
			const fill = size - PNG_MIN;
			const type = Buffer.from('rhFl', 'ascii');
			return {
				head: Buffer.concat([PNG_HEAD, u32(fill), type]),
				fill,
				pattern: seededPattern(seed, CHUNK),
				crcInit: zlib.crc32(type),
				tail: (crc) => Buffer.concat([u32(crc), PNG_IEND]),
			};
		}
		case 'mp4': {
			const ftyp = Buffer.concat([u32(32), Buffer.from('ftypisom'), u32(0x200), Buffer.from('isomiso2avc1mp41')]);
			const rest = size - 32;
			const head = rest <= 0xffffffff
				? Buffer.concat([ftyp, u32(rest), Buffer.from('free')])
				: Buffer.concat([ftyp, u32(1), Buffer.from('free'), u32(Math.floor(rest / 2 ** 32)), u32(rest % 2 ** 32)]);
			return { head, fill: size - head.length, pattern: seededPattern(seed, CHUNK) };
		}
		case 'mp3': {
			// A pattern of whole frames keeps frame alignment across repeats.
			const frames = Math.floor(CHUNK / MP3_FRAME_LEN);
			const pattern = Buffer.concat(Array.from({ length: frames }, mp3Frame));
			return { head: ID3, fill: size - ID3.length, pattern };
		}
		case 'glb': {
			let binLen = 0;
			let json;
			for (let i = 0; i < 3; i++) {
				json = Buffer.from(JSON.stringify({ ...GLB_JSON_BASE, buffers: [{ byteLength: binLen }] }));
				const jsonPadded = Math.ceil(json.length / 4) * 4;
				binLen = size - 12 - 8 - jsonPadded - 8;
			}
			const jsonPadded = Buffer.concat([json, Buffer.alloc(Math.ceil(json.length / 4) * 4 - json.length, 0x20)]);
			const head = Buffer.concat([
				Buffer.from('glTF'), le32(2), le32(size),
				le32(jsonPadded.length), Buffer.from('JSON'), jsonPadded,
				le32(binLen), Buffer.from([0x42, 0x49, 0x4e, 0x00]),
			]);
			return { head, fill: size - head.length, pattern: seededPattern(seed, CHUNK) };
		}
		default:
			return { head: Buffer.alloc(0), fill: size, pattern: seededPattern(seed, CHUNK) };
	}
}

function le32(n) {
	const b = Buffer.alloc(4);
	b.writeUInt32LE(n >>> 0);
	return b;
}

/**
 * Readable of exactly `size` bytes (`fitSize` it first). `limit` truncates the stream
 * (used to cut a download short for the reset fault).
 */
function createContentStream(ext, size, seed, limit = Infinity) {
	const l = layout(String(ext).toLowerCase(), size, seed);
	let phase = 'head';
	let filled = 0;
	let crc = l.crcInit || 0;
	let emitted = 0;
	const push = (stream, buf) => {
		const room = limit - emitted;
		if (room <= 0) return false;
		const part = buf.length > room ? buf.subarray(0, room) : buf;
		emitted += part.length;
		return stream.push(part);
	};
	return new Readable({
		highWaterMark: CHUNK,
		read() {
			for (;;) {
				if (emitted >= limit) {
					this.push(null);
					return;
				}
				if (phase === 'head') {
					phase = 'fill';
					if (l.head.length && !push(this, l.head)) return;
					continue;
				}
				if (phase === 'fill') {
					if (filled >= l.fill) {
						phase = 'tail';
						continue;
					}
					const n = Math.min(l.pattern.length, l.fill - filled);
					const part = n === l.pattern.length ? l.pattern : l.pattern.subarray(0, n);
					filled += n;
					if (l.tail) crc = zlib.crc32(part, crc);
					if (!push(this, part)) return;
					continue;
				}
				if (phase === 'tail') {
					phase = 'end';
					if (l.tail && !push(this, l.tail(crc))) return;
					continue;
				}
				this.push(null);
				return;
			}
		},
	});
}

module.exports = { createContentStream, contentTypeOf, fitSize, minimumSize };
