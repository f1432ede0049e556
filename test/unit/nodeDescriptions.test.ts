import { RunningHubApi } from '../../credentials/RunningHubApi.credentials';
import { RunningHubRunWorkflow } from '../../nodes/RunningHubRunWorkflow/RunningHubRunWorkflow.node';
import { RunningHubGetTaskResult } from '../../nodes/RunningHubGetTaskResult/RunningHubGetTaskResult.node';
import { RunningHubStandardModel } from '../../nodes/RunningHubStandardModel/RunningHubStandardModel.node';
import { RunningHubUploadFile } from '../../nodes/RunningHubUploadFile/RunningHubUploadFile.node';
import { SITE_BASE_URL_EXPRESSION } from '../../nodes/shared/descriptions/node';

function subtitleNames(subtitle: string): Record<string, string> {
	const json = /^=\{\{ \((\{.*?\})\[\$parameter\["operation"\]\]/.exec(subtitle)?.[1];
	return JSON.parse(json ?? 'null') as Record<string, string>;
}

describe('node descriptions', () => {
	it('show operation display names as canvas subtitles', () => {
		expect(subtitleNames(new RunningHubUploadFile().description.subtitle as string)).toMatchObject({ uploadResource: 'Upload Resource', uploadMedia: 'Upload Media', uploadLora: 'Upload LoRA' });
		expect(subtitleNames(new RunningHubGetTaskResult().description.subtitle as string)).toMatchObject({ getResult: 'Get Result', cancel: 'Cancel', getQueueStatus: 'Get Queue Status' });
		const runWorkflow = new RunningHubRunWorkflow().description.subtitle as string;
		expect(subtitleNames(runWorkflow)).toMatchObject({ run: 'Run', getInputs: 'Get Inputs' });
		expect(runWorkflow).toContain('"aiApp":"AI App"');
		expect(new RunningHubUploadFile().description.subtitle).not.toContain('$parameter["resource"]');
	});

	it('take the API origin from the credential in one place', () => {
		for (const node of [new RunningHubUploadFile(), new RunningHubGetTaskResult(), new RunningHubStandardModel(), new RunningHubRunWorkflow()]) {
			expect(node.description.requestDefaults?.baseURL).toBe(SITE_BASE_URL_EXPRESSION);
		}
		expect(new RunningHubApi().test.request.baseURL).toBe(SITE_BASE_URL_EXPRESSION);
	});
});
