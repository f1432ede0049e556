import nock from 'nock';

import { RunningHubRunWorkflow } from '../../../nodes/RunningHubRunWorkflow/RunningHubRunWorkflow.node';
import { configureRetryTiming } from '../../../nodes/shared/utils/timing';
import { runWorkflowLoadOptions } from '../../support/runWorkflowLoadOptions';
import { isolateNock } from '../../support/runWorkflowNock';
import { API, APP_ID, apiCallDemoReply, jsonApiFormatReply, KEY, WF_ID } from './fixtures';

const node = new RunningHubRunWorkflow();
const credentials = { site: 'ai', apiKey: KEY };
const { getWorkflowInputs, getAppInputs } = node.methods.resourceMapping;

isolateNock();

describe('Run Workflow: resource mapper fields', () => {
	beforeAll(() => {
		configureRetryTiming({ baseDelayMs: 10, maxDelayMs: 50 });
	});

	it('lists every primitive (non-link) input of the workflow JSON with its type and current value', async () => {
		const scope = nock(API)
			.post('/api/openapi/getJsonApiFormat', (body) => body.workflowId === WF_ID && body.apiKey === KEY)
			.matchHeader('authorization', `Bearer ${KEY}`)
			.reply(200, jsonApiFormatReply());
		const ctx = runWorkflowLoadOptions({ resource: 'workflow', operation: 'run', workflowId: { __rl: true, mode: 'url', value: `https://www.runninghub.ai/#/workflow/${WF_ID}` } }, credentials);
		const { fields } = await getWorkflowInputs.call(ctx);
		expect(scope.isDone()).toBe(true);

		const ids = fields.map((f) => f.id);
		expect(ids).toEqual([
			'3.seed', '3.steps', '3.cfg', '3.sampler_name', '3.denoise',
			'4.ckpt_name',
			'5.width', '5.height', '5.batch_size',
			'6.text', '7.text', '9.filename_prefix', '10.image', '10.upload', '11.enabled',
		]);
		// Links (["4", 0]) are not editable values.
		expect(ids).not.toContain('3.model');
		expect(ids).not.toContain('6.clip');
		const byId = Object.fromEntries(fields.map((f) => [f.id, f]));
		expect(byId['3.steps']).toMatchObject({ displayName: 'KSampler (#3) › steps', type: 'number', defaultValue: 20, required: false, display: true });
		expect(byId['6.text']).toMatchObject({ displayName: 'Positive Prompt (#6) › text', type: 'string', defaultValue: 'beautiful scenery' });
		expect(byId['11.enabled']).toMatchObject({ displayName: 'Toggle (#11) › enabled', type: 'boolean', defaultValue: false });
		expect(byId['10.image']).toMatchObject({ displayName: 'Load Image (#10) › image', type: 'string', defaultValue: 'example.png' });
	});

	it('lists the app inputs from apiCallDemo, the key in its apiKey query parameter and no Bearer (as RunningHub documents it)', async () => {
		const scope = nock(API, { badheaders: ['authorization'] })
			.get('/api/webapp/apiCallDemo')
			.query({ webappId: APP_ID, apiKey: KEY })
			.reply(200, apiCallDemoReply());
		const ctx = runWorkflowLoadOptions({ resource: 'aiApp', operation: 'run', webappId: { __rl: true, mode: 'id', value: APP_ID } }, credentials, 'appInputs');
		const { fields } = await getAppInputs.call(ctx);
		expect(scope.isDone()).toBe(true);

		const byId = Object.fromEntries(fields.map((f) => [f.id, f]));
		expect(Object.keys(byId)).toEqual(['39.image', '52.text', '61.aspect_ratio', '62.resolution', '3.steps', '80.select', '81.mode']);
		expect(byId['39.image']).toMatchObject({ displayName: 'Upload image (#39 › image)', type: 'string', defaultValue: 'pasted/example.png' });
		expect(byId['61.aspect_ratio']).toMatchObject({
			displayName: 'Aspect ratio (#61 › aspect_ratio)',
			type: 'options',
			defaultValue: '1:1 (Square)',
			options: [{ name: '1:1 (Square)', value: '1:1 (Square)' }, { name: '16:9 (Landscape)', value: '16:9 (Landscape)' }],
		});
		// No English description: the description is the label.
		expect(byId['62.resolution']).toMatchObject({ displayName: '分辨率 (#62 › resolution)', type: 'options', options: [{ name: '1k', value: '1k' }, { name: '2k', value: '2k' }] });
		expect(byId['3.steps']).toMatchObject({ type: 'number', defaultValue: 20 });
		// SWITCH: an option index or text, not a boolean; choices offered when fieldData has them.
		expect(byId['80.select']).toMatchObject({ displayName: 'Choose branch (#80 › select)', type: 'string', defaultValue: '1' });
		expect(byId['81.mode']).toMatchObject({ type: 'options', defaultValue: 'fast', options: [{ name: 'fast', value: 'fast' }, { name: 'quality', value: 'quality' }] });
	});

	it('tells the user when an app lists no inputs yet', async () => {
		nock(API).get('/api/webapp/apiCallDemo').query(true).reply(200, apiCallDemoReply([]));
		const ctx = runWorkflowLoadOptions({ resource: 'aiApp', operation: 'run', webappId: { __rl: true, mode: 'url', value: `https://www.runninghub.ai/ai-detail/${APP_ID}` } }, credentials, 'appInputs');
		const result = await getAppInputs.call(ctx);
		expect(result.fields).toEqual([]);
		expect(result.emptyFieldsNotice).toMatch(/Run it once on RunningHub/);
	});

	it('names the field when the workflow locator holds no usable id (no request is made)', async () => {
		const ctx = runWorkflowLoadOptions({ resource: 'workflow', operation: 'run', workflowId: { __rl: true, mode: 'url', value: 'https://www.runninghub.ai/#/community' } }, credentials);
		await expect(getWorkflowInputs.call(ctx)).rejects.toThrow(/Workflow \(URL\): no workflow ID found/);
		const ctx2 = runWorkflowLoadOptions({ resource: 'workflow', operation: 'run', workflowId: { __rl: true, mode: 'id', value: '12345' } }, credentials);
		await expect(getWorkflowInputs.call(ctx2)).rejects.toThrow(/Workflow \(ID\) must be the 19-digit number/);
		const ctx3 = runWorkflowLoadOptions({ resource: 'workflow', operation: 'run', workflowId: { __rl: true, mode: 'id', value: '={{ $json.workflowId }}' } }, credentials);
		await expect(getWorkflowInputs.call(ctx3)).rejects.toThrow(/Workflow is an expression, so its inputs cannot be listed here/);
	});
});
