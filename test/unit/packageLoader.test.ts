/**
 * The package as n8n loads it: n8n-core's own PackageDirectoryLoader reads package.json's
 * `n8n` section and the built files, and adds its injected settings (e.g. "Request Options"
 * for declarative nodes). The final descriptions are what the editor, the tool generator
 * and the MCP Server Trigger get.
 */
import { PackageDirectoryLoader } from 'n8n-core';
import type { INodeTypeDescription } from 'n8n-workflow';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { builtPackageRoot } = require('../support/builtPackage') as { builtPackageRoot: () => string };

describe('the package loaded by n8n', () => {
	let descriptions: INodeTypeDescription[];
	let loader: PackageDirectoryLoader;

	beforeAll(async () => {
		loader = new PackageDirectoryLoader(builtPackageRoot());
		await loader.loadAll();
		descriptions = loader.types.nodes;
	}, 120000);

	it('registers every node and the credential of package.json', () => {
		expect(descriptions.map((d) => d.name).sort()).toEqual(['runningHubGetTaskResult', 'runningHubRunWorkflow', 'runningHubStandardModel', 'runningHubTrigger', 'runningHubUploadFile']);
		expect(loader.types.credentials.map((c) => c.name)).toEqual(['runningHubApi']);
	});

	it("gives no node n8n's injected Request Options (no node is declarative)", () => {
		for (const description of descriptions) {
			expect({ node: description.name, names: description.properties.map((p) => p.name) }).toEqual({ node: description.name, names: expect.not.arrayContaining(['requestOptions']) });
			expect(description.requestDefaults).toBeUndefined();
		}
	});

	it('runs every action node through execute() (the path of the engine, AI tools and MCP)', () => {
		for (const name of ['runningHubGetTaskResult', 'runningHubRunWorkflow', 'runningHubStandardModel', 'runningHubUploadFile']) {
			const type = loader.getNode(name).type as { execute?: unknown; customOperations?: unknown };
			expect({ name, execute: typeof type.execute, customOperations: type.customOperations }).toEqual({ name, execute: 'function', customOperations: undefined });
		}
	});

	it('offers the task nodes as AI tools with their own tool description, not Upload File (it needs an incoming binary)', () => {
		const byName = Object.fromEntries(descriptions.map((d) => [d.name, d]));
		for (const name of ['runningHubGetTaskResult', 'runningHubRunWorkflow', 'runningHubStandardModel']) {
			expect(byName[name].usableAsTool).toEqual({ replacements: { description: expect.stringMatching(/task ID/i) } });
		}
		expect(byName.runningHubUploadFile.usableAsTool).toBeUndefined();
		expect(byName.runningHubTrigger.usableAsTool).toBeUndefined();
	});
});
