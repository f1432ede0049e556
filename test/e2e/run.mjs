#!/usr/bin/env node
// End-to-end suite against a REAL n8n: `npm run test:e2e`.
//
// For each n8n line (N8N_E2E_VERSIONS, default "1.123.81,2.41.1"):
//   1. the packed package is installed into a fresh n8n user folder the way n8n installs
//      community packages; a credential pointing at the in-process RunningHub emulator and
//      every workflow in examples/ (+ test/e2e/workflows/) are imported with the n8n CLI;
//   2. `n8n execute --id --rawOutput` runs every manual workflow; outputs are checked
//      (normalized taskId/status/files, binaries with the right mime type and exact size);
//   3. `n8n start`: the RunningHub Trigger workflow is activated and the emulator calls it
//      back: a valid callback starts one execution, a forged one (no token) gets 401 and
//      starts nothing, a duplicate delivery starts no second execution; with every status
//      check slowed to 5 s and a 500 MB output the callback is answered within 2 s (the
//      time is printed) and the execution verifies and downloads afterwards; an API outage
//      during verification fails the execution and Executions › Retry completes it;
//      Resume on Callback answers within 2 s the same way;
//   4. queue mode: redis-server + n8n main + 2 workers; a 20-item Run Workflow batch runs on
//      a worker with every item exactly once and in order, every example runs on the
//      workers, and the trigger checks are repeated.
// Prints a verdict table and timings; exits 1 on any failure.
//
// Env: N8N_E2E_VERSIONS (e.g. "2.41.1" or "1,2"), N8N_E2E_QUEUE=0 (skip queue mode),
// N8N_E2E_SKIP_BUILD=1 (use the existing dist/), N8N_E2E_CACHE (n8n installs),
// KEEP_E2E_TMP=1 (keep user folders and logs), N8N_E2E_ONLY=<substring of workflow file>
// (engine checks: of "engine/<file>"; AI-tool checks, test/e2e/phases/ai-tools.mjs: of
// "ai-tools/<file>"; the credential test through n8n, test/e2e/phases/credentials.mjs:
// "credentials"), N8N_E2E_ENGINE=0 (skip the engine checks, test/e2e/phases/engine.mjs).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { checkRun, nodeOutputs } from '../../scripts/e2e/lib/checks.mjs';
import { startEmulator, submitTaskWithWebhook } from '../../scripts/e2e/lib/emulator.mjs';
import { ensureN8n, ensureNodeRuntime } from '../../scripts/e2e/lib/install.mjs';
import { N8n } from '../../scripts/e2e/lib/n8n.mjs';
import { build, ensureDevDeps, installTarball, missingBuiltFiles, pack } from '../../scripts/e2e/lib/package.mjs';
import { CACHE_DIR, ROOT, resolveLines } from '../../scripts/e2e/lib/paths.mjs';
import { killAllChildren } from '../../scripts/e2e/lib/proc.mjs';
import { startRedis } from '../../scripts/e2e/lib/system.mjs';
import { freePort, http, makeLogger, secondsSince, sleep, table, waitFor } from '../../scripts/e2e/lib/util.mjs';
import {
	SANDBOX_CREDENTIAL,
	TRIGGER_TYPE,
	classify,
	credentialRecord,
	prepareWorkflow,
	readExamples,
	readWorkflowDir,
} from '../../scripts/e2e/lib/workflows.mjs';
import { EXPECTATIONS } from './expectations.mjs';
import { aiToolsPhase } from './phases/ai-tools.mjs';
import { credentialsPhase } from './phases/credentials.mjs';
import { enginePhase } from './phases/engine.mjs';

const log = makeLogger('e2e');
const env = process.env;
const QUEUE = env.N8N_E2E_QUEUE !== '0';
const KEEP = env.KEEP_E2E_TMP === '1';
const ONLY = env.N8N_E2E_ONLY || '';
const TRIGGER_TOKEN = 'e2e-callback-token-0123456789abcdef';
const BATCH_SIZE = 20;

const rows = [];
const timings = [];
const cleanups = [];

function record(line, mode, name, ok, seconds, detail = '') {
	rows.push({ line, mode, name, ok, seconds, detail });
	log(`${ok ? 'PASS' : 'FAIL'} ${line} ${mode} ${name} (${seconds} s)${detail ? ` — ${detail}` : ''}`);
}

async function step(label, fn) {
	const start = Date.now();
	try {
		return await fn();
	} finally {
		timings.push([label, secondsSince(start)]);
	}
}

// ---------------------------------------------------------------- workflows

function loadWorkflows() {
	const sources = [...readExamples(), ...readWorkflowDir(path.join(ROOT, 'test', 'e2e', 'workflows'))];
	const prepared = sources.map((s) => {
		const wf = prepareWorkflow(s, SANDBOX_CREDENTIAL);
		// Example triggers ship without a Secret Token (the user sets one); give them ours.
		for (const n of wf.nodes) if (n.type === TRIGGER_TYPE && !n.parameters?.secretToken) n.parameters = { ...n.parameters, secretToken: TRIGGER_TOKEN };
		return { ...s, wf, kind: classify(wf) };
	});
	const selected = (p) => !ONLY || p.file.includes(ONLY);
	const manual = prepared.filter((p) => p.kind.hasManualTrigger && p.kind.usesPackage && selected(p));
	return {
		all: prepared,
		// `n8n execute` has no HTTP server, so RunningHub could not call a resuming workflow back.
		cli: manual.filter((p) => !p.kind.resumes),
		// Resume examples run in resumePhase (server and queue mode), with their callbacks checked.
		manual: manual.filter((p) => !p.kind.resumes),
		resumeExamples: manual.filter((p) => p.kind.resumes),
		resumeBatch: prepared.find((p) => p.file === 'resume-batch.json' && selected(p)),
		resumeDeadline: prepared.find((p) => p.file === 'resume-deadline.json' && selected(p)),
		// The suite's own trigger workflow first (downloads outputs), then the examples'.
		triggers: prepared
			.filter((p) => p.kind.hasRunningHubTrigger && (!ONLY || p.file.includes(ONLY) || p.file === 'trigger-callback.json'))
			.sort((a, b) => (a.file === 'trigger-callback.json' ? -1 : b.file === 'trigger-callback.json' ? 1 : 0)),
		batch: prepared.find((p) => p.file === 'queue-batch.json'),
	};
}

// ---------------------------------------------------------------- phases

