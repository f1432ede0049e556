'use strict';
// Fixture workflows, AI apps and the Quick Create module. Ids are 19-digit strings
// (the first ones are the ids used in the official doc examples).

const WORKFLOWS = Object.freeze({
	image: '1904136902449209346',
	video: '1904136902449209347',
	neverRun: '1904136902449209348',
	protected: '1904136902449209349',
	invalid: '1904136902449209350',
});

const WORKFLOW_PASSWORD = 'rh-secret-123';

const APPS = Object.freeze({
	image: '1877265245566922753',
	neverRun: '1877265245566922754',
});

const QUICK = Object.freeze({
	webappId: '1957344152277151746',
	quickCreateCode: '002',
});

const node = (class_type, inputs, title) => ({ inputs, class_type, _meta: { title } });

function imageGraph(ckpt = 'v1-5-pruned-emaonly.safetensors') {
	return {
		3: node('KSampler', {
			seed: 156680208700286,
			steps: 20,
			cfg: 8,
			sampler_name: 'euler',
			scheduler: 'normal',
			denoise: 1,
			model: ['4', 0],
			positive: ['6', 0],
			negative: ['7', 0],
			latent_image: ['5', 0],
		}, 'KSampler'),
		4: node('CheckpointLoaderSimple', { ckpt_name: ckpt }, 'Load Checkpoint'),
		5: node('EmptyLatentImage', { width: 512, height: 512, batch_size: 1 }, 'Empty Latent Image'),
		6: node('CLIPTextEncode', { text: 'beautiful scenery nature glass bottle landscape, purple galaxy bottle', clip: ['4', 1] }, 'Positive Prompt'),
		7: node('CLIPTextEncode', { text: 'text, watermark', clip: ['4', 1] }, 'Negative Prompt'),
		8: node('VAEDecode', { samples: ['3', 0], vae: ['4', 2] }, 'VAE Decode'),
		9: node('SaveImage', { filename_prefix: 'ComfyUI', images: ['8', 0] }, 'Save Image'),
		10: node('LoadImage', { image: 'example.png', upload: 'image' }, 'Load Image'),
	};
}

function videoGraph() {
	return {
		1: node('LoadImage', { image: 'example.png', upload: 'image' }, 'Start Frame'),
		2: node('CLIPTextEncode', { text: 'a cat walking on the beach, cinematic', clip: ['4', 1] }, 'Prompt'),
		3: node('KSampler', {
			seed: 42,
			steps: 20,
			cfg: 6,
			sampler_name: 'uni_pc',
			scheduler: 'simple',
			denoise: 1,
			model: ['4', 0],
			positive: ['5', 0],
			negative: ['5', 1],
			latent_image: ['5', 2],
		}, 'KSampler'),
		4: node('CheckpointLoaderSimple', { ckpt_name: 'wan2.1_i2v_480p_14B_fp8.safetensors' }, 'Load Checkpoint'),
		5: node('WanImageToVideo', {
			width: 832,
			height: 480,
			length: 81,
			batch_size: 1,
			positive: ['2', 0],
			negative: ['6', 0],
			start_image: ['1', 0],
		}, 'WanImageToVideo'),
		6: node('CLIPTextEncode', { text: 'blurry, low quality', clip: ['4', 1] }, 'Negative Prompt'),
		7: node('VAEDecode', { samples: ['3', 0], vae: ['4', 2] }, 'VAE Decode'),
		8: node('CreateVideo', { fps: 16, images: ['7', 0] }, 'Create Video'),
		9: node('SaveVideo', { filename_prefix: 'video/ComfyUI', format: 'mp4', codec: 'h264', video: ['8', 0] }, 'Save Video'),
	};
}

const WORKFLOW_DEFS = [
	{ id: WORKFLOWS.image, name: 'Text to image (SD1.5)', graph: imageGraph },
	{ id: WORKFLOWS.video, name: 'Image to video (Wan 2.1)', graph: videoGraph, outputBytes: 64 * 1024 },
	{ id: WORKFLOWS.neverRun, name: 'Saved but never run', graph: imageGraph, neverRun: true },
	{ id: WORKFLOWS.protected, name: 'Password protected', graph: imageGraph, password: WORKFLOW_PASSWORD },
	// The checkpoint does not exist: ComfyUI validation fails with node_errors on node 4.
	{ id: WORKFLOWS.invalid, name: 'Fails validation', graph: () => imageGraph('missing-model.safetensors') },
];

