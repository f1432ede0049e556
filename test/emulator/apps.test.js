'use strict';
// AI apps and Quick Create (API.md §5, §6).

const { KEYS, APPS, QUICK } = require('./index');
const { startEmulator, v1, v2, get, postJson, pollV2 } = require('./helpers');

let emu;
beforeAll(async () => {
	emu = await startEmulator({ keys: { [KEYS.consumer]: { concurrency: 100 } } });
});
afterAll(() => emu.close());
afterEach(() => emu.reset());

describe('POST /task/openapi/ai-app/run', () => {
	const run = (body) => v1(emu, '/task/openapi/ai-app/run', { apiKey: KEYS.consumer, webappId: APPS.image, ...body });

	test('runs with nodeInfoList and returns the §4.2 data shape', async () => {
		const r = await run({
			nodeInfoList: [
				{ nodeId: '52', fieldName: 'text', fieldValue: 'a dog', description: 'prompt' },
				{ nodeId: '61', fieldName: 'aspect_ratio', fieldValue: '16:9 (Landscape)' },
				{ nodeId: '3', fieldName: 'steps', fieldValue: '30' },
				{ nodeId: '80', fieldName: 'select', fieldValue: '2' },
			],
			instanceType: 'plus',
		});
		expect(r.json.code).toBe(0);
		expect(r.json.data).toMatchObject({ netWssUrl: null, taskStatus: 'QUEUED' });
		expect(r.json.data.taskId).toMatch(/^\d{19}$/);
		const done = await pollV2(emu, r.json.data.taskId, KEYS.consumer);
		expect(done.results[0]).toMatchObject({ outputType: 'png', nodeId: '90' });
	});

	test('webappId sent as a bare 19-digit JSON number keeps its digits', async () => {
		const raw = `{"apiKey":"${KEYS.consumer}","webappId":${APPS.image},"nodeInfoList":[]}`;
		const r = await postJson(emu, '/task/openapi/ai-app/run', null, { raw });
		expect(r.json.code).toBe(0);
		expect(emu.tasks.get(r.json.data.taskId).webappId).toBe(APPS.image);
		expect(emu.log[0].raw).toBe(raw);
	});

	test('empty nodeInfoList is accepted (runs the author sample)', async () => {
		expect((await run({ nodeInfoList: [] })).json.code).toBe(0);
	});

	test('unknown app → 901 WEBAPP_NOT_EXISTS', async () => {
		expect((await run({ webappId: '1000000000000000001' })).json).toMatchObject({ code: 901, msg: 'WEBAPP_NOT_EXISTS' });
	});

	test('node not exposed by the app → 803', async () => {
		expect((await run({ nodeInfoList: [{ nodeId: '6', fieldName: 'text', fieldValue: 'x' }] })).json.code).toBe(803);
	});

	test('SWITCH takes an option index as text or number (doc "2", Go SDK "7"); no value → 433', async () => {
		for (const fieldValue of ['2', '7', 3]) {
			expect((await run({ nodeInfoList: [{ nodeId: '80', fieldName: 'select', fieldValue }] })).json.code).toBe(0);
		}
		const r = await run({ nodeInfoList: [{ nodeId: '80', fieldName: 'select', fieldValue: '' }] });
		expect(r.json.code).toBe(433);
		expect(JSON.parse(r.json.data.promptTips).node_errors['80'].errors[0].type).toBe('invalid_input_type');
	});

	test('LIST value outside its options → 433 value_not_in_list', async () => {
		const r = await run({ nodeInfoList: [{ nodeId: '62', fieldName: 'resolution', fieldValue: '8k' }] });
		expect(r.json.code).toBe(433);
		expect(JSON.parse(r.json.data.promptTips).node_errors['62'].errors[0].type).toBe('value_not_in_list');
	});
});

