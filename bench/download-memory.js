#!/usr/bin/env node
// Memory cost of downloading a large task output into a binary property (issue #8,
// benchmark 3): Run Workflow polls a task whose output is N bytes (emulator magic token
// `[bytes:N]`) and downloads it with Download Outputs on, in n8n's filesystem binary mode.
//
// What runs: n8n-core's WorkflowExecute through the test harness, the Run Workflow node from
// source, and the RunningHub emulator in a child process (it streams the file in 64 KB chunks
// without buffering; its memory does not count here).
//
// What is measured, in this process only: process.memoryUsage().rss / arrayBuffers / heapUsed
// sampled every 2 ms while the node runs, against a baseline taken after a warm-up run (1 MB)
// has loaded every code path. The stored binary is checked for its size, then deleted.
//
// Usage: node bench/download-memory.js [--size-mb 500] [--scale-mb 50] [--json]
'use strict';

const fs = require('fs');
const { setupN8n, load, startEmulator, MB, round, max, median, sleep, output } = require('./lib/common');

const { binaryDataPath } = setupN8n('download-memory');
const args = process.argv.slice(2);
const arg = (name, fallback) => {
	const i = args.indexOf(name);
	return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
};
const SIZE_MB = arg('--size-mb', 500);
const SCALE_MB = arg('--scale-mb', 50);
const SAMPLE_MS = 2;
const { memorySampler, settleGc } = require('./lib/memory');


const { runWorkflow } = load('test/support/harness.ts');
const { RunningHubRunWorkflow } = load('nodes/RunningHubRunWorkflow/RunningHubRunWorkflow.node.ts');
const { KEYS, WORKFLOWS } = load('test/emulator/index.js');
const { Container } = require('@n8n/di');
const { BinaryDataService } = require('n8n-core');



function download(emu, bytes) {
	return runWorkflow({
		nodeTypes: { runningHubRunWorkflow: new RunningHubRunWorkflow() },
		nodes: [
			{
				name: 'Run',
				type: 'n8n-nodes-runninghub.runningHubRunWorkflow',
				parameters: {
					resource: 'workflow',
					operation: 'run',
					workflowId: { __rl: true, mode: 'id', value: WORKFLOWS.image },
					inputMode: 'define',
					workflowInputs: { mappingMode: 'defineBelow', value: { '6.text': `a very large picture [bytes:${bytes}]` }, matchingColumns: [], schema: [], attemptToConvertTypes: false, convertFieldsToString: false },
					waitMode: 'poll',
					downloadOutputs: true,
					waitingOptions: { maxConcurrency: 1, pollInterval: 0.1, timeoutMinutes: 10 },
				},
			},
		],
		credentials: { runningHubApi: { site: 'custom', baseUrl: emu.url, apiKey: KEYS.shared } },
	});
}

async function measure(emu, sizeMb) {
	await settleGc();
	const base = memorySampler(SAMPLE_MS);
	await sleep(200);
	const baseline = base.stop();
	const during = memorySampler(SAMPLE_MS);
	const started = Date.now();
	const result = await download(emu, sizeMb * MB);
	const elapsedMs = Date.now() - started;
	const samples = during.stop();
	if (result.error) throw result.error;
	const binary = result.output('Run')[0].binary.data;
	const stored = (await Container.get(BinaryDataService).getMetadata(binary.id)).fileSize;
	await Container.get(BinaryDataService).deleteMany?.([{ type: 'execution', workflowId: 'wf-test', executionId: 'exec-1' }]).catch(() => undefined);
	const rssBase = median(baseline.map((s) => s.rss));
	return {
		sizeMb,
		elapsedMs,
		mbPerSecond: round(sizeMb / (elapsedMs / 1000), 1),
		storedBytes: Number(stored ?? binary.bytes),
		mimeType: binary.mimeType,
		samples: samples.length,
		rssBaselineMb: round(rssBase / MB, 1),
		peakRssGrowthMb: round((max(samples.map((s) => s.rss)) - rssBase) / MB, 1),
		peakArrayBuffersGrowthMb: round((max(samples.map((s) => s.arrayBuffers)) - median(baseline.map((s) => s.arrayBuffers))) / MB, 1),
		peakHeapUsedGrowthMb: round((max(samples.map((s) => s.heapUsed)) - median(baseline.map((s) => s.heapUsed))) / MB, 1),
	};
}

async function main() {
	const emu = await startEmulator({ timing: { queuedMs: 10, runningMs: 50 } });
	const results = [];
	try {
		await download(emu, MB); // warm-up: load every code path once
		if (SCALE_MB > 0) results.push(await measure(emu, SCALE_MB));
		results.push(await measure(emu, SIZE_MB));
	} finally {
		await emu.close();
		fs.rmSync(binaryDataPath, { recursive: true, force: true });
	}
	for (const r of results) if (r.storedBytes !== r.sizeMb * MB) throw new Error(`stored ${r.storedBytes} bytes, expected ${r.sizeMb * MB}`);
	const main = results[results.length - 1];
	const summary = { node: process.version, binaryDataMode: 'filesystem', sampleEveryMs: SAMPLE_MS, targetMb: 64, results };
	const lines = [`Download of a task output into a binary property (Run Workflow, n8n filesystem binary mode, ${process.version}), memory sampled every ${SAMPLE_MS} ms`];
	for (const r of results) {
		lines.push(`  ${r.sizeMb} MB: ${r.elapsedMs} ms (${r.mbPerSecond} MB/s), peak RSS growth ${r.peakRssGrowthMb} MB, arrayBuffers ${r.peakArrayBuffersGrowthMb} MB, heap ${r.peakHeapUsedGrowthMb} MB (baseline RSS ${r.rssBaselineMb} MB); stored ${r.storedBytes} bytes as ${r.mimeType}`);
	}
	lines.push(`  target: peak RSS growth < 64 MB for ${SIZE_MB} MB → ${main.peakRssGrowthMb < 64 ? 'met' : 'MISSED'}`);
	output(summary, lines);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
