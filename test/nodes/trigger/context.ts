/**
 * A small typed fake of the contexts n8n gives a webhook trigger (IWebhookFunctions for
 * `webhook()`, IHookFunctions for the lifecycle). It fakes only what a server provides —
 * the incoming request, the response object, node parameters, static data — and does
 * real work where the node depends on behaviour:
 * parameters fall back to the node's declared defaults, RunningHub calls go over real HTTP
 * (`fetch`, interceptable by nock or served by the emulator) after the real credential
 * `authenticateRunningHub`, and binaries are read from real response streams.
 */
import { returnJsonArray } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
	INodeType,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { authenticateRunningHub } from '../../../credentials/RunningHubApi.credentials';
import { RunningHubTrigger } from '../../../nodes/RunningHubTrigger/RunningHubTrigger.node';
import { readableFromWeb } from '../../support/nodeStreams';
import type { RunResult } from '../../support/harness';
import { logLines, runWorkflow } from '../../support/harness';

export const TEST_KEY = 'rh-dummy-key-0123456789abcdef012';
export const API = 'https://www.runninghub.ai';
export const SECRET = 'example-secret-token-0042';

export interface IncomingCall {
	/** Parsed body as n8n's body parser would give it (defaults to JSON.parse(rawBody)). */
	body?: unknown;
	/** The raw request text, as n8n keeps it in `req.rawBody`. */
	rawBody?: string;
	query?: Record<string, string | string[]>;
	headers?: Record<string, string>;
	/** Leave `req.rawBody` unset (the node must then use the parsed body). */
	noRawBody?: boolean;
}

export interface CallResult {
	/** HTTP status the sender sees (200 when the node let n8n answer). */
	status: number;
	/** Body the sender sees: what the node wrote, or its `webhookResponse`. */
	body: unknown;
	/** What webhook() started the execution with; undefined when nothing starts. */
	started?: INodeExecutionData[];
	/** The trigger's output in that execution (n8n-core WorkflowExecute); undefined when nothing starts. */
	items?: INodeExecutionData[];
	/** The execution's error, when it failed. */
	error?: RunResult['error'];
	raw: IWebhookResponseData;
}

export interface LogLine {
	level: string;
	message: string;
}

export interface TriggerSetup {
	params?: IDataObject;
	/** The RunningHub credential; omit for none configured. */
	credentials?: ICredentialDataDecryptedObject;
	/** Workflow id (each FakeTrigger is its own workflow unless two share one on purpose). */
	workflowId?: string;
	/** 'manual' for calls to the test URL ("Listen for test event"). */
	mode?: 'webhook' | 'manual';
}

let workflowCounter = 0;

function nodeDefaults(type: INodeType): IDataObject {
	const defaults: IDataObject = {};
	for (const p of type.description.properties) defaults[p.name] = p.default as IDataObject[string];
	return defaults;
}

async function fetchFull(options: IHttpRequestOptions): Promise<IN8nHttpFullResponse> {
	const url = new URL(String(options.url), options.baseURL);
	const method = String(options.method ?? 'GET').toUpperCase();
	const headers: Record<string, string> = {};
	for (const [k, v] of Object.entries(options.headers ?? {})) headers[k] = String(v);
	let body: string | undefined;
	if (options.body !== undefined && method !== 'GET') body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
	const signals = [options.abortSignal, options.timeout ? AbortSignal.timeout(options.timeout) : undefined].filter((s): s is AbortSignal => s !== undefined);
	// As n8n's helper: `disableFollowRedirect` hands the 3xx answer back instead of following it.
	const redirect = options.disableFollowRedirect ? 'manual' : 'follow';
	const res = await fetch(url, { method, headers, body, redirect, signal: signals.length ? AbortSignal.any(signals) : undefined });
	const responseHeaders = Object.fromEntries(res.headers.entries());
	// A streamed download gets a Node Readable of the response body, as from n8n's helper.
	const responseBody = options.encoding === 'stream' ? readableFromWeb(res.body) : await res.text();
	return { statusCode: res.status, statusMessage: res.statusText, headers: responseHeaders, body: responseBody };
}

