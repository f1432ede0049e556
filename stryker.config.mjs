// Mutation testing (`npm run test:mutation`; not part of CI: it takes long on small machines).
// Scope: the shared core (transport, scheduler, outputs, errors), judged by the whole jest
// suite. STRYKER_SCOPE=validation mutates the Standard Model validator instead, judged by
// its own tests only (how the rewritten validation tests were shown to check as much as the
// generated ones they replaced). Results: docs/TESTING.md.
import os from 'node:os';
import path from 'node:path';

const scopes = {
	core: {
		mutate: ['nodes/shared/transport/**/*.ts', 'nodes/shared/scheduler/**/*.ts', 'nodes/shared/outputs/**/*.ts', 'nodes/shared/errors/**/*.ts'],
		testMatch: undefined,
	},
	validation: {
		mutate: ['nodes/RunningHubStandardModel/validation/**/*.ts'],
		testMatch: ['<rootDir>/test/nodes/standardModel/validation.test.ts'],
	},
};
const scope = { ...scopes[process.env.STRYKER_SCOPE || 'core'] };
// STRYKER_TESTS=<glob,glob>: judge by these test files only (a quick, partial score: the whole
// suite makes each core mutant cost minutes, since every node test goes through the core).
if (process.env.STRYKER_TESTS) scope.testMatch = process.env.STRYKER_TESTS.split(',').map((glob) => `<rootDir>/${glob}`);
if (!scope.mutate) throw new Error(`STRYKER_SCOPE must be one of ${Object.keys(scopes).join(', ')}`);
const name = process.env.STRYKER_SCOPE || 'core';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
	testRunner: 'jest',
	jest: {
		projectType: 'custom',
		configFile: 'jest.config.js',
		config: scope.testMatch ? { testMatch: scope.testMatch } : {},
		enableFindRelatedTests: false,
	},
	checkers: ['typescript'],
	tsconfigFile: 'tsconfig.test.json',
	typescriptChecker: { prioritizePerformanceOverAccuracy: true },
	mutate: process.env.STRYKER_MUTATE ? process.env.STRYKER_MUTATE.split(',') : scope.mutate,
	coverageAnalysis: 'perTest',
	concurrency: Number(process.env.STRYKER_CONCURRENCY || 2),
	timeoutMS: 20000,
	// The first run executes the whole suite with coverage; on a 2-core machine that takes minutes.
	dryRunTimeoutMinutes: 40,
	incremental: true,
	incrementalFile: `reports/stryker-incremental-${name}.json`,
	reporters: ['clear-text', 'progress', 'json'],
	jsonReporter: { fileName: `reports/mutation-${name}.json` },
	clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
	// Outside the repository: n8n-node lint (strict, unconfigurable) would lint a sandbox inside it.
	tempDirName: path.join(os.tmpdir(), 'n8n-nodes-runninghub-stryker'),
	ignorePatterns: ['dist', 'reports', 'coverage', '.e2e-cache', '*.tgz'],
	thresholds: { high: 85, low: 75, break: null },
};
