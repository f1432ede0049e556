/**
 * The chain users build: a binary → Upload File (Upload Resource) → Run Workflow (returns the
 * task id right away) → Get Task Result (waits, downloads). A second test starts the task with
 * a direct request instead of the Run Workflow node, so Upload → Get Task Result is covered on
 * its own as well.
 */
import type { INodeParameters } from 'n8n-workflow';

import { RunningHubRunWorkflow } from '../../../nodes/RunningHubRunWorkflow/RunningHubRunWorkflow.node';
import { RunningHubGetTaskResult } from '../../../nodes/RunningHubGetTaskResult/RunningHubGetTaskResult.node';
import { RunningHubUploadFile } from '../../../nodes/RunningHubUploadFile/RunningHubUploadFile.node';
import { configureRetryTiming } from '../../../nodes/shared/utils/timing';
import example from '../../../examples/upload-run-result.json';
import type { FileSpec } from '../../support/binaryInputNode';
import { BinaryInput, filesNode, specMd5 } from '../../support/binaryInputNode';
import { runWorkflow } from '../../support/harness';
import type { Emulator } from '../../support/uploadEmulator';
import { createWorkflowTask, credentialsFor, keyNeverInUrl, KEYS, startEmulator, WORKFLOWS } from '../../support/uploadEmulator';

let emu: Emulator;
const photo: FileSpec = { property: 'data', fileName: 'start-frame.png', mimeType: 'image/png', size: 64 * 1024 };

beforeAll(async () => {
	configureRetryTiming({ baseDelayMs: 10, maxDelayMs: 50 });
	emu = await startEmulator();
});
afterAll(async () => await emu.close());
beforeEach(() => emu.reset());

const nodeTypes = {
	binaryInput: new BinaryInput(),
	runningHubUploadFile: new RunningHubUploadFile(),
	runningHubRunWorkflow: new RunningHubRunWorkflow(),
	runningHubGetTaskResult: new RunningHubGetTaskResult(),
};

const upload = { name: 'Upload', type: 'n8n-nodes-runninghub.runningHubUploadFile', parameters: { operation: 'uploadResource' } };
const getResult = {
	name: 'Result',
	type: 'n8n-nodes-runninghub.runningHubGetTaskResult',
	parameters: { operation: 'getResult', taskId: '={{ $json.taskId }}', waitMode: 'poll', downloadOutputs: true, waitingOptions: { pollInterval: 0.1, timeoutMinutes: 0.5 } },
};

describe('Upload → Run Workflow → Get Task Result', () => {
	it('uploads the image, starts the workflow with its file name, then waits for and downloads the result', async () => {
		const result = await runWorkflow({
			nodeTypes,
			nodes: [
				filesNode([photo]),
				upload,
				{
					name: 'Run',
					type: 'n8n-nodes-runninghub.runningHubRunWorkflow',
					parameters: {
						resource: 'workflow',
						operation: 'run',
						workflowId: { __rl: true, mode: 'id', value: WORKFLOWS.image },
						inputMode: 'json',
						nodeInfoList: '=[{"nodeId":"10","fieldName":"image","fieldValue":"{{ $json.fileName }}"},{"nodeId":"6","fieldName":"text","fieldValue":"a lighthouse at dusk"}]',
						waitMode: 'none',
					},
				},
				getResult,
			],
			credentials: { runningHubApi: credentialsFor(emu) },
		});

		expect(result.error).toBeUndefined();
		const fileName = String(result.output('Upload')[0].json.fileName);
		expect(emu.uploads.get(fileName)?.md5).toBe(specMd5(photo));
		const taskId = String(result.output('Run')[0].json.taskId);
		expect(taskId).toMatch(/^\d{19}$/);
		expect(emu.tasks.get(taskId)?.inputs?.nodeInfoList).toContainEqual({ nodeId: '10', fieldName: 'image', fieldValue: fileName });

		const [item] = result.output('Result');
		expect(item.json).toMatchObject({ taskId, status: 'SUCCESS', files: [{ type: 'png', nodeId: '9' }] });
		expect(item.binary?.data?.mimeType).toBe('image/png');
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(emu.counters.downloads).toBe(1);
		expect(keyNeverInUrl(emu, KEYS.shared)).toBe(true);
	});

	it('examples/upload-run-result.json: its RunningHub nodes run as saved (file-making core nodes replaced)', async () => {
		const byName = (name: string) => {
			const node = example.nodes.find((n) => n.name === name);
			if (!node) throw new Error(`example has no node ${name}`);
			return { name: node.name, type: node.type, parameters: JSON.parse(JSON.stringify(node.parameters)) as INodeParameters };
		};
		const result = byName('Get Task Result');
		result.parameters.waitingOptions = { pollInterval: 0.1, timeoutMinutes: 0.5 };
		const run = await runWorkflow({
			nodeTypes,
			nodes: [filesNode([photo]), byName('Upload Image'), byName('Run Workflow'), result],
			credentials: { runningHubApi: credentialsFor(emu) },
		});
		expect(run.error).toBeUndefined();
		expect(example.connections['Make File'].main[0][0].node).toBe('Upload Image');
		const fileName = String(run.output('Upload Image')[0].json.fileName);
		const taskId = String(run.output('Run Workflow')[0].json.taskId);
		expect(emu.tasks.get(taskId)?.inputs?.nodeInfoList).toContainEqual({ nodeId: '10', fieldName: 'image', fieldValue: fileName });
		expect(run.output('Get Task Result')[0].json).toMatchObject({ taskId, status: 'SUCCESS' });
		expect(run.output('Get Task Result')[0].binary?.data?.mimeType).toBe('image/png');
	});

	it('Upload → task started by a direct request → Get Task Result', async () => {
		const uploaded = await runWorkflow({ nodeTypes, nodes: [filesNode([photo]), upload], credentials: { runningHubApi: credentialsFor(emu) } });
		const fileName = String(uploaded.output('Upload')[0].json.fileName);
		const taskId = await createWorkflowTask(emu, { nodeInfoList: [{ nodeId: '10', fieldName: 'image', fieldValue: fileName }] });
		const result = await runWorkflow({ nodeTypes, nodes: [getResult], credentials: { runningHubApi: credentialsFor(emu) }, items: [{ json: { taskId } }] });
		expect(result.error).toBeUndefined();
		expect(result.output('Result')[0].json).toMatchObject({ taskId, status: 'SUCCESS' });
		expect(result.output('Result')[0].binary?.data).toBeDefined();
	});
});