/** `n8n execute` every manual workflow (regular mode, CLI). */
async function cliPhase(ctx, workflows) {
	for (const w of workflows.cli) {
		const start = Date.now();
		const r = await ctx.n8n.execute(w.wf.id, { timeoutMs: 240000 });
		const check = await checkRun(r.run, { workflow: w.wf, userFolder: ctx.userFolder, expect: EXPECTATIONS[w.file] });
		const problems = [...check.problems];
		if (!r.ok && !EXPECTATIONS[w.file]?.allowErrors) problems.unshift(`n8n execute exit ${r.code}`);
		if (!r.run) problems.push(lastLines(r.stdout + r.stderr, 6));
		const detail = problems.length ? problems.slice(0, 4).join('; ') : `${check.items} items, ${check.tasks} tasks, ${check.binaries} binaries`;
		record(ctx.label, 'cli', w.file, problems.length === 0, secondsSince(start), detail);
	}
}

function lastLines(text, n) {
	return String(text).trim().split('\n').slice(-n).join(' | ');
}

/** Production webhook URL of the trigger node (n8n: /webhook/<webhookId>/<path>). */
function triggerUrl(n8n, wf) {
	const node = wf.nodes.find((n) => n.type === TRIGGER_TYPE);
	return `${n8n.baseUrl}/webhook/${node.webhookId}/callback`;
}

/** The trigger's duplicate ring as n8n saved it (workflow static data, read through the REST API). */
async function persistedRing(n8n, wfId, nodeName) {
	const wf = await n8n.rest('GET', `/workflows/${wfId}`);
	const ring = wf?.staticData?.[`node:${nodeName}`]?.recentTaskEnds;
	if (!wf || !('staticData' in wf)) throw new Error('the REST API returned no staticData for the workflow');
	return Array.isArray(ring) ? ring : [];
}

async function webhookExecutions(n8n, wfId) {
	const list = await n8n.executions(wfId, { includeData: true, limit: 50 });
	return list.filter((e) => e.mode === 'webhook' || e.mode === 'trigger');
}

/** Wait until `count` webhook executions of wfId are finished; returns them (newest first). */
async function waitWebhookExecutions(n8n, wfId, count, timeoutMs = 45000) {
	return waitFor(
		async () => {
			const list = await webhookExecutions(n8n, wfId);
			const done = list.filter((e) => e.finished || ['success', 'error', 'crashed'].includes(e.status));
			return done.length >= count ? done : null;
		},
		{ timeoutMs, intervalMs: 300, message: `${count} webhook execution(s) of workflow ${wfId}` },
	);
}

/** Wait until the emulator has delivered `attempts` callbacks for taskId. */
async function waitDeliveries(emu, taskId, attempts, timeoutMs = 30000) {
	return waitFor(
		() => {
			const entries = emu.webhookLog.filter((e) => e.taskId === taskId);
			return entries.length >= attempts ? entries : null;
		},
		{ timeoutMs, intervalMs: 100, message: `${attempts} callback deliveries for task ${taskId}` },
	);
}

/**
 * Activate the trigger workflow and let the emulator call it back:
 * valid → 1 execution; forged (no token / wrong token) → 401, no execution;
 * duplicate delivery → no second execution.
 */
async function triggerPhase(ctx, w, mode) {
	const { n8n, emu, KEYS, WORKFLOWS } = ctx;
	const tag = w.file.replace(/\.json$/, '');
	const triggerNode = w.wf.nodes.find((n) => n.type === TRIGGER_TYPE);
	const url = triggerUrl(n8n, w.wf);
	const token = triggerNode.parameters.secretToken || TRIGGER_TOKEN;
	const baseline = (await webhookExecutions(n8n, w.wf.id)).length;
	const forgedBody = { event: 'TASK_END', taskId: '1999999999999999999', eventData: JSON.stringify({ code: 0, msg: 'success', data: [] }) };

	// Activation (public API). 2.x activates asynchronously: wait until the URL stops 404-ing.
	let start = Date.now();
	try {
		await n8n.activate(w.wf.id);
		const status = await waitFor(
			async () => {
				const r = await http(url, { method: 'POST', body: forgedBody });
				return r.status !== 404 ? r.status : null;
			},
			{ timeoutMs: 30000, intervalMs: 250, message: `trigger webhook ${url} to be registered` },
		);
		record(ctx.label, mode, `${tag}: activate`, true, secondsSince(start), `webhook live (probe without token → ${status})`);
	} catch (error) {
		record(ctx.label, mode, `${tag}: activate`, false, secondsSince(start), error.message);
		return;
	}

	// 1. Valid callback: the emulator runs a task with webhookUrl=<url>?token=… and calls back.
	start = Date.now();
	let taskA;
	try {
		taskA = await submitTaskWithWebhook(emu.url, KEYS.shared, WORKFLOWS.image, `${url}?token=${encodeURIComponent(token)}`);
		const deliveries = await waitDeliveries(emu, taskA, 1);
		const execs = await waitWebhookExecutions(n8n, w.wf.id, baseline + 1);
		await sleep(1000);
		const after = await webhookExecutions(n8n, w.wf.id);
		const exec = execs.find((e) => JSON.stringify(e.data?.resultData?.runData?.[triggerNode.name] || '').includes(taskA));
		const problems = [];
		if (deliveries[0].status !== 200) problems.push(`callback answered HTTP ${deliveries[0].status ?? deliveries[0].error}`);
		if (after.length !== baseline + 1) problems.push(`${after.length - baseline} executions, expected 1`);
		if (!exec) problems.push(`no execution carries task ${taskA}`);
		else {
			if (exec.status !== 'success') problems.push(`execution status ${exec.status}`);
			const check = await checkRun(exec, { workflow: w.wf, userFolder: ctx.userFolder, expect: { minBinaries: triggerNode.parameters.downloadOutputs ? 1 : 0 } });
			problems.push(...check.problems);
		}
		record(ctx.label, mode, `${tag}: valid callback → 1 execution`, !problems.length, secondsSince(start), problems.join('; ') || `task ${taskA}, execution ${exec.id}`);
	} catch (error) {
		record(ctx.label, mode, `${tag}: valid callback → 1 execution`, false, secondsSince(start), error.message);
	}

	// 1b. The duplicate record reached the database (static data), not only process memory:
	//     what catches a repeat after a restart or on another process.
	if (taskA) {
		start = Date.now();
		try {
			const key = `${taskA}:SUCCESS`;
			const ring = await waitFor(
				async () => {
					const r = await persistedRing(n8n, w.wf.id, triggerNode.name);
					return r.includes(key) ? r : null;
				},
				{ timeoutMs: 5000, intervalMs: 250, message: `${key} in the trigger's saved static data` },
			);
			record(ctx.label, mode, `${tag}: delivery saved in static data`, true, secondsSince(start), `recentTaskEnds holds ${key} (${ring.length} entries)`);
		} catch (error) {
			record(ctx.label, mode, `${tag}: delivery saved in static data`, false, secondsSince(start), error.message);
		}
	}

	// 2. Forged callbacks: no token, wrong token → 401 and nothing starts.
	start = Date.now();
	try {
		const before = (await webhookExecutions(n8n, w.wf.id)).length;
		const body = taskA ? { ...forgedBody, taskId: taskA } : forgedBody;
		const noToken = await http(url, { method: 'POST', body });
		const wrongToken = await http(`${url}?token=not-the-secret`, { method: 'POST', body });
		await sleep(1500);
		const after = (await webhookExecutions(n8n, w.wf.id)).length;
		const problems = [];
		if (noToken.status !== 401) problems.push(`no token → HTTP ${noToken.status}`);
		if (wrongToken.status !== 401) problems.push(`wrong token → HTTP ${wrongToken.status}`);
		if (after !== before) problems.push(`${after - before} execution(s) started`);
		record(ctx.label, mode, `${tag}: forged callback → 401, none`, !problems.length, secondsSince(start), problems.join('; ') || 'no token 401, wrong token 401, 0 executions');
	} catch (error) {
		record(ctx.label, mode, `${tag}: forged callback → 401, none`, false, secondsSince(start), error.message);
	}

	// 3. Duplicate: the emulator delivers the next callback twice (its retry-after-timeout case).
	start = Date.now();
	try {
		const before = (await webhookExecutions(n8n, w.wf.id)).length;
		emu.setFaults({ duplicateWebhooks: 1 });
		const taskB = await submitTaskWithWebhook(emu.url, KEYS.shared, WORKFLOWS.image, `${url}?token=${encodeURIComponent(token)}`);
		const deliveries = await waitDeliveries(emu, taskB, 2);
		await waitWebhookExecutions(n8n, w.wf.id, before + 1);
		await sleep(1500);
		const after = (await webhookExecutions(n8n, w.wf.id)).length;
		const problems = [];
		if (deliveries.some((d) => d.status !== 200)) problems.push(`deliveries answered ${deliveries.map((d) => d.status ?? d.error).join(', ')}`);
		if (after - before !== 1) problems.push(`${after - before} executions for one task delivered twice`);
		record(ctx.label, mode, `${tag}: duplicate delivery → no 2nd execution`, !problems.length, secondsSince(start), problems.join('; ') || `task ${taskB}: 2 deliveries (HTTP 200), 1 execution`);
	} catch (error) {
		record(ctx.label, mode, `${tag}: duplicate delivery → no 2nd execution`, false, secondsSince(start), error.message);
	} finally {
		emu.clearFaults();
	}

	// 4–5 with the suite's own trigger (Verify Through API and Download Outputs on).
	if (w.file === 'trigger-callback.json') {
		await answeredAtOnceCheck(ctx, w, mode, { url, token, triggerNode });
		await verificationOutageCheck(ctx, w, mode, { url, token, triggerNode });
	}

	try {
		await n8n.deactivate(w.wf.id);
	} catch (error) {
		log.warn(`deactivate failed: ${error.message}`);
	}
}

