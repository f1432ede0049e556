// Engine behaviour in a real n8n, as seen from the RunningHub side (the emulator's request
// log, counters and tasks) and from n8n's run data:
//   A. error output: with onError "continueErrorOutput" failed items leave on output 1 and
//      good items on output 0, per node and in mixed batches (one good + one failing item);
//   B. Retry On Fail never pays twice: status checks fail (503) for a while right after the
//      creates, n8n re-runs the node, and the retry resumes the tasks already created;
//   C. stop at the first failure: no new submit once a task failed, running tasks cancelled
//      (default) or left to finish (Waiting Options › On Failure = Let Them Finish), the
//      error naming every task with its state.
// Workflows: test/e2e/workflows/engine/ (a subfolder, so the generic phases do not run them).
// Regular mode runs them with `n8n execute` (mode "cli"), queue mode through the editor's run
// endpoint on a worker. N8N_E2E_ONLY selects by "engine/<file>"; N8N_E2E_ENGINE=0 skips all.
import path from 'node:path';

import { ROOT } from '../../../scripts/e2e/lib/paths.mjs';
import { http, secondsSince, sleep, waitFor } from '../../../scripts/e2e/lib/util.mjs';
import { SANDBOX_CREDENTIAL, prepareWorkflow, readWorkflowDir } from '../../../scripts/e2e/lib/workflows.mjs';

const DIR = path.join(ROOT, 'test', 'e2e', 'workflows', 'engine');
const GOOD_TASK_PLACEHOLDER = '__GOOD_TASK_ID__';
const UNKNOWN_TASK = '1999999999999999999';
const RUN_TIMEOUT_MS = 240000;
/** Status checks answer 503 this long after the first create of the retry runs. */
const OUTAGE_MS = 30000;
const STATE_WORDS = /\b(FAILED|FAIL|LEFT RUNNING|RUNNING|CANCEL(?:L?ED)?|QUEUED|SUCCESS|SUCCEEDED|DONE|FINISHED|NOT SUBMITTED|NOT STARTED|UNKNOWN)\b/i;

/** User folder → the finished task its Get Task Result items ask for (set on import). */
const goodTasks = new Map();

/** The engine workflows (prepared, ids from "engine/<file>"), filtered by N8N_E2E_ONLY. */
function loadEngineWorkflows() {
	const only = process.env.N8N_E2E_ONLY || '';
	return readWorkflowDir(DIR)
		.map((s) => ({ ...s, file: `engine/${s.file}` }))
		.filter((s) => !only || s.file.includes(only))
		.map((s) => ({ ...s, wf: prepareWorkflow(s, SANDBOX_CREDENTIAL) }));
}

// ---------------------------------------------------------------- emulator and run data

