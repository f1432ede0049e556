'use strict';
// What `npm publish` would put in the tarball: the committed files are copied to a temporary
// folder, built there with `n8n-node build` (the build the publish workflow runs), and listed
// with `npm pack --dry-run --json`. Working in a copy keeps the repository's own dist/ (which
// other tests load at the same time) untouched, and ignores files a developer left lying
// around. Plain JS: the node lint rules forbid child_process and fs in TypeScript tests.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '../..');
const SKIP = new Set(['.git', 'node_modules', 'dist', 'coverage', '.e2e-cache']);

/** Committed files (git), or every file outside build output when there is no git checkout. */
function sourceFiles() {
	try {
		const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
		return out.split('\0').filter((f) => f && fs.existsSync(path.join(ROOT, f)));
	} catch {
		const files = [];
		const walk = (dir) => {
			for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
				if (SKIP.has(entry.name) || entry.name.endsWith('.tgz')) continue;
				const rel = path.join(dir, entry.name);
				if (entry.isDirectory()) walk(rel);
				else files.push(rel);
			}
		};
		walk('');
		return files;
	}
}

/** Builds a copy of the package and returns the tarball's file paths, sorted. */
function packedFiles() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rh-pack-'));
	try {
		for (const file of sourceFiles()) {
			const target = path.join(dir, file);
			fs.mkdirSync(path.dirname(target), { recursive: true });
			fs.copyFileSync(path.join(ROOT, file), target);
		}
		fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
		const env = { ...process.env, CI: 'true', npm_config_update_notifier: 'false' };
		execFileSync(process.execPath, [path.join(ROOT, 'node_modules/@n8n/node-cli/bin/n8n-node.mjs'), 'build'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
		const json = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
		const [report] = JSON.parse(json);
		return report.files.map((f) => f.path).sort();
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

module.exports = { packedFiles, sourceFiles, ROOT };
