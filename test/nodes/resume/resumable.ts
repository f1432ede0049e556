/**
 * A waiting-execution harness: runs a workflow through n8n-core's real WorkflowExecute until
 * a node puts the execution to wait, keeps the execution as n8n stores it (a JSON copy, like
 * the database row), and then continues it the two ways n8n does (read in n8n 1.123 / 2.41):
 *
 * - `callback()` follows WaitingWebhooks: reject a wrong `signature` (2.x resume token) with
 *   401, answer 409 once the execution has finished, load the stored execution, disable the
 *   waiting node, drop its last run entry, call its `webhook()` through a real WebhookContext
 *   and — if that returns workflowData — put those items on the node's input and run
 *   WorkflowExecute again (`prepareExecutionData`).
 * - `expire()` follows the WaitTracker: run the stored execution again with its `waitTill`
 *   (WorkflowExecute disables the waiting node and passes its input through).
 *
 * Everything RunningHub-side is real (the emulator, or nock); what is faked is only what the
 * server provides (credentials store, hooks, the HTTP request/response objects).
 */
import { BinaryDataService, ExecutionLifecycleHooks, WebhookContext, WorkflowExecute } from 'n8n-core';
import { Container } from '@n8n/di';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	IRun,
	IRunExecutionData,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers, Workflow } from 'n8n-workflow';

import { PACKAGE } from '../../support/harness';
import { StartNode, TestCredentialsHelper, TestNodeTypes } from '../../support/n8nFakes';

/** What n8n 2.x puts in `signature=` (its per-execution resume token). */
export const N8N_SIGNATURE = ['example', 'n8n', 'signature'].join('-');
let executions = 4241;


/** A plain node after the waiting one, to see the workflow go on after the resume. */
class AfterNode implements INodeType {
	description = {
		displayName: 'After',
		name: 'after',
		group: ['transform'],
		version: 1,
		description: 'Test pass-through node',
		defaults: { name: 'After' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((item, index) => ({ json: { ...item.json, after: true }, binary: item.binary, pairedItem: { item: index } }))];
	}
}




export interface ResumableOptions {
	nodeTypes: Record<string, INodeType>;
	node: { name: string; type: string; parameters: IDataObject; continueOnFail?: boolean; onError?: INode['onError'] };
	credentials: Record<string, ICredentialDataDecryptedObject>;
	items: INodeExecutionData[];
	/** Base of n8n's resume URLs (`<it>/<executionId>`), e.g. a local receiver. */
	webhookWaitingBaseUrl?: string;
	/** 2.x signs resume URLs with a per-execution token; 1.x does not. */
	resumeToken?: boolean;
}

export interface IncomingCallback {
	rawBody: string;
	query?: Record<string, string>;
	/** Called when webhook() writes its answer (n8n sends it to RunningHub right then). */
	onAnswer?: (status: number, body: unknown) => void;
}

export interface CallbackAnswer {
	status: number;
	body: unknown;
	resumed: boolean;
	result?: IWebhookResponseData;
}

function clone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

export class ResumableRun {
	/** The execution as n8n stores it (JSON). */
	stored!: IRunExecutionData;
	/** The last run WorkflowExecute produced (the parked one, then the resumed one). */
	run!: IRun;
	finished = false;
	/** Resumes that ran (must never exceed 1). */
	resumes = 0;
	private workflow!: Workflow;
	private nodeTypes!: TestNodeTypes;
	private mode = 'manual' as const;
	/** Unique per run, like n8n's execution ids. */
	readonly executionId = String(++executions);

	private constructor(private readonly options: ResumableOptions) {}

	static async start(options: ResumableOptions): Promise<ResumableRun> {
		await Container.get(BinaryDataService).init();
		const run = new ResumableRun(options);
		await run.begin();
		return run;
	}

	get waiting(): boolean {
		return !this.finished && this.stored.waitTill !== undefined;
	}

	get waitTill(): Date | undefined {
		return this.stored.waitTill ? new Date(this.stored.waitTill) : undefined;
	}