const totalCreates = (emu) => Object.values(emu.counters.createsByKey).reduce((a, b) => a + b, 0);
const bodyText = (entry) => entry.raw ?? JSON.stringify(entry.body ?? '');
const isPoll = (p) => p === '/openapi/v2/query' || p === '/task/openapi/status' || p === '/task/openapi/outputs';
const isCreate = (p) =>
	p === '/task/openapi/create' ||
	p.startsWith('/task/openapi/ai-app/run') ||
	p.startsWith('/task/openapi/quick-ai-app/run') ||
	p.startsWith('/openapi/v2/run/') ||
	(/^\/openapi\/v2\/[a-z0-9.-]+\/[a-z0-9.-]+/i.test(p) && !isPoll(p) && !/^\/openapi\/v2\/(queue|media)\//.test(p));

/** Emulator tasks whose inputs contain `text`, oldest first. */
function tasksWith(emu, text) {
	return [...emu.tasks.values()].filter((t) => JSON.stringify(t.inputs ?? '').includes(text)).sort((a, b) => a.createdAt - b.createdAt);
}

/** The requests the emulator saw since `mark` (an index into emu.log). */
function logSince(emu, mark) {
	return emu.log.length >= mark ? emu.log.slice(mark) : emu.log.slice();
}

/** The last run of a node: { outputs: [[items of output 0], [output 1] …], error } or null. */
function nodeRun(exec, name) {
	const runs = exec?.data?.resultData?.runData?.[name];
	const run = runs?.[runs.length - 1];
	if (!run) return null;
	return { outputs: (run.data?.main ?? []).map((o) => o ?? []), error: run.error ?? null };
}

const outputItems = (exec, name, index = 0) => nodeRun(exec, name)?.outputs[index] ?? [];
const pairedIndex = (item) => {
	const p = Array.isArray(item?.pairedItem) ? item.pairedItem[0] : item?.pairedItem;
	return typeof p === 'number' ? p : p?.item;
};
const short = (text, n = 90) => {
	const s = String(text ?? '').replace(/\s+/g, ' ').trim();
	return s.length > n ? `${s.slice(0, n - 1)}…` : s;
};
/**
 * What an item on the error output says. n8n keeps only `{ error: message }` there (it
 * replaces the json of every item with `error` set), so the task id must be in the message.
 */
const errorText = (item) => [item?.json?.error, item?.json?.description, item?.json?.taskId].filter(Boolean).join(' ');
const statusOf = (exec) => exec?.status ?? (exec?.data?.resultData?.error ? 'error' : exec?.finished ? 'success' : 'unknown');

/** The workflow error n8n recorded (message + description). */
function workflowError(exec) {
	const e = exec?.data?.resultData?.error;
	return e ? { message: String(e.message ?? ''), description: String(e.description ?? ''), node: e.node?.name } : null;
}

/**
 * The state the text gives each task id (the error must say what became of every task): the
 * first state word after an occurrence of the id, else the last one before it.
 */
function statesNamed(text, taskIds) {
	return taskIds.map((id) => {
		const states = [];
		let at = text.indexOf(id);
		while (at >= 0) {
			const after = STATE_WORDS.exec(text.slice(at + id.length, at + id.length + 40));
			const before = [...text.slice(Math.max(0, at - 40), at).matchAll(new RegExp(STATE_WORDS.source, 'gi'))].pop();
			const m = after ?? before;
			if (m) states.push(m[1].toUpperCase());
			at = text.indexOf(id, at + id.length);
		}
		return { id, named: text.includes(id), states };
	});
}

// ---------------------------------------------------------------- running

/** Runs a workflow the way `mode` does; returns the finished execution (IRun / public API shape). */
async function runEngineWorkflow(ctx, mode, w) {
	if (mode === 'cli') {
		const r = await ctx.n8n.execute(w.wf.id, { timeoutMs: RUN_TIMEOUT_MS });
		if (!r.run) {
			const tail = `${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-4).join(' | ');
			throw new Error(`n8n execute exit ${r.code ?? r.signal}, no execution JSON: ${tail}`);
		}
		return r.run;
	}
	return ctx.n8n.runManual(w.wf, RUN_TIMEOUT_MS);
}

/** A finished SUCCESS task of the suite's key, for the Get Task Result items that should pass. */
async function finishedTask(ctx) {
	const { emu, KEYS, WORKFLOWS } = ctx;
	const r = await http(`${emu.url}/task/openapi/create`, {
		method: 'POST',
		headers: { authorization: `Bearer ${KEYS.shared}` },
		body: { apiKey: KEYS.shared, workflowId: WORKFLOWS.image },
	});
	const taskId = r.json?.data?.taskId;
	if (r.json?.code !== 0 || !taskId) throw new Error(`emulator create failed: HTTP ${r.status} code ${r.json?.code}`);
	const task = await emu.waitForTask(String(taskId), 15000);
	if (task.status !== 'SUCCESS') throw new Error(`task ${taskId} ended ${task.status}`);
	return String(taskId);
}

/** Imports the engine workflows into this user folder once (the good task id filled in). */
async function ensureImported(ctx, workflows) {
	if (!goodTasks.has(ctx.userFolder)) {
		const goodTask = await finishedTask(ctx);
		await ctx.n8n.importWorkflows(workflows.map((w) => JSON.parse(JSON.stringify(w.wf).replaceAll(GOOD_TASK_PLACEHOLDER, goodTask))));
		goodTasks.set(ctx.userFolder, goodTask);
	}
	for (const w of workflows) w.goodTask = goodTasks.get(ctx.userFolder);
}

// ---------------------------------------------------------------- A. error output

/**
 * The two outputs of `name` and the nodes behind them: good inputs only on output 0 (and
 * "<name> OK"), failing inputs only on output 1 (and "<name> Error"), each with `error`.
 */
function checkSplit(exec, name, goodIdx, badIdx) {
	const problems = [];
	const run = nodeRun(exec, name);
	if (!run) return { problems: [`${name} did not run`], ok: [], err: [] };
	if (run.error) problems.push(`${name} failed: ${short(run.error.message)}`);
	const [ok = [], err = []] = run.outputs;
	if (run.outputs.length < 2 && badIdx.length) problems.push(`${name} has ${run.outputs.length} output(s) in the run data, no error output`);
	if (ok.length !== goodIdx.length || err.length !== badIdx.length) problems.push(`success output ${ok.length} item(s), error output ${err.length} (want ${goodIdx.length} / ${badIdx.length})`);
	ok.forEach((it, k) => {
		if (it.json?.error) problems.push(`success[${k}] (input ${pairedIndex(it)}) is an error item: ${short(it.json.error, 70)}`);
		if (!goodIdx.includes(pairedIndex(it))) problems.push(`success[${k}] comes from input ${pairedIndex(it)}`);
	});
	err.forEach((it, k) => {
		if (!it.json?.error) problems.push(`error[${k}] has no json.error`);
		if (!badIdx.includes(pairedIndex(it))) problems.push(`error[${k}] comes from input ${pairedIndex(it)}`);
	});
	const okSeen = outputItems(exec, `${name} OK`).length;
	const errSeen = outputItems(exec, `${name} Error`).length;
	if (okSeen !== goodIdx.length || errSeen !== badIdx.length) problems.push(`branches received OK ${okSeen} / Error ${errSeen}`);
	return { problems, ok, err, okSeen, errSeen };
}

/** Good item submitted once and SUCCESS; the failing one submitted once (FAILED) or never (validation). */
function checkTasks(emu, entries, prompts, { badSubmitted }) {
	const problems = [];
	const [goodPrompt, badPrompt] = prompts;
	const good = tasksWith(emu, goodPrompt);
	const bad = tasksWith(emu, badPrompt);
	if (good.length !== 1) problems.push(`${good.length} task(s) for the good item`);
	else if (good[0].status !== 'SUCCESS') problems.push(`good task ${good[0].taskId} ${good[0].status}`);
	if (badSubmitted) {
		if (bad.length !== 1) problems.push(`${bad.length} task(s) for the failing item`);
		else if (bad[0].status !== 'FAILED') problems.push(`failing task ${bad[0].taskId} ${bad[0].status}`);
	} else {
		const carried = entries.filter((e) => bodyText(e).includes(badPrompt));
		if (carried.length) problems.push(`${carried.length} request(s) carried the invalid item (${carried.map((e) => e.path).join(', ')})`);
		if (bad.length) problems.push(`${bad.length} task(s) created for the invalid item`);
	}
	return { problems, good: good[0], bad: bad[0] };
}

async function errorOutputPhase(ctx, mode, w, record) {
	const { emu } = ctx;
	const start = Date.now();
	const mark = emu.log.length;
	let exec;
	try {
		exec = await runEngineWorkflow(ctx, mode, w);
	} catch (error) {
		record(ctx.label, mode, 'error output: (workflow run)', false, secondsSince(start), short(error.message, 200));
		return;
	}
	const seconds = secondsSince(start);
	const entries = logSince(emu, mark);
	const wfProblems = statusOf(exec) === 'success' ? [] : [`execution ${statusOf(exec)}: ${short(workflowError(exec)?.message)}`];
	const prompts = (itemsNode) => outputItems(exec, itemsNode).map((it) => String(it.json?.prompt ?? ''));
	const figures = (s) => `success ${s.ok.length} → OK ${s.okSeen}, error ${s.err.length} → Error ${s.errSeen}`;

	const cases = [
		{
			name: 'error output: Get Task Result get result, unknown task',
			check() {
				const s = checkSplit(exec, 'Get Result', [0], [1]);
				const problems = [...s.problems];
				if (s.ok[0] && (s.ok[0].json?.taskId !== w.goodTask || s.ok[0].json?.status !== 'SUCCESS')) problems.push(`success item ${short(JSON.stringify(s.ok[0].json), 80)}`);
				if (s.err[0] && !errorText(s.err[0]).includes(UNKNOWN_TASK)) problems.push(`error item does not name task ${UNKNOWN_TASK}: ${short(errorText(s.err[0]), 80)}`);
				return { problems, detail: `${figures(s)}; good ${w.goodTask} SUCCESS; error "${short(s.err[0]?.json?.error, 70)}"` };
			},
		},
		{
			name: 'error output: Get Task Result get status, unknown task',
			check() {
				const s = checkSplit(exec, 'Get Status', [0], [1]);
				const problems = [...s.problems];
				if (s.ok[0] && s.ok[0].json?.status !== 'SUCCESS') problems.push(`success item status ${s.ok[0].json?.status}`);
				return { problems, detail: `${figures(s)}; error "${short(s.err[0]?.json?.error, 70)}"` };
			},
		},
		...[
			['Standard Model failed task', 'SM Failed Task', 'SM Fail Items', true],
			['Standard Model validation', 'SM Invalid Value', 'SM Invalid Items', false],
			['Run Workflow failed task', 'RW Failed Task', 'RW Fail Items', true],
			['Run Workflow validation', 'RW Unknown Node', 'RW Invalid Items', false],
		].map(([label, node, itemsNode, badSubmitted]) => ({
			name: `error output: ${label}`,
			check() {
				const s = checkSplit(exec, node, [0], [1]);
				const p = prompts(itemsNode);
				if (p.length !== 2) return { problems: [`${itemsNode} produced ${p.length} items`], detail: '' };
				const t = checkTasks(emu, entries, p, { badSubmitted });
				const problems = [...s.problems, ...t.problems];
				if (s.ok[0] && t.good && s.ok[0].json?.taskId !== t.good.taskId) problems.push(`success item task ${s.ok[0].json?.taskId}, the good item's is ${t.good.taskId}`);
				if (badSubmitted && s.err[0] && t.bad && !errorText(s.err[0]).includes(t.bad.taskId)) problems.push(`error item does not name the failed task ${t.bad.taskId}: ${short(errorText(s.err[0]), 80)}`);
				const creates = tasksWith(emu, p[0].split(' ')[0]).length;
				const what = badSubmitted ? `failed task ${t.bad?.taskId ?? '?'} ${t.bad?.status ?? ''}` : 'invalid item never sent';
				return { problems, detail: `${figures(s)}; ${creates} create(s), ${what}; error "${short(s.err[0]?.json?.error, 60)}"` };
			},
		})),
		{
			name: 'error output: Upload File missing binary',
			check() {
				const s = checkSplit(exec, 'Upload File', [0], [1]);
				const problems = [...s.problems];
				const uploads = entries.filter((e) => e.path === '/task/openapi/upload').length;
				// One upload for the item with a file — or none when this n8n process already uploaded the
				// same file for the account (upload reuse, e.g. an earlier check on the same worker).
				if (uploads > 1) problems.push(`${uploads} upload request(s), expected at most 1 (only the item with a file)`);
				if (s.ok[0] && !s.ok[0].json?.fileName) problems.push('success item has no fileName');
				return { problems, detail: `${figures(s)}; ${uploads} upload(s)${uploads ? '' : ' (file already uploaded by this process: reused)'}; error "${short(s.err[0]?.json?.error, 70)}"` };
			},
		},
	];
	for (const c of cases) {
		try {
			const { problems, detail } = c.check();
			const all = [...wfProblems, ...problems];
			record(ctx.label, mode, c.name, !all.length, seconds, all.length ? all.slice(0, 4).join('; ') : detail);
		} catch (error) {
			record(ctx.label, mode, c.name, false, seconds, short(error.message, 200));
		}
	}
}

