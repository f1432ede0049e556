/**
 * Builds a real n8n-core LoadOptionsContext for the Run Workflow node, the context n8n
 * gives `methods.resourceMapping` functions when the editor loads the input fields.
 * Credentials are applied through the package's own credential `authenticate`, and HTTP
 * goes through n8n's request helpers (so nock sees exactly what n8n would send).
 */
import { LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	ILoadOptionsFunctions,
	INode,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { RunningHubRunWorkflow } from '../../nodes/RunningHubRunWorkflow/RunningHubRunWorkflow.node';
import './harness';
import { TestCredentialsHelper, TestNodeTypes } from './n8nFakes';

const NODE_TYPE = 'n8n-nodes-runninghub.runningHubRunWorkflow';



/** A LoadOptionsContext for a Run Workflow node with these (current) parameters. */
export function runWorkflowLoadOptions(parameters: IDataObject, credentials: ICredentialDataDecryptedObject, path = 'workflowInputs'): ILoadOptionsFunctions {
	const type = new RunningHubRunWorkflow();
	const node: INode = {
		id: 'node-1',
		name: 'Run',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: { runningHubApi: { id: 'cred-1', name: 'RunningHub (test)' } },
	};
	const workflow = new Workflow({ id: 'wf-load', name: 'load options', nodes: [node], connections: {}, nodeTypes: new TestNodeTypes(type), active: false, settings: {} });
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper({ runningHubApi: credentials }),
		currentNodeParameters: parameters,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		variables: {},
		userId: 'user-1',
		executionId: undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, node, additionalData, path);
}
