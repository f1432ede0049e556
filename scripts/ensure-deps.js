#!/usr/bin/env node
// `npm test` on a fresh clone must work without a separate install step: this pretest hook
// installs the locked dev dependencies when they are missing. --ignore-scripts avoids two
// known traps on Node 20 (isolated-vm native build, a pnpm-only preinstall in a lint plugin).
const { existsSync } = require('fs');
const { join } = require('path');
const { execSync } = require('child_process');

const root = join(__dirname, '..');
const needed = ['jest', 'ts-jest', 'n8n-core', 'n8n-workflow', 'nock', 'typescript'];
const missing = needed.filter((name) => !existsSync(join(root, 'node_modules', name, 'package.json')));
if (missing.length > 0) {
	console.log(`Installing dev dependencies (missing: ${missing.join(', ')})...`);
	execSync('npm ci --ignore-scripts --no-audit --no-fund', { cwd: root, stdio: 'inherit', env: { ...process.env, CI: 'true', npm_config_yes: 'true' } });
}
