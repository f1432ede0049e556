// Assertions on what n8n produced: the normalized RunningHub output (taskId, status, files)
// and binaries (mime type matching the extension, exact size as served by the emulator).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_NAME } from './paths.mjs';

const MIME_BY_EXT = {
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	webp: 'image/webp',
	gif: 'image/gif',
	mp4: 'video/mp4',
	webm: 'video/webm',
	mov: 'video/quicktime',
	mp3: 'audio/mpeg',
	wav: 'audio/wav',
	flac: 'audio/flac',
	glb: 'model/gltf-binary',
	txt: 'text/plain',
	json: 'application/json',
	zip: 'application/zip',
};

const MIME_ALIASES = {
	'audio/wav': ['audio/x-wav', 'audio/wave', 'audio/vnd.wave'],
	'audio/flac': ['audio/x-flac'],
	'model/gltf-binary': ['application/octet-stream'],
};

export function mimeMatches(ext, mime) {
	const want = MIME_BY_EXT[String(ext || '').toLowerCase()];
	if (!want) return !!mime;
	const got = String(mime || '').split(';')[0].trim().toLowerCase();
	return got === want || (MIME_ALIASES[want] || []).includes(got);
}

/** Bytes of a binary entry: the filesystem file (filesystem mode) or decoded base64 (memory mode). */
export function binarySize(binary, userFolder) {
	if (binary.id && /^filesystem(-v2)?:/.test(binary.id)) {
		const rel = binary.id.replace(/^filesystem(-v2)?:/, '');
		for (const base of [path.join(userFolder, '.n8n', 'binaryData'), path.join(userFolder, 'binaryData')]) {
			const f = path.join(base, rel);
			if (existsSync(f)) return statSync(f).size;
		}
		return null;
	}
	if (typeof binary.data === 'string' && binary.data.length > 0 && !binary.id) return Buffer.from(binary.data, 'base64').length;
	if (typeof binary.bytes === 'number') return binary.bytes;
	return null;
}

/** "12.3 kB" / "2 MB" / "512 B" → approximate bytes (for modes where the file is not reachable). */
function parsePrettySize(s) {
	const m = /^([\d.]+)\s*(B|kB|KB|MB|GB)$/i.exec(String(s || '').trim());
	if (!m) return null;
	const mult = { b: 1, kb: 1000, mb: 1e6, gb: 1e9 }[m[2].toLowerCase()];
	return Number(m[1]) * mult;
}

/** Output items of every node run in an IRun: [{ node, type, items, error }]. */
export function nodeOutputs(run, workflow) {
	const runData = run?.data?.resultData?.runData || {};
	const typeOf = Object.fromEntries((workflow?.nodes || run?.workflowData?.nodes || []).map((n) => [n.name, n.type]));
	const out = [];
	for (const [node, runs] of Object.entries(runData)) {
		for (const r of runs) {
			const items = (r.data?.main || []).flat().filter(Boolean);
			out.push({ node, type: typeOf[node] || '', items, error: r.error || null, status: r.executionStatus });
		}
	}
	return out;
}

/**
 * Sizes of the output files as served (HEAD on each `files[].url`), by file name. The
 * emulator does not count HEAD requests as downloads.
 */
async function servedSizes(outputs) {
	const map = new Map();
	const urls = new Set();
	for (const o of outputs) for (const item of o.items) for (const f of item.json?.files || []) if (typeof f?.url === 'string') urls.add(f.url);
	await Promise.all(
		[...urls].map(async (url) => {
			try {
				const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(5000) });
				const len = Number(res.headers.get('content-length'));
				if (res.ok && Number.isFinite(len)) {
					const name = decodeURIComponent(new URL(url).pathname.split('/').pop());
					map.set(name, { size: len, type: res.headers.get('content-type') });
				}
			} catch {
				// unreachable (real CDN offline): size is then only checked for > 0
			}
		}),
	);
	return map;
}

/**
 * Check one finished run: no errors, our nodes produced items with the normalized fields,
 * binaries have a matching mime type and the exact size the API served.
 * Returns { ok, problems[], items, binaries, tasks }.
 */