/** The emulator's [bytes:N] output size for the answer-time checks: 500 MB where n8n stores binaries on disk. */
function largeOutputBytes(mode) {
	// Queue mode keeps n8n's own default binary mode (database on 2.x): a smaller file there.
	return mode === 'queue' ? 5_000_000 : 500_000_000;
}

/** A short text for byte counts (500 MB, 5 MB). */
function megabytes(bytes) {
	return `${Math.round(bytes / 1e6)} MB`;
}

/**
 * 4. RunningHub asks receivers to answer at once (it retries slow ones, then marks them
 * FAILED). With every status check slowed to 5 s and a large output, the trigger must answer
 * within 2 s (the emulator's receiver timeout), be delivered once, and the execution must then
 * verify the task and download the whole file. Prints the answer time the emulator measured.
 */
async function answeredAtOnceCheck(ctx, w, mode, { url, token, triggerNode }) {
	const { n8n, emu, KEYS, WORKFLOWS } = ctx;
	const tag = w.file.replace(/\.json$/, '');
	const bytes = largeOutputBytes(mode);
	const name = `${tag}: answered < 2 s (API slowed to 5 s, ${megabytes(bytes)} output)`;
	const start = Date.now();
	try {
		const before = (await webhookExecutions(n8n, w.wf.id)).length;
		emu.setFaults({ slow: { match: 'poll', delayMs: 5000, durationMs: 180000 } });
		const prompt = [{ nodeId: '6', fieldName: 'text', fieldValue: `e2e large output [bytes:${bytes}]` }];
		const taskD = await submitTaskWithWebhook(emu.url, KEYS.shared, WORKFLOWS.image, `${url}?token=${encodeURIComponent(token)}`, prompt);
		const [delivery] = await waitDeliveries(emu, taskD, 1, 60000);
		const answeredAt = Date.now();
		const execs = await waitWebhookExecutions(n8n, w.wf.id, before + 1, 300000);
		const finishedAfter = secondsSince(answeredAt);
		await sleep(1000);
		const deliveries = emu.webhookLog.filter((e) => e.taskId === taskD);
		const exec = execs.find((e) => JSON.stringify(e.data?.resultData?.runData?.[triggerNode.name] || '').includes(taskD));
		const problems = [];
		if (delivery.status !== 200) problems.push(`callback answered HTTP ${delivery.status ?? delivery.error}`);
		if (!(delivery.durationMs < 2000)) problems.push(`answered in ${delivery.durationMs} ms (limit 2000 ms)`);
		if (deliveries.length !== 1) problems.push(`${deliveries.length} deliveries (RunningHub retried)`);
		if (!exec) problems.push(`no execution carries task ${taskD}`);
		else {
			if (exec.status !== 'success') problems.push(`execution status ${exec.status}: ${exec.data?.resultData?.error?.message || ''}`);
			const check = await checkRun(exec, { workflow: w.wf, userFolder: ctx.userFolder, expect: { minBinaries: 1 } });
			problems.push(...check.problems);
		}
		record(
			ctx.label,
			mode,
			name,
			!problems.length,
			secondsSince(start),
			problems.join('; ') || `answered HTTP 200 in ${delivery.durationMs} ms, 1 delivery; execution ${exec.id} verified the task and stored ${bytes} bytes ${finishedAfter} s after the answer`,
		);
	} catch (error) {
		record(ctx.label, mode, name, false, secondsSince(start), error.message.split('\n')[0]);
	} finally {
		emu.clearFaults();
	}
}

/**
 * 5. At least once, after answering at once: while RunningHub's API is down the callback is
 * still answered (and so not re-sent); the execution fails naming the task; retrying that
 * execution in n8n (Executions › Retry) once the API is back completes it.
 */
