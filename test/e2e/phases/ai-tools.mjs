// The AI-tool paths of a real n8n, where n8n runs a node's `execute()` itself instead of the
// workflow engine (n8n-core get-input-connection-data → makeHandleToolInvocation):
//   - MCP Server Trigger with our tool nodes on its ai_tool input, driven by a real MCP client
//     (@modelcontextprotocol/sdk, Streamable HTTP): tools/list, then tools/call of Standard
//     Model, Run Workflow and Get Task Result (and account › Get Info);
//   - AI Agent (the version the editor creates, plus the older ones both lines still offer)
//     with the OpenAI Chat Model pointed at a scripted chat-completions stub
//     (test/e2e/stubs/openai-chat.mjs) that calls our Standard Model tool once.
// Each check looks at what the emulator saw (creates per key, the task's inputs) and at what
// came back to the client / the LLM: taskId, status SUCCESS, file URLs.
//
// Fixtures: test/e2e/workflows/ai-tools/*.json (a subfolder, so the generic phases of
// run.mjs, which read only the top-level files, do not run them).
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { submitTaskWithWebhook } from '../../../scripts/e2e/lib/emulator.mjs';
import { ROOT } from '../../../scripts/e2e/lib/paths.mjs';
import { http, makeLogger, secondsSince, waitFor } from '../../../scripts/e2e/lib/util.mjs';
import { SANDBOX_CREDENTIAL, prepareWorkflow, readWorkflowDir, workflowIdFor } from '../../../scripts/e2e/lib/workflows.mjs';
import { findTaskId, startOpenAiStub } from '../stubs/openai-chat.mjs';

const log = makeLogger('ai-tools');
const FIXTURES = path.join(ROOT, 'test', 'e2e', 'workflows', 'ai-tools');
const MCP_FILE = 'mcp-server.json';
const AGENT_FILE = 'agent-openai-stub.json';
const AGENT_TYPE = '@n8n/n8n-nodes-langchain.agent';
const MCP_TRIGGER_TYPE = '@n8n/n8n-nodes-langchain.mcpTrigger';
const OPENAI_CREDENTIAL = Object.freeze({ id: 'e2eOpenAiStub001', name: 'OpenAI (local stub)' });
const CALL_TIMEOUT_MS = 120000;
// Agent versions checked besides the editor's default, when the line has them: the last
// Tools Agent of the V1 and V2 node classes (V1/V2 let LangChain invoke the tools, V3 hands
// tool calls back to the workflow engine).
const OLDER_AGENT_VERSIONS = [2.2, 1.9];
// Tool names as n8n derives them from the node names (n8n-workflow nodeNameToToolName:
// every run of characters outside [A-Za-z0-9_-] becomes "_").
const TOOL = Object.freeze({
	standardModel: 'Standard_Model',
	runWorkflow: 'Run_Workflow',
	getTaskResult: 'Get_Task_Result',
	accountInfo: 'Account_Info',
	agentTool: 'Generate_Image',
});

const selected = (file) => {
	const only = process.env.N8N_E2E_ONLY || '';
	return !only || `ai-tools/${file}`.includes(only);
};

/** True when N8N_E2E_ONLY (if set) selects one of this module's workflows. */
export const aiToolsSelected = () => selected(MCP_FILE) || selected(AGENT_FILE);

function loadFixture(file) {
	const source = readWorkflowDir(FIXTURES).find((s) => s.file === file);
	if (!source) throw new Error(`fixture ${path.join('test/e2e/workflows/ai-tools', file)} is missing`);
	return prepareWorkflow(source, SANDBOX_CREDENTIAL);
}

/** Replace every API key of the emulator in a string meant for the verdict table or log. */
function redactor(KEYS) {
	const secrets = Object.values(KEYS || {}).filter((k) => typeof k === 'string' && k.length >= 8);
	return (text) => secrets.reduce((s, k) => s.split(k).join('***'), String(text ?? ''));
}

const createsOf = (emu, key) => emu.counters.createsByKey[key] || 0;

/** The JSON a tool returned (n8n wraps a node's output items in an array). */
function toolPayload(text) {
	let value;
	try {
		value = JSON.parse(text);
	} catch {
		return { raw: text };
	}
	// n8n stringifies the items' json list; some paths stringify twice.
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			return { raw: value };
		}
	}
	if (Array.isArray(value)) return value.length === 1 ? value[0] : { items: value };
	return value && typeof value === 'object' ? value : { raw: text };
}

const short = (s, n = 220) => {
	const t = String(s ?? '').replace(/\s+/g, ' ').trim();
	return t.length > n ? `${t.slice(0, n - 1)}…` : t;
};

