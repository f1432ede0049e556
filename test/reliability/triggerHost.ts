/**
 * The RunningHub Trigger as a production n8n instance hosts it, for the fault matrix: a local
 * HTTP endpoint (the webhook URL RunningHub calls) that runs the node's `webhook()` inside
 * n8n-core's real WebhookContext, persists the workflow's static data between calls like n8n
 * does after each production webhook, sends the answer, and then runs the execution webhook()
 * started the way n8n does (n8n-core WorkflowExecute: the trigger's execute() on webhook()'s
 * items, with the real credential authenticate, HTTP helpers and binary store). Every answer
 * and every started execution (its output, or its error) is recorded.
 */
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { RunningHubTrigger } from '../../nodes/RunningHubTrigger/RunningHubTrigger.node';
import { waitMs } from '../../nodes/shared/utils/timing';
import { runWorkflow } from '../support/harness';
import { TestNodeTypes } from '../support/n8nFakes';
import { triggerWebhookContext } from '../support/triggerWebhookContext';

/** The callback token the trigger expects (`?token=`); a test value, not a credential. */
export const CALLBACK_TOKEN = 'example-fault-matrix-token-0042';



interface ReceivedRequest {
	url: string;
	headers: IDataObject;
}
interface ReceivedEntry {
	text: string;
}
interface ServerResponse {
	statusCode: number;
	setHeader(name: string, value: string): void;
	end(body: string): void;
}
interface Receiver {
	url: string;
	close(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startReceiver } = require('../emulator/helpers') as {
	startReceiver: (handler: (req: ReceivedRequest, entry: ReceivedEntry, res: ServerResponse) => void) => Promise<Receiver>;
};

export interface Answer {
	status: number;
	body: IDataObject;
}

export interface TriggerHostOptions {
	baseUrl: string;
	apiKey: string;
	parameters?: IDataObject;
	/** Answer the first N calls only after this delay (a slow receiver, so the sender retries). */
	slowFirst?: { calls: number; delayMs: number };
}

export class TriggerHost {
	readonly trigger = new RunningHubTrigger();
	/** The trigger's output in each started execution ([] when the execution failed). */
	readonly executions: INodeExecutionData[][] = [];
	/** Each started execution's error (undefined when it succeeded), in the same order. */
	readonly executionErrors: Array<(Error & { description?: string }) | undefined> = [];
	/** When each execution had the trigger's output (ms since the epoch), for the polling benchmark. */
	readonly executionTimes: number[] = [];
	readonly answers: Answer[] = [];
	/** When each answer was sent (ms since the epoch), in the same order as `answers`. */
	readonly answerTimes: number[] = [];
	private persistedStaticData: IDataObject = {};
	private readonly node: INode;
	private receiver?: Receiver;
	private calls = 0;

	constructor(private readonly options: TriggerHostOptions) {
		const parameters = { secretToken: CALLBACK_TOKEN, ...(options.parameters ?? {}) };
		const withDefaults = NodeHelpers.getNodeParameters(this.trigger.description.properties, parameters as never, true, false, { typeVersion: 1 } as INode, this.trigger.description) as IDataObject;
		this.node = {
			id: 'trigger-1',
			name: 'RunningHub Trigger',
			type: 'n8n-nodes-runninghub.runningHubTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: withDefaults as INode['parameters'],
			credentials: { runningHubApi: { id: 'cred-1', name: 'RunningHub' } },
			webhookId: '5d0f3c1a-2b4e-4a8c-9e11-7f00aa55bb01',
		};
	}

	/** The URL to give RunningHub as `webhookUrl` (with the secret token). */
	get webhookUrl(): string {
		if (!this.receiver) throw new Error('TriggerHost not started');
		return `${this.receiver.url}?token=${CALLBACK_TOKEN}`;
	}

	async start(): Promise<this> {
		this.receiver = await startReceiver((req, entry, res) => {
			void this.handle(req, entry.text).then(async ({ answer, started }) => {
				const call = ++this.calls;
				if (this.options.slowFirst && call <= this.options.slowFirst.calls) await waitMs(this.options.slowFirst.delayMs);
				res.statusCode = answer.status;
				res.setHeader('Content-Type', 'application/json');
				res.end(JSON.stringify(answer.body));
				this.answerTimes.push(Date.now());
				if (started) await this.execute(started);
			});
		});
		return this;
	}

	/** The execution webhook() started, run as n8n runs it (after the answer). */
	private async execute(started: INodeExecutionData[]): Promise<void> {
		const run = await runWorkflow({
			nodeTypes: { runningHubTrigger: this.trigger },
			nodes: [{ name: this.node.name, type: this.node.type, parameters: this.node.parameters as IDataObject }],
			triggerStart: true,
			items: started,
			credentials: { runningHubApi: { site: 'custom', baseUrl: this.options.baseUrl, apiKey: this.options.apiKey } },
			mode: 'webhook',
		});
		this.executions.push(run.error ? [] : run.output(this.node.name));
		this.executionErrors.push(run.error);
		this.executionTimes.push(Date.now());
	}

	async close(): Promise<void> {
		await this.receiver?.close();
	}

	/** What n8n's live webhook handler does: load the workflow, run webhook(), save changed static data. */
	private async handle(req: ReceivedRequest, rawBody: string): Promise<{ answer: Answer; started?: INodeExecutionData[] }> {
		const workflow = new Workflow({
			id: 'wf-trigger',
			name: 'trigger',
			nodes: [this.node],
			connections: {},
			nodeTypes: new TestNodeTypes(this.trigger),
			active: true,
			staticData: JSON.parse(JSON.stringify(this.persistedStaticData)) as IDataObject,
			settings: {},
		});
		const url = new URL(req.url, 'http://receiver');
		let body: unknown = {};
		try {
			body = JSON.parse(rawBody);
		} catch {
			body = {};
		}
		const { ctx, sent } = triggerWebhookContext(workflow, this.node, this.trigger, { site: 'custom', baseUrl: this.options.baseUrl, apiKey: this.options.apiKey }, {
			body,
			rawBody,
			query: Object.fromEntries(url.searchParams.entries()),
			headers: req.headers,
		});
		let answer: Answer;
		let started: INodeExecutionData[] | undefined;
		try {
			const result = await this.trigger.webhook.call(ctx);
			started = result.workflowData?.[0];
			answer = result.noWebhookResponse
				? { status: sent.status ?? 500, body: sent.body ?? {} }
				: { status: 200, body: (result.webhookResponse as IDataObject | undefined) ?? { message: 'Workflow was started' } };
		} catch (error) {
			// n8n answers 500 when webhook() throws; the sender then retries.
			answer = { status: 500, body: { message: (error as Error).message } };
		}
		const staticData = workflow.staticData as IDataObject & { __dataChanged?: boolean };
		const nodeData = staticData['node:RunningHub Trigger'] as { __dataChanged?: boolean } | undefined;
		if (staticData.__dataChanged || nodeData?.__dataChanged) this.persistedStaticData = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		this.answers.push(answer);
		return { answer, started };
	}
}