async function verificationOutageCheck(ctx, w, mode, { url, token, triggerNode }) {
	const { n8n, emu, KEYS, WORKFLOWS } = ctx;
	const tag = w.file.replace(/\.json$/, '');
	const name = `${tag}: API down during verification → failed execution, Retry completes it`;
	const start = Date.now();
	try {
		const before = (await webhookExecutions(n8n, w.wf.id)).length;
		emu.setFaults({ http5xx: { match: 'poll', status: 503, durationMs: 60000 } });
		const taskE = await submitTaskWithWebhook(emu.url, KEYS.shared, WORKFLOWS.image, `${url}?token=${encodeURIComponent(token)}`);
		const [delivery] = await waitDeliveries(emu, taskE, 1);
		const [failed] = await waitWebhookExecutions(n8n, w.wf.id, before + 1, 120000);
		emu.clearFaults();
		const problems = [];
		if (delivery.status !== 200) problems.push(`callback answered HTTP ${delivery.status ?? delivery.error}`);
		const message = String(failed?.data?.resultData?.error?.message ?? '');
		if (failed?.status !== 'error') problems.push(`execution status ${failed?.status}, expected error`);
		if (!message.includes(taskE)) problems.push(`error does not name task ${taskE}: ${message.slice(0, 120)}`);
		let retried;
		if (!problems.length) {
			await n8n.rest('POST', `/executions/${failed.id}/retry`, { loadWorkflow: false });
			retried = await waitFor(
				async () => {
					const list = await n8n.executions(w.wf.id, { includeData: true, limit: 50 });
					const r = list.find((e) => String(e.retryOf ?? '') === String(failed.id) && (e.finished || ['success', 'error', 'crashed'].includes(e.status)));
					return r ?? null;
				},
				{ timeoutMs: 90000, intervalMs: 500, message: `a retry of execution ${failed.id}` },
			);
			if (retried.status !== 'success') problems.push(`retry ${retried.id} status ${retried.status}: ${retried.data?.resultData?.error?.message || ''}`);
			const items = retried.data?.resultData?.runData?.[triggerNode.name]?.[0]?.data?.main?.[0] ?? [];
			if (String(items[0]?.json?.taskId) !== taskE || items[0]?.json?.status !== 'SUCCESS') problems.push(`retry emitted ${JSON.stringify(items[0]?.json ?? null).slice(0, 120)}`);
			if (!items[0]?.binary) problems.push('retry emitted no binary');
		}
		const deliveries = emu.webhookLog.filter((e) => e.taskId === taskE).length;
		if (deliveries !== 1) problems.push(`${deliveries} deliveries`);
		record(ctx.label, mode, name, !problems.length, secondsSince(start), problems.join('; ') || `answered 200 once; execution ${failed.id} failed ("${message.slice(0, 60)}…"); retry ${retried.id} emitted the task with its file`);
	} catch (error) {
		record(ctx.label, mode, name, false, secondsSince(start), error.message.split('\n')[0]);
	} finally {
		emu.clearFaults();
	}
}

/**
 * The duplicate record must outlive the process: a task end is delivered, n8n restarts (the
 * in-memory record is gone), RunningHub re-sends the same callback (emulator retryWebhook):
 * only the record n8n saved in static data can recognise it. Returns the running service.
 */
async function restartPhase(ctx, w, svc, mode) {
	const { n8n, emu, KEYS, WORKFLOWS } = ctx;
	const tag = w.file.replace(/\.json$/, '');
	const triggerNode = w.wf.nodes.find((n) => n.type === TRIGGER_TYPE);
	const url = triggerUrl(n8n, w.wf);
	const token = triggerNode.parameters.secretToken || TRIGGER_TOKEN;
	const probe = { event: 'TASK_END', taskId: '1999999999999999999', eventData: JSON.stringify({ code: 0, msg: 'success', data: [] }) };
	const live = () =>
		waitFor(
			async () => {
				const r = await http(url, { method: 'POST', body: probe });
				return r.status !== 404 ? r.status : null;
			},
			{ timeoutMs: 30000, intervalMs: 250, message: `trigger webhook ${url} to be registered` },
		);
	const start = Date.now();
	const name = `${tag}: repeat after an n8n restart → none`;
	try {
		await n8n.activate(w.wf.id);
		await live();
		const before = (await webhookExecutions(n8n, w.wf.id)).length;
		const taskC = await submitTaskWithWebhook(emu.url, KEYS.shared, WORKFLOWS.image, `${url}?token=${encodeURIComponent(token)}`);
		await waitDeliveries(emu, taskC, 1);
		await waitWebhookExecutions(n8n, w.wf.id, before + 1);

		await svc.stop();
		svc = await n8n.start({ logFile: path.join(ctx.userFolder, 'n8n-main.log') });
		await n8n.ensureOwner();
		await live();

		const detail = await http(`${emu.url}/task/openapi/getWebhookDetail`, { method: 'POST', headers: { authorization: `Bearer ${KEYS.shared}` }, body: { apiKey: KEYS.shared, taskId: taskC } });
		const webhookId = detail.json?.data?.id;
		if (!webhookId) throw new Error(`no webhook event for task ${taskC}: ${detail.text.slice(0, 200)}`);
		const retried = await http(`${emu.url}/task/openapi/retryWebhook`, { method: 'POST', headers: { authorization: `Bearer ${KEYS.shared}` }, body: { apiKey: KEYS.shared, webhookId } });
		if (retried.json?.code !== 0) throw new Error(`retryWebhook failed: ${retried.text.slice(0, 200)}`);
		const deliveries = await waitDeliveries(emu, taskC, 2);
		await sleep(1500);
		const after = (await webhookExecutions(n8n, w.wf.id)).length;
		const problems = [];
		const repeat = deliveries[deliveries.length - 1];
		if (repeat.status !== 200) problems.push(`repeat answered HTTP ${repeat.status ?? repeat.error}`);
		if (after - before !== 1) problems.push(`${after - before} executions for one task end delivered before and after a restart`);
		record(ctx.label, mode, name, !problems.length, secondsSince(start), problems.join('; ') || `task ${taskC}: delivered, n8n restarted, re-sent (HTTP 200), 1 execution`);
	} catch (error) {
		record(ctx.label, mode, name, false, secondsSince(start), error.message.split('\n')[0]);
	}
	try {
		await n8n.deactivate(w.wf.id);
	} catch (error) {
		log.warn(`deactivate failed: ${error.message}`);
	}
	return svc;
}

/** Example workflows through the editor's run endpoint (manual mode; offloaded to workers in queue mode). */
async function restRunPhase(ctx, workflows, mode) {
	for (const w of workflows.manual) {
		const start = Date.now();
		try {
			const exec = await ctx.n8n.runManual(w.wf);
			const check = await checkRun(exec, { workflow: w.wf, userFolder: ctx.userFolder, expect: EXPECTATIONS[w.file] });
			const detail = check.problems.length ? check.problems.slice(0, 4).join('; ') : `${check.items} items, ${check.tasks} tasks, ${check.binaries} binaries (execution ${exec.id})`;
			record(ctx.label, mode, w.file, check.ok, secondsSince(start), detail);
		} catch (error) {
			record(ctx.label, mode, w.file, false, secondsSince(start), error.message.split('\n')[0]);
		}
	}
}