// ---------------------------------------------------------------- B. Retry On Fail

/** Sets `faults` as soon as the emulator counts a new create (the outage starts right after it). */
function armOnFirstCreate(emu, faults) {
	const before = totalCreates(emu);
	const state = { armedAt: null };
	const timer = setInterval(() => {
		if (totalCreates(emu) > before) {
			emu.setFaults(faults);
			state.armedAt = Date.now();
			clearInterval(timer);
		}
	}, 5);
	state.stop = () => clearInterval(timer);
	return state;
}

async function retryPhase(ctx, mode, w, nodeName, record) {
	const { emu } = ctx;
	const name = nodeName === 'Run Workflow' ? 'retry on fail: creates = items' : `retry on fail: creates = items (${nodeName})`;
	const start = Date.now();
	const mark = emu.log.length;
	const armed = armOnFirstCreate(emu, { http5xx: { match: 'poll', status: 503, durationMs: OUTAGE_MS } });
	try {
		const exec = await runEngineWorkflow(ctx, mode, w);
		armed.stop();
		const entries = logSince(emu, mark);
		const prompts = outputItems(exec, 'Items').map((it) => String(it.json?.prompt ?? ''));
		const items = outputItems(exec, nodeName);
		const tag = prompts[0]?.split(' ')[0] ?? '?';
		const created = tasksWith(emu, tag);
		const creates = entries.filter((e) => isCreate(e.path) && bodyText(e).includes(tag)).length;
		const failedPolls = entries.filter((e) => isPoll(e.path) && e.status === 503).length;
		const tries = entries.filter((e) => e.path === '/openapi/v2/queue/status').length;
		const problems = [];
		if (!armed.armedAt) problems.push('no create reached the emulator, so the outage never started');
		if (statusOf(exec) !== 'success') problems.push(`execution ${statusOf(exec)}: ${short(workflowError(exec)?.message, 120)}`);
		if (prompts.length !== 2) problems.push(`${prompts.length} input items`);
		if (created.length !== prompts.length || creates !== prompts.length) problems.push(`${created.length} tasks / ${creates} create requests for ${prompts.length} items`);
		if (!failedPolls) problems.push('no status check was answered 503 (the outage missed the polls)');
		if (items.length !== prompts.length) problems.push(`${items.length} output items`);
		items.forEach((it, i) => {
			const task = emu.tasks.get(String(it.json?.taskId));
			if (!task) problems.push(`item ${i}: task ${it.json?.taskId} unknown to the emulator`);
			else if (!JSON.stringify(task.inputs ?? '').includes(prompts[i])) problems.push(`item ${i}: task ${task.taskId} was created from another item`);
			if (it.json?.status !== 'SUCCESS') problems.push(`item ${i}: status ${it.json?.status}`);
		});
		const perItem = prompts.map((p) => tasksWith(emu, p).length).join('/');
		record(
			ctx.label,
			mode,
			name,
			!problems.length,
			secondsSince(start),
			`${problems.length ? `${problems.slice(0, 4).join('; ')} — ` : ''}${creates} creates for ${prompts.length} items (per item ${perItem}), ${failedPolls} polls answered 503 in ${OUTAGE_MS / 1000} s, node ran ${tries}× (queue status reads), ${items.length} items out`,
		);
	} catch (error) {
		record(ctx.label, mode, name, false, secondsSince(start), short(error.message, 200));
	} finally {
		armed.stop();
		emu.setFaults({ http5xx: null });
	}
}

