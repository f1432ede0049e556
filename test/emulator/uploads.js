'use strict';
// Uploads (API.md §8): v1 resource upload, v2 binary upload and the LoRA presigned-PUT
// flow. Bodies are streamed: only hashes and sizes are computed, and uploaded bytes are
// kept only below `uploadKeepBytes` so the v2 download_url can serve them back.

const crypto = require('crypto');
const path = require('path');
const { MultipartParser, boundaryOf } = require('./multipart');
const { authV1, authV2 } = require('./auth');
const { v1err, v2err } = require('./errors');
const { sendCosError } = require('./files');

const MB = 1024 * 1024;
const FIELD_LIMIT = 1 * MB;

const V1_EXTENSIONS = {
	jpg: 'image', jpeg: 'image', png: 'image', webp: 'image',
	zip: 'image',
	mp3: 'audio', wav: 'audio', flac: 'audio',
	mp4: 'video', avi: 'video', mov: 'video', mkv: 'video',
};
const V1_FILE_TYPES = ['image', 'video', 'audio', 'input'];
const V2_KINDS = {
	jpg: 'image', jpeg: 'image', png: 'image', webp: 'image', gif: 'image', bmp: 'image',
	mp4: 'video', mov: 'video', avi: 'video', mkv: 'video', webm: 'video',
	mp3: 'audio', wav: 'audio', flac: 'audio', m4a: 'audio', ogg: 'audio', aac: 'audio',
};

function extOf(filename) {
	return path.extname(String(filename || '')).slice(1).toLowerCase();
}

/** Drain (and discard) whatever is left of the request body. */
function drain(req) {
	return new Promise((resolve) => {
		if (req.readableEnded) return resolve();
		req.on('end', resolve);
		req.on('error', resolve);
		req.on('close', resolve);
		req.resume();
	});
}

/**
 * Stream a multipart request. → { fields, files } or { error: 'not-multipart'|'malformed' }.
 * files: [{ field, filename, contentType, size, md5, sha256, chunks|null }]
 */
function receiveMultipart(ctx, keepLimit) {
	const boundary = /^multipart\/form-data/i.test(ctx.headers['content-type'] || '') && boundaryOf(ctx.headers['content-type']);
	if (!boundary) return drain(ctx.req).then(() => ({ error: 'not-multipart' }));
	const fields = {};
	const files = [];
	const parser = new MultipartParser(boundary, (part) => {
		if (part.filename === undefined) {
			const bufs = [];
			let size = 0;
			return {
				write(b) {
					if (size < FIELD_LIMIT) bufs.push(b);
					size += b.length;
				},
				end() {
					if (part.name) fields[part.name] = Buffer.concat(bufs).toString('utf8').slice(0, FIELD_LIMIT);
				},
			};
		}
		const md5 = crypto.createHash('md5');
		const sha = crypto.createHash('sha256');
		const file = { field: part.name, filename: part.filename, contentType: part.contentType, size: 0, chunks: [] };
		files.push(file);
		return {
			write(b) {
				md5.update(b);
				sha.update(b);
				file.size += b.length;
				if (file.chunks) {
					if (file.size <= keepLimit) file.chunks.push(Buffer.from(b));
					else file.chunks = null;
				}
			},
			end() {
				file.md5 = md5.digest('hex');
				file.sha256 = sha.digest('hex');
			},
		};
	});
	return new Promise((resolve) => {
		let settled = false;
		const finish = (result) => {
			if (settled) return;
			settled = true;
			resolve(result);
		};
		parser.on('finish', () => finish({ fields, files: files.filter((f) => f.md5) }));
		parser.on('error', () => {
			ctx.req.unpipe(parser);
			drain(ctx.req).then(() => finish({ error: 'malformed' }));
		});
		ctx.req.on('close', () => {
			if (!ctx.req.complete) finish({ error: 'aborted' });
		});
		ctx.req.pipe(parser);
	});
}

function logMultipart(ctx, parsed) {
	if (!ctx.entry || parsed.error) return;
	ctx.entry.body = {
		fields: parsed.fields,
		files: parsed.files.map((f) => ({ field: f.field, filename: f.filename, size: f.size, md5: f.md5 })),
	};
}