export async function checkRun(run, { workflow, userFolder, expect = {} } = {}) {
	const problems = [];
	if (!run) return { ok: false, problems: ['no run data (n8n printed no execution JSON)'], items: 0, binaries: 0, tasks: 0 };
	const resultError = run.data?.resultData?.error;
	if (resultError && !expect.allowErrors) problems.push(`workflow error: ${resultError.message}${resultError.description ? ` — ${resultError.description}` : ''}`);
	if (run.status && run.status !== 'success' && !expect.allowErrors) problems.push(`execution status ${run.status}`);

	const outputs = nodeOutputs(run, workflow);
	const ours = outputs.filter((o) => o.type.startsWith(`${PACKAGE_NAME}.`));
	const nodeParams = Object.fromEntries((workflow?.nodes || []).map((n) => [n.name, n.parameters || {}]));
	const emulatorFiles = await servedSizes(ours);
	if (!ours.length) problems.push('no RunningHub node ran');
	let items = 0;
	let binaries = 0;
	let tasks = 0;
	for (const o of ours) {
		if (o.error && !expect.allowErrors) problems.push(`${o.node}: ${o.error.message}`);
		if (!o.items.length && !expect.allowEmpty?.includes(o.node)) problems.push(`${o.node}: no output items`);
		o.items.forEach((item, i) => {
			items++;
			const j = item.json || {};
			const where = `${o.node}[${i}]`;
			if (j.error && !expect.allowErrors) problems.push(`${where}: error item: ${typeof j.error === 'string' ? j.error : JSON.stringify(j.error)}`);
			if (item.pairedItem === undefined) problems.push(`${where}: no pairedItem`);
			if ('taskId' in j) {
				tasks++;
				if (typeof j.taskId !== 'string' || !/^\d{6,}$/.test(j.taskId)) problems.push(`${where}: taskId ${JSON.stringify(j.taskId)} is not a string of digits`);
				if ('status' in j) {
					// "Return Immediately" (waitMode none) hands the task on unfinished.
					const immediate = nodeParams[o.node]?.waitMode === 'none';
					const want = expect.status?.[o.node] || (immediate ? ['QUEUED', 'RUNNING', 'SUCCESS'] : ['SUCCESS']);
					const wanted = Array.isArray(want) ? want : [want];
					if (!wanted.includes(j.status) && !expect.allowErrors) problems.push(`${where}: status ${j.status}, expected ${wanted.join('/')}`);
					if (j.status === 'SUCCESS' && !expect.noFiles?.includes(o.node)) {
						if (!Array.isArray(j.files)) problems.push(`${where}: files is not an array`);
						else if (!j.files.length && !(Array.isArray(j.texts) && j.texts.length) && !j.text) problems.push(`${where}: SUCCESS without files`);
						else {
							j.files.forEach((f, k) => {
								if (!f || typeof f.url !== 'string' || !/^https?:\/\//.test(f.url)) problems.push(`${where}.files[${k}]: no url`);
							});
						}
					}
				}
			}
			for (const [prop, bin] of Object.entries(item.binary || {})) {
				binaries++;
				const bw = `${where}.binary.${prop}`;
				const ext = bin.fileExtension || path.extname(bin.fileName || '').slice(1);
				if (!bin.mimeType) problems.push(`${bw}: no mimeType`);
				else if (!mimeMatches(ext, bin.mimeType)) problems.push(`${bw}: mimeType ${bin.mimeType} does not match .${ext}`);
				if (!bin.fileName) problems.push(`${bw}: no fileName`);
				const size = userFolder ? binarySize(bin, userFolder) : null;
				// Match the binary to its file: by name, else data → files[0], data_1 → files[1] …
				let served = bin.fileName ? emulatorFiles.get(bin.fileName) : undefined;
				if (!served && Array.isArray(j.files)) {
					const k = /_(\d+)$/.test(prop) ? Number(/_(\d+)$/.exec(prop)[1]) : 0;
					const url = j.files[k]?.url;
					if (url) served = emulatorFiles.get(decodeURIComponent(new URL(url).pathname.split('/').pop()));
				}
				if (size !== null) {
					if (size <= 0) problems.push(`${bw}: empty file`);
					if (served && served.size !== size) problems.push(`${bw}: ${size} bytes, the emulator served ${served.size}`);
				} else {
					const approx = parsePrettySize(bin.fileSize);
					if (!approx) problems.push(`${bw}: size unknown (fileSize ${JSON.stringify(bin.fileSize)})`);
					else if (served && Math.abs(approx - served.size) > Math.max(0.06 * served.size, 100)) {
						problems.push(`${bw}: fileSize ${bin.fileSize}, the emulator served ${served.size} bytes`);
					}
				}
			}
		});
	}
	if (expect.minBinaries && binaries < expect.minBinaries) problems.push(`${binaries} binaries, expected at least ${expect.minBinaries}`);
	if (expect.minTasks && tasks < expect.minTasks) problems.push(`${tasks} task results, expected at least ${expect.minTasks}`);
	if (expect.items !== undefined && items !== expect.items) problems.push(`${items} items, expected ${expect.items}`);
	return { ok: problems.length === 0, problems, items, binaries, tasks };
}
