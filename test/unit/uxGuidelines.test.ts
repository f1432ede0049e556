/**
 * n8n's UX guidelines for community nodes (docs.n8n.io › Creating nodes › UX guidelines) and
 * the sorting rules of n8n's node linter, checked on the descriptions as n8n gets them at run
 * time: the linter sees only literal arrays, while several option lists here are built by code
 * (the catalog categories, the per-resource operations, the locator modes).
 */
import type { ICredentialType, INodeProperties, INodePropertyCollection, INodeType } from 'n8n-workflow';

import { RunningHubApi } from '../../credentials/RunningHubApi.credentials';
import { RunningHubGetTaskResult } from '../../nodes/RunningHubGetTaskResult/RunningHubGetTaskResult.node';
import { RunningHubRunWorkflow } from '../../nodes/RunningHubRunWorkflow/RunningHubRunWorkflow.node';
import { RunningHubStandardModel } from '../../nodes/RunningHubStandardModel/RunningHubStandardModel.node';
import { RunningHubTrigger } from '../../nodes/RunningHubTrigger/RunningHubTrigger.node';
import { RunningHubUploadFile } from '../../nodes/RunningHubUploadFile/RunningHubUploadFile.node';
import getTaskResultCodex from '../../nodes/RunningHubGetTaskResult/RunningHubGetTaskResult.node.json';
import runWorkflowCodex from '../../nodes/RunningHubRunWorkflow/RunningHubRunWorkflow.node.json';
import standardModelCodex from '../../nodes/RunningHubStandardModel/RunningHubStandardModel.node.json';
import triggerCodex from '../../nodes/RunningHubTrigger/RunningHubTrigger.node.json';
import uploadFileCodex from '../../nodes/RunningHubUploadFile/RunningHubUploadFile.node.json';

const NODES: INodeType[] = [new RunningHubRunWorkflow(), new RunningHubStandardModel(), new RunningHubGetTaskResult(), new RunningHubUploadFile(), new RunningHubTrigger()];
const CREDENTIAL: ICredentialType = new RunningHubApi();

interface Found {
	where: string;
	property: INodeProperties;
}

/** Every property, including those inside collections and fixed collections. */
function allProperties(properties: INodeProperties[], where: string): Found[] {
	return properties.flatMap((property) => {
		const here = `${where} › ${property.displayName || property.name}`;
		const found: Found[] = [{ where: here, property }];
		if (property.type === 'collection') found.push(...allProperties((property.options ?? []) as INodeProperties[], here));
		if (property.type === 'fixedCollection') {
			for (const group of (property.options ?? []) as INodePropertyCollection[]) found.push(...allProperties(group.values, `${here} › ${group.displayName}`));
		}
		return found;
	});
}

const everything: Found[] = [
	...NODES.flatMap((node) => allProperties(node.description.properties, node.description.displayName)),
	...allProperties(CREDENTIAL.properties, CREDENTIAL.displayName),
];

// The linter's order: String.prototype.localeCompare on `name` (options) or `displayName`
// (collection entries), checked from five entries up (options: unless the first value is a number).
const MIN_SORTED = 5;
const sorted = (names: string[]) => [...names].sort((a, b) => a.localeCompare(b));

