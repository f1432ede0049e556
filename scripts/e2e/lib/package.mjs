// Build this package, `npm pack` it and install the tarball into an n8n user folder the way
// n8n's own community-package installer does: extract into
// <userFolder>/.n8n/nodes/node_modules/<name> (no node_modules inside, so n8n-workflow
// resolves to n8n's copy). Node types are then `n8n-nodes-runninghub.<node>`.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_NAME, ROOT } from './paths.mjs';
import { runOk } from './proc.mjs';
import { makeLogger, secondsSince } from './util.mjs';

const log = makeLogger('package');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** `npm ci --ignore-scripts` when the build tooling is missing (fresh clone). */
export async function ensureDevDeps() {
	const needed = ['@n8n/node-cli', 'typescript', 'n8n-workflow', '@modelcontextprotocol/sdk'];
	const missing = needed.filter((n) => !existsSync(path.join(ROOT, 'node_modules', n, 'package.json')));
	if (!missing.length) return { seconds: 0, installed: false };
	const start = Date.now();
	log(`installing the package's dev dependencies (missing: ${missing.join(', ')})`);
	await runOk(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], {
		cwd: ROOT,
		env: { ...process.env, CI: 'true', npm_config_yes: 'true' },
		inherit: true,
		timeoutMs: 900000,
	});
	return { seconds: secondsSince(start), installed: true };
}

export async function build() {
	const start = Date.now();
	await runOk(npm, ['run', 'build', '--silent'], { cwd: ROOT, timeoutMs: 600000 });
	return { seconds: secondsSince(start) };
}

/** The node files package.json registers that the build did not produce (nodes still being written). */
export function missingBuiltFiles() {
	const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	return [...(pkg.n8n?.nodes || []), ...(pkg.n8n?.credentials || [])].filter((f) => !existsSync(path.join(ROOT, f)));
}

/** `npm pack` into a temp dir; returns the tarball path. */
export async function pack(destDir = path.join(os.tmpdir(), `${PACKAGE_NAME}-pack`)) {
	const start = Date.now();
	rmSync(destDir, { recursive: true, force: true });
	mkdirSync(destDir, { recursive: true });
	const r = await runOk(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', destDir], { cwd: ROOT });
	const info = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')));
	const tgz = path.join(destDir, info[0].filename);
	return { tgz, files: info[0].files.length, size: info[0].size, seconds: secondsSince(start) };
}

/** Extract the tarball into <userFolder>/.n8n/nodes/node_modules/<name> (replacing an older copy). */
export async function installTarball(tgz, n8nNodesDir) {
	const target = path.join(n8nNodesDir, 'node_modules', PACKAGE_NAME);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	await runOk('tar', ['-xzf', tgz, '-C', target, '--strip-components=1']);
	// A registered node file that is missing makes n8n skip the whole package. While nodes
	// are still being written, drop such entries so the others load (reported as a failure).
	const pkgFile = path.join(target, 'package.json');
	const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
	const exists = (f) => existsSync(path.join(target, f));
	const dropped = [...pkg.n8n.nodes, ...pkg.n8n.credentials].filter((f) => !exists(f));
	if (dropped.length) {
		pkg.n8n.nodes = pkg.n8n.nodes.filter(exists);
		pkg.n8n.credentials = pkg.n8n.credentials.filter(exists);
		writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
	}
	return { target, dropped };
}
