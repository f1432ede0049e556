/**
 * What an n8n server provides around a real n8n-core execution context, reduced to what the
 * tests need: stored credentials (with this package's real `authenticate`), node type lookup,
 * a start node and the instance URLs. Shared by every harness in test/.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeType,
	INodeTypes,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeConnectionTypes } from 'n8n-workflow';

import { RunningHubApi } from '../../credentials/RunningHubApi.credentials';

export class StartNode implements INodeType {
	description = {
		displayName: 'Start',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Test start node',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

const credentialTypes: Record<string, ICredentialType> = { runningHubApi: new RunningHubApi() };

/** Credentials by type name (`{ runningHubApi: {...} }`), applied with the real `authenticate`. */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}
	getParentTypes(): string[] {
		return [];
	}
	isCredentialUsableByNode(): boolean {
		return true;
	}
	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const type = credentialTypes[typeName];
		if (typeof type?.authenticate === 'function') return await type.authenticate(credentials, requestOptions);
		return requestOptions;
	}
	async preAuthentication(): Promise<undefined> {
		return undefined;
	}
	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}
	async getCredentials(): Promise<never> {
		throw new Error('not used in tests');
	}
	async getDecrypted(_a: unknown, _n: unknown, type: string): Promise<ICredentialDataDecryptedObject> {
		return this.data[type] ?? {};
	}
	async updateCredentials(): Promise<void> {}
	async updateCredentialsOauthTokenData(): Promise<void> {}
	getCredentialsProperties(): [] {
		return [];
	}
}

/** Node types by full type name, or one node type answering for every name. */
export class TestNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType> | INodeType) {}
	getByName(name: string): INodeType {
		return this.getByNameAndVersion(name);
	}
	getByNameAndVersion(name: string): INodeType {
		if ('description' in this.types) return this.types as INodeType;
		const type = (this.types as Record<string, INodeType>)[name];
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	}
	getKnownTypes(): IDataObject {
		return {};
	}
}

/** The instance URLs n8n puts into IWorkflowExecuteAdditionalData. */
export const INSTANCE_URLS = {
	restApiUrl: 'http://127.0.0.1:5678/rest',
	instanceBaseUrl: 'http://127.0.0.1:5678/',
	webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
	webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
	webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
	formBaseUrl: 'http://127.0.0.1:5678/form',
	formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
	formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
	mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
	mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
};