// ---------------------------------------------------------------- C. stop at the first failure

async function stopPhase(ctx, mode, w, variant, record) {
	const { emu } = ctx;
	const name = variant === 'cancel' ? 'stop at first failure: cancel running' : 'stop at first failure: let them finish';
	const start = Date.now();
	const mark = emu.log.length;
	try {
		const exec = await runEngineWorkflow(ctx, mode, w);
		const prompts = outputItems(exec, 'Items').map((it) => String(it.json?.prompt ?? ''));
		const tag = prompts[0]?.split(' ')[0] ?? '?';
		const tasks = tasksWith(emu, tag);
		const failed = tasks.find((t) => JSON.stringify(t.inputs ?? '').includes(prompts[0]));
		const others = tasks.filter((t) => t !== failed);
		const problems = [];
		if (prompts.length !== 6) problems.push(`${prompts.length} input items`);
		if (statusOf(exec) !== 'error') problems.push(`execution ${statusOf(exec)}, expected error`);
		if (!failed) problems.push('item 0 was never submitted');
		else if (failed.status !== 'FAILED') problems.push(`item 0's task ${failed.taskId} is ${failed.status}`);
		// Max Concurrent Tasks 2 and item 1 outlasting item 0: the only slot that frees up is
		// the failing task's, so any create after it ended was a submit after the failure.
		const late = failed?.endedAt ? tasks.filter((t) => t.createdAt >= failed.endedAt) : [];
		if (tasks.length > 2) problems.push(`${tasks.length} tasks created (items ${tasks.map((t) => prompts.findIndex((p) => JSON.stringify(t.inputs).includes(p))).join(',')}), at most 2 with 2 in flight`);
		if (late.length) problems.push(`${late.length} create(s) after task ${failed.taskId} had failed`);
		if (!others.length) problems.push('no second task was running when item 0 failed');

		// Cancels are sent as the node stops; give a late one a moment to arrive.
		const cancelsFor = () => logSince(emu, mark).filter((e) => /cancel/i.test(e.path) && others.some((t) => bodyText(e).includes(t.taskId)));
		if (variant === 'cancel') {
			try {
				await waitFor(() => others.every((t) => t.status === 'CANCEL') && cancelsFor().length >= others.length, { timeoutMs: 5000, intervalMs: 100, message: 'the running tasks to be cancelled' });
			} catch {
				// reported below
			}
			const cancels = cancelsFor();
			for (const t of others) {
				if (!cancels.some((e) => bodyText(e).includes(t.taskId))) problems.push(`no cancel request for running task ${t.taskId}`);
				if (t.status !== 'CANCEL') problems.push(`task ${t.taskId} is ${t.status}, not CANCEL`);
			}
		} else {
			await sleep(1500);
			const cancels = cancelsFor();
			if (cancels.length) problems.push(`${cancels.length} cancel request(s) sent (${cancels.map((e) => e.path).join(', ')})`);
			for (const t of others) {
				const ended = await emu.waitForTask(t.taskId, 30000).catch(() => t);
				if (ended.status !== 'SUCCESS') problems.push(`running task ${t.taskId} ended ${ended.status}, expected it to finish (SUCCESS)`);
			}
			const after = tasksWith(emu, tag).length;
			if (after !== tasks.length) problems.push(`${after - tasks.length} more task(s) created after the execution ended`);
		}

		const err = workflowError(exec);
		const text = err ? `${err.message}\n${err.description}` : '';
		const named = statesNamed(text, tasks.map((t) => t.taskId));
		if (!err) problems.push('no workflow error recorded');
		for (const n of named) {
			if (!n.named) problems.push(`the error does not name task ${n.id}`);
			else if (!n.states.length) problems.push(`the error names task ${n.id} without its state`);
		}
		const stateOf = (id) => named.find((n) => n.id === id)?.states ?? [];
		if (failed && stateOf(failed.taskId).length && !stateOf(failed.taskId).some((s) => /FAIL/.test(s))) problems.push(`the error gives task ${failed.taskId} as ${stateOf(failed.taskId).join('/')}, not failed`);
		for (const t of others) {
			const said = stateOf(t.taskId);
			if (!said.length) continue;
			if (variant === 'cancel' && !said.some((s) => /CANCEL/.test(s))) problems.push(`the error gives cancelled task ${t.taskId} as ${said.join('/')}`);
			if (variant === 'finish' && said.some((s) => /CANCEL/.test(s))) problems.push(`the error gives task ${t.taskId} as cancelled`);
		}
		const cancels = logSince(emu, mark).filter((e) => /cancel/i.test(e.path)).length;
		const states = tasks.map((t) => `…${t.taskId.slice(-4)} ${t.status}`).join(', ');
		record(
			ctx.label,
			mode,
			name,
			!problems.length,
			secondsSince(start),
			`${problems.length ? `${problems.slice(0, 4).join('; ')} — ` : ''}${tasks.length} creates for 6 items, ${cancels} cancel(s), tasks ${states}; error says ${named.map((n) => `…${n.id.slice(-4)} ${[...new Set(n.states)].join('/') || '-'}`).join(', ')}`,
		);
	} catch (error) {
		record(ctx.label, mode, name, false, secondsSince(start), short(error.message, 200));
	}
}