/**
 * What a finished task must look like in a tool result: the task id, status SUCCESS and the
 * emulator's file URLs (the compact tool shape: `urls`).
 */
function checkTaskPayload(payload, emu, problems, { taskId } = {}) {
	if (!payload || typeof payload !== 'object' || payload.raw !== undefined) {
		problems.push(`tool result is not JSON: ${short(payload?.raw)}`);
		return;
	}
	if (payload.error) problems.push(`tool result carries error: ${short(payload.error)}`);
	if (!/^\d{15,20}$/.test(String(payload.taskId ?? ''))) problems.push(`taskId ${JSON.stringify(payload.taskId)}`);
	if (taskId && String(payload.taskId) !== taskId) problems.push(`taskId ${payload.taskId}, expected ${taskId}`);
	if (payload.status !== 'SUCCESS') problems.push(`status ${payload.status}`);
	const urls = payload.urls;
	if (!Array.isArray(urls) || !urls.length) problems.push(`no urls (keys: ${Object.keys(payload).join(', ')})`);
	else if (!urls.every((u) => typeof u === 'string' && u.startsWith(emu.url))) problems.push(`urls not served by the emulator: ${short(urls.join(' '))}`);
}

/** The emulator's record of a task and whether its inputs carry `text`. */
function taskCarries(emu, taskId, text) {
	const task = emu.tasks.get(String(taskId));
	return { task, carries: !!task && JSON.stringify(task.inputs ?? task).includes(text) };
}

// ---------------------------------------------------------------- MCP

async function loadMcpSdk() {
	const [{ Client }, { StreamableHTTPClientTransport }] = await Promise.all([
		import('@modelcontextprotocol/sdk/client/index.js'),
		import('@modelcontextprotocol/sdk/client/streamableHttp.js'),
	]);
	return { Client, StreamableHTTPClientTransport };
}

/** Production URL of the MCP Server Trigger (v2: one path for Streamable HTTP and SSE). */
function mcpUrl(n8n, wf) {
	const node = wf.nodes.find((n) => n.type === MCP_TRIGGER_TYPE);
	return `${n8n.baseUrl}/mcp/${node.parameters.path}`;
}

