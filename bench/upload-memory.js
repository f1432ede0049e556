#!/usr/bin/env node
// Memory cost of uploading a 30 MB binary through the real Upload File node code path
// (Upload Media: v2 multipart; Upload Resource: v1 multipart with the apiKey form field).
//
// What runs: n8n-core's WorkflowExecute through the test harness (test/support/harness.ts),
// the RunningHub Upload File node from source, n8n's filesystem binary-data mode, and the
// RunningHub emulator in a child process (so its own buffers do not count here).
//
// What is measured, in this process only: process.memoryUsage().rss and .arrayBuffers,
// sampled every 2 ms while the node runs, against a baseline taken after the 30 MB file was
// written to n8n's binary store and a warm-up upload had loaded every code path. Also the
// size of the chunks n8n's binary store hands to the upload stream.
//
// Usage: node bench/upload-memory.js [--size-mb N] [--runs N] [--json]
// Plain Node 20, no build needed: TypeScript sources are transpiled on the fly.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const { Readable } = require('stream');
const ts = require('typescript');

const args = process.argv.slice(2);
const arg = (name, fallback) => {
	const i = args.indexOf(name);
	return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
};
const SIZE_MB = arg('--size-mb', 30);
const RUNS = arg('--runs', 3);
// Scale check: one Upload Media of a file this many times larger. If memory followed the file
// size, it would show here; a streamed upload stays flat.
const SCALE = arg('--scale', 4);
const AS_JSON = args.includes('--json');
// Experiment switch: send without axios' redirect follower (follow-redirects keeps a copy of
// every request-body chunk so it can replay the body after a redirect).
const NO_REDIRECTS = args.includes('--no-redirects');
const MB = 1024 * 1024;
const SAMPLE_MS = 2;
const { memorySampler, settleGc } = require('./lib/memory');

// n8n-core reads its configuration when first loaded: filesystem binary mode, like a default n8n.
const userFolder = path.join(os.tmpdir(), 'n8n-nodes-runninghub-bench');
process.env.N8N_USER_FOLDER = userFolder;
process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
process.env.N8N_BINARY_DATA_STORAGE_PATH = path.join(userFolder, 'binaryData');


require.extensions['.ts'] = function compileTs(module, filename) {
	const source = fs.readFileSync(filename, 'utf8');
	const { outputText } = ts.transpileModule(source, {
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2019, esModuleInterop: true, resolveJsonModule: true },
		fileName: filename,
	});
	module._compile(outputText, filename);
};

const root = path.resolve(__dirname, '..');
if (NO_REDIRECTS) require('axios').default.defaults.maxRedirects = 0;
const { Container } = require('@n8n/di');
const { BinaryDataService } = require('n8n-core');
const { runWorkflow } = require(path.join(root, 'test/support/harness.ts'));
const { BinaryInput, filesNode } = require(path.join(root, 'test/support/binaryInputNode.ts'));
const { RunningHubUploadFile } = require(path.join(root, 'nodes/RunningHubUploadFile/RunningHubUploadFile.node.ts'));
const { KEYS } = require(path.join(root, 'test/emulator/keys.js'));

function startEmulator() {
	// In a child process, with uploads accepted up to 1 GB and not kept, so the scale check
	// can send more than the usual 30 MB.
	const code = `
		const { createEmulator } = require(${JSON.stringify(path.join(root, 'test/emulator/index.js'))});
		createEmulator({ timing: { queuedMs: 50, runningMs: 100 }, uploadMaxBytes: 1024 * 1024 * 1024, uploadKeepBytes: 0 })
			.then((emu) => console.log('listening on ' + emu.url));
	`;
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
		let out = '';
		child.stdout.on('data', (chunk) => {
			out += chunk;
			const match = /listening on (http:\/\/\S+)/.exec(out);
			if (match) resolve({ url: match[1], close: () => child.kill() });
		});
		child.on('exit', (code) => reject(new Error(`emulator exited (${code}): ${out}`)));
	});
}

/** Records the chunk sizes n8n's binary store streams to the upload. */
const chunkSizes = [];
const originalGetAsStream = BinaryDataService.prototype.getAsStream;
BinaryDataService.prototype.getAsStream = async function (...params) {
	const stream = await originalGetAsStream.apply(this, params);
	return Readable.from(
		(async function* () {
			for await (const chunk of stream) {
				chunkSizes.push(chunk.length);
				yield chunk;
			}
		})(),
		{ objectMode: false },
	);
};


const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const max = (values) => values.reduce((a, b) => Math.max(a, b), 0);
const mb = (bytes) => Math.round((bytes / MB) * 10) / 10;