// ---------------------------------------------------------------- entry point

/**
 * Every engine check for one n8n line in one mode: "cli" (regular mode, `n8n execute`,
 * before `n8n start`; imports the workflows) or "queue" (a worker runs them). Standard Model
 * retry runs in regular mode only: the queue-mode retry path is the same n8n code and the
 * Run Workflow case already covers it there.
 */
export async function enginePhase(ctx, mode, record) {
	if (process.env.N8N_E2E_ENGINE === '0') return;
	const workflows = loadEngineWorkflows();
	if (!workflows.length) return;
	const start = Date.now();
	try {
		await ensureImported(ctx, workflows);
	} catch (error) {
		record(ctx.label, mode, 'engine: import workflows', false, secondsSince(start), short(error.message, 200));
		return;
	}
	const byFile = (f) => workflows.find((w) => w.file === `engine/${f}`);
	const run = async (file, fn) => {
		const w = byFile(file);
		if (w) await fn(w);
	};
	await run('error-output.json', (w) => errorOutputPhase(ctx, mode, w, record));
	await run('retry-run-workflow.json', (w) => retryPhase(ctx, mode, w, 'Run Workflow', record));
	if (mode !== 'queue') await run('retry-standard-model.json', (w) => retryPhase(ctx, mode, w, 'Standard Model', record));
	await run('stop-cancel.json', (w) => stopPhase(ctx, mode, w, 'cancel', record));
	await run('stop-finish.json', (w) => stopPhase(ctx, mode, w, 'finish', record));
}