function createUploads(state) {
	const opts = state.options;

	async function v1Upload(ctx) {
		const parsed = await receiveMultipart(ctx, opts.uploadKeepBytes);
		if (parsed.error === 'aborted') return;
		logMultipart(ctx, parsed);
		if (parsed.error) return ctx.v1err(v1err('PARAMS_INVALID'));
		const auth = authV1(ctx, [parsed.fields.apiKey]);
		if (!auth) return;
		const file = parsed.files.find((f) => f.field === 'file');
		if (!file) return ctx.v1err(v1err('PARAMS_INVALID'));
		const fileType = parsed.fields.fileType;
		if (fileType !== undefined && fileType !== '' && !V1_FILE_TYPES.includes(fileType)) return ctx.v1err(v1err('PARAMS_INVALID'));
		const ext = extOf(file.filename);
		if (!V1_EXTENSIONS[ext]) return ctx.v1err(v1err('PARAMS_INVALID'));
		if (file.size > opts.v1UploadMaxBytes) return ctx.v1err(v1err('APIKEY_FILE_SIZE_EXCEEDED'));
		// ZIP uploads (LoadImages(zip).upload) are referenced by bare hash.
		const fileName = ext === 'zip' ? file.sha256 : `api/${file.sha256}.${ext}`;
		state.uploads.set(fileName, { api: 'v1', key: auth.key, filename: file.filename, size: file.size, md5: file.md5, ext });
		state.counters.uploads++;
		ctx.v1ok({ fileName, fileType: fileType || V1_EXTENSIONS[ext] });
	}

	async function v2Upload(ctx) {
		const parsed = await receiveMultipart(ctx, opts.uploadKeepBytes);
		if (parsed.error === 'aborted') return;
		logMultipart(ctx, parsed);
		const auth = authV2(ctx, 'util');
		if (!auth) return;
		if (parsed.error) return ctx.v2utilErr(1007, v2err(1007, 'multipart/form-data with a `file` field is required').msg);
		const file = parsed.files.find((f) => f.field === 'file');
		if (!file) return ctx.v2utilErr(1007, v2err(1007, "'file' is required").msg);
		if (file.size > opts.uploadMaxBytes) return ctx.v2utilErr(1008, v2err(1008).msg);
		const ext = extOf(file.filename) || 'bin';
		const rel = `uploads/${file.sha256}.${ext}`;
		state.fileStore.addStored(rel, ext, file.size, file.chunks);
		const fileName = `openapi/${file.sha256}.${ext}`;
		state.uploads.set(fileName, { api: 'v2', key: auth.key, filename: file.filename, size: file.size, md5: file.md5, ext, kept: !!file.chunks });
		state.counters.uploads++;
		ctx.v2util(0, 'success', { type: V2_KINDS[ext] || 'file', download_url: state.fileStore.urlFor(rel), fileName, size: String(file.size) }, 'message');
	}

	function loraSign(md5, expires) {
		return crypto.createHmac('sha256', state.secret).update(`lora\n${md5}\n${expires}`).digest('hex').slice(0, 32);
	}

	function loraUploadUrl(ctx) {
		const body = ctx.body || {};
		if (!authV1(ctx, [body.apiKey])) return;
		const blank = (v) => typeof v !== 'string' || v.trim() === '';
		if (blank(body.loraName) || blank(body.md5Hex)) return ctx.v1err(v1err('PARAMS_INVALID'));
		const md5 = body.md5Hex.trim().toLowerCase();
		const data = { fileName: `api-lora-cn/${md5}.safetensors` };
		// MD5 is the cache key: a known file needs no upload, so no URL is handed out.
		if (!state.loras.has(md5)) {
			const expires = Math.floor(Date.now() / 1000) + 3600;
			data.url = `${state.url}/__cos/lora/${md5}?expires=${expires}&sign=${loraSign(md5, expires)}`;
		}
		ctx.v1ok(data);
	}

	async function loraPut(ctx) {
		const md5Hex = decodeURIComponent(ctx.path.slice('/__cos/lora/'.length));
		const reject = async (status, code, message) => {
			await drain(ctx.req);
			sendCosError(ctx, status, code, message);
		};
		if (ctx.headers.authorization) return reject(403, 'AccessDenied', 'Authorization header is not allowed on a pre-signed URL');
		const expires = Number(ctx.query.expires);
		if (!ctx.query.sign || ctx.query.sign !== loraSign(md5Hex, ctx.query.expires)) {
			return reject(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided');
		}
		if (expires < Date.now() / 1000) return reject(403, 'AccessDenied', 'Request has expired');
		// The URL is signed for application/octet-stream; another type breaks the signature.
		const type = String(ctx.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
		if (type !== 'application/octet-stream') {
			return reject(403, 'SignatureDoesNotMatch', 'The request signature does not match: Content-Type must be application/octet-stream');
		}
		const hash = crypto.createHash('md5');
		let size = 0;
		const ok = await new Promise((resolve) => {
			ctx.req.on('data', (c) => {
				hash.update(c);
				size += c.length;
			});
			ctx.req.on('end', () => resolve(true));
			ctx.req.on('close', () => resolve(ctx.req.complete));
			ctx.req.on('error', () => resolve(false));
		});
		if (!ok) return;
		const md5 = hash.digest('hex');
		if (ctx.entry) ctx.entry.body = { size, md5 };
		if (md5 !== md5Hex) return sendCosError(ctx, 400, 'BadDigest', `The Content-MD5 you specified did not match what we received (expected ${md5Hex}, got ${md5})`);
		state.loras.set(md5, { size, time: new Date().toISOString() });
		state.counters.uploads++;
		ctx.send(200, { ETag: `"${md5}"`, 'x-cos-request-id': crypto.randomBytes(12).toString('hex') }, '');
	}

	return { v1Upload, v2Upload, loraUploadUrl, loraPut };
}

module.exports = { createUploads, receiveMultipart, drain, MB };
