#!/usr/bin/env node
// Polling cost (issue #8, benchmark 2): API requests per task and the delay between a task
// finishing in the emulator and the node seeing it, for short (5 s) and long (5 min) tasks,
// with the node's default poll interval (5 s, then about a tenth of the time already waited, up to 4×). Compared
// with a callback: the task's webhookUrl points at the RunningHub Trigger (real n8n-core
// WebhookContext), which answers at once and starts the workflow; the trigger's first step
// in that execution makes one verification query (zero polls).
//
// The short task runs in real time; the same short task and the long one also run time
// compressed (durations and poll interval ÷ --compress, default 50), which leaves request
// counts and relative delays unchanged. Delays are reported in real seconds.
//
// Each scenario runs --tasks tasks whose durations spread ±10 % around the nominal one.
//
// Usage: node bench/polling.js [--json] [--compress 50] [--tasks 8] [--quick]
'use strict';

const { setupN8n, load, startEmulator, round, mean, max, sleep, output } = require('./lib/common');

setupN8n('polling');
const args = process.argv.slice(2);
const arg = (name, fallback) => {
	const i = args.indexOf(name);
	return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
};
const QUICK = args.includes('--quick');
const COMPRESS = arg('--compress', 50);
const TASKS = arg('--tasks', 8);
const POLL_REAL_S = 5;

const { runWorkflow } = load('test/support/harness.ts');
const { RunningHubRunWorkflow } = load('nodes/RunningHubRunWorkflow/RunningHubRunWorkflow.node.ts');
const { KEYS, WORKFLOWS } = load('test/emulator/index.js');
const { TriggerHost } = load('test/reliability/triggerHost.ts');

const KEY = KEYS.shared;
const nodeTypes = { runningHubRunWorkflow: new RunningHubRunWorkflow() };

function params(pollSeconds, extra = {}) {
	return {
		resource: 'workflow',
		operation: 'run',
		workflowId: { __rl: true, mode: 'id', value: WORKFLOWS.image },
		inputMode: 'define',
		workflowInputs: { mappingMode: 'defineBelow', value: { '6.text': '={{ $json.prompt }}' }, matchingColumns: [], schema: [], attemptToConvertTypes: false, convertFieldsToString: false },
		waitMode: 'poll',
		downloadOutputs: false,
		waitingOptions: { maxConcurrency: TASKS, pollInterval: pollSeconds, timeoutMinutes: 120 },
		...extra,
	};
}

/**
 * Task i runs d·(0.9 + 0.2·i/(n-1)): durations spread over ±10 % around d, so the tasks end at
 * different phases of the poll schedule and the mean delay is not an artefact of one phase.
 */
function durationOf(i, d) {
	return Math.round(d * (0.9 + (0.2 * i) / Math.max(1, TASKS - 1)));
}

function run(emu, parameters, label, d) {
	return runWorkflow({
		nodeTypes,
		nodes: [{ name: 'Run', type: 'n8n-nodes-runninghub.runningHubRunWorkflow', parameters }],
		credentials: { runningHubApi: { site: 'custom', baseUrl: emu.url, apiKey: KEY } },
		items: Array.from({ length: TASKS }, (_, i) => ({ json: { prompt: `${label} ${i} [ms:${durationOf(i, d)}]` } })),
	});
}

function requestBreakdown(state) {
	const api = state.log.filter((e) => !e.path.startsWith('/__'));
	const submits = api.filter((e) => e.path === '/task/openapi/create').length;
	const checks = api.filter((e) => e.path === '/openapi/v2/query').length;
	return { total: api.length, submits, statusChecks: checks, other: api.length - submits - checks };
}

async function pollScenario(emu, name, realTaskSeconds, compress) {
	const d = (realTaskSeconds * 1000) / compress;
	const poll = POLL_REAL_S / compress;
	await emu.reset();
	await emu.setTiming({ queuedMs: 0, runningMs: d });
	const started = Date.now();
	const result = await run(emu, params(poll), name, d);
	if (result.error) throw result.error;
	const wallMs = Date.now() - started;
	const state = await emu.state();
	const queries = state.log.filter((e) => e.path === '/openapi/v2/query');
	const delays = state.tasks.map((t) => {
		const seen = queries.find((q) => q.taskId === t.taskId && q.time >= t.endedAt);
		return seen ? seen.time - t.endedAt : NaN;
	});
	const perTask = state.tasks.map((t) => queries.filter((q) => q.taskId === t.taskId).length);
	const requests = requestBreakdown(state);
	return {
		scenario: name,
		mode: 'poll',
		taskSeconds: realTaskSeconds,
		compress,
		tasks: TASKS,
		wallMs,
		requestsPerTask: round(requests.total / TASKS, 2),
		statusChecksPerTask: round(mean(perTask), 2),
		statusChecksMax: max(perTask),
		otherRequestsPerRun: requests.other,
		meanDelayRealS: round((mean(delays) * compress) / 1000, 2),
		maxDelayRealS: round((max(delays) * compress) / 1000, 2),
		meanDelayPctOfTask: round((mean(delays) / d) * 100, 1),
	};
}