async function mcpPhase(ctx, mode, record, redact) {
	const { n8n, emu, KEYS, WORKFLOWS, label } = ctx;
	const wf = loadFixture(MCP_FILE);
	const url = mcpUrl(n8n, wf);
	let start = Date.now();
	let client;
	try {
		const { Client, StreamableHTTPClientTransport } = await loadMcpSdk().catch((error) => {
			throw new Error(`@modelcontextprotocol/sdk is not installed (npm ci): ${error.message}`);
		});
		await n8n.activate(wf.id);
		// 2.x activates asynchronously: wait until the endpoint stops answering 404.
		await waitFor(
			async () => (await http(url, { method: 'POST', body: {} })).status !== 404,
			{ timeoutMs: 30000, intervalMs: 250, message: `MCP endpoint ${url} to be registered` },
		);
		client = new Client({ name: 'runninghub-e2e', version: '1.0.0' });
		await client.connect(new StreamableHTTPClientTransport(new URL(url)));
		const { tools } = await client.listTools();
		const names = tools.map((t) => t.name);
		const problems = [];
		for (const want of [TOOL.standardModel, TOOL.runWorkflow, TOOL.getTaskResult, TOOL.accountInfo]) if (!names.includes(want)) problems.push(`${want} not listed`);
		const props = (name) => Object.keys(tools.find((t) => t.name === name)?.inputSchema?.properties || {});
		if (!props(TOOL.standardModel).includes('prompt')) problems.push(`${TOOL.standardModel} input schema: ${props(TOOL.standardModel).join(', ') || 'none'} (want prompt)`);
		if (!props(TOOL.runWorkflow).includes('prompt')) problems.push(`${TOOL.runWorkflow} input schema: ${props(TOOL.runWorkflow).join(', ') || 'none'} (want prompt)`);
		if (!props(TOOL.getTaskResult).includes('taskId')) problems.push(`${TOOL.getTaskResult} input schema: ${props(TOOL.getTaskResult).join(', ') || 'none'} (want taskId)`);
		record(label, mode, 'mcp: tools/list', !problems.length, secondsSince(start), redact(problems.join('; ') || `${names.length} tools over Streamable HTTP: ${names.join(', ')}`));
	} catch (error) {
		record(label, mode, 'mcp: tools/list', false, secondsSince(start), redact(short(error.message, 300)));
		await client?.close().catch(() => {});
		await n8n.deactivate(wf.id).catch(() => {});
		return;
	}

	/** tools/call → { result, text, payload, creates, seconds } */
	async function call(name, args) {
		const before = createsOf(emu, KEYS.shared);
		const t0 = Date.now();
		const result = await client.callTool({ name, arguments: args }, undefined, { timeout: CALL_TIMEOUT_MS, resetTimeoutOnProgress: true });
		const text = (result.content || []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');
		return { result, text, payload: toolPayload(text), creates: createsOf(emu, KEYS.shared) - before, seconds: secondsSince(t0) };
	}

	const stamp = `${mode}-${Date.now()}`;
	const creating = [
		{ row: 'mcp: call Standard Model', tool: TOOL.standardModel, prompt: `mcp e2e standard model ${stamp}` },
		{ row: 'mcp: call Run Workflow', tool: TOOL.runWorkflow, prompt: `mcp e2e run workflow ${stamp}` },
	];
	let workflowTask;
	for (const c of creating) {
		start = Date.now();
		try {
			const r = await call(c.tool, { prompt: c.prompt });
			const problems = [];
			if (r.result.isError) problems.push(`isError: ${short(r.text, 300)}`);
			else checkTaskPayload(r.payload, emu, problems);
			if (r.creates !== 1) problems.push(`emulator saw ${r.creates} creates, expected 1`);
			const { task, carries } = taskCarries(emu, r.payload.taskId, c.prompt);
			if (!r.result.isError && !task) problems.push(`task ${r.payload.taskId} unknown to the emulator`);
			else if (task && !carries) problems.push(`task ${r.payload.taskId} was not submitted with the prompt from the call`);
			if (c.tool === TOOL.runWorkflow && !problems.length) workflowTask = r.payload;
			record(ctx.label, mode, c.row, !problems.length, secondsSince(start), redact(problems.join('; ') || `task ${r.payload.taskId} ${r.payload.status}, ${r.payload.urls.length} url(s), ${r.creates} create, prompt reached the task (${r.seconds} s)`));
		} catch (error) {
			record(ctx.label, mode, c.row, false, secondsSince(start), redact(short(error.message, 300)));
		}
	}

	// Get Task Result of the Run Workflow call's task: the same result, nothing created.
	start = Date.now();
	try {
		// Without a task from the Run Workflow call, look up one created straight through the
		// API, so this row still tells whether Get Task Result works as a tool.
		let note = '';
		if (!workflowTask) {
			const taskId = await submitTaskWithWebhook(emu.url, KEYS.shared, WORKFLOWS.image, undefined);
			const done = await emu.waitForTask(taskId, 30000);
			workflowTask = { taskId, urls: (done?.outputs || []).map((f) => f.url).filter(Boolean) };
			note = ` (Run Workflow gave no task: looked up task ${taskId} created through the API)`;
		}
		const r = await call(TOOL.getTaskResult, { taskId: String(workflowTask.taskId) });
		const problems = [];
		if (r.result.isError) problems.push(`isError: ${short(r.text, 300)}`);
		else checkTaskPayload(r.payload, emu, problems, { taskId: String(workflowTask.taskId) });
		const files = (urls) => (urls || []).map((u) => new URL(u).pathname).sort().join(' ');
		if (!problems.length && workflowTask.urls.length && files(r.payload.urls) !== files(workflowTask.urls)) problems.push(`files ${files(r.payload.urls)} differ from the run's ${files(workflowTask.urls)}`);
		if (r.creates !== 0) problems.push(`emulator saw ${r.creates} creates, expected 0`);
		record(ctx.label, mode, 'mcp: call Get Task Result', !problems.length, secondsSince(start), redact((problems.join('; ') || `task ${r.payload.taskId} ${r.payload.status}, ${r.payload.urls.length} url(s) = the run's, 0 creates (${r.seconds} s)`) + note));
	} catch (error) {
		record(ctx.label, mode, 'mcp: call Get Task Result', false, secondsSince(start), redact(short(error.message, 300)));
	}

	// A failure comes back as a tool error the model can act on: the node's own message (here:
	// the task ID is checked before any request), nothing sent to RunningHub.
	start = Date.now();
	try {
		const bad = 'task-e2e-not-an-id';
		const requestsBefore = emu.log.length;
		const r = await call(TOOL.getTaskResult, { taskId: bad });
		const sent = emu.log.slice(requestsBefore).filter((e) => !String(e.path).startsWith('/__'));
		const problems = [];
		if (!r.result.isError) problems.push(`no isError; result ${short(r.text)}`);
		if (!r.text.includes('not a valid task ID') || !r.text.includes(bad)) problems.push(`error text does not name the bad task ID: ${short(r.text)}`);
		// What to do must reach the model too (queue mode passes on only the message).
		if (!r.text.includes('15–20 digits')) problems.push(`error text does not say what a task ID looks like: ${short(r.text)}`);
		if (sent.length) problems.push(`${sent.length} request(s) reached the emulator: ${sent.map((e) => e.path).join(', ')}`);
		record(ctx.label, mode, 'mcp: call Get Task Result, bad task ID → tool error', !problems.length, secondsSince(start), redact(problems.join('; ') || `isError, 0 requests sent: "${short(r.text, 140)}"`));
	} catch (error) {
		record(ctx.label, mode, 'mcp: call Get Task Result, bad task ID → tool error', false, secondsSince(start), redact(short(error.message, 300)));
	}

	// Account › Get Info (a tool without $fromAI parameters): plain account JSON.
	start = Date.now();
	try {
		const r = await call(TOOL.accountInfo, {});
		const problems = [];
		if (r.result.isError) problems.push(`isError: ${short(r.text, 300)}`);
		else if (r.payload.raw !== undefined || r.payload.error) problems.push(`result ${short(r.text)}`);
		if (r.creates !== 0) problems.push(`emulator saw ${r.creates} creates, expected 0`);
		record(ctx.label, mode, 'mcp: call Get Task Result (account › Get Info)', !problems.length, secondsSince(start), redact(problems.join('; ') || `fields ${Object.keys(r.payload).slice(0, 8).join(', ')} (${r.seconds} s)`));
	} catch (error) {
		record(ctx.label, mode, 'mcp: call Get Task Result (account › Get Info)', false, secondsSince(start), redact(short(error.message, 300)));
	}

	await client.close().catch(() => {});
	await n8n.deactivate(wf.id).catch((error) => log.warn(`deactivate failed: ${error.message}`));
}

// ---------------------------------------------------------------- AI Agent

/**
 * Which AI Agent versions to run: the one the editor creates (defaultVersion in the node
 * description n8n serves at /types/nodes.json) and the older Tools Agents, when present.
 */
async function agentVersions(n8n) {
	const r = await http(`${n8n.baseUrl}/types/nodes.json`, { headers: n8n.headers(), timeoutMs: 60000 });
	if (r.status !== 200 || !Array.isArray(r.json)) throw new Error(`/types/nodes.json answered HTTP ${r.status}`);
	const entries = r.json.filter((d) => d.name === AGENT_TYPE);
	const versions = new Set(entries.flatMap((d) => (Array.isArray(d.version) ? d.version : [d.version])));
	const defaults = [...new Set(entries.map((d) => d.defaultVersion).filter((v) => v !== undefined))];
	const editor = defaults.length === 1 ? defaults[0] : Math.max(...versions);
	return [editor, ...OLDER_AGENT_VERSIONS.filter((v) => v !== editor && versions.has(v))];
}

function agentWorkflow(base, version) {
	const wf = JSON.parse(JSON.stringify(base));
	wf.id = workflowIdFor(`${AGENT_FILE}@${version}`);
	wf.name = `${base.name} — Agent v${version}`;
	for (const n of wf.nodes) if (n.type === AGENT_TYPE) n.typeVersion = version;
	return wf;
}

/** The tool message(s) the agent sent back to the LLM, as text. */
function toolMessages(request) {
	const messages = request?.body?.messages || [];
	return messages
		.filter((m) => m?.role === 'tool')
		.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));
}

