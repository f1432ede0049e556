'use strict';
// The package root with its built files, for tests that load it the way n8n does. `npm test`
// on a fresh clone runs before any build, so the TypeScript is compiled here when the files
// package.json registers are missing. (Plain JS: the node lint rules forbid fs and processes
// in TypeScript, tests included.)
const { execFileSync } = require('child_process');
const { existsSync } = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '../..');

function builtPackageRoot() {
	const pkg = require(path.join(ROOT, 'package.json'));
	const files = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
	if (files.some((file) => !existsSync(path.join(ROOT, file)))) {
		execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.json')], { cwd: ROOT, stdio: 'inherit' });
	}
	return ROOT;
}

module.exports = { builtPackageRoot };