// ---------------------------------------------------------------- Resume on Callback

const WAITING_PATH = '/webhook-waiting/';

/** Emulator tasks whose inputs mention `tag`, oldest first. */
function tasksTagged(emu, tag) {
	return [...emu.tasks.values()].filter((t) => JSON.stringify(t.inputs || '').includes(tag)).sort((a, b) => a.createdAt - b.createdAt);
}

/** Callback attempts to n8n's resume URL for these tasks. */
function resumeDeliveries(emu, taskIds) {
	return emu.webhookLog.filter((e) => taskIds.includes(e.taskId) && String(e.url).includes(WAITING_PATH));
}

async function executionsOf(n8n, wfId) {
	const r = await n8n.api('GET', `/executions?workflowId=${wfId}&includeData=false&limit=50`);
	return r.data || [];
}

/**
 * The execution the tasks tagged `tag` call back (id from their resume URL), once n8n has
 * saved it as waiting. (The public executions list is no help here: n8n 1.x leaves
 * executions that are still active in the main process out of it.)
 */
async function waitingExecution(n8n, emu, tag, count) {
	const tasks = await waitFor(() => {
		const list = tasksTagged(emu, tag);
		return list.length >= count && list.every((t) => t.webhookUrl) ? list : null;
	}, { timeoutMs: 30000, intervalMs: 100, message: `${count} task(s) tagged ${tag}` });
	const match = new RegExp(`${WAITING_PATH}(\\d+)`).exec(new URL(tasks[0].webhookUrl).pathname);
	if (!match) throw new Error(`task ${tasks[0].taskId} got ${tasks[0].webhookUrl}, not a resume URL`);
	const exec = await waitFor(async () => {
		const e = await n8n.api('GET', `/executions/${match[1]}?includeData=false`);
		return e?.status === 'waiting' ? e : null;
	}, { timeoutMs: 30000, intervalMs: 200, message: `execution ${match[1]} to wait for RunningHub` });
	return { exec, tasks };
}

async function postWebhook(n8n, hookPath, body) {
	return waitFor(
		async () => {
			const r = await http(`${n8n.baseUrl}/webhook/${hookPath}`, { method: 'POST', body });
			if (r.status === 404) return false;
			if (r.status !== 200) throw Object.assign(new Error(`webhook ${hookPath} answered HTTP ${r.status}: ${r.text.slice(0, 200)}`), { fatal: true });
			return true;
		},
		{ timeoutMs: 30000, intervalMs: 300, message: `webhook ${hookPath} to be registered` },
	);
}

/**
 * Run Workflow with Wait for Result = Resume on Callback in a real n8n:
 * - the example (manual run; on a worker in queue mode): the execution parks, the emulator
 *   calls the resume URL, the workflow finishes with the downloaded result;
 * - three items from a production webhook: forged calls to the resume URL (no node token,
 *   malformed body, unknown task) are refused while it waits; early callbacks keep it
 *   waiting; the last resumes it once, outputs in input order;
 * - (regular mode) the deadline passes before the task ends: n8n continues with an item
 *   naming the task.
 */
