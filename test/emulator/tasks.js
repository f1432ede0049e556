'use strict';
// Task lifecycle and concurrency (API.md §7, §14):
//   QUEUED (timing.queuedMs) → RUNNING (timing.runningMs or [ms:N]) → SUCCESS | FAILED,
//   or CANCEL at any non-terminal point.
// A task holds one of its key's concurrency slots while QUEUED or RUNNING. Submitting
// beyond the limit is rejected (421 NORMAL/SHARED, 415 EXCLUSIVE) — except for
// exclusive keys with usePersonalQueue, whose tasks wait (still QUEUED, holding no slot)
// in a FIFO personal queue of at most `personalQueueLimit` tasks (814 beyond).

const { v1err } = require('./errors');
const { randomHex } = require('./ids');

const TERMINAL = new Set(['SUCCESS', 'FAILED', 'CANCEL']);

const DEFAULT_BYTES = { png: 2048, webp: 2048, jpg: 2048, mp4: 16 * 1024, mp3: 8 * 1024, flac: 8 * 1024, wav: 8 * 1024, glb: 4096 };

function failedReasonFor(task) {
	const model = task.kind === 'model';
	const lines = [
		'  File "/app/ComfyUI/execution.py", line 496, in execute\n    output_data, output_ui, has_subgraph, has_pending_tasks = await get_output_data(prompt_id, unique_id, obj, input_data_all, execution_block_cb=execution_block_cb, pre_execute_cb=pre_execute_cb, hidden_inputs=hidden_inputs)\n',
		'  File "/app/ComfyUI/comfy/sample.py", line 50, in sample\n    samples = sampler.sample(noise, positive, negative, cfg=cfg, latent_image=latent_image, start_step=start_step, last_step=last_step, force_full_denoise=force_full_denoise, denoise_mask=noise_mask, sigmas=sigmas, callback=callback, disable_pbar=disable_pbar, seed=seed)\n',
		'torch.OutOfMemoryError: Allocation on device 0 would exceed allowed memory. (out of memory)\n',
	];
	return {
		node_name: model ? task.endpoint : 'KSampler',
		node_id: model ? '' : '3',
		exception_type: 'torch.OutOfMemoryError',
		exception_message: 'Allocation on device 0 would exceed allowed memory. (out of memory)\nCurrently allocated     : 21.87 GiB\nRequested               : 2.25 GiB\nDevice limit            : 23.64 GiB',
		traceback: JSON.stringify(lines),
		current_inputs: model ? {} : { seed: [156680208700286], steps: [20], cfg: [8], sampler_name: ['euler'] },
		current_outputs: model ? {} : { 3: [] },
	};
}