async function measure(label, run) {
	await settleGc();
	const base = memorySampler(SAMPLE_MS);
	await new Promise((resolve) => setTimeout(resolve, 200));
	const baseline = base.stop();
	const during = memorySampler(SAMPLE_MS);
	chunkSizes.length = 0;
	const started = Date.now();
	const result = await run();
	const elapsedMs = Date.now() - started;
	const samples = during.stop();
	if (result.error) throw new Error(`${label}: ${result.error.message}`);
	const rssBase = median(baseline.map((s) => s.rss));
	const abBase = median(baseline.map((s) => s.arrayBuffers));
	return {
		label,
		elapsedMs,
		samples: samples.length,
		rssBaselineMb: mb(rssBase),
		peakRssGrowthMb: mb(max(samples.map((s) => s.rss)) - rssBase),
		peakArrayBuffersGrowthMb: mb(max(samples.map((s) => s.arrayBuffers)) - abBase),
		peakHeapUsedGrowthMb: mb(max(samples.map((s) => s.heapUsed)) - median(baseline.map((s) => s.heapUsed))),
		chunks: chunkSizes.length,
		maxChunkBytes: max(chunkSizes),
		output: result.output('Upload')[0].json,
	};
}

async function main() {
	const emulator = await startEmulator();
	const credentials = { runningHubApi: { site: 'custom', baseUrl: emulator.url, apiKey: KEYS.shared } };
	const nodeTypes = { binaryInput: new BinaryInput(), runningHubUploadFile: new RunningHubUploadFile() };
	try {
		// The file is generated into n8n's binary store once; uploads reference it by id.
		const make = async (sizeBytes, fileName) => {
			const made = await runWorkflow({ nodeTypes, nodes: [filesNode([{ property: 'data', fileName, mimeType: 'video/mp4', size: sizeBytes }])], credentials });
			return made.output('Files')[0].binary;
		};
		const small = await make(1 * MB, 'warmup.mp4');
		const big = await make(SIZE_MB * MB, 'clip.mp4');
		await Container.get(BinaryDataService).getMetadata(big.data.id);

		const upload = (operation, binary) =>
			runWorkflow({
				nodeTypes,
				nodes: [{ name: 'Upload', type: 'n8n-nodes-runninghub.runningHubUploadFile', parameters: { operation, mediaOptions: { maxSizeMb: 500 } } }],
				credentials,
				items: [{ json: {}, binary }],
			});

		const results = [];
		for (const operation of ['uploadMedia', 'uploadResource']) {
			await upload(operation, small); // warm-up: load every code path once
			for (let run = 1; run <= RUNS; run++) results.push({ operation, run, sizeMb: SIZE_MB, ...(await measure(`${operation} #${run}`, () => upload(operation, big))) });
		}
		if (SCALE > 1) {
			const huge = await make(SIZE_MB * SCALE * MB, 'long-clip.mp4');
			results.push({ operation: 'uploadMedia', run: 'scale', sizeMb: SIZE_MB * SCALE, ...(await measure('uploadMedia scale', () => upload('uploadMedia', huge))) });
		}

		const summary = {
			fileSizeMb: SIZE_MB,
			node: process.version,
			binaryDataMode: 'filesystem',
			sampleEveryMs: SAMPLE_MS,
			results: results.map(({ output, ...rest }) => ({ ...rest, uploadedSize: output.size })),
		};
		if (AS_JSON) {
			process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
			return;
		}
		console.log(`Upload of a ${SIZE_MB} MB binary (n8n filesystem binary mode, ${process.version}), memory sampled every ${SAMPLE_MS} ms`);
		console.log('operation       run    file     time     peak RSS growth  peak arrayBuffers growth  peak heap growth  chunks  max chunk');
		for (const r of summary.results) {
			console.log(
				`${r.operation.padEnd(15)} ${String(r.run).padEnd(6)} ${`${r.sizeMb} MB`.padEnd(8)} ${`${r.elapsedMs} ms`.padEnd(8)} ${`${r.peakRssGrowthMb} MB`.padEnd(16)} ${`${r.peakArrayBuffersGrowthMb} MB`.padEnd(25)} ${`${r.peakHeapUsedGrowthMb} MB`.padEnd(17)} ${String(r.chunks).padEnd(7)} ${r.maxChunkBytes / 1024} KiB`,
			);
		}
		const main = summary.results.filter((r) => r.sizeMb === SIZE_MB);
		const worst = max(main.map((r) => r.peakRssGrowthMb));
		const worstAb = max(main.map((r) => r.peakArrayBuffersGrowthMb));
		console.log(`\n${SIZE_MB} MB file: worst peak RSS growth ${worst} MB, worst peak arrayBuffers growth ${worstAb} MB (baseline RSS ${summary.results[0].rssBaselineMb} MB).`);
		const scale = summary.results.find((r) => r.run === 'scale');
		if (scale) console.log(`${scale.sizeMb} MB file: peak RSS growth ${scale.peakRssGrowthMb} MB, peak arrayBuffers growth ${scale.peakArrayBuffersGrowthMb} MB: memory does not follow the file size.`);
		console.log(`The file reaches the socket in ${summary.results[0].maxChunkBytes / 1024} KiB chunks read from n8n's binary store; arrayBuffers includes chunks already sent but not yet garbage-collected.`);
	} finally {
		emulator.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