async function resumePhase(ctx, workflows, mode) {
	const { n8n, emu, KEYS } = ctx;

	for (const w of workflows.resumeExamples) {
		const start = Date.now();
		const name = `${w.file}: resumes on the callback`;
		try {
			const exec = await n8n.runManual(w.wf);
			const check = await checkRun(exec, { workflow: w.wf, userFolder: ctx.userFolder, expect: { minBinaries: 1, ...EXPECTATIONS[w.file] } });
			const problems = [...check.problems];
			const run = nodeOutputs(exec, w.wf).find((o) => o.type.endsWith('.runningHubRunWorkflow'));
			const taskId = String(run?.items?.[0]?.json?.taskId ?? '');
			const deliveries = resumeDeliveries(emu, [taskId]);
			if (!deliveries.length) problems.push(`no callback to ${WAITING_PATH}<execution> for task ${taskId}`);
			else if (deliveries[0].status !== 200) problems.push(`callback answered HTTP ${deliveries[0].status ?? deliveries[0].error}`);
			else if (!deliveries[0].url.includes(`${WAITING_PATH}${exec.id}`)) problems.push(`callback went to ${deliveries[0].url}, not execution ${exec.id}`);
			const worker = ctx.workerOf?.(exec.id);
			record(ctx.label, mode, name, !problems.length, secondsSince(start), problems.slice(0, 4).join('; ') || `task ${taskId}: parked, called back (HTTP 200), ${check.binaries} binaries, execution ${exec.id}${worker ? ` on ${worker}` : ''}`);
		} catch (error) {
			record(ctx.label, mode, name, false, secondsSince(start), error.message.split('\n')[0]);
		}
	}

	const wb = workflows.resumeBatch;
	if (wb) {
		const tag = `resume-${mode}-${Date.now()}`;
		const prompts = [`${tag} #0 slow [ms:4000]`, `${tag} #1 fast [ms:300]`, `${tag} #2 middle [ms:1500]`];
		let start = Date.now();
		try {
			await n8n.activate(wb.wf.id);
			const hook = wb.wf.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
			const before = (await executionsOf(n8n, wb.wf.id)).length;
			await postWebhook(n8n, hook.parameters.path, { prompts: prompts.map((prompt) => ({ prompt })) });
			const { exec: waiting, tasks } = await waitingExecution(n8n, emu, tag, 3);
			const urls = [...new Set(tasks.map((t) => t.webhookUrl))];
			const problems = [];
			if (tasks.length !== 3) problems.push(`${tasks.length} tasks created, expected 3`);
			if (urls.length !== 1 || !String(urls[0]).includes(`${WAITING_PATH}${waiting.id}`)) problems.push(`tasks got ${urls.join(', ')}`);
			record(ctx.label, mode, 'resume-batch: 3 tasks submitted, execution waits', !problems.length, secondsSince(start), problems.join('; ') || `execution ${waiting.id} waiting; every task got ${String(urls[0]).replace(/([?&](signature|rhToken)=)[^&]+/g, '$1…')}`);

			// Forged calls while it waits: nothing resumes.
			start = Date.now();
			const url = new URL(urls[0]);
			const noToken = new URL(url);
			noToken.searchParams.delete('rhToken');
			const body = (taskId, eventData = JSON.stringify({ code: 0, msg: 'success', data: [] })) => ({ event: 'TASK_END', taskId, eventData });
			const forged = [
				['no node token', await http(noToken.toString(), { method: 'POST', body: body(tasks[0].taskId) }), 401],
				['malformed body', await http(url.toString(), { method: 'POST', body: { event: 'TASK_END', taskId: tasks[0].taskId, eventData: '{"code":' } }), 400],
				['unknown task', await http(url.toString(), { method: 'POST', body: body('1904163390028185602') }), 404],
				// Answered at once like every callback of this execution; the check that follows finds
				// the task still running and leaves the execution waiting.
				['end RunningHub does not confirm yet', await http(url.toString(), { method: 'POST', body: body(tasks[0].taskId) }), 200],
			];
			const stillWaiting = (await n8n.api('GET', `/executions/${waiting.id}?includeData=false`))?.status === 'waiting';
			const bad = forged.filter(([, r, want]) => r.status !== want).map(([what, r, want]) => `${what} → HTTP ${r.status} (want ${want})`);
			if (!stillWaiting) bad.push('the execution stopped waiting');
			record(ctx.label, mode, 'resume-batch: forged callbacks refused, still waiting', !bad.length, secondsSince(start), bad.join('; ') || forged.map(([what, r]) => `${what} ${r.status}`).join(', '));

			// The real callbacks: two keep it waiting, the last resumes it.
			start = Date.now();
			const exec = await n8n.waitExecution(waiting.id, 60000);
			const out = nodeOutputs(exec, wb.wf);
			const items = out.find((o) => o.node === 'Run Workflow')?.items || [];
			const after = out.find((o) => o.node === 'After Resume')?.items || [];
			const problems2 = [];
			if (exec.status !== 'success') problems2.push(`execution status ${exec.status}: ${exec.data?.resultData?.error?.message || ''}`);
			if (items.length !== 3) problems2.push(`${items.length} output items, expected 3`);
			items.forEach((it, i) => {
				if (it.json?.taskId !== tasks[i]?.taskId) problems2.push(`item ${i}: task ${it.json?.taskId}, expected ${tasks[i]?.taskId} (input order)`);
				const paired = Array.isArray(it.pairedItem) ? it.pairedItem[0]?.item : it.pairedItem?.item;
				if (paired !== i) problems2.push(`item ${i}: pairedItem ${JSON.stringify(it.pairedItem)}`);
			});
			if (after.length !== 3) problems2.push(`After Resume got ${after.length} items`);
			const check = await checkRun(exec, { workflow: wb.wf, userFolder: ctx.userFolder, expect: { items: 3, minBinaries: 3 } });
			problems2.push(...check.problems);
			// Each task's delivery series ends with HTTP 200 (a callback that beats the execution's
			// switch to "waiting" gets n8n's 409 and is retried by RunningHub).
			const calls = resumeDeliveries(emu, tasks.map((t) => t.taskId));
			const finals = tasks.map((t) => calls.filter((d) => d.taskId === t.taskId).pop());
			if (finals.some((d) => d?.status !== 200)) problems2.push(`callbacks answered ${calls.map((d) => `${d.attempt}:${d.status ?? d.error}`).join(', ')}`);
			const total = (await executionsOf(n8n, wb.wf.id)).length - before;
			if (total !== 1) problems2.push(`${total} executions, expected 1`);
			const worker = ctx.workerOf?.(exec.id);
			record(ctx.label, mode, 'resume-batch: last callback resumes once, input order', !problems2.length, secondsSince(start), problems2.slice(0, 5).join('; ') || `${calls.length} callbacks (${calls.map((d) => d.status ?? d.error).join('/')}), 1 resume, 3 items in order, ${check.binaries} binaries, execution ${exec.id}${worker ? ` on ${worker}` : ''}`);
		} catch (error) {
			record(ctx.label, mode, 'resume-batch', false, secondsSince(start), error.message.split('\n')[0]);
		}
		try {
			await n8n.deactivate(wb.wf.id);
		} catch (error) {
			log.warn(`deactivate failed: ${error.message}`);
		}
	}

	// Answered at once on the resume side too: one task with a large output, every status check
	// slowed to 5 s once the execution waits. The callback must be answered within 2 s and
	// delivered once; webhook() then verifies, downloads and resumes the execution.
	if (wb) {
		const bytes = largeOutputBytes(mode);
		const start = Date.now();
		const name = `resume-batch: callback answered < 2 s (API slowed to 5 s, ${megabytes(bytes)} output)`;
		try {
			await n8n.activate(wb.wf.id);
			const hook = wb.wf.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
			const tag = `resume-large-${mode}-${Date.now()}`;
			await postWebhook(n8n, hook.parameters.path, { prompts: [{ prompt: `${tag} [ms:3000] [bytes:${bytes}]` }] });
			const {
				exec: waiting,
				tasks: [task],
			} = await waitingExecution(n8n, emu, tag, 1);
			emu.setFaults({ slow: { match: 'poll', delayMs: 5000, durationMs: 180000 } });
			const exec = await n8n.waitExecution(waiting.id, 300000);
			const calls = resumeDeliveries(emu, [task.taskId]);
			const items = nodeOutputs(exec, wb.wf).find((o) => o.node === 'Run Workflow')?.items || [];
			const problems = [];
			if (calls.length !== 1) problems.push(`${calls.length} deliveries: ${calls.map((d) => `${d.status ?? d.error} in ${d.durationMs} ms`).join(', ')}`);
			else {
				if (calls[0].status !== 200) problems.push(`callback answered HTTP ${calls[0].status ?? calls[0].error}`);
				if (!(calls[0].durationMs < 2000)) problems.push(`answered in ${calls[0].durationMs} ms (limit 2000 ms)`);
			}
			if (exec.status !== 'success') problems.push(`execution status ${exec.status}: ${exec.data?.resultData?.error?.message || ''}`);
			if (items.length !== 1 || String(items[0]?.json?.taskId) !== task.taskId) problems.push(`Run Workflow emitted ${items.length} items`);
			const check = await checkRun(exec, { workflow: wb.wf, userFolder: ctx.userFolder, expect: { items: 1, minBinaries: 1 } });
			problems.push(...check.problems);
			const worker = ctx.workerOf?.(exec.id);
			record(ctx.label, mode, name, !problems.length, secondsSince(start), problems.slice(0, 4).join('; ') || `answered HTTP 200 in ${calls[0].durationMs} ms, 1 delivery; execution ${exec.id} resumed with ${bytes} bytes${worker ? ` on ${worker}` : ''}`);
		} catch (error) {
			record(ctx.label, mode, name, false, secondsSince(start), error.message.split('\n')[0]);
		} finally {
			emu.clearFaults();
			try {
				await n8n.deactivate(wb.wf.id);
			} catch (error) {
				log.warn(`deactivate failed: ${error.message}`);
			}
		}
	}

	// The deadline resume comes from n8n's wait tracker, which looks at the database once a minute.
	const wd = workflows.resumeDeadline;
	if (wd && mode === 'server') {
		const start = Date.now();
		const name = 'resume-deadline: timed-out item naming the task';
		try {
			await n8n.activate(wd.wf.id);
			const hook = wd.wf.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
			const tag = `deadline-${Date.now()}`;
			await postWebhook(n8n, hook.parameters.path, { prompt: `${tag} [ms:150000]` });
			const { exec: waiting, tasks: [task] } = await waitingExecution(n8n, emu, tag, 1);
			const exec = await n8n.waitExecution(waiting.id, 150000);
			const out = nodeOutputs(exec, wd.wf);
			const item = out.find((o) => o.node === 'Run Workflow')?.items?.[0];
			const problems = [];
			if (exec.status !== 'success') problems.push(`execution status ${exec.status}`);
			// An error item as n8n shapes them: json reduced to the message, the error on the item.
			if (Object.keys(item?.json ?? {}).join() !== 'error' || !item?.error) problems.push(`output ${JSON.stringify(item ?? null).slice(0, 160)}`);
			if (!String(item?.json?.error).includes(task?.taskId)) problems.push(`error does not name task ${task?.taskId}: ${item?.json?.error}`);
			if (!(out.find((o) => o.node === 'After Deadline')?.items?.length === 1)) problems.push('the next node did not run');
			record(ctx.label, mode, name, !problems.length, secondsSince(start), problems.join('; ') || `execution ${exec.id}: "${item.json.error}"`);
		} catch (error) {
			record(ctx.label, mode, name, false, secondsSince(start), error.message.split('\n')[0]);
		}
		try {
			await n8n.deactivate(wd.wf.id);
		} catch (error) {
			log.warn(`deactivate failed: ${error.message}`);
		}
	}
}

