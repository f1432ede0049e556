import nock from 'nock';

import { configureRetryTiming } from '../../../nodes/shared/utils/timing';
import { API, TEST_KEY } from '../../support/probeNode';
import { catalogParameters, runModel } from '../../support/standardModelRun';

const credentials = { site: 'ai', apiKey: TEST_KEY };
const ENDPOINT = 'alibaba/wan-2.5-preview/text-to-image'; // its catalog schema has seed 0 … 2147483647

beforeAll(() => configureRetryTiming({ baseDelayMs: 1, maxDelayMs: 2 }));

function acceptSubmits(bodies: Array<Record<string, unknown>>) {
	let n = 0;
	return nock(API)
		.post(`/openapi/v2/${ENDPOINT}`, (body) => {
			bodies.push(body as Record<string, unknown>);
			return true;
		})
		.times(2)
		.reply(200, () => ({ taskId: `20091911901967892${40 + n++}`, status: 'QUEUED', errorCode: '', errorMessage: '', results: null }));
}

describe('Standard Model: Randomize Seeds', () => {
	it('sends a fresh seed per item within the schema range and reports it', async () => {
		const bodies: Array<Record<string, unknown>> = [];
		acceptSubmits(bodies);
		const result = await runModel(catalogParameters(ENDPOINT, { prompt: 'a fox', size: '1280*1280' }, { waitMode: 'none', options: { randomizeSeeds: true }, waitingOptions: { maxConcurrency: 1 } }), { credentials, items: [{}, {}] });
		expect(result.error).toBeUndefined();
		const seeds = bodies.map((b) => b.seed as number);
		expect(seeds.every((s) => Number.isInteger(s) && s >= 0 && s <= 2147483647)).toBe(true);
		expect(seeds[0]).not.toBe(seeds[1]);
		expect(result.output('Model').map((i) => i.json.seeds)).toEqual([{ seed: seeds[0] }, { seed: seeds[1] }]);
	});

	it("the user's seed wins", async () => {
		const bodies: Array<Record<string, unknown>> = [];
		acceptSubmits(bodies);
		const result = await runModel(catalogParameters(ENDPOINT, { prompt: 'a fox', size: '1280*1280', seed: 42 }, { waitMode: 'none', options: { randomizeSeeds: true }, waitingOptions: { maxConcurrency: 1 } }), { credentials });
		expect(result.error).toBeUndefined();
		expect(bodies[0].seed).toBe(42);
		expect(result.output('Model')[0].json.seeds).toBeUndefined();
		nock.cleanAll();
	});

	it('off by default: no seed is added', async () => {
		const bodies: Array<Record<string, unknown>> = [];
		acceptSubmits(bodies);
		await runModel(catalogParameters(ENDPOINT, { prompt: 'a fox', size: '1280*1280' }, { waitMode: 'none', waitingOptions: { maxConcurrency: 1 } }), { credentials });
		expect(bodies[0]).not.toHaveProperty('seed');
		nock.cleanAll();
	});
});

describe('Standard Model: Max Total Cost', () => {
	it('submits while spent + estimates stay within the budget; the rest come out as errors naming the figures', async () => {
		const bodies: Array<Record<string, unknown>> = [];
		let n = 0;
		nock(API)
			.post(`/openapi/v2/price-preview/${ENDPOINT}`)
			.times(4)
			.reply(200, { estimatedPrice: 0.5, currency: 'CNY', errorCode: '', errorMessage: '' })
			.post(`/openapi/v2/${ENDPOINT}`, (body) => {
				bodies.push(body as Record<string, unknown>);
				return true;
			})
			.times(4)
			.reply(200, () => ({ taskId: `20091911901967893${10 + n++}`, status: 'QUEUED', errorCode: '', errorMessage: '', results: null }));
		const result = await runModel(catalogParameters(ENDPOINT, { prompt: 'a fox', size: '1280*1280' }, { waitMode: 'none', waitingOptions: { maxConcurrency: 1, maxTotalCost: 1.2 } }), {
			credentials,
			items: [{}, {}, {}, {}],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toHaveLength(2);
		const out = result.output('Model');
		expect(out.slice(0, 2).map((i) => i.json.status)).toEqual(['QUEUED', 'QUEUED']);
		for (const item of out.slice(2)) {
			expect(item.json.error).toBe('Not submitted: Max Total Cost of 1.2 would be exceeded');
			expect((item.error as { description?: string }).description).toBe('Spent or committed by this execution so far: 1; estimate for this item: 0.5. Raise Waiting Options › Max Total Cost, or run fewer items.');
		}
		nock.cleanAll();
	});
});
