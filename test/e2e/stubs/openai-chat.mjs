// A scripted OpenAI-compatible chat-completions server for the AI Agent e2e checks: no model,
// no network, no dependencies. It plays the LLM's two turns of a single tool call:
//   1. a request without a tool result → the assistant calls `toolName` with `toolArgs`;
//   2. a request carrying the tool's result (a `tool` message) → a final text answer that
//      quotes the taskId it finds in that result (or says it found none).
// Both turns also work with `stream: true` (SSE chunks, then `data: [DONE]`), in case the
// agent streams. Every request is kept in `requests` for the test to inspect.
import http from 'node:http';

/** The first digit string of 15–20 characters under a `taskId` key anywhere in `value`. */
export function findTaskId(value) {
	if (value === null || value === undefined) return undefined;
	if (typeof value === 'string') {
		const trimmed = value.trim();
		if (trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"')) {
			try {
				return findTaskId(JSON.parse(trimmed));
			} catch {
				// not JSON: fall through to the text search
			}
		}
		return /"?taskId"?\s*[:=]\s*"?(\d{15,20})/.exec(value)?.[1];
	}
	if (Array.isArray(value)) {
		for (const v of value) {
			const id = findTaskId(v);
			if (id) return id;
		}
		return undefined;
	}
	if (typeof value === 'object') {
		if (typeof value.taskId === 'string' && /^\d{15,20}$/.test(value.taskId)) return value.taskId;
		for (const v of Object.values(value)) {
			const id = findTaskId(v);
			if (id) return id;
		}
	}
	return undefined;
}

/** Text of a chat message's content (a string or a list of content parts). */
function contentText(content) {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((p) => (typeof p === 'string' ? p : p?.text ?? '')).join('');
	return content === null || content === undefined ? '' : JSON.stringify(content);
}

/**
 * @param {object} o
 * @param {string} o.toolName  the tool the assistant calls (as n8n names it: node name with
 *                             runs of characters outside [A-Za-z0-9_-] replaced by "_")
 * @param {object} o.toolArgs  the call's arguments (the tool's $fromAI keys)
 * @returns {Promise<{url: string, requests: object[], reset(): void, close(): Promise<void>}>}
 *          `url` is the base URL for the openAiApi credential (…/v1).
 */
export async function startOpenAiStub({ toolName, toolArgs }) {
	const requests = [];
	let calls = 0;

	function reply(body) {
		const messages = Array.isArray(body?.messages) ? body.messages : [];
		const toolMessages = messages.filter((m) => m?.role === 'tool');
		const offered = (body?.tools || []).map((t) => t?.function?.name ?? t?.name).filter(Boolean);
		if (!toolMessages.length) {
			if (!offered.includes(toolName)) {
				return { content: `The tool ${toolName} was not offered (tools: ${offered.join(', ') || 'none'}).` };
			}
			calls += 1;
			return { toolCall: { id: `call_e2e_${calls}`, name: toolName, arguments: JSON.stringify(toolArgs) } };
		}
		const result = contentText(toolMessages[toolMessages.length - 1].content);
		const taskId = findTaskId(result);
		return {
			content: taskId
				? `The image is ready: RunningHub task ${taskId} finished.`
				: `The tool returned no taskId: ${result.slice(0, 300)}`,
		};
	}

	function completion(model, answer) {
		const message = answer.toolCall
			? { role: 'assistant', content: null, tool_calls: [{ id: answer.toolCall.id, type: 'function', function: { name: answer.toolCall.name, arguments: answer.toolCall.arguments } }] }
			: { role: 'assistant', content: answer.content };
		return {
			id: `chatcmpl-e2e-${requests.length}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model,
			choices: [{ index: 0, message, logprobs: null, finish_reason: answer.toolCall ? 'tool_calls' : 'stop' }],
			usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
		};
	}

	function chunks(model, answer) {
		const base = { id: `chatcmpl-e2e-${requests.length}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model };
		const delta = answer.toolCall
			? { role: 'assistant', content: null, tool_calls: [{ index: 0, id: answer.toolCall.id, type: 'function', function: { name: answer.toolCall.name, arguments: answer.toolCall.arguments } }] }
			: { role: 'assistant', content: answer.content };
		return [
			{ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: null }] },
			{ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: answer.toolCall ? 'tool_calls' : 'stop' }] },
			{ ...base, choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } },
		];
	}

	const server = http.createServer((req, res) => {
		let raw = '';
		req.setEncoding('utf8');
		req.on('data', (c) => (raw += c));
		req.on('end', () => {
			let body;
			try {
				body = raw ? JSON.parse(raw) : {};
			} catch {
				body = { unparsed: raw.slice(0, 2000) };
			}
			const path = (req.url || '').split('?')[0];
			const entry = { method: req.method, path, body, time: Date.now() };
			requests.push(entry);
			if (req.method === 'GET' && path.endsWith('/models')) {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ object: 'list', data: [{ id: 'e2e-stub-model', object: 'model', created: 0, owned_by: 'e2e' }] }));
				return;
			}
			if (req.method !== 'POST' || !path.endsWith('/chat/completions')) {
				entry.status = 404;
				res.writeHead(404, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: { message: `the stub serves POST …/chat/completions only, not ${req.method} ${path}`, type: 'invalid_request_error' } }));
				return;
			}
			const answer = reply(body);
			entry.answer = answer;
			entry.status = 200;
			const model = body.model || 'e2e-stub-model';
			if (body.stream) {
				res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
				for (const c of chunks(model, answer)) res.write(`data: ${JSON.stringify(c)}\n\n`);
				res.end('data: [DONE]\n\n');
				return;
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(completion(model, answer)));
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const { port } = server.address();
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		/** Chat-completion requests only (what the agent sent to the "LLM"). */
		get chatRequests() {
			return requests.filter((r) => r.method === 'POST' && r.path.endsWith('/chat/completions'));
		},
		reset() {
			requests.length = 0;
			calls = 0;
		},
		close() {
			server.closeAllConnections?.();
			return new Promise((resolve) => server.close(() => resolve()));
		},
	};
}
