// Shared set-up of the benchmark scripts (plain Node, no build): n8n's filesystem binary
// mode, on-the-fly TypeScript transpiling of the package sources, the RunningHub emulator in
// a child process, and small measuring helpers.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { fork } = require('child_process');

const root = path.resolve(__dirname, '..', '..');

/**
 * Must run before n8n-core is loaded: n8n reads its configuration on first import. Every
 * script gets its own user folder, so concurrent scripts never share a binary store.
 */
function setupN8n(name) {
	const userFolder = path.join(os.tmpdir(), `n8n-nodes-runninghub-bench-${name}`);
	process.env.N8N_USER_FOLDER = userFolder;
	process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
	process.env.N8N_BINARY_DATA_STORAGE_PATH = path.join(userFolder, 'binaryData');
	return { userFolder, binaryDataPath: process.env.N8N_BINARY_DATA_STORAGE_PATH };
}

let tsRegistered = false;
/** require() of .ts files: transpile only (the type check is `npm run typecheck`). */
function registerTypeScript() {
	if (tsRegistered) return;
	tsRegistered = true;
	const ts = require('typescript');
	require.extensions['.ts'] = function compileTs(module, filename) {
		const source = fs.readFileSync(filename, 'utf8');
		const { outputText } = ts.transpileModule(source, {
			compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2019, esModuleInterop: true, resolveJsonModule: true },
			fileName: filename,
		});
		module._compile(outputText, filename);
	};
	// Node files sit next to their codex JSON (X.node.ts + X.node.json) and are imported as
	// './X.node': try .ts before .json, as TypeScript resolves it.
	const json = require.extensions['.json'];
	delete require.extensions['.json'];
	require.extensions['.json'] = json;
}

/** A module of this package by path from the repo root (TypeScript allowed). */
function load(relative) {
	registerTypeScript();
	return require(path.join(root, relative));
}

/**
 * Starts the emulator in a child process. Returns `{ url, state(), reset(), setTiming(),
 * setConcurrency(), setFaults(), close() }`; `state()` gives counters, tasks (with
 * createdAt / endedAt) and the request log (times in ms).
 */
function startEmulator(options = {}) {
	const child = fork(path.join(__dirname, 'emulatorProcess.js'), [JSON.stringify(options)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
	let nextId = 0;
	const pending = new Map();
	return new Promise((resolve, reject) => {
		child.on('message', (message) => {
			if (message.ready) {
				const call = (cmd, arg) =>
					new Promise((res, rej) => {
						const id = ++nextId;
						pending.set(id, { res, rej });
						child.send({ id, cmd, arg });
					});
				resolve({
					url: message.ready,
					pid: child.pid,
					state: () => call('state'),
					reset: () => call('reset'),
					setTiming: (timing) => call('setTiming', timing),
					setConcurrency: (key, concurrency) => call('setConcurrency', { key, concurrency }),
					setFaults: (faults) => call('setFaults', faults),
					close: async () => {
						await call('close').catch(() => undefined);
						child.disconnect?.();
					},
				});
				return;
			}
			const waiter = pending.get(message.id);
			if (!waiter) return;
			pending.delete(message.id);
			if (message.error) waiter.rej(new Error(message.error));
			else waiter.res(message.result);
		});
		child.on('exit', (code) => {
			for (const { rej } of pending.values()) rej(new Error(`emulator exited (${code})`));
			reject(new Error(`emulator exited (${code})`));
		});
	});
}

const MB = 1024 * 1024;
const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const mean = (values) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN);
const max = (values) => values.reduce((a, b) => Math.max(a, b), -Infinity);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Prints the result: JSON with --json, else the given human-readable lines. */
function output(result, lines) {
	if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
	else process.stdout.write(`${lines.join('\n')}\n`);
}

module.exports = { root, setupN8n, registerTypeScript, load, startEmulator, MB, round, mean, max, median, sleep, output };
