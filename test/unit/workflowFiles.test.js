'use strict';
// The GitHub Actions workflows: scripts/lint-workflows.js (actionlint) passes the committed
// files and fails broken copies of them, and the files do what the release process needs
// (checks on Node 20 and 24, publish with provenance only after the checks). Plain JS: the
// node lint rules forbid child_process and fs in TypeScript tests.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts/lint-workflows.js');
const CI = path.join(ROOT, '.github/workflows/ci.yml');
const PUBLISH = path.join(ROOT, '.github/workflows/publish.yml');

function lint(...files) {
	const run = spawnSync(process.execPath, [SCRIPT, ...files], { cwd: ROOT, encoding: 'utf8', timeout: 60000 });
	return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

let dir;
function brokenCopy(file, from, to) {
	const source = fs.readFileSync(file, 'utf8');
	expect(source).toContain(from); // the edit below really changes the file
	const target = path.join(dir, `${path.basename(file, '.yml')}-${Math.random().toString(36).slice(2)}.yml`);
	fs.writeFileSync(target, source.replace(from, to));
	return target;
}

beforeAll(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rh-workflows-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('scripts/lint-workflows.js', () => {
	it('passes the committed ci.yml and publish.yml (its default file set)', () => {
		const run = lint();
		expect(run).toEqual({ status: 0, output: expect.stringContaining('ok  .github/workflows/ci.yml') });
		expect(run.output).toContain('ok  .github/workflows/publish.yml');
	});

	it.each([
		['a job without runs-on', CI, '    runs-on: ubuntu-latest\n    timeout-minutes: 30\n    strategy:', '    runs_on: ubuntu-latest\n    timeout-minutes: 30\n    strategy:', /"runs-on" section is missing/],
		['a matrix value that does not exist', CI, 'node-version: ${{ matrix.node }}', 'node-version: ${{ matrix.nodejs }}', /property "nodejs" is not defined/],
		['a misspelt permission', PUBLISH, '      id-token: write', '      id-tokens: write', /unknown permission scope "id-tokens"/],
		['needs naming a missing job', PUBLISH, '    needs: check', '    needs: checks', /needs job "checks" which does not exist/],
		['an unknown trigger event', CI, '  pull_request:\n', '  pull-request:\n', /unknown Webhook event "pull-request"/],
		['YAML that does not parse', PUBLISH, '    needs: check\n', '   needs: check\n', /not valid YAML/],
	])('fails %s, naming the problem', (_name, file, from, to, message) => {
		const copy = brokenCopy(file, from, to);
		const run = lint(copy);
		expect(run.status).toBe(1);
		expect(run.output).toMatch(message);
		expect(run.output).toContain(path.basename(copy));
	});

	it('fails when one of several files is broken, and still reports the good one', () => {
		const copy = brokenCopy(CI, '    runs-on: ubuntu-latest\n    timeout-minutes: 30', '    timeout-minutes: 30');
		const run = lint(PUBLISH, copy);
		expect(run.status).toBe(1);
		expect(run.output).toContain('ok  .github/workflows/publish.yml');
		expect(run.output).toMatch(/1 problem\(s\) in the workflow files/);
	});
});

describe('the workflows', () => {
	const ci = fs.readFileSync(CI, 'utf8');
	const publish = fs.readFileSync(PUBLISH, 'utf8');
	const steps = ['npm ci --ignore-scripts', 'npm run lint\n', 'npm run lint:workflows', 'npm run typecheck', 'npm run build', 'npm test -- --ci'];

	it('CI checks pushes to main and pull requests on Node 20 and 24 with every step of .ci/run before the e2e', () => {
		expect(ci).toMatch(/on:\n {2}push:\n {4}branches:\n {6}- main\n {2}pull_request:/);
		expect(ci).toContain('node: [20, 24]');
		for (const step of steps) expect({ step, found: ci.includes(`run: ${step}`) }).toEqual({ step, found: true });
		const ciRun = fs.readFileSync(path.join(ROOT, '.ci/run'), 'utf8');
		for (const step of steps) expect({ step, inCiRun: ciRun.includes(step.trim().replace(' -- --ci', '')) }).toEqual({ step, inCiRun: true });
	});

	it('publish runs on version tags, repeats the checks, and publishes with provenance only after them', () => {
		expect(publish).toMatch(/on:\n {2}push:\n {4}tags:\n {6}- '\*\.\*\.\*'/);
		const [checkJob, publishJob] = publish.split('\n  publish:\n');
		for (const step of steps) expect({ step, found: checkJob.includes(`run: ${step}`) }).toEqual({ step, found: true });
		expect(checkJob).toContain('node: [20, 24]');
		expect(publishJob).toContain('needs: check');
		expect(publishJob).toMatch(/permissions:\n {6}contents: read\n(?: {6}#.*\n)* {6}id-token: write/);
		// n8n-node release publishes with NPM_CONFIG_PROVENANCE=true when GITHUB_ACTIONS is set.
		expect(publishJob).toContain('npm run release');
		expect(pkg().scripts.release).toBe('n8n-node release');
		// The workflow-wide token stays read-only; only the publish job may mint an OIDC token.
		expect(publish.split('\njobs:\n')[0]).toMatch(/\npermissions:\n {2}contents: read\n$/);
	});
});

function pkg() {
	return JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
}
