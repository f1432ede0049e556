import { RunningHubRunWorkflow } from '../../nodes/RunningHubRunWorkflow/RunningHubRunWorkflow.node';
import { RunningHubGetTaskResult } from '../../nodes/RunningHubGetTaskResult/RunningHubGetTaskResult.node';
import { RunningHubStandardModel } from '../../nodes/RunningHubStandardModel/RunningHubStandardModel.node';
import { RunningHubUploadFile } from '../../nodes/RunningHubUploadFile/RunningHubUploadFile.node';

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

	it('are programmatic: execute() and no request defaults (which would make n8n add Request Options)', () => {
		for (const node of [new RunningHubUploadFile(), new RunningHubGetTaskResult(), new RunningHubStandardModel(), new RunningHubRunWorkflow()]) {
			expect(node.description.requestDefaults).toBeUndefined();
			expect(typeof node.execute).toBe('function');
		}
	});
});
