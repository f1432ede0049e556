/**
 * Runs workflow JSON through n8n-core's real WorkflowExecute, with this package's node
 * and credential classes loaded from source. What it fakes is only what a server would
 * provide: stored credentials, the lifecycle hooks and a start node.
 */
import { Container } from '@n8n/di';
import { Logger as BackendLogger } from 'n8n-core/node_modules/@n8n/backend-common';
import { BinaryDataService, ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IRun,
	IRunExecutionData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { LoggerProxy, NodeConnectionTypes, NodeHelpers, Workflow } from 'n8n-workflow';
import { INSTANCE_URLS, StartNode, TestCredentialsHelper, TestNodeTypes } from './n8nFakes';


export const PACKAGE = 'n8n-nodes-runninghub';





export interface LogLine {
	level: string;
	message: string;
	meta?: unknown;
}

/** Everything the package logged during the test file (asserted on by redaction tests). */
export const logLines: LogLine[] = [];
const capture = (level: string) => (message: string, meta?: unknown) => {
	logLines.push({ level, message, meta });
};
const captureLogger = {
	error: capture('error'),
	warn: capture('warn'),
	info: capture('info'),
	debug: capture('debug'),
	scoped: () => captureLogger,
};
LoggerProxy.init(captureLogger as never);
// Node contexts log through n8n-core's DI logger (the copy n8n-core itself resolves).
Container.set(BackendLogger, captureLogger as never);

let binaryReady: Promise<void> | undefined;
function initBinaryData(): Promise<void> {
	binaryReady ??= Container.get(BinaryDataService).init();
	return binaryReady;
}

export interface RunOptions {
	/** Node types by short name (e.g. runningHubRunWorkflow); registered as `n8n-nodes-runninghub.<name>`. */
	nodeTypes: Record<string, INodeType>;
	nodes: Array<Omit<Partial<INode>, 'parameters'> & { name: string; type: string; parameters: IDataObject }>;
	/** Linear chain by default: Start → nodes[0] → nodes[1] … */
	connections?: IWorkflowBase['connections'];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	items?: INodeExecutionData[];
	abortSignal?: AbortSignal;
	/**
	 * The first node starts the execution with `items` as its input and there is no Start
	 * node: how n8n starts a webhook trigger with the items its webhook() returned
	 * (WebhookHelpers `prepareExecutionData`).
	 */
	triggerStart?: boolean;
	/** The execution mode ('manual' unless given; a production webhook runs in 'webhook'). */
	mode?: WorkflowExecuteMode;
}

export interface RunResult {
	run: IRun;
	/** Output items of a node's first run, first output. */
	output(nodeName: string): INodeExecutionData[];
	error?: Error & { description?: string; context?: IDataObject };
}

let executionCounter = 0;

export async function runWorkflow(options: RunOptions): Promise<RunResult> {
	await initBinaryData();
	const types: Record<string, INodeType> = { 'n8n-nodes-base.manualTrigger': new StartNode() };
	for (const [name, type] of Object.entries(options.nodeTypes)) types[`${PACKAGE}.${name}`] = type;
	const nodeTypes = new TestNodeTypes(types);

	const start: INode = { id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	const nodes: INode[] = options.triggerStart ? [] : [start];
	options.nodes.forEach((n, i) => {
		const type = types[n.type];
		const version = n.typeVersion ?? (type ? (Array.isArray(type.description.version) ? Math.max(...type.description.version) : type.description.version) : 1);
		const withDefaults = type
			? (NodeHelpers.getNodeParameters(type.description.properties, n.parameters as never, true, false, { typeVersion: version } as INode, type.description) as IDataObject)
			: n.parameters;
		nodes.push({
			id: n.id ?? `node-${i}`,
			typeVersion: version,
			position: [200 * (i + 1), 0],
			credentials: { runningHubApi: { id: 'cred-1', name: 'RunningHub (test)' } },
			...n,
			parameters: withDefaults,
		} as INode);
	});
	const connections: IWorkflowBase['connections'] = options.connections ?? {};
	if (!options.connections) {
		for (let i = 0; i < nodes.length - 1; i++) {
			connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: NodeConnectionTypes.Main, index: 0 }]] };
		}
	}
	const workflow = new Workflow({ id: 'wf-test', name: 'test', nodes, connections, nodeTypes, active: false, settings: { executionOrder: 'v1' } });

	// A fresh id per run, as n8n gives each execution: what the node remembers for Retry On
	// Fail is scoped to one execution.
	const executionId = `exec-${++executionCounter}`;
	const mode = options.mode ?? 'manual';
	const hooks = new ExecutionLifecycleHooks(mode, executionId, { id: 'wf-test', name: 'test', nodes, connections, active: false, settings: {}, createdAt: new Date(), updatedAt: new Date(), isArchived: false } as unknown as IWorkflowBase);
	let resolveRun: (run: IRun) => void = () => undefined;
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));

	const additionalData = {
		hooks,
		credentialsHelper: new TestCredentialsHelper(options.credentials ?? {}),
		executionId,
		currentNodeExecutionIndex: 0,
		...INSTANCE_URLS,
		variables: {},
		userId: 'user-1',
		workflowId: 'wf-test',
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		logAiEvent: () => undefined,
		setExecutionStatus: () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;

	const runExecutionData: IRunExecutionData = {
		version: 1,
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [{ node: nodes[0], data: { main: [options.items ?? [{ json: {} }]] }, source: null }],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	} as unknown as IRunExecutionData;

	const execute = new WorkflowExecute(additionalData, mode, runExecutionData);
	const promise = execute.processRunExecutionData(workflow);
	if (options.abortSignal) options.abortSignal.addEventListener('abort', () => promise.cancel());
	const processed = await promise;
	const run = (await Promise.race([finished, Promise.resolve(undefined)])) ?? processed;
	return {
		run,
		output(nodeName: string) {
			const runs = run.data.resultData.runData[nodeName];
			if (!runs?.length) throw new Error(`Node ${nodeName} did not run; error: ${run.data.resultData.error?.message}`);
			return runs[0].data?.main?.[0] ?? [];
		},
		error: run.data.resultData.error as RunResult['error'],
	};
}
