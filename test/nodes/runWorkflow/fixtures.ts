/** Shared fixtures for the Run Workflow node tests (nock-based). */
import type { IDataObject } from 'n8n-workflow';

export const API = 'https://www.runninghub.ai';
export const CDN = 'https://rh-images.xiaoyaoyou.com';
// Built, not written out: a literal 32-hex string reads as a hard-coded secret to the linter.
export const KEY = '0123456789abcdef'.repeat(2);
export const CREDENTIALS = { runningHubApi: { site: 'ai', apiKey: KEY } };
export const WF_ID = '1904136902449209346';
export const APP_ID = '1877265245566922753';
export const QUICK_ID = '1957344152277151746';
export const TASK_ID = '1910246754753896450';
export const NODE_TYPE = 'n8n-nodes-runninghub.runningHubRunWorkflow';

const node = (classType: string, inputs: IDataObject, title: string) => ({ class_type: classType, inputs, _meta: { title } });

export const GRAPH = {
	3: node('KSampler', { seed: 156680208700286, steps: 20, cfg: 8, sampler_name: 'euler', denoise: 1, model: ['4', 0], positive: ['6', 0], negative: ['7', 0], latent_image: ['5', 0] }, 'KSampler'),
	4: node('CheckpointLoaderSimple', { ckpt_name: 'v1-5-pruned-emaonly.safetensors' }, 'Load Checkpoint'),
	5: node('EmptyLatentImage', { width: 512, height: 512, batch_size: 1 }, 'Empty Latent Image'),
	6: node('CLIPTextEncode', { text: 'beautiful scenery', clip: ['4', 1] }, 'Positive Prompt'),
	7: node('CLIPTextEncode', { text: 'text, watermark', clip: ['4', 1] }, 'Negative Prompt'),
	9: node('SaveImage', { filename_prefix: 'ComfyUI', images: ['8', 0] }, 'Save Image'),
	10: node('LoadImage', { image: 'example.png', upload: 'image' }, 'Load Image'),
	11: node('RH_Toggle', { enabled: false }, 'Toggle'),
};

export const APP_NODES = [
	{ nodeId: '39', nodeName: 'LoadImage', fieldName: 'image', fieldValue: 'pasted/example.png', fieldType: 'IMAGE', fieldData: null, description: '上传图像', descriptionEn: 'Upload image' },
	{ nodeId: '52', nodeName: 'RH_Prompt', fieldName: 'text', fieldValue: 'a cute cat', fieldType: 'STRING', fieldData: null, description: '提示词', descriptionEn: 'Prompt' },
	{ nodeId: '61', nodeName: 'RH_AspectRatio', fieldName: 'aspect_ratio', fieldValue: '1:1 (Square)', fieldType: 'LIST', fieldData: JSON.stringify(['COMBO', { default: '1:1 (Square)', options: ['1:1 (Square)', '16:9 (Landscape)'] }]), description: '画面比例', descriptionEn: 'Aspect ratio' },
	{ nodeId: '62', nodeName: 'RH_Resolution', fieldName: 'resolution', fieldValue: '2k', fieldType: 'LIST', fieldData: [['1k', '2k'], { default: '2k' }], description: '分辨率' },
	{ nodeId: '3', nodeName: 'KSampler', fieldName: 'steps', fieldValue: '20', fieldType: 'INT', fieldData: null, description: '步数', descriptionEn: 'Steps' },
	// SWITCH as RunningHub documents it: the branch index as text (CN Quick Create doc:
	// ImpactSwitch, fieldValue "2"; Go SDK app test: select "7").
	{ nodeId: '80', nodeName: 'ImpactSwitch', fieldName: 'select', fieldValue: '1', fieldType: 'SWITCH', fieldData: null, description: '选择分支', descriptionEn: 'Choose branch' },
	// A SWITCH with choices in fieldData: no source shows one; assumed to be written like a LIST's.
	{ nodeId: '81', nodeName: 'RH_ModeSwitch', fieldName: 'mode', fieldValue: 'fast', fieldType: 'SWITCH', fieldData: JSON.stringify(['COMBO', { default: 'fast', options: ['fast', 'quality'] }]), description: '模式', descriptionEn: 'Mode' },
];

export function jsonApiFormatReply(graph: IDataObject = GRAPH as unknown as IDataObject) {
	return { code: 0, msg: 'success', data: { prompt: JSON.stringify(graph) } };
}

export function apiCallDemoReply(nodes: IDataObject[] = APP_NODES as unknown as IDataObject[]) {
	return { code: 0, msg: 'success', data: { url: `curl ... --data-raw '{"apiKey": "${KEY}"}'`, webappName: 'Cat Portrait Studio', nodeInfoList: nodes } };
}

export function createReply(taskStatus = 'QUEUED', promptTips = '{"result": true, "error": null, "outputs_to_execute": ["9"], "node_errors": {}}') {
	// Bare 19-digit number on purpose: the transport must keep every digit.
	return `{"code":0,"msg":"success","data":{"netWssUrl":null,"taskId":${TASK_ID},"clientId":"e825290b08ca2015b8f62f0bbdb5f5f6","taskStatus":"${taskStatus}","promptTips":${JSON.stringify(promptTips)}}}`;
}

export function successQuery(taskId = TASK_ID, files: Array<{ name: string; type: string; nodeId?: string }> = [{ name: 'ComfyUI_00001_abcde.png', type: 'png', nodeId: '9' }]) {
	return {
		taskId,
		status: 'SUCCESS',
		errorCode: '',
		errorMessage: '',
		results: files.map((f) => ({ url: `${CDN}/output/${f.name}`, outputType: f.type, nodeId: f.nodeId, text: null })),
		clientId: '',
		promptTips: '',
		failedReason: {},
		usage: { consumeCoins: '17', consumeMoney: null, thirdPartyConsumeMoney: null, taskCostTime: '83' },
	};
}

export function baseParameters(extra: IDataObject = {}): IDataObject {
	return {
		resource: 'workflow',
		operation: 'run',
		workflowId: { __rl: true, mode: 'id', value: WF_ID },
		waitMode: 'poll',
		downloadOutputs: false,
		waitingOptions: { maxConcurrency: 1, pollInterval: 0.1, timeoutMinutes: 1 },
		...extra,
	};
}

/** The resource-mapper value n8n stores when the user added these fields. */
export function mapped(value: IDataObject, schema: Array<{ id: string; type?: string; displayName?: string; removed?: boolean }> = []): IDataObject {
	return {
		mappingMode: 'defineBelow',
		value,
		matchingColumns: [],
		schema: schema.map((s) => ({ display: true, required: false, defaultMatch: false, canBeUsedToMatch: false, displayName: s.id, type: 'string', ...s })),
		attemptToConvertTypes: false,
		convertFieldsToString: false,
	};
}