async function callbackScenario(emu, realTaskSeconds, compress) {
	const d = (realTaskSeconds * 1000) / compress;
	await emu.reset();
	await emu.setTiming({ queuedMs: 0, runningMs: d });
	const host = await new TriggerHost({ baseUrl: emu.url, apiKey: KEY }).start();
	try {
		const result = await run(emu, params(POLL_REAL_S / compress, { waitMode: 'none', options: { webhookUrl: host.webhookUrl } }), 'callback', d);
		if (result.error) throw result.error;
		const deadline = Date.now() + d + 30000;
		while (host.executions.length < TASKS && Date.now() < deadline) await sleep(5);
		await sleep(100);
		const state = await emu.state();
		const requests = requestBreakdown(state);
		const byTask = new Map(state.tasks.map((t) => [t.taskId, t]));
		const delays = host.executions.map((items, i) => host.executionTimes[i] - byTask.get(String(items[0].json.taskId)).endedAt);
		return {
			scenario: 'callback (Trigger)',
			mode: 'callback',
			taskSeconds: realTaskSeconds,
			compress,
			tasks: TASKS,
			executions: host.executions.length,
			requestsPerTask: round(requests.total / TASKS, 2),
			statusChecksPerTask: round(requests.statusChecks / TASKS, 2),
			statusChecksNote: 'one verification query per callback, made by the trigger in the execution it starts',
			otherRequestsPerRun: requests.other,
			webhookDeliveries: state.counters.webhookDeliveries,
			meanDelayMs: round(mean(delays), 1),
			maxDelayMs: round(max(delays), 1),
		};
	} finally {
		await host.close();
	}
}

function resumeModeAvailable() {
	const property = new RunningHubRunWorkflow().description.properties.find((p) => p.name === 'waitMode');
	return Boolean(property?.options?.some((o) => o.value === 'resume'));
}

async function main() {
	const emu = await startEmulator({ timing: { queuedMs: 0, runningMs: 1000 }, webhook: { timeoutMs: 5000, retries: 2, retryDelayMs: 200 } });
	const scenarios = [];
	try {
		if (!QUICK) scenarios.push(await pollScenario(emu, 'short 5 s (real time)', 5, 1));
		scenarios.push(await pollScenario(emu, `short 5 s (×${COMPRESS})`, 5, COMPRESS));
		scenarios.push(await pollScenario(emu, `long 5 min (×${COMPRESS})`, 300, COMPRESS));
		scenarios.push(await callbackScenario(emu, 300, COMPRESS));
	} finally {
		await emu.close();
	}
	const result = { pollIntervalSeconds: POLL_REAL_S, resumeModeAvailable: resumeModeAvailable(), node: process.version, scenarios };
	const lines = [`Polling cost per task (${TASKS} tasks per scenario, durations ±10 % around the nominal one, default poll interval ${POLL_REAL_S} s then about a tenth of the time already waited, up to ${POLL_REAL_S * 4} s)`];
	for (const s of scenarios) {
		if (s.mode === 'poll') lines.push(`  ${s.scenario}: ${s.requestsPerTask} requests/task (${s.statusChecksPerTask} status checks, max ${s.statusChecksMax}); finish → seen: mean ${s.meanDelayRealS} s, max ${s.maxDelayRealS} s (${s.meanDelayPctOfTask}% of the task)`);
		else lines.push(`  ${s.scenario}: ${s.requestsPerTask} requests/task (0 polls; ${s.statusChecksPerTask} verification query); finish → verified result in the execution: mean ${s.meanDelayMs} ms, max ${s.maxDelayMs} ms`);
	}
	lines.push(`  Resume on Callback in Run Workflow: ${result.resumeModeAvailable ? 'available (not driven by this benchmark: it needs n8n\'s waiting-execution machinery)' : 'not available yet'}`);
	output(result, lines);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
