// The RunningHub emulator (test/emulator) in this process, plus direct API calls the e2e
// suite makes itself (submitting a task whose callback goes to the n8n trigger).
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from './paths.mjs';
import { http } from './util.mjs';

const require = createRequire(import.meta.url);

export function loadEmulatorModule() {
	return require(path.join(ROOT, 'test', 'emulator', 'index.js'));
}

/** Start the emulator on 127.0.0.1 (port 0 = any free port). */
export async function startEmulator({ port = 0, timing = { queuedMs: 100, runningMs: 400 }, ...rest } = {}) {
	const mod = loadEmulatorModule();
	const emu = await mod.createEmulator({ port, host: '127.0.0.1', timing, ...rest });
	return { emu, KEYS: mod.KEYS, WORKFLOWS: mod.WORKFLOWS, APPS: mod.APPS };
}

/**
 * Create a ComfyUI-workflow task straight through the v1 API (as any RunningHub client
 * would), with `webhookUrl` so the emulator calls back when it ends (and optionally a
 * nodeInfoList, e.g. a prompt with the emulator's [bytes:N] / [ms:N] tokens). Returns the task id.
 */
export async function submitTaskWithWebhook(emuUrl, apiKey, workflowId, webhookUrl, nodeInfoList) {
	const r = await http(`${emuUrl}/task/openapi/create`, {
		method: 'POST',
		headers: { authorization: `Bearer ${apiKey}` },
		body: { apiKey, workflowId, webhookUrl, ...(nodeInfoList ? { nodeInfoList } : {}) },
	});
	const taskId = r.json?.data?.taskId;
	if (r.json?.code !== 0 || !taskId) throw new Error(`emulator create failed: ${r.text.slice(0, 300)}`);
	return String(taskId);
}