async function agentRun(ctx, mode, record, redact, stub, wf, version) {
	const { n8n, emu, KEYS, label } = ctx;
	const name = `agent: tool call (v${version})`;
	const start = Date.now();
	try {
		stub.reset();
		const before = createsOf(emu, KEYS.shared);
		const exec = await n8n.runManual(wf, 180000);
		const creates = createsOf(emu, KEYS.shared) - before;
		const chats = stub.chatRequests;
		// What the "LLM" was sent, for a look afterwards (the user folder is kept with KEEP_E2E_TMP=1).
		writeFileSync(path.join(ctx.userFolder, `agent-v${version}-${mode}-llm-requests.json`), redact(JSON.stringify(chats, null, 2)));
		const problems = [];
		if (exec.status !== 'success') problems.push(`execution ${exec.id} ${exec.status}: ${short(exec.data?.resultData?.error?.message)}`);
		if (chats.length !== 2) problems.push(`stub got ${chats.length} chat requests, expected 2`);
		const offered = (chats[0]?.body?.tools || []).map((t) => t?.function?.name);
		if (chats[0] && !offered.includes(TOOL.agentTool)) problems.push(`first request offered tools ${offered.join(', ') || 'none'}`);
		const results = toolMessages(chats[1]);
		const resultText = results.join('\n');
		const taskId = findTaskId(resultText);
		if (chats[1] && !results.length) problems.push('second request carried no tool message');
		else if (chats[1] && !taskId) problems.push(`tool result without taskId: ${short(resultText) || '(empty)'}`);
		if (taskId) {
			const payload = toolPayload(resultText);
			const p2 = [];
			checkTaskPayload(payload, emu, p2);
			problems.push(...p2.map((p) => `tool result: ${p}`));
			const { task, carries } = taskCarries(emu, taskId, 'red fox');
			if (!task) problems.push(`task ${taskId} unknown to the emulator`);
			else if (!carries) problems.push(`task ${taskId} was not submitted with the agent's prompt`);
		}
		if (creates !== 1) problems.push(`emulator saw ${creates} creates, expected 1`);
		const agentNode = wf.nodes.find((n) => n.type === AGENT_TYPE).name;
		const output = exec.data?.resultData?.runData?.[agentNode]?.at(-1)?.data?.main?.[0]?.[0]?.json?.output;
		if (typeof output !== 'string') problems.push(`agent output ${short(JSON.stringify(output))}`);
		else if (!taskId || !output.includes(taskId)) problems.push(`agent output does not name the task: "${short(output)}"`);
		// What n8n recorded for the tool node's runs (its error, when the call failed).
		const toolNode = wf.nodes.find((n) => n.name === 'Generate Image').name;
		const toolErrors = (exec.data?.resultData?.runData?.[toolNode] || []).map((r) => r.error).filter(Boolean);
		if (problems.length && toolErrors.length) problems.unshift(`tool node error: ${short([toolErrors[0].message, toolErrors[0].description].filter(Boolean).join(' — '))}`);
		const streamed = chats.map((c) => (c.body?.stream ? 'stream' : 'json')).join('/');
		record(label, mode, name, !problems.length, secondsSince(start), redact(problems.slice(0, 6).join('; ') || `2 LLM requests (${streamed}), ${TOOL.agentTool} → task ${taskId} SUCCESS, ${creates} create, output "${short(output, 90)}", execution ${exec.id}${ctx.workerOf?.(exec.id) ? ` on ${ctx.workerOf(exec.id)}` : ''}`));
	} catch (error) {
		record(label, mode, name, false, secondsSince(start), redact(short(error.message, 300)));
	}
}