	private additionalData(extra: IDataObject = {}): IWorkflowExecuteAdditionalData {
		const hooks = new ExecutionLifecycleHooks(this.mode, this.executionId, { id: 'wf-resume', name: 'resume', nodes: [], connections: {}, active: false, settings: {} } as unknown as IWorkflowBase);
		const base = this.options.webhookWaitingBaseUrl ?? 'http://127.0.0.1:5678/webhook-waiting';
		return {
			hooks,
			credentialsHelper: new TestCredentialsHelper(this.options.credentials),
			executionId: this.executionId,
			currentNodeExecutionIndex: 0,
			restApiUrl: 'http://127.0.0.1:5678/rest',
			instanceBaseUrl: 'http://127.0.0.1:5678/',
			webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
			webhookWaitingBaseUrl: base,
			webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
			formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
			variables: {},
			userId: 'user-1',
			workflowId: 'wf-resume',
			setExecutionStatus: () => undefined,
			...extra,
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	private async begin(): Promise<void> {
		const types: Record<string, INodeType> = { 'n8n-nodes-base.manualTrigger': new StartNode(), 'test.after': new AfterNode() };
		for (const [name, type] of Object.entries(this.options.nodeTypes)) types[`${PACKAGE}.${name}`] = type;
		this.nodeTypes = new TestNodeTypes(types);
		const start: INode = { id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
		const spec = this.options.node;
		const type = types[spec.type];
		const parameters = NodeHelpers.getNodeParameters(type.description.properties, spec.parameters as never, true, false, { typeVersion: 1 } as INode, type.description) as IDataObject;
		const node: INode = {
			id: 'node-run',
			name: spec.name,
			type: spec.type,
			typeVersion: 1,
			position: [200, 0],
			parameters: parameters as INode['parameters'],
			credentials: { runningHubApi: { id: 'cred-1', name: 'RunningHub (test)' } },
			continueOnFail: spec.continueOnFail,
			onError: spec.onError,
		};
		const after: INode = { id: 'after', name: 'After', type: 'test.after', typeVersion: 1, position: [400, 0], parameters: {} };
		const connections = {
			Start: { main: [[{ node: spec.name, type: NodeConnectionTypes.Main, index: 0 }]] },
			[spec.name]: { main: [[{ node: 'After', type: NodeConnectionTypes.Main, index: 0 }]] },
		};
		this.workflow = new Workflow({ id: 'wf-resume', name: 'resume', nodes: [start, node, after], connections, nodeTypes: this.nodeTypes, active: false, settings: { executionOrder: 'v1' } });
		const data = {
			version: 1,
			startData: {},
			resultData: { runData: {} },
			executionData: {
				contextData: {},
				metadata: {},
				nodeExecutionStack: [{ node: start, data: { main: [this.options.items] }, source: null }],
				waitingExecution: {},
				waitingExecutionSource: {},
			},
			...(this.options.resumeToken ? { resumeToken: N8N_SIGNATURE } : {}),
		} as unknown as IRunExecutionData;
		this.run = await new WorkflowExecute(this.additionalData(), this.mode, data).processRunExecutionData(this.workflow);
		this.stored = clone(this.run.data);
		if (!this.stored.waitTill) this.finished = true;
	}

	/** A fresh Workflow, as n8n builds one from the stored workflow data for each request. */
	private freshWorkflow(): Workflow {
		const nodes = Object.values(this.workflow.nodes).map((n) => clone(n));
		return new Workflow({ id: 'wf-resume', name: 'resume', nodes, connections: clone(this.workflow.connectionsBySourceNode), nodeTypes: this.nodeTypes, active: false, settings: { executionOrder: 'v1' } });
	}

	/** One POST to the execution's resume URL, the way n8n's WaitingWebhooks handles it. */
	async callback(incoming: IncomingCallback): Promise<CallbackAnswer> {
		const query = incoming.query ?? {};
		if (this.options.resumeToken && query.signature !== N8N_SIGNATURE) return { status: 401, body: { error: 'Invalid token' }, resumed: false };
		if (this.finished) return { status: 409, body: { message: `The execution "${this.executionId} has finished already.` }, resumed: false };

		const data = clone(this.stored);
		const lastNodeExecuted = String(data.resultData.lastNodeExecuted);
		data.executionData!.nodeExecutionStack[0].node.disabled = true;
		data.waitTill = undefined;
		data.resultData.runData[lastNodeExecuted].pop();

		const workflow = this.freshWorkflow();
		const node = workflow.getNode(lastNodeExecuted) as INode;
		const type = this.nodeTypes.getByNameAndVersion(node.type);
		const sent: { status?: number; body?: unknown } = {};
		const response = {
			status(code: number) {
				sent.status = code;
				return response;
			},
			json(body: unknown) {
				sent.body = body;
				incoming.onAnswer?.(sent.status ?? 200, body);
				return response;
			},
		};
		const additionalData = this.additionalData({
			httpRequest: { body: JSON.parse(incoming.rawBody) as unknown, rawBody: Buffer.from(incoming.rawBody), query, headers: { 'content-type': 'application/json' }, params: {} },
			httpResponse: response,
		});
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: '',
			webhookDescription: type.description.webhooks![0],
			workflowId: 'wf-resume',
			workflowExecuteAdditionalData: additionalData,
		};
		const ctx = new WebhookContext(workflow, node, additionalData, this.mode, webhookData, [], data);
		const result = await (type.webhook as (this: WebhookContext) => Promise<IWebhookResponseData>).call(ctx);

		const answer: CallbackAnswer = result.noWebhookResponse
			? { status: sent.status ?? 0, body: sent.body, resumed: false, result }
			: { status: 200, body: result.webhookResponse ?? { message: 'Workflow was started' }, resumed: false, result };
		if (result.workflowData) {
			const entry = data.executionData!.nodeExecutionStack[0];
			entry.data.main = result.workflowData;
			entry.metadata = { ...(entry.metadata ?? {}), forwardAllOutputs: true } as typeof entry.metadata;
			this.resumes++;
			this.finished = true;
			this.run = await new WorkflowExecute(this.additionalData(), this.mode, data).processRunExecutionData(workflow);
			answer.resumed = true;
		}
		return answer;
	}

	/** The wait date passed: n8n's WaitTracker resumes the execution (no code of the node runs). */
	async expire(): Promise<IRun> {
		if (this.finished) throw new Error('the execution is not waiting');
		const data = clone(this.stored);
		this.finished = true;
		this.resumes++;
		this.run = await new WorkflowExecute(this.additionalData(), this.mode, data).processRunExecutionData(this.freshWorkflow());
		return this.run;
	}

	/** Items of a node's last run on output `index` (n8n's error output is the second). */
	output(nodeName: string, index = 0): INodeExecutionData[] {
		const runs = this.run.data.resultData.runData[nodeName];
		if (!runs?.length) throw new Error(`Node ${nodeName} did not run; error: ${this.run.data.resultData.error?.message}`);
		return runs[runs.length - 1].data?.main?.[index] ?? [];
	}

	/** What the waiting node keeps as its input while it waits (the parked items). */
	parkedInput(): INodeExecutionData[] {
		return this.stored.executionData?.nodeExecutionStack[0]?.data.main[0] ?? [];
	}
}