/** 20 items → Run Workflow on a worker: each item submitted exactly once, outputs in input order. */
async function batchPhase(ctx, workflows, mode) {
	const { n8n, emu, KEYS } = ctx;
	const w = workflows.batch;
	const start = Date.now();
	const name = `queue-batch.json (${BATCH_SIZE} items)`;
	try {
		await n8n.activate(w.wf.id);
		const hook = w.wf.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
		const url = `${n8n.baseUrl}/webhook/${hook.parameters.path}`;
		const createsBefore = emu.counters.createsByKey[KEYS.shared] || 0;
		const prompts = Array.from({ length: BATCH_SIZE }, (_, i) => ({ prompt: `e2e batch prompt #${String(i).padStart(2, '0')}` }));
		await waitFor(
			async () => {
				const r = await http(url, { method: 'POST', body: { prompts } });
				if (r.status === 404) return false;
				if (r.status !== 200) throw new Error(`batch webhook answered HTTP ${r.status}: ${r.text.slice(0, 200)}`);
				return true;
			},
			{ timeoutMs: 30000, intervalMs: 300, message: 'batch webhook to be registered' },
		);
		const [exec] = await waitWebhookExecutions(n8n, w.wf.id, 1, 180000);
		const problems = [];
		if (exec.status !== 'success') problems.push(`execution status ${exec.status}: ${exec.data?.resultData?.error?.message || ''}`);
		const run = nodeOutputs(exec, w.wf).find((o) => o.node === 'Run Workflow');
		const items = run?.items || [];
		if (items.length !== BATCH_SIZE) problems.push(`${items.length} output items, expected ${BATCH_SIZE}`);
		const creates = (emu.counters.createsByKey[KEYS.shared] || 0) - createsBefore;
		if (creates !== BATCH_SIZE) problems.push(`emulator saw ${creates} task creations, expected ${BATCH_SIZE}`);
		const ids = items.map((it) => it.json?.taskId);
		if (new Set(ids).size !== ids.length) problems.push('duplicate task ids in the output');
		items.forEach((it, i) => {
			const paired = Array.isArray(it.pairedItem) ? it.pairedItem[0]?.item : it.pairedItem?.item;
			if (paired !== i) problems.push(`item ${i}: pairedItem ${JSON.stringify(it.pairedItem)}`);
			if (it.json?.status !== 'SUCCESS') problems.push(`item ${i}: status ${it.json?.status}`);
			const task = emu.tasks.get(String(it.json?.taskId));
			const sent = JSON.stringify(task?.inputs || '');
			if (!sent.includes(prompts[i].prompt)) problems.push(`item ${i}: task ${it.json?.taskId} was not submitted with prompt #${i}`);
		});
		const check = await checkRun(exec, { workflow: w.wf, userFolder: ctx.userFolder, expect: { items: BATCH_SIZE, minBinaries: BATCH_SIZE } });
		problems.push(...check.problems);
		const worker = ctx.workerOf?.(exec.id);
		record(
			ctx.label,
			mode,
			name,
			!problems.length,
			secondsSince(start),
			problems.slice(0, 5).join('; ') || `${items.length} items in order, ${creates} creates, ${check.binaries} binaries, execution ${exec.id}${worker ? ` on ${worker}` : ''}`,
		);
		await n8n.deactivate(w.wf.id);
	} catch (error) {
		record(ctx.label, mode, name, false, secondsSince(start), error.message.split('\n')[0]);
	}
}

// ---------------------------------------------------------------- per n8n line

async function runLine(line, tgz, workflows, emuCtx) {
	const lineStart = Date.now();
	const runtime = await step(`Node runtime for n8n ${line.n8n}`, () => ensureNodeRuntime(line));
	const install = await step(`n8n ${line.n8n} install (cache)`, () => ensureN8n(line, runtime));
	const label = `n8n ${line.n8n} / Node ${runtime.version}`;
	log(`=== ${label} (${install.freshInstall ? `installed in ${install.seconds} s` : 'cached'}: ${install.dir})`);
	const userFolder = mkdtempSync(path.join(os.tmpdir(), `rh-e2e-${line.n8n}-`));
	if (!KEEP) cleanups.push(() => rmSync(userFolder, { recursive: true, force: true }));
	const n8nPort = await freePort();
	const n8n = new N8n({ install, runtime, userFolder, port: n8nPort });
	const ctx = { label, n8n, userFolder, ...emuCtx };

	await step(`${line.n8n}: install package + import`, async () => {
		await installTarball(tgz, n8n.nodesDir);
		await n8n.importCredentials([credentialRecord(SANDBOX_CREDENTIAL, { site: 'custom', baseUrl: emuCtx.emu.url, apiKey: emuCtx.KEYS.shared })]);
		await n8n.importWorkflows(workflows.all.map((w) => w.wf));
	});
	log(`imported 1 credential and ${workflows.all.length} workflows into ${userFolder}`);

	await step(`${line.n8n}: CLI executions`, () => cliPhase(ctx, workflows));
	await step(`${line.n8n}: engine checks (CLI)`, () => enginePhase(ctx, 'cli', record));

	// Regular mode server: trigger checks.
	await step(`${line.n8n}: n8n start + trigger`, async () => {
		let svc;
		const start = Date.now();
		try {
			svc = await n8n.start({ logFile: path.join(userFolder, 'n8n-main.log') });
			await n8n.ensureOwner();
			await n8n.ensureApiKey();
			record(label, 'server', 'n8n start + owner + API key', true, secondsSince(start), `REST ready after ${svc.readySeconds} s`);
			await credentialsPhase(ctx, 'server', record);
			for (const w of workflows.triggers) await triggerPhase(ctx, w, 'server');
			if (workflows.triggers[0]) svc = await restartPhase(ctx, workflows.triggers[0], svc, 'server');
			await resumePhase(ctx, workflows, 'server');
			await aiToolsPhase(ctx, 'server', record);
		} catch (error) {
			record(label, 'server', 'n8n start', false, secondsSince(start), `${error.message.split('\n')[0]}`);
			if (svc) log(`n8n log tail:\n${svc.tail(30)}`);
		} finally {
			if (svc) await svc.stop();
		}
	});

	if (QUEUE) await step(`${line.n8n}: queue mode`, () => queuePhase(ctx, workflows));
	timings.push([`${line.n8n}: total`, secondsSince(lineStart)]);
}