describe('POST /openapi/v2/run/ai-app/{webappId}', () => {
	test('flat v2 response; usePersonalQueue as a JSON boolean (Go SDK) or string (per-app curl)', async () => {
		for (const usePersonalQueue of [false, 'false']) {
			const r = await v2(emu, `/openapi/v2/run/ai-app/${APPS.image}`, { nodeInfoList: [{ nodeId: '52', fieldName: 'text', fieldValue: 'x' }], instanceType: 'default', usePersonalQueue }, KEYS.consumer);
			expect(r.json).toMatchObject({ status: 'QUEUED', errorCode: '' });
			expect(r.json.taskId).toMatch(/^\d{19}$/);
		}
	});

	test('SWITCH value "7" as in the Go SDK app test', async () => {
		const r = await v2(emu, `/openapi/v2/run/ai-app/${APPS.image}`, { nodeInfoList: [{ nodeId: '80', fieldName: 'select', fieldValue: '7' }], usePersonalQueue: false }, KEYS.consumer);
		expect(r.json).toMatchObject({ status: 'QUEUED', errorCode: '' });
	});

	test('unknown app → errorCode "901"', async () => {
		expect((await v2(emu, '/openapi/v2/run/ai-app/123', {}, KEYS.consumer)).json.errorCode).toBe('901');
	});
});

describe('GET /api/webapp/apiCallDemo', () => {
	test('returns curl, name and typed nodeInfoList (fieldData as JSON string)', async () => {
		const r = await get(emu, `/api/webapp/apiCallDemo?apiKey=${KEYS.consumer}&webappId=${APPS.image}`);
		expect(r.json.code).toBe(0);
		const d = r.json.data;
		expect(d.url).toMatch(/^curl .*\/task\/openapi\/ai-app\/run/);
		expect(d.webappName).toBeTruthy();
		expect(Array.isArray(d.covers)).toBe(true);
		expect(Array.isArray(d.tags)).toBe(true);
		const types = d.nodeInfoList.map((n) => n.fieldType);
		expect(types).toEqual(expect.arrayContaining(['IMAGE', 'STRING', 'LIST', 'INT', 'SWITCH']));
		for (const n of d.nodeInfoList) {
			expect(Object.keys(n)).toEqual(expect.arrayContaining(['nodeId', 'nodeName', 'fieldName', 'fieldValue', 'fieldType', 'description', 'descriptionEn']));
			// Only nodes with choices carry fieldData (no `fieldData: null`).
			expect('fieldData' in n).toBe(n.fieldType === 'LIST');
		}
		const aspect = d.nodeInfoList.find((n) => n.fieldName === 'aspect_ratio');
		expect(JSON.parse(aspect.fieldData)).toEqual(['COMBO', { default: '1:1 (Square)', options: ['1:1 (Square)', '16:9 (Landscape)', '9:16 (Portrait)'] }]);
		const res = d.nodeInfoList.find((n) => n.fieldName === 'resolution');
		expect(JSON.parse(res.fieldData)).toEqual([['1k', '2k'], { default: '2k' }]);
	});

	test('fieldDataFormat "array" returns fieldData as arrays', async () => {
		const e = await startEmulator({ fieldDataFormat: 'array' });
		try {
			const r = await get(e, `/api/webapp/apiCallDemo?apiKey=${KEYS.consumer}&webappId=${APPS.image}`);
			expect(r.json.data.nodeInfoList.find((n) => n.fieldType === 'LIST').fieldData[0]).toBe('COMBO');
		} finally {
			await e.close();
		}
	});

	test('app that never ran → empty nodeInfoList', async () => {
		const r = await get(emu, `/api/webapp/apiCallDemo?apiKey=${KEYS.consumer}&webappId=${APPS.neverRun}`);
		expect(r.json.data.nodeInfoList).toEqual([]);
	});

	test('unknown app → 901; no key → 802', async () => {
		expect((await get(emu, `/api/webapp/apiCallDemo?apiKey=${KEYS.consumer}&webappId=1`)).json.code).toBe(901);
		expect((await get(emu, `/api/webapp/apiCallDemo?webappId=${APPS.image}`)).json.code).toBe(802);
	});

	test('the key is read from the apiKey query parameter only: Bearer alone → 802 (API.md §5.3, §19)', async () => {
		const bearerOnly = await get(emu, `/api/webapp/apiCallDemo?webappId=${APPS.image}`, { key: KEYS.consumer });
		expect(bearerOnly.json).toMatchObject({ code: 802, msg: 'APIKEY_UNAUTHORIZED', data: null });
		const query = await get(emu, `/api/webapp/apiCallDemo?apiKey=${KEYS.consumer}&webappId=${APPS.image}`);
		expect(query.json.code).toBe(0);
		// The query key wins over a Bearer header of another account; a wrong query key is not rescued by a good Bearer.
		expect((await get(emu, `/api/webapp/apiCallDemo?apiKey=${KEYS.unknown}&webappId=${APPS.image}`, { key: KEYS.consumer })).json.code).toBe(806);
	});

	test('SWITCH inputs carry an option index as text, not a boolean (Quick Create doc: ImpactSwitch)', async () => {
		const r = await get(emu, `/api/webapp/apiCallDemo?apiKey=${KEYS.consumer}&webappId=${APPS.image}`);
		const sw = r.json.data.nodeInfoList.find((n) => n.fieldType === 'SWITCH');
		expect(sw).toMatchObject({ nodeId: '80', nodeName: 'ImpactSwitch', fieldName: 'select', fieldValue: '1' });
		expect(sw).not.toHaveProperty('fieldData');
	});
});