describe('UX guidelines', () => {
	it('finds the properties it checks (the walk reaches collections and locators)', () => {
		const names = everything.map((f) => f.property.name);
		expect(names).toEqual(expect.arrayContaining(['model', 'workflowId', 'webhookUrl', 'taskId', 'baseUrl', 'loraName']));
		expect(everything.length).toBeGreaterThan(60);
	});

	it('starts every example placeholder with "e.g." (collections keep "Add Option"; list modes show a search prompt)', () => {
		const bad: string[] = [];
		for (const { where, property } of everything) {
			if (property.placeholder !== undefined && property.type !== 'collection' && property.type !== 'fixedCollection' && !property.placeholder.startsWith('e.g. ')) {
				bad.push(`${where}: ${property.placeholder}`);
			}
			for (const mode of property.modes ?? []) {
				if (mode.type !== 'list' && mode.placeholder !== undefined && !mode.placeholder.startsWith('e.g. ')) bad.push(`${where} (${mode.displayName}): ${mode.placeholder}`);
			}
		}
		expect(bad).toEqual([]);
	});

	it('defaults every resource locator that has a list to "From List"', () => {
		const locators = everything.filter((f) => f.property.type === 'resourceLocator');
		expect(locators.map((f) => f.property.name).sort()).toEqual(['model', 'webappId', 'workflowId']);
		const withList = locators.filter((f) => (f.property.modes ?? []).some((m) => m.type === 'list'));
		expect(withList.map((f) => f.property.name)).toEqual(['model']);
		for (const { where, property } of withList) {
			expect({ where, mode: (property.default as { mode: string }).mode }).toEqual({ where, mode: 'list' });
			expect({ where, first: property.modes?.[0].displayName }).toEqual({ where, first: 'From List' });
		}
	});

	it('sorts the entries of options lists and collections alphabetically, as the linter requires', () => {
		const bad: string[] = [];
		for (const { where, property } of everything) {
			if (property.type === 'options' || property.type === 'multiOptions') {
				const options = (property.options ?? []) as Array<{ name: string; value: unknown }>;
				const names = options.map((o) => o.name);
				const numeric = /^\d+$/.test(String(options[0]?.value));
				if (names.length >= MIN_SORTED && !numeric && names.join('\n') !== sorted(names).join('\n')) bad.push(`${where}: ${names.join(', ')}`);
			}
			if (property.type === 'collection') {
				const names = ((property.options ?? []) as INodeProperties[]).map((o) => o.displayName);
				if (names.length >= MIN_SORTED && names.join('\n') !== sorted(names).join('\n')) bad.push(`${where}: ${names.join(', ')}`);
			}
		}
		expect(bad).toEqual([]);
	});

	it('gives every operation an action, and sorts the operations of each resource by name', () => {
		const operations = everything.filter((f) => f.property.name === 'operation');
		expect(operations.length).toBeGreaterThanOrEqual(6);
		for (const { where, property } of operations) {
			const options = (property.options ?? []) as Array<{ name: string; action?: string }>;
			const names = options.map((o) => o.name);
			expect({ where, names }).toEqual({ where, names: sorted(names) });
			expect({ where, missingAction: options.filter((o) => !o.action).map((o) => o.name) }).toEqual({ where, missingAction: [] });
		}
	});

	it('starts the description of every boolean with "Whether"', () => {
		const bad = everything.filter((f) => f.property.type === 'boolean' && f.property.description !== undefined && !f.property.description.startsWith('Whether')).map((f) => f.where);
		expect(bad).toEqual([]);
	});
});

describe('codex files', () => {
	// docs.n8n.io "Node codex files": the categories n8n's panel knows. "AI" is reserved for n8n's
	// own AI nodes and nodes built on @n8n/ai-node-sdk: n8n's rules no-ai-codex-category and
	// no-codex-subcategories (n8n master) say a community node there drops out of the main
	// "Add node" search, and community nodes may not declare subcategories.
	const ALLOWED = ['Analytics', 'Communication', 'Data & Storage', 'Development', 'Finance & Accounting', 'Marketing & Content', 'Miscellaneous', 'Productivity', 'Sales', 'Utility'];
	const codexByNode: Record<string, { node: string; categories: string[]; subcategories?: unknown }> = {
		runningHubRunWorkflow: runWorkflowCodex,
		runningHubStandardModel: standardModelCodex,
		runningHubGetTaskResult: getTaskResultCodex,
		runningHubUploadFile: uploadFileCodex,
		runningHubTrigger: triggerCodex,
	};

	it('name their node, use only documented categories, never "AI", and declare no subcategories', () => {
		for (const node of NODES) {
			const codex = codexByNode[node.description.name];
			expect({ node: codex.node, subcategories: codex.subcategories }).toEqual({ node: `n8n-nodes-runninghub.${node.description.name}`, subcategories: undefined });
			expect(codex.categories.filter((c) => !ALLOWED.includes(c))).toEqual([]);
			expect(codex.categories).toEqual(['Marketing & Content', 'Development']);
		}
	});
});