/**
 * One trigger node with its persisted state (static data), receiving calls one after the
 * other like a production webhook. As in n8n, the webhook context offers no deduplication
 * helper (n8n-core 1.123 and 2.41 give `checkProcessedAndRecord` to execute contexts only).
 */
export class FakeTrigger {
	readonly node = new RunningHubTrigger();
	readonly staticData: IDataObject = {};
	readonly logs: LogLine[] = [];
	readonly workflowId: string;
	private readonly params: IDataObject;

	constructor(private readonly setup: TriggerSetup = {}) {
		this.params = { ...nodeDefaults(this.node), secretToken: SECRET, ...(setup.params ?? {}) };
		this.workflowId = setup.workflowId ?? `wf-fake-${++workflowCounter}`;
	}

	private base() {
		const params = this.params;
		const node: INode = { id: 'trigger-1', name: 'RunningHub Trigger', type: 'n8n-nodes-runninghub.runningHubTrigger', typeVersion: 1, position: [0, 0], parameters: params as INode['parameters'] };
		const capture = (level: string) => (message: string) => this.logs.push({ level, message });
		const workflow = { id: this.workflowId, name: 'trigger', active: true };
		return {
			getNode: () => node,
			getWorkflow: () => workflow,
			getNodeParameter: (name: string, fallback?: unknown) => (name in params ? params[name] : fallback),
			getWorkflowStaticData: (type: string) => (type === 'node' ? this.staticData : {}),
			getCredentials: async (type: string) => {
				if (type !== 'runningHubApi' || !this.setup.credentials) throw new Error(`Node does not have any credentials set for "${type}"`);
				return this.setup.credentials;
			},
			logger: { debug: capture('debug'), info: capture('info'), warn: capture('warn'), error: capture('error') },
			httpRequestWithAuthentication: async (type: string, options: IHttpRequestOptions) => {
				if (type !== 'runningHubApi' || !this.setup.credentials) throw new Error(`No credentials for "${type}"`);
				const authed = await authenticateRunningHub(this.setup.credentials, options);
				return await fetchFull(authed);
			},
		};
	}

	/** The lifecycle context (checkExists / create / delete). */
	hookContext(): IHookFunctions {
		const base = this.base();
		const ctx = {
			getNode: base.getNode,
			getNodeParameter: base.getNodeParameter,
			getWorkflowStaticData: base.getWorkflowStaticData,
			getCredentials: base.getCredentials,
			getNodeWebhookUrl: () => 'http://127.0.0.1:5678/webhook/3b1e0c3a-7f7e-4c55-9d0e-1b2c3d4e5f60/callback',
			getWebhookName: () => 'default',
			getMode: () => 'trigger',
			getActivationMode: () => 'activate',
			logger: base.logger,
			helpers: { httpRequestWithAuthentication: base.httpRequestWithAuthentication },
		};
		return ctx as unknown as IHookFunctions;
	}

	/**
	 * Delivers one HTTP call to `webhook()` and reports what the sender sees; when webhook()
	 * starts an execution, runs it as n8n does (n8n-core WorkflowExecute, the trigger as start
	 * node with webhook()'s items as input) and reports the trigger's output.
	 */
	async call(incoming: IncomingCall): Promise<CallResult> {
		const answer = await this.receive(incoming);
		if (!answer.started) return answer;
		const run = await this.execute(answer.started);
		return { ...answer, items: run.error ? [] : run.output('RunningHub Trigger'), error: run.error };
	}