async function queuePhase(ctx, workflows) {
	const { n8n, userFolder, label } = ctx;
	const start = Date.now();
	const services = [];
	try {
		const redis = await startRedis(path.join(userFolder, 'redis'));
		services.push(redis.svc);
		const queueEnv = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			QUEUE_BULL_PREFIX: `rh-e2e-${process.pid}`,
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			QUEUE_HEALTH_CHECK_ACTIVE: 'false',
			N8N_DEFAULT_BINARY_DATA_MODE: undefined, // n8n's queue-mode default (database in 2.x)
		};
		const queued = new N8n({ install: n8n.install, runtime: n8n.runtime, userFolder, port: n8n.port, env: queueEnv });
		queued.cookie = n8n.cookie;
		queued.apiKey = n8n.apiKey;
		const main = await queued.start({ logFile: path.join(userFolder, 'n8n-queue-main.log'), name: 'main' });
		services.push(main);
		const workers = [];
		for (const i of [1, 2]) {
			const worker = await queued.start({
				command: 'worker',
				name: `worker-${i}`,
				logFile: path.join(userFolder, `n8n-worker-${i}.log`),
				env: { QUEUE_HEALTH_CHECK_PORT: String(await freePort()), N8N_CONCURRENCY_PRODUCTION_LIMIT: '10' },
			});
			services.push(worker);
			workers.push(worker);
		}
		await queued.login();
		const qctx = {
			...ctx,
			n8n: queued,
			workerOf: (execId) => workers.find((w) => w.lines.some((l) => new RegExp(`execution[^0-9]*\\b${execId}\\b`, 'i').test(l)))?.name,
		};
		record(label, 'queue', 'redis + main + 2 workers', true, secondsSince(start), `redis :${redis.port}, main ready ${main.readySeconds} s, workers ${workers.map((w) => `${w.readySeconds} s`).join(' / ')}`);
		if (workflows.batch) await batchPhase(qctx, workflows, 'queue');
		await restRunPhase(qctx, workflows, 'queue');
		await enginePhase(qctx, 'queue', record);
		for (const w of workflows.triggers) await triggerPhase(qctx, w, 'queue');
		await resumePhase(qctx, workflows, 'queue');
		await aiToolsPhase(qctx, 'queue', record);
		const perWorker = workers.map((w) => `${w.name}: ${w.lines.filter((l) => /Worker started execution/i.test(l)).length}`).join(', ');
		log(`queue mode executions per worker — ${perWorker}`);
	} catch (error) {
		record(label, 'queue', 'queue mode setup', false, secondsSince(start), error.message.split('\n').slice(0, 3).join(' | '));
		for (const s of services) if (s.tail) log(`${s.name} log tail:\n${s.tail(15)}`);
	} finally {
		for (const s of services.reverse()) await s.stop();
	}
}

// ---------------------------------------------------------------- main

async function main() {
	const total = Date.now();
	const lines = resolveLines(env.N8N_E2E_VERSIONS);
	log(`n8n lines: ${lines.map((l) => l.n8n).join(', ')}; queue mode ${QUEUE ? 'on' : 'off'}; cache ${CACHE_DIR}`);

	await step('dev dependencies', ensureDevDeps);
	if (env.N8N_E2E_SKIP_BUILD === '1') log('N8N_E2E_SKIP_BUILD=1: using the existing dist/');
	else await step('npm run build', build);
	const missing = missingBuiltFiles();
	if (missing.length) record('package', 'build', 'all registered nodes built', false, 0, `missing: ${missing.join(', ')}`);
	const packed = await step('npm pack', () => pack());
	log(`packed ${path.basename(packed.tgz)} (${packed.files} files, ${(packed.size / 1024).toFixed(0)} kB)`);

	const workflows = loadWorkflows();
	if (!workflows.cli.length && !ONLY) record('package', 'setup', 'example workflows', false, 0, 'no runnable workflow in examples/ or test/e2e/workflows/');
	log(`workflows: ${workflows.all.map((w) => w.file).join(', ')}`);

	const emuCtx = await startEmulator();
	cleanups.push(() => emuCtx.emu.close());
	log(`RunningHub emulator on ${emuCtx.emu.url}`);

	for (const line of lines) {
		try {
			await runLine(line, packed.tgz, workflows, emuCtx);
		} catch (error) {
			record(`n8n ${line.n8n}`, 'setup', 'install / import', false, 0, error.message.split('\n').slice(0, 4).join(' | '));
		}
	}
	timings.push(['TOTAL', secondsSince(total)]);
	report();
}

function report() {
	console.log('\n== e2e verdicts');
	console.log(table(['n8n', 'mode', 'run', 'time', 'verdict', 'detail'], rows.map((r) => [r.line, r.mode, r.name, `${r.seconds}s`, r.ok ? 'PASS' : 'FAIL', r.detail.length > 160 ? `${r.detail.slice(0, 157)}...` : r.detail])));
	console.log('\n== timings');
	console.log(table(['step', 'seconds'], timings.map(([a, b]) => [a, String(b)])));
	const failed = rows.filter((r) => !r.ok).length;
	console.log(`\n${failed ? `E2E FAILED: ${failed} of ${rows.length} checks failed` : `E2E PASSED: ${rows.length} checks`}`);
	process.exitCode = failed || !rows.length ? 1 : 0;
}

async function cleanup() {
	for (const fn of cleanups.reverse()) {
		try {
			await fn();
		} catch {
			// best effort
		}
	}
}

process.on('SIGINT', () => {
	log('interrupted; stopping n8n and the emulator');
	killAllChildren();
	cleanup().finally(() => process.exit(130));
});

main()
	.catch((error) => {
		console.error(error);
		process.exitCode = 1;
	})
	.finally(async () => {
		await cleanup();
		if (KEEP) log('KEEP_E2E_TMP=1: user folders and logs kept under', os.tmpdir());
		// Nothing of ours should be running now; exit even if a stray handle lingers.
		setTimeout(() => process.exit(), 500).unref();
	});

