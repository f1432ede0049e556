// Example workflows → importable n8n workflows: stable ids, our credential, fixed webhook ids.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_NAME, ROOT } from './paths.mjs';

export const CREDENTIAL_TYPE = 'runningHubApi';
export const SANDBOX_CREDENTIAL = Object.freeze({ id: 'rhSandboxCred001', name: 'RunningHub (local emulator)' });
export const REAL_CREDENTIAL = Object.freeze({ id: 'rhRealApiCred001', name: 'RunningHub account' });
export const TRIGGER_TYPE = `${PACKAGE_NAME}.runningHubTrigger`;
export const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';

const hash = (s, n) => createHash('sha1').update(s).digest('hex').slice(0, n);

/** A 16-character alphanumeric workflow id derived from a file name (stable across runs). */
export function workflowIdFor(file) {
	return `rh${hash(`wf:${file}`, 14)}`;
}

/** A stable UUID for a trigger node's webhookId. */
export function webhookIdFor(workflowId, nodeName) {
	const h = hash(`hook:${workflowId}:${nodeName}`, 32);
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Read every workflow JSON in `dir` (a file may hold one workflow or an array). */
export function readWorkflowDir(dir) {
	if (!existsSync(dir)) return [];
	const out = [];
	for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
		const full = path.join(dir, file);
		const parsed = JSON.parse(readFileSync(full, 'utf8'));
		const list = Array.isArray(parsed) ? parsed : [parsed];
		list.forEach((wf, i) => {
			if (!wf || !Array.isArray(wf.nodes)) return;
			const key = list.length > 1 ? `${file}#${i}` : file;
			out.push({ file: key, source: path.relative(ROOT, full), workflow: wf });
		});
	}
	return out;
}

export const readExamples = () => readWorkflowDir(path.join(ROOT, 'examples'));

/**
 * Make a workflow importable: stable id, inactive, every RunningHub credential reference
 * pointed at `credential`, trigger nodes given a fixed webhookId (their production URL is
 * /webhook/<webhookId>/<path>).
 */
export function prepareWorkflow({ file, workflow }, credential, { idOverride } = {}) {
	const wf = JSON.parse(JSON.stringify(workflow));
	const id = idOverride || (typeof wf.id === 'string' && /^[A-Za-z0-9]{16}$/.test(wf.id) ? wf.id : workflowIdFor(file));
	wf.id = id;
	wf.name = wf.name || path.basename(file, '.json');
	wf.active = false;
	delete wf.versionId;
	delete wf.shared;
	delete wf.tags;
	delete wf.meta;
	wf.settings = { executionOrder: 'v1', ...(wf.settings || {}) };
	wf.connections = wf.connections || {};
	for (const node of wf.nodes) {
		if (node.credentials && node.credentials[CREDENTIAL_TYPE]) {
			node.credentials[CREDENTIAL_TYPE] = { id: credential.id, name: credential.name };
		}
		if (node.type === TRIGGER_TYPE || node.type === 'n8n-nodes-base.webhook') {
			node.webhookId = node.webhookId && /^[0-9a-f-]{36}$/.test(node.webhookId) ? node.webhookId : webhookIdFor(id, node.name);
		}
	}
	return wf;
}

export function classify(wf) {
	const types = wf.nodes.map((n) => n.type);
	return {
		hasManualTrigger: types.includes(MANUAL_TRIGGER_TYPE),
		hasRunningHubTrigger: types.includes(TRIGGER_TYPE),
		usesPackage: types.some((t) => t.startsWith(`${PACKAGE_NAME}.`)),
		// A RunningHub node in "Resume on Callback" mode: needs n8n's HTTP server for the callback.
		resumes: wf.nodes.some((n) => n.type.startsWith(`${PACKAGE_NAME}.`) && n.parameters?.waitMode === 'resume'),
		packageTypes: [...new Set(types.filter((t) => t.startsWith(`${PACKAGE_NAME}.`)))],
	};
}

export function credentialRecord(credential, data) {
	return { id: credential.id, name: credential.name, type: CREDENTIAL_TYPE, data };
}