async function agentPhase(ctx, mode, record, redact) {
	const { n8n, label } = ctx;
	const start = Date.now();
	let stub;
	try {
		stub = await startOpenAiStub({ toolName: TOOL.agentTool, toolArgs: { prompt: 'a red fox in the snow, e2e agent' } });
		const base = loadFixture(AGENT_FILE);
		const versions = await agentVersions(n8n);
		const workflows = versions.map((v) => [v, agentWorkflow(base, v)]);
		// The stub's port changes every run: (re)import its credential, then the workflows.
		await n8n.cliOk(['import:credentials', `--input=${n8n.writeTemp('openai-stub-credential.json', [{ ...OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'sk-e2e-stub-not-a-real-key', url: stub.url } }])}`]);
		await n8n.importWorkflows(workflows.map(([, wf]) => wf));
		log(`agent versions: ${versions.join(', ')} (first = editor default); OpenAI stub on ${stub.url}`);
		for (const [version, wf] of workflows) await agentRun(ctx, mode, record, redact, stub, wf, version);
	} catch (error) {
		record(label, mode, 'agent: tool call', false, secondsSince(start), redact(short(error.message, 300)));
	} finally {
		await stub?.close();
	}
}

// ---------------------------------------------------------------- entry

/**
 * Both AI-tool checks against a running n8n (`ctx.n8n` started, owner and API key set up).
 * `record(line, mode, name, ok, seconds, detail)` is the suite's verdict recorder.
 */
export async function aiToolsPhase(ctx, mode, record) {
	const redact = redactor(ctx.KEYS);
	if (selected(MCP_FILE)) {
		let imported = false;
		try {
			await ctx.n8n.importWorkflows([loadFixture(MCP_FILE)]);
			imported = true;
		} catch (error) {
			record(ctx.label, mode, 'mcp: import', false, 0, redact(short(error.message, 300)));
		}
		if (imported) await mcpPhase(ctx, mode, record, redact);
	}
	if (selected(AGENT_FILE)) await agentPhase(ctx, mode, record, redact);
}