function createTaskManager(state) {
	const tasks = new Map();
	const personalQueues = new Map(); // key → [task]
	const timers = new Map(); // taskId → timer handle

	const counters = () => state.counters;

	function activeCount(key) {
		return counters().runningByKey[key] || 0;
	}

	function countBy(key, status) {
		let n = 0;
		for (const t of tasks.values()) if (t.key === key && t.status === status) n++;
		return n;
	}

	function setTimer(task, ms, fn) {
		clearTimer(task);
		timers.set(task.taskId, state.schedule(() => {
			timers.delete(task.taskId);
			fn();
		}, ms));
	}

	function clearTimer(task) {
		const h = timers.get(task.taskId);
		if (h) state.unschedule(h);
		timers.delete(task.taskId);
	}

	function reject(name) {
		if (name === 'TASK_QUEUE_MAXED') counters().rejected421++;
		if (name === 'TASK_INSTANCE_MAXED') counters().rejected415++;
		return { error: v1err(name) };
	}

	/**
	 * Create a task from a spec (submit.js / models). `auth` = { key, account }.
	 * → { task } | { error: { code, msg } }
	 */
	function submit(spec, auth, source) {
		const { key, account } = auth;
		const cap = state.faults.take('capacity');
		if (cap) return reject(Number(cap.code) === 415 ? 'TASK_INSTANCE_MAXED' : 'TASK_QUEUE_MAXED');

		let personal = false;
		if (activeCount(key) >= account.concurrency) {
			if (account.type === 'EXCLUSIVE' && spec.opts && spec.opts.usePersonalQueue) {
				const queue = personalQueues.get(key) || [];
				if (queue.length >= state.options.personalQueueLimit) return { error: v1err('PERSONAL_QUEUE_COUNT_LIMIT') };
				personal = true;
			} else {
				return reject(account.type === 'EXCLUSIVE' ? 'TASK_INSTANCE_MAXED' : 'TASK_QUEUE_MAXED');
			}
		}

		const opts = spec.opts || {};
		const task = {
			taskId: state.nextId(),
			key,
			apiType: account.type,
			kind: spec.kind,
			source,
			workflowId: spec.workflowId || null,
			webappId: spec.webappId || null,
			quickCreateCode: spec.quickCreateCode || null,
			endpoint: spec.endpoint || null,
			status: 'QUEUED',
			clientId: randomHex(16),
			promptTips: spec.promptTips || '',
			createdAt: Date.now(),
			startedAt: null,
			endedAt: null,
			webhookUrl: opts.webhookUrl || null,
			instanceType: opts.instanceType || 'default',
			usePersonalQueue: !!opts.usePersonalQueue,
			addMetadata: opts.addMetadata !== false,
			retainSeconds: opts.retainSeconds || null,
			inputs: spec.inputs || null,
			magic: spec.magic || {},
			outputsPlan: spec.outputs || [],
			outputBytes: spec.outputBytes || null,
			textOutput: !!spec.textOutput,
			price: spec.price || null,
			forceFail: !!state.faults.take('failTasks'),
			forceEmpty: false,
			holdsSlot: false,
			personalQueued: personal,
			outputs: null, // after SUCCESS: [{ nodeId, ext, url, fileUrl, text, size }]
			failedReason: null,
			usage: null,
		};
		if (!task.forceFail) task.forceEmpty = !!state.faults.take('emptySuccess');
		if (!task.forceFail && !task.forceEmpty) task.hideV2Results = !!state.faults.take('v2EmptyResults');
		tasks.set(task.taskId, task);
		const c = counters();
		c.createsByKey[key] = (c.createsByKey[key] || 0) + 1;
		if (personal) {
			if (!personalQueues.has(key)) personalQueues.set(key, []);
			personalQueues.get(key).push(task);
		} else occupySlot(task);
		return { task };
	}

	function occupySlot(task) {
		const c = counters();
		task.holdsSlot = true;
		task.personalQueued = false;
		c.runningByKey[task.key] = (c.runningByKey[task.key] || 0) + 1;
		c.maxConcurrentRunningByKey[task.key] = Math.max(c.maxConcurrentRunningByKey[task.key] || 0, c.runningByKey[task.key]);
		const total = Object.values(c.runningByKey).reduce((a, b) => a + b, 0);
		c.maxConcurrentRunning = Math.max(c.maxConcurrentRunning, total);
		setTimer(task, state.timing.queuedMs, () => startRunning(task));
	}

	function releaseSlot(task) {
		if (!task.holdsSlot) return;
		task.holdsSlot = false;
		const c = counters();
		c.runningByKey[task.key] = Math.max(0, (c.runningByKey[task.key] || 0) - 1);
		promote(task.key);
	}

	function promote(key) {
		const queue = personalQueues.get(key);
		const account = state.accounts.get(key);
		while (queue && queue.length && account && activeCount(key) < account.concurrency) occupySlot(queue.shift());
	}

	function startRunning(task) {
		task.status = 'RUNNING';
		task.startedAt = Date.now();
		const ms = task.magic.ms !== undefined ? task.magic.ms : state.timing.runningMs;
		setTimer(task, ms, () => finish(task));
	}

	function finish(task) {
		task.endedAt = Date.now();
		if (task.magic.fail || task.forceFail) {
			task.status = 'FAILED';
			task.failedReason = failedReasonFor(task);
			task.outputs = [];
		} else {
			task.status = 'SUCCESS';
			task.outputs = task.magic.empty || task.forceEmpty ? [] : buildOutputs(task);
		}
		task.usage = usageFor(task);
		releaseSlot(task);
		state.webhooks.taskEnded(task);
	}

	function fileName(index, ext) {
		const rand = randomHex(4).replace(/[0-9]/g, (d) => 'abcdefghij'[d]).slice(0, 5);
		return `ComfyUI_${String(index).padStart(5, '0')}_${rand}_${Math.floor(Date.now() / 1000)}.${ext}`;
	}

	function buildOutputs(task) {
		if (task.magic.text || task.textOutput) {
			const text = generatedText(task);
			const rel = `${task.taskId}/${fileName(1, 'txt')}`;
			state.fileStore.addStored(rel, 'txt', Buffer.byteLength(text), [Buffer.from(text)]);
			const nodeId = task.kind === 'model' ? null : (task.outputsPlan[0] && task.outputsPlan[0].nodeId) || null;
			return [{ nodeId, ext: 'txt', text, url: null, fileUrl: state.fileStore.urlFor(rel), size: Buffer.byteLength(text) }];
		}
		const results = [];
		let index = 1;
		for (const out of task.outputsPlan) {
			for (let i = 0; i < (out.count || 1); i++) {
				const rel = `${task.taskId}/${fileName(index++, out.ext)}`;
				const bytes = task.magic.bytes !== undefined ? task.magic.bytes : task.outputBytes || DEFAULT_BYTES[out.ext] || 2048;
				const entry = state.fileStore.addGenerated(rel, out.ext, bytes);
				const url = state.fileStore.urlFor(rel);
				results.push({ nodeId: task.kind === 'model' ? null : out.nodeId, ext: out.ext, text: null, url, fileUrl: url, size: entry.size });
			}
		}
		return results;
	}

	function generatedText(task) {
		const prompt = task.inputs && (task.inputs.prompt || task.inputs.text);
		const about = typeof prompt === 'string' ? prompt.replace(/\[[a-z]+(:\d+)?\]/gi, '').trim() : 'the input';
		return `A detailed description generated by ${task.endpoint || 'the workflow'} for: ${about || 'the input'}.`;
	}

	function usageFor(task) {
		const seconds = task.startedAt ? Math.round((task.endedAt - task.startedAt) / 1000) : 0;
		const usage = { consumeCoins: null, consumeMoney: null, thirdPartyConsumeMoney: null, taskCostTime: String(seconds) };
		if (task.kind === 'model') usage.thirdPartyConsumeMoney = task.price !== null ? task.price.toFixed(2) : '0.10';
		else if (task.apiType === 'SHARED') usage.consumeMoney = (0.01 + seconds * 0.0025).toFixed(4);
		else usage.consumeCoins = String(10 + seconds);
		return usage;
	}

	function cancel(task) {
		if (TERMINAL.has(task.status)) return false;
		clearTimer(task);
		if (task.personalQueued) {
			const queue = personalQueues.get(task.key) || [];
			const i = queue.indexOf(task);
			if (i >= 0) queue.splice(i, 1);
			task.personalQueued = false;
		}
		task.status = 'CANCEL';
		task.endedAt = Date.now();
		releaseSlot(task);
		return true;
	}

	/** Task lookup scoped to the key that created it (other keys see "not found"). */
	function find(taskId, key) {
		const id = taskId === undefined || taskId === null ? '' : String(taskId).trim();
		const task = tasks.get(id);
		return task && task.key === key ? task : null;
	}

	function reset() {
		for (const h of timers.values()) state.unschedule(h);
		timers.clear();
		tasks.clear();
		personalQueues.clear();
	}

	function queueStats(key) {
		const queued = countBy(key, 'QUEUED');
		const running = countBy(key, 'RUNNING');
		return { queued, running, personalQueued: (personalQueues.get(key) || []).length };
	}

	return { tasks, submit, cancel, find, reset, promote, activeCount, queueStats, isTerminal: (t) => TERMINAL.has(t.status) };
}

module.exports = { createTaskManager, TERMINAL };
