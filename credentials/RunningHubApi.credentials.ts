import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { SITE_BASE_URL_EXPRESSION } from '../nodes/shared/descriptions/node';
import { bodyKeyField, keyPlacement } from '../nodes/shared/transport/keyPlacement';


function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (value === null || typeof value !== 'object') return false;
	const proto = Object.getPrototypeOf(value);
	return proto === Object.prototype || proto === null;
}

/**
 * RunningHub has two API generations with different auth conventions (API.md §2): v2
 * (`/openapi/v2/*`) takes only `Authorization: Bearer`; v1 also wants the key in the JSON
 * body (`apikey`, lower case, for account status); `GET /api/webapp/apiCallDemo` takes it
 * only as the `apiKey` query parameter (the one URL that carries the key: the transport
 * redacts it wherever a URL is printed). Only plain JSON bodies are touched: streams and
 * multipart buffers are built by the node, which adds the field itself. Where the key goes
 * is decided in one table, shared with the transport (nodes/shared/transport/keyPlacement.ts).
 */
export const authenticateRunningHub = async (
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> => {
	const key = String(credentials.apiKey ?? '').trim();
	const url = String(requestOptions.url ?? '');
	const method = String(requestOptions.method ?? 'GET').toUpperCase();
	const body = requestOptions.body;
	const placement = keyPlacement(url, method, body === undefined || isPlainObject(body));
	if (placement === 'query') {
		// As RunningHub's own clients call it: the key in the query, no Bearer header.
		const qs = { ...((requestOptions.qs as Record<string, unknown> | undefined) ?? {}), apiKey: key };
		return { ...requestOptions, qs };
	}
	const headers = { ...(requestOptions.headers ?? {}), Authorization: `Bearer ${key}` };
	if (placement === 'body') {
		const withKey = { ...((body as Record<string, unknown> | undefined) ?? {}), [bodyKeyField(url)]: key };
		return { ...requestOptions, headers, body: withKey };
	}
	return { ...requestOptions, headers };
};

export class RunningHubApi implements ICredentialType {
	name = 'runningHubApi';

	displayName = 'RunningHub API';

	icon: Icon = { light: 'file:../icons/runninghub.svg', dark: 'file:../icons/runninghub.dark.svg' };

	documentationUrl = 'https://www.runninghub.ai/runninghub-api-doc-en/';

	properties: INodeProperties[] = [
		{
			displayName: 'Site',
			name: 'site',
			type: 'options',
			default: 'ai',
			description: 'Accounts, keys, workflows and apps are separate on each site',
			options: [
				{ name: 'International (Runninghub.ai)', value: 'ai' },
				{ name: 'China (Runninghub.cn)', value: 'cn' },
				{ name: 'Custom Base URL', value: 'custom', description: 'A proxy or the local RunningHub emulator' },
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:8990',
			description: 'Origin of the RunningHub-compatible API, without a path',
			displayOptions: { show: { site: ['custom'] } },
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The 32-character key from the RunningHub API console. The Standard Model API needs an Enterprise-Shared key.',
		},
	];

	authenticate: IAuthenticate = authenticateRunningHub;

	test: ICredentialTestRequest = {
		request: {
			baseURL: SITE_BASE_URL_EXPRESSION,
			url: '/uc/openapi/accountStatus',
			method: 'POST',
			body: {},
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: 401, message: 'RunningHub rejected the key (HTTP 401). If it is a runninghub.cn key, switch Site to China, or vice versa.' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: 806, message: 'RunningHub does not know this API key (806 APIKEY_USER_NOT_FOUND): it is wrong or incomplete. Copy the whole 32-character key again.' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: 802, message: 'The key exists but is not accepted here (802 APIKEY_UNAUTHORIZED): it most likely belongs to the other RunningHub site. Switch Site between International (runninghub.ai) and China (runninghub.cn), or check that the key is enabled.' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: 801, message: 'Free RunningHub accounts cannot use the API (801). Upgrade to a basic membership or higher.' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: 811, message: 'The enterprise API key is invalid (811 CORPAPIKEY_INVALID).' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: 412, message: 'The Base URL does not point at the RunningHub API (412 TOKEN_INVALID).' },
			},
		],
	};
}