describe('POST /api/fast/creation/model/params', () => {
	test('returns the quick-create style list (no apiKey needed)', async () => {
		const r = await v1(emu, '/api/fast/creation/model/params', { type: 2, webappId: QUICK.webappId });
		expect(r.json.code).toBe(0);
		expect(r.json.data.length).toBeGreaterThan(0);
		for (const item of r.json.data) {
			expect(Object.keys(item).sort()).toEqual(['content', 'id', 'modelCategory', 'modelKey', 'modelLoar1FileName', 'modelLoar1Weight', 'modelLoar2FileName', 'modelLoar2Weight', 'modelName', 'modelPreviewUrl', 'modelTrigger', 'type', 'webappId'].sort());
			expect(item.webappId).toBe(QUICK.webappId);
		}
		expect(r.json.data[0].modelLoar2FileName).toBeNull();
	});

	test('unknown webappId → 901; invalid key → error', async () => {
		expect((await v1(emu, '/api/fast/creation/model/params', { type: 2, webappId: '5' })).json.code).toBe(901);
		expect((await v1(emu, '/api/fast/creation/model/params', { apiKey: KEYS.unknown, webappId: QUICK.webappId })).json.code).toBe(806);
	});
});

describe('POST /task/openapi/quick-ai-app/run', () => {
	const item = { nodeId: '52', nodeName: 'RH_Prompt', fieldName: 'text', fieldType: 'STRING', fieldValue: 'a castle', description: 'prompt' };
	const run = (body) => v1(emu, '/task/openapi/quick-ai-app/run', { apiKey: KEYS.consumer, webappId: QUICK.webappId, quickCreateCode: QUICK.quickCreateCode, nodeInfoList: [item], ...body });

	test('creates a task when every item is complete', async () => {
		const r = await run({});
		expect(r.json.code).toBe(0);
		expect(r.json.data.taskId).toMatch(/^\d{19}$/);
		expect(emu.tasks.get(r.json.data.taskId).kind).toBe('quick');
	});

	test('items missing nodeName/fieldType/description → 301', async () => {
		const { nodeName, ...partial } = item;
		expect(nodeName).toBeTruthy();
		expect((await run({ nodeInfoList: [partial] })).json.code).toBe(301);
		expect((await run({ nodeInfoList: [{ ...item, description: undefined }] })).json.code).toBe(301);
	});

	test('wrong quickCreateCode → 301; unknown webappId → 901', async () => {
		expect((await run({ quickCreateCode: '999' })).json.code).toBe(301);
		expect((await run({ webappId: '77' })).json.code).toBe(901);
	});
});

describe('POST /openapi/v2/aiapp/list', () => {
	test('records carry an invokeExample with /run/ai-app/<id>', async () => {
		const r = await v2(emu, '/openapi/v2/aiapp/list', { current: 1, size: 10, sort: 'RECOMMEND' }, KEYS.consumer);
		expect(r.json.code).toBe(0);
		const ids = r.json.data.records.map((rec) => /\/run\/ai-app\/(\d+)/.exec(rec.invokeExample)[1]);
		expect(ids).toContain(APPS.image);
		expect(r.json.data).toMatchObject({ current: 1, size: 10 });
	});
});
