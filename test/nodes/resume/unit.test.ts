/**
 * The pieces of "Resume on Callback" that need no server: the node description, the resume
 * URL and its token, the parked items and the one-resume-per-execution claim.
 */
import type { INode, INodeProperties } from 'n8n-workflow';

import { RunningHubRunWorkflow } from '../../../nodes/RunningHubRunWorkflow/RunningHubRunWorkflow.node';
import { claimResume, parkedEndedResult, parkedTaskFields, parkedTimeoutError, pendingTasks, RESUME_TOKEN_PARAMETER, resumeToken, resumeUrlFor, resumeWebhooks, unreachableResumeUrl } from '../../../nodes/shared/callbacks/resume';

const KEY = 'rh-dummy-key-0123456789abcdef012';

describe('Run Workflow description', () => {
	const node = new RunningHubRunWorkflow();

	it('declares only a restart webhook (served at the resume URL while waiting, never registered)', () => {
		expect(node.description.webhooks).toBe(resumeWebhooks);
		expect(resumeWebhooks).toEqual([expect.objectContaining({ httpMethod: 'POST', path: '', restartWebhook: true, responseMode: 'onReceived' })]);
		expect(typeof node.webhook).toBe('function');
		expect(node.description.usableAsTool).toEqual({ replacements: { description: expect.stringContaining('ComfyUI workflow') } });
	});

	it('offers "Resume on Callback" and explains it where it is chosen', () => {
		const waitMode = node.description.properties.find((p) => p.name === 'waitMode') as INodeProperties;
		expect(waitMode.options?.map((o) => ('value' in o ? o.value : undefined))).toEqual(expect.arrayContaining(['poll', 'none', 'resume']));
		const notice = node.description.properties.find((p) => p.name === 'resumeNotice') as INodeProperties;
		expect(notice.type).toBe('notice');
		expect(notice.displayOptions?.show).toEqual({ operation: ['run'], waitMode: ['resume'] });
		expect(notice.displayName).toMatch(/every<\/b> task has ended/);
		expect(notice.displayName).toMatch(/timedOut/);
	});
});

describe('resume URL and token', () => {
	it('keeps n8n\'s URL (and its signature) and adds the node token', () => {
		const url = new URL(resumeUrlFor('https://n8n.example.com/webhook-waiting/77?signature=abc', KEY, '77'));
		expect(url.pathname).toBe('/webhook-waiting/77');
		expect(url.searchParams.get('signature')).toBe('abc');
		expect(url.searchParams.get(RESUME_TOKEN_PARAMETER)).toBe(resumeToken(KEY, '77'));
		expect(url.toString()).not.toContain(KEY);
	});

	it('binds the token to the execution and the key', () => {
		expect(resumeToken(KEY, '77')).not.toBe(resumeToken(KEY, '78'));
		expect(resumeToken(KEY, '77')).not.toBe(resumeToken(`${KEY}x`, '77'));
		expect(resumeToken(KEY, '77')).toMatch(/^[A-Za-z0-9_-]{43}$/);
	});

	it.each([
		['http://localhost:5678/webhook-waiting/1', 'https://www.runninghub.ai', /localhost/],
		['http://127.0.0.1:5678/webhook-waiting/1', 'https://www.runninghub.cn', /127\.0\.0\.1/],
		['ftp://n8n.example.com/1', 'https://www.runninghub.ai', /not an http/],
	])('%s is unreachable from %s', (url, api, reason) => {
		expect(unreachableResumeUrl(url, api)).toMatch(reason);
	});

	it.each([
		['https://n8n.example.com/webhook-waiting/1', 'https://www.runninghub.ai'],
		['http://127.0.0.1:5678/webhook-waiting/1', 'http://127.0.0.1:8189'],
	])('%s is fine with %s', (url, api) => {
		expect(unreachableResumeUrl(url, api)).toBeUndefined();
	});
});

describe('parked items', () => {
	it('name the task for the deadline, and are read back as the pending list', () => {
		const a = parkedTaskFields('1904163390028185602', 'RUNNING');
		expect(a).toEqual({ taskId: '1904163390028185602', status: 'RUNNING', timedOut: true });
		expect(parkedTimeoutError({ name: 'Run' } as INode, '1904163390028185602', 600, 0).message).toBe('Task 1904163390028185602 did not finish within 600 seconds');
		const failedBeforeSubmit = { error: 'Inputs: node "KSampler" (#3) has no input "stepz"' };
		const ended = parkedEndedResult(3, { taskId: '1904163390028185604', status: 'SUCCESS', files: [{ url: 'https://x/a.png', type: 'png', fileName: 'a.png' }], texts: [], usage: {}, source: 'query' }, undefined);
		const endedJson = ended.items?.[0].json ?? {};
		expect(endedJson).toMatchObject({ taskId: '1904163390028185604', status: 'SUCCESS', timedOut: false });
		// An input item that merely carries a taskId (e.g. from an earlier node) is not a parked task.
		const foreign = { taskId: '1904163390028185605', status: 'SUCCESS' };
		expect(pendingTasks([a, failedBeforeSubmit, parkedTaskFields('1904163390028185603', 'QUEUED'), endedJson, foreign])).toEqual([
			{ index: 0, taskId: '1904163390028185602' },
			{ index: 2, taskId: '1904163390028185603' },
			{ index: 3, taskId: '1904163390028185604' },
		]);
	});
});

describe('claimResume', () => {
	it('lets one caller per execution resume; the claim expires after ten minutes', () => {
		expect(claimResume('wf:1', 1000)).toBe(true);
		expect(claimResume('wf:1', 2000)).toBe(false);
		expect(claimResume('wf:2', 2000)).toBe(true);
		expect(claimResume('wf:1', 1000 + 10 * 60000)).toBe(true);
	});
});