	/** The execution webhook() starts, as n8n runs it; what it logs joins `logs`. */
	async execute(started: INodeExecutionData[]): Promise<RunResult> {
		const firstLog = logLines.length;
		try {
			return await this.run(started);
		} finally {
			for (const line of logLines.slice(firstLog)) this.logs.push({ level: line.level, message: line.message });
		}
	}

	private async run(started: INodeExecutionData[]): Promise<RunResult> {
		return await runWorkflow({
			nodeTypes: { runningHubTrigger: this.node },
			nodes: [
				{
					name: 'RunningHub Trigger',
					type: 'n8n-nodes-runninghub.runningHubTrigger',
					parameters: { secretToken: SECRET, ...(this.setup.params ?? {}) },
					// No credential configured: the node has none, as in the editor.
					...(this.setup.credentials ? {} : { credentials: {} }),
				},
			],
			triggerStart: true,
			items: started,
			credentials: this.setup.credentials ? { runningHubApi: this.setup.credentials } : {},
			mode: this.setup.mode ?? 'webhook',
		});
	}

	/** Only `webhook()`: what the sender sees and what would start (no execution is run). */
	async receive(incoming: IncomingCall): Promise<CallResult> {
		const base = this.base();
		const rawBody = incoming.rawBody ?? (incoming.body === undefined ? '' : JSON.stringify(incoming.body));
		const body = incoming.body ?? (rawBody ? (JSON.parse(rawBody) as unknown) : {});
		const written: { status?: number; body?: unknown } = {};
		const response = {
			status(code: number) {
				written.status = code;
				return response;
			},
			json(payload: unknown) {
				written.body = payload;
				return response;
			},
		};
		// webhook() gets no RunningHub call and no download: any use of these fails the test.
		const offLimits = async () => {
			throw new Error('webhook() must not send HTTP requests (it answers RunningHub at once)');
		};
		const helpers: IDataObject = {
			returnJsonArray,
			httpRequestWithAuthentication: offLimits,
			httpRequest: offLimits,
			prepareBinaryData: offLimits,
		};
		const ctx = {
			...base,
			getMode: () => this.setup.mode ?? 'webhook',
			getBodyData: () => body,
			getQueryData: () => incoming.query ?? {},
			getHeaderData: () => Object.fromEntries(Object.entries(incoming.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
			getRequestObject: () => ({ body, rawBody: rawBody && !incoming.noRawBody ? Buffer.from(rawBody, 'utf8') : undefined, query: incoming.query ?? {}, headers: incoming.headers ?? {} }),
			getResponseObject: () => response,
			getWebhookName: () => 'default',
			helpers,
		} as unknown as IWebhookFunctions;

		const raw = await this.node.webhook.call(ctx);
		if (raw.noWebhookResponse) {
			// The node answered the request itself (any status), possibly while starting an execution.
			expect(written.status).toBeDefined();
			return { status: written.status as number, body: written.body, started: raw.workflowData?.[0], raw };
		}
		expect(written.status).toBeUndefined();
		return { status: 200, body: raw.webhookResponse ?? { message: 'Workflow was started' }, started: raw.workflowData?.[0], raw };
	}
}

/** A TASK_END body as RunningHub sends it (API.md §9.1): eventData is a JSON string. */
export function taskEnd(taskId: string, eventData: unknown): IDataObject {
	return { event: 'TASK_END', taskId, eventData: JSON.stringify(eventData) };
}

export const SUCCESS_DATA = {
	code: 0,
	msg: 'success',
	data: [{ fileUrl: 'https://rh-images.example.com/output/ComfyUI_00033_hpgko_1742822929.png', fileType: 'png', taskCostTime: '12', nodeId: '9', consumeCoins: '7' }],
};

export const FAILURE_DATA = {
	code: 805,
	msg: 'APIKEY_TASK_STATUS_ERROR',
	data: { failedReason: { node_name: 'KSampler', node_id: '3', exception_type: 'RuntimeError', exception_message: 'CUDA out of memory', traceback: '["line 1","line 2"]' } },
};
