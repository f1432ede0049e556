/**
 * Runs the credential's declarative `test` the way n8n's CredentialsTester does: send the
 * test request with the credential's `authenticate` applied, fail on an HTTP error, then
 * apply each `responseSuccessBody` rule (body[key] === value → fail with its message).
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { RunningHubApi } from '../../credentials/RunningHubApi.credentials';
import { siteBaseUrl } from '../../nodes/shared/transport/request';

export interface CredentialTestOutcome {
	status: 'OK' | 'Error';
	message: string;
}

export async function testCredential(data: ICredentialDataDecryptedObject): Promise<CredentialTestOutcome> {
	const type = new RunningHubApi();
	const testRequest = type.test.request;
	const base: IHttpRequestOptions = {
		url: String(testRequest.url),
		method: testRequest.method ?? 'GET',
		body: (testRequest.body ?? {}) as IHttpRequestOptions['body'],
		headers: {},
	};
	const authenticate = type.authenticate as (c: ICredentialDataDecryptedObject, r: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
	const request = await authenticate(data, base);
	const response = await fetch(`${siteBaseUrl(data)}${request.url}`, {
		method: request.method,
		headers: { 'Content-Type': 'application/json', ...(request.headers as Record<string, string>) },
		body: JSON.stringify(request.body),
	});
	const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
	if (response.status >= 400) {
		const rule = (type.test.rules ?? []).find((r) => r.type === 'responseSuccessBody' && r.properties.key === 'code' && r.properties.value === response.status);
		return { status: 'Error', message: rule?.properties.message ?? `HTTP ${response.status}` };
	}
	for (const rule of type.test.rules ?? []) {
		if (rule.type === 'responseSuccessBody' && body[rule.properties.key] === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection tested successfully' };
}
