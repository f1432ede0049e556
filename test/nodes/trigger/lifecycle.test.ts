import { forgetProcessDeliveries } from '../../../nodes/shared/callbacks/dedupe';
import { FakeTrigger, SECRET, SUCCESS_DATA, taskEnd } from './context';

const ID = '1904163390028185602';

function lifecycle(trigger: FakeTrigger) {
	const methods = trigger.node.webhookMethods.default;
	const ctx = trigger.hookContext();
	return {
		checkExists: async () => await methods.checkExists.call(ctx),
		create: async () => await methods.create.call(ctx),
		delete: async () => await methods.delete.call(ctx),
	};
}

describe('description', () => {
	it('is a POST webhook trigger at /callback that answers on receipt', () => {
		const { description } = new FakeTrigger().node;
		expect(description).toMatchObject({ name: 'runningHubTrigger', displayName: 'RunningHub Trigger', group: ['trigger'], inputs: [] });
		expect(description.webhooks).toEqual([{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'callback' }]);
		expect(description.usableAsTool).toBeUndefined();
		const secret = description.properties.find((p) => p.name === 'secretToken');
		expect(secret).toMatchObject({ required: true, typeOptions: { password: true } });
	});
});

describe('webhook lifecycle', () => {
	it('with a configured Secret Token: exists, and create/delete keep no generated state', async () => {
		const trigger = new FakeTrigger();
		const hooks = lifecycle(trigger);
		expect(await hooks.checkExists()).toBe(true);
		expect(await hooks.create()).toBe(true);
		expect(trigger.staticData.generatedToken).toBeUndefined();
		expect(await hooks.delete()).toBe(true);
		expect(await hooks.checkExists()).toBe(true);
	});

	it('without a Secret Token: create generates one, checkExists sees it, delete clears it', async () => {
		const trigger = new FakeTrigger({ params: { secretToken: '', verifyThroughApi: false } });
		const hooks = lifecycle(trigger);
		expect(await hooks.checkExists()).toBe(false);
		expect(await hooks.create()).toBe(true);
		const generated = trigger.staticData.generatedToken;
		expect(typeof generated).toBe('string');
		expect(String(generated).length).toBeGreaterThanOrEqual(32);
		expect(await hooks.checkExists()).toBe(true);
		expect(trigger.logs.some((l) => l.level === 'warn' && l.message.includes('Secret Token is empty'))).toBe(true);
		expect(JSON.stringify(trigger.logs)).not.toContain(String(generated));

		// A second activation does not replace it.
		await hooks.create();
		expect(trigger.staticData.generatedToken).toBe(generated);

		// The generated token is the one enforced: the URL is never open.
		expect((await trigger.call({ body: taskEnd(ID, SUCCESS_DATA) })).status).toBe(401);
		expect((await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), query: { token: SECRET } })).status).toBe(401);
		// (Only webhook(): n8n would not run the execution, the required Secret Token being empty.)
		expect((await trigger.receive({ body: taskEnd(ID, SUCCESS_DATA), query: { token: String(generated) } })).started).toHaveLength(1);

		expect(await hooks.delete()).toBe(true);
		expect(trigger.staticData.generatedToken).toBeUndefined();
		expect(await hooks.checkExists()).toBe(false);
	});

	it('without any token at all, every call is refused', async () => {
		const trigger = new FakeTrigger({ params: { secretToken: '', verifyThroughApi: false } });
		const res = await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), query: { token: '' } });
		expect(res.status).toBe(401);
		expect(res.items).toBeUndefined();
	});

	it('delete keeps the static-data duplicate ring, so a retry after a restart or re-activation is still recognised', async () => {
		const trigger = new FakeTrigger({ params: { verifyThroughApi: false } });
		await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), query: { token: SECRET } });
		expect(trigger.staticData.recentTaskEnds).toEqual([`${ID}:SUCCESS`]);
		await lifecycle(trigger).delete();
		expect(trigger.staticData.recentTaskEnds).toEqual([`${ID}:SUCCESS`]);
		forgetProcessDeliveries();
		expect((await trigger.call({ body: taskEnd(ID, SUCCESS_DATA), query: { token: SECRET } })).items).toBeUndefined();
	});
});

describe('examples/trigger.json', () => {
	it('uses the trigger with parameters it declares and connects it to core nodes', async () => {
		const example = (await import('../../../examples/trigger.json')) as unknown as {
			nodes: Array<{ name: string; type: string; parameters: Record<string, unknown> }>;
			connections: Record<string, { main: Array<Array<{ node: string }>> }>;
		};
		const trigger = example.nodes.find((n) => n.type === 'n8n-nodes-runninghub.runningHubTrigger');
		expect(trigger).toBeDefined();
		const declared = new FakeTrigger().node.description.properties.map((p) => p.name);
		for (const name of Object.keys(trigger?.parameters ?? {})) expect(declared).toContain(name);
		const names = new Set(example.nodes.map((n) => n.name));
		for (const [from, outputs] of Object.entries(example.connections)) {
			expect(names.has(from)).toBe(true);
			for (const target of outputs.main.flat()) expect(names.has(target.node)).toBe(true);
		}
		expect(example.connections[String(trigger?.name)].main[0][0].node).toBe('Succeeded?');
		expect(example.nodes.filter((n) => n.type.startsWith('n8n-nodes-base.') && n.type !== 'n8n-nodes-base.stickyNote').length).toBeGreaterThan(0);
	});
});
