#!/usr/bin/env node
// Batch throughput of Run Workflow (issue #8, benchmark 1).
//
// 24 items, emulated task duration d, account concurrency 4. Reports wall time / lower bound,
// where the lower bound is ceil(24/4)·d, for:
//   - the shared scheduler (Run Workflow, Max Concurrent Tasks 0 = read from the queue status);
//   - the same batch one task at a time (Max Concurrent Tasks 1);
//   - all items fired at once without a scheduler (a plain declarative node): 421 rejections.
//
// Time compression: every scenario is divided by the factor that turns its poll interval into
// 0.1 s (the node's minimum): ×50 for the default 5 s, so a 60 s task polled every 5 s runs as
// 1.2 s polled every 0.1 s. The ratio depends on d / poll interval, not on the scale.
//
// Scenarios are "task seconds @ poll seconds" (real time); the defaults are the node's default
// poll interval with 60 s and 5 min tasks, plus 60 s tasks with Poll Interval lowered to 2 s.
//
// Usage: node bench/throughput.js [--json] [--items 24] [--concurrency 4] [--scenarios 60@5,300@5,60@2] [--serial 60] [--quick]
'use strict';

const { setupN8n, load, startEmulator, round, mean, output } = require('./lib/common');

setupN8n('throughput');
const args = process.argv.slice(2);
const arg = (name, fallback) => {
	const i = args.indexOf(name);
	return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const QUICK = args.includes('--quick');
const ITEMS = Number(arg('--items', 24));
const CONCURRENCY = Number(arg('--concurrency', 4));
const SCENARIOS = String(arg('--scenarios', QUICK ? '60@5' : '60@5,300@5,60@2'))
	.split(',')
	.map((spec) => spec.split('@').map(Number))
	.map(([taskSeconds, pollSeconds]) => ({ taskSeconds, pollSeconds: pollSeconds || 5 }));
const SERIAL = Number(arg('--serial', 60)); // real seconds at the default poll interval; 0 = skip
const POLL_REAL_S = 5; // the node's default first poll interval
const MIN_POLL_S = 0.1; // the node's minimum Poll Interval
const COMPRESS = POLL_REAL_S / MIN_POLL_S;

const { runWorkflow } = load('test/support/harness.ts');
const { RunningHubRunWorkflow } = load('nodes/RunningHubRunWorkflow/RunningHubRunWorkflow.node.ts');
const { KEYS, WORKFLOWS } = load('test/emulator/index.js');
const { PlainDeclarativeRunWorkflow } = require('./lib/plainDeclarativeNode');

const KEY = KEYS.shared;

function runParams(maxConcurrency, pollSeconds, downloadOutputs = false) {
	return {
		resource: 'workflow',
		operation: 'run',
		workflowId: { __rl: true, mode: 'id', value: WORKFLOWS.image },
		inputMode: 'define',
		workflowInputs: { mappingMode: 'defineBelow', value: { '6.text': '={{ $json.prompt }}' }, matchingColumns: [], schema: [], attemptToConvertTypes: false, convertFieldsToString: false },
		waitMode: 'poll',
		downloadOutputs,
		waitingOptions: { maxConcurrency, pollInterval: pollSeconds, timeoutMinutes: 120 },
	};
}

async function measureRun(emu, label, nodes, nodeTypes) {
	await emu.reset();
	const items = Array.from({ length: ITEMS }, (_, i) => ({ json: { prompt: `${label} item ${i}` } }));
	const started = Date.now();
	const result = await runWorkflow({ nodeTypes, nodes, credentials: { runningHubApi: { site: 'custom', baseUrl: emu.url, apiKey: KEY } }, items });
	const wallMs = Date.now() - started;
	const state = await emu.state();
	const out = result.run.data.resultData.runData[nodes[0].name]?.[0]?.data?.main?.[0] ?? [];
	return { wallMs, result, out, state };
}

/** When the scheduler learnt that each task had finished: the first status check at or after its end. */
function detectionDelays(state) {
	const queries = state.log.filter((e) => e.path === '/openapi/v2/query');
	return state.tasks
		.filter((t) => t.endedAt)
		.map((t) => {
			const seen = queries.find((q) => q.taskId === t.taskId && q.time >= t.endedAt);
			return seen ? seen.time - t.endedAt : NaN;
		})
		.filter(Number.isFinite);
}

/** Time from the status check that saw a task end to the next submit (how fast a freed slot is refilled). */
function refillGaps(state) {
	const queries = state.log.filter((e) => e.path === '/openapi/v2/query');
	const creates = state.log.filter((e) => e.path === '/task/openapi/create').map((e) => e.time).sort((a, b) => a - b);
	const seen = state.tasks
		.filter((t) => t.endedAt)
		.map((t) => queries.find((q) => q.taskId === t.taskId && q.time >= t.endedAt)?.time)
		.filter((time) => time !== undefined)
		.sort((a, b) => a - b);
	const gaps = [];
	for (const time of seen.slice(0, Math.max(0, creates.length - CONCURRENCY))) {
		const next = creates.find((c) => c >= time);
		if (next !== undefined) gaps.push(next - time);
	}
	return gaps;
}

async function main() {
	const emu = await startEmulator({ timing: { queuedMs: 0, runningMs: 1000 }, keys: { [KEY]: { concurrency: CONCURRENCY } } });
	const nodeTypes = { runningHubRunWorkflow: new RunningHubRunWorkflow() };
	const scenarios = [];
	try {
		const waves = Math.ceil(ITEMS / CONCURRENCY);
		for (const { taskSeconds: realSeconds, pollSeconds: realPoll } of SCENARIOS) {
			const compress = realPoll / MIN_POLL_S;
			const d = (realSeconds * 1000) / compress;
			await emu.setTiming({ queuedMs: 0, runningMs: d });
			const { wallMs, out, state, result } = await measureRun(emu, `scheduler-${realSeconds}-${realPoll}`, [{ name: 'Run', type: 'n8n-nodes-runninghub.runningHubRunWorkflow', parameters: runParams(0, MIN_POLL_S) }], nodeTypes);
			if (result.error) throw result.error;
			const bound = waves * d;
			const delays = detectionDelays(state);
			scenarios.push({
				scenario: 'scheduler',
				taskSeconds: realSeconds,
				pollSeconds: realPoll,
				compress,
				dOverPoll: realSeconds / realPoll,
				compressedTaskMs: d,
				compressedPollMs: MIN_POLL_S * 1000,
				items: ITEMS,
				concurrency: CONCURRENCY,
				wallMs,
				lowerBoundMs: bound,
				ratio: round(wallMs / bound, 3),
				succeeded: out.filter((o) => o.json.status === 'SUCCESS').length,
				tasksCreated: state.counters.createsByKey[KEY] ?? 0,
				maxConcurrentRunning: state.counters.maxConcurrentRunningByKey[KEY] ?? 0,
				rejected421: state.counters.rejected421,
				statusChecksPerTask: round(state.counters.polls / ITEMS, 1),
				meanDetectionDelayMs: round(mean(delays), 1),
				meanDetectionDelayRealS: round((mean(delays) * compress) / 1000, 1),
				meanRefillGapMs: round(mean(refillGaps(state)), 1),
			});
		}

		if (SERIAL > 0 && !QUICK) {
			const d = (SERIAL * 1000) / COMPRESS;
			await emu.setTiming({ queuedMs: 0, runningMs: d });
			const { wallMs, out, state, result } = await measureRun(emu, 'serial', [{ name: 'Run', type: 'n8n-nodes-runninghub.runningHubRunWorkflow', parameters: runParams(1, MIN_POLL_S) }], nodeTypes);
			if (result.error) throw result.error;
			scenarios.push({
				scenario: 'serial',
				taskSeconds: SERIAL,
				pollSeconds: POLL_REAL_S,
				compress: COMPRESS,
				compressedTaskMs: d,
				items: ITEMS,
				concurrency: 1,
				wallMs,
				lowerBoundMs: waves * d,
				ratio: round(wallMs / (waves * d), 3),
				serialBoundMs: ITEMS * d,
				ratioToSerialBound: round(wallMs / (ITEMS * d), 3),
				succeeded: out.filter((o) => o.json.status === 'SUCCESS').length,
				tasksCreated: state.counters.createsByKey[KEY] ?? 0,
				maxConcurrentRunning: state.counters.maxConcurrentRunningByKey[KEY] ?? 0,
				rejected421: state.counters.rejected421,
			});
		}

		{
			const realSeconds = SCENARIOS[0].taskSeconds;
			const d = (realSeconds * 1000) / COMPRESS;
			await emu.setTiming({ queuedMs: 0, runningMs: d });
			const plainTypes = { plainDeclarativeRunWorkflow: new PlainDeclarativeRunWorkflow() };
			const nodes = [{ name: 'Plain', type: 'n8n-nodes-runninghub.plainDeclarativeRunWorkflow', parameters: { workflowId: WORKFLOWS.image, prompt: '={{ $json.prompt }}' } }];
			const { wallMs, out, state, result } = await measureRun(emu, 'plain', nodes, plainTypes);
			const codes = {};
			for (const o of out) {
				const code = String(o.json.code ?? 'error');
				codes[code] = (codes[code] ?? 0) + 1;
			}
			scenarios.push({
				scenario: 'allAtOnce',
				taskSeconds: realSeconds,
				compress: COMPRESS,
				compressedTaskMs: d,
				items: ITEMS,
				concurrency: CONCURRENCY,
				wallMs,
				runError: result.error ? result.error.message : undefined,
				tasksCreated: state.counters.createsByKey[KEY] ?? 0,
				rejected421: state.counters.rejected421,
				responseCodes: codes,
				resultsDelivered: 0,
			});
		}
	} finally {
		await emu.close();
	}

	const result = { compress: COMPRESS, node: process.version, scenarios };
	const lines = [`Run Workflow batch throughput: ${ITEMS} items, account concurrency ${CONCURRENCY}, time compressed so that the poll interval is ${MIN_POLL_S * 1000} ms`];
	for (const s of scenarios) {
		if (s.scenario === 'allAtOnce') lines.push(`  all at once (plain declarative node), d=${s.taskSeconds} s: ${s.tasksCreated} tasks created, ${s.rejected421} rejected with 421, no results (responses: ${JSON.stringify(s.responseCodes)})`);
		else if (s.scenario === 'serial') lines.push(`  serial (one at a time), d=${s.taskSeconds} s: wall ${s.wallMs} ms = ${s.ratio}× the parallel lower bound, ${s.ratioToSerialBound}× 24·d`);
		else lines.push(`  scheduler, d=${s.taskSeconds} s, poll ${s.pollSeconds} s (d/poll ${s.dOverPoll}, ×${s.compress}): wall ${s.wallMs} ms / lower bound ${s.lowerBoundMs} ms = ${s.ratio} (max running ${s.maxConcurrentRunning}, 421s ${s.rejected421}, ${s.statusChecksPerTask} checks/task, detection delay ${s.meanDetectionDelayMs} ms ≈ ${s.meanDetectionDelayRealS} s real)`);
	}
	output(result, lines);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