function listOptions(fieldData) {
	if (!Array.isArray(fieldData)) return null;
	if (Array.isArray(fieldData[0])) return fieldData[0].map(String);
	const cfg = fieldData.find((x) => x && typeof x === 'object' && Array.isArray(x.options));
	return cfg ? cfg.options.map(String) : null;
}

const IMAGE_APP_NODES = [
	{ nodeId: '39', nodeName: 'LoadImage', fieldName: 'image', fieldValue: 'pasted/example-input.png', fieldType: 'IMAGE', fieldData: null, description: '上传图像', descriptionEn: 'Upload image' },
	{ nodeId: '52', nodeName: 'RH_Prompt', fieldName: 'text', fieldValue: 'a cute cat sitting on a windowsill', fieldType: 'STRING', fieldData: null, description: '提示词', descriptionEn: 'Prompt' },
	{
		nodeId: '61', nodeName: 'RH_AspectRatio', fieldName: 'aspect_ratio', fieldValue: '1:1 (Square)', fieldType: 'LIST',
		fieldData: ['COMBO', { default: '1:1 (Square)', options: ['1:1 (Square)', '16:9 (Landscape)', '9:16 (Portrait)'] }],
		description: '画面比例', descriptionEn: 'Aspect ratio',
	},
	{
		nodeId: '62', nodeName: 'RH_Resolution', fieldName: 'resolution', fieldValue: '2k', fieldType: 'LIST',
		fieldData: [['1k', '2k'], { default: '2k' }], description: '分辨率', descriptionEn: 'Resolution',
	},
	{ nodeId: '3', nodeName: 'KSampler', fieldName: 'steps', fieldValue: '20', fieldType: 'INT', fieldData: null, description: '步数', descriptionEn: 'Steps' },
	// SWITCH carries the index of the branch to take, as text (CN Quick Create doc example:
	// nodeName ImpactSwitch, fieldValue "2"; the Go SDK's app test: select "7"), not a boolean.
	{ nodeId: '80', nodeName: 'ImpactSwitch', fieldName: 'select', fieldValue: '1', fieldType: 'SWITCH', fieldData: null, description: '选择分支', descriptionEn: 'Choose branch' },
];

const APP_DEFS = [
	{ id: APPS.image, name: 'Cat Portrait Studio', nodes: IMAGE_APP_NODES, outputs: [{ nodeId: '90', ext: 'png', count: 1 }] },
	{ id: APPS.neverRun, name: 'Draft app (never run)', nodes: [], outputs: [{ nodeId: '9', ext: 'png', count: 1 }], neverRun: true },
];

const QUICK_DEF = {
	webappId: QUICK.webappId,
	quickCreateCode: QUICK.quickCreateCode,
	name: 'Quick Create: text to image',
	nodes: [
		{ nodeId: '39', nodeName: 'LoadImage', fieldName: 'image', fieldType: 'IMAGE' },
		{ nodeId: '52', nodeName: 'RH_Prompt', fieldName: 'text', fieldType: 'STRING' },
		{ nodeId: '3', nodeName: 'KSampler', fieldName: 'steps', fieldType: 'INT' },
		{ nodeId: '80', nodeName: 'ImpactSwitch', fieldName: 'select', fieldType: 'SWITCH' },
	],
	outputs: [{ nodeId: '9', ext: 'png', count: 1 }],
	styles: [
		{ modelCategory: 1, modelName: 'Anime', modelKey: 'input1', content: 'masterpiece, best quality, anime style', modelTrigger: 'anime', lora1: ['anime_style_v2.safetensors', 0.8], lora2: null },
		{ modelCategory: 1, modelName: 'Watercolor', modelKey: 'input2', content: 'watercolor painting, soft edges', modelTrigger: 'watercolor', lora1: ['watercolor_v1.safetensors', 0.7], lora2: ['paper_texture.safetensors', 0.3] },
	],
};

function createFixtures() {
	const workflows = new Map(WORKFLOW_DEFS.map((d) => [d.id, d]));
	const apps = new Map(APP_DEFS.map((d) => [d.id, d]));
	const quick = new Map([[QUICK_DEF.webappId, QUICK_DEF]]);
	return { workflows, apps, quick };
}

module.exports = { WORKFLOWS, WORKFLOW_PASSWORD, APPS, QUICK, createFixtures, listOptions };
