// Child processes, always asynchronous: the RunningHub emulator runs inside this Node
// process, so a synchronous spawn would block it and deadlock n8n (E2E.md §7).
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

const children = new Set();

/**
 * Run a command to completion. Resolves { code, signal, stdout, stderr, ms }; never rejects
 * on a non-zero exit (callers decide). `timeoutMs` kills it with SIGKILL.
 * `onLine(line, stream)` sees output as it arrives; `inherit: true` shows it live.
 */
export function run(cmd, args, { cwd, env, timeoutMs = 0, onLine, inherit = false, input } = {}) {
	return new Promise((resolve, reject) => {
		const start = Date.now();
		const child = spawn(cmd, args, { cwd, env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
		children.add(child);
		let stdout = '';
		let stderr = '';
		const feed = (streamName) => {
			let partial = '';
			return (chunk) => {
				const text = chunk.toString('utf8');
				if (streamName === 'stdout') stdout += text;
				else stderr += text;
				if (inherit) (streamName === 'stdout' ? process.stdout : process.stderr).write(text);
				if (onLine) {
					partial += text;
					const lines = partial.split('\n');
					partial = lines.pop();
					for (const l of lines) onLine(l, streamName);
				}
			};
		};
		child.stdout.on('data', feed('stdout'));
		child.stderr.on('data', feed('stderr'));
		if (input !== undefined) child.stdin.end(input);
		let timer;
		if (timeoutMs > 0) {
			timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
			timer.unref();
		}
		child.on('error', (error) => {
			children.delete(child);
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			children.delete(child);
			clearTimeout(timer);
			resolve({ code, signal, stdout, stderr, ms: Date.now() - start });
		});
	});
}

/** Like run(), but throws with the output tail on a non-zero exit. */
export async function runOk(cmd, args, opts = {}) {
	const r = await run(cmd, args, opts);
	if (r.code !== 0) {
		const tail = `${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-25).join('\n');
		throw new Error(`${[cmd, ...args].join(' ')} exited with ${r.code ?? r.signal}\n${tail}`);
	}
	return r;
}

/**
 * A long-running service (n8n start, a worker, redis). Output goes to `logFile` and to an
 * in-memory tail; `waitForLine(re)` resolves when a matching line appears.
 */
export function startService(name, cmd, args, { cwd, env, logFile, echo = false } = {}) {
	const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
	children.add(child);
	const file = logFile ? createWriteStream(logFile, { flags: 'a' }) : null;
	const lines = [];
	const waiters = [];
	let exited = null;
	const exitPromise = new Promise((resolve) => {
		child.on('close', (code, signal) => {
			children.delete(child);
			exited = { code, signal };
			for (const w of waiters.splice(0)) w.reject(new Error(`${name} exited (${code ?? signal}) before printing ${w.re}`));
			file?.end();
			resolve(exited);
		});
	});
	child.on('error', (error) => {
		for (const w of waiters.splice(0)) w.reject(error);
	});
	const onData = (chunk) => {
		const text = chunk.toString('utf8');
		file?.write(text);
		if (echo) process.stdout.write(text.replace(/^(?=.)/gm, `  ${name} | `));
		for (const line of text.split('\n')) {
			if (!line) continue;
			lines.push(line);
			if (lines.length > 2000) lines.shift();
			for (const w of [...waiters]) {
				if (w.re.test(line)) {
					waiters.splice(waiters.indexOf(w), 1);
					w.resolve(line);
				}
			}
		}
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);

	return {
		name,
		child,
		pid: child.pid,
		lines,
		get exited() {
			return exited;
		},
		exitPromise,
		/** Resolves with the first (past or future) line matching `re`. */
		waitForLine(re, timeoutMs = 60000) {
			const seen = lines.find((l) => re.test(l));
			if (seen) return Promise.resolve(seen);
			if (exited) return Promise.reject(new Error(`${name} already exited`));
			return new Promise((resolve, reject) => {
				const w = { re, resolve, reject };
				waiters.push(w);
				const timer = setTimeout(() => {
					const i = waiters.indexOf(w);
					if (i >= 0) waiters.splice(i, 1);
					reject(new Error(`${name}: no line matching ${re} within ${timeoutMs} ms`));
				}, timeoutMs);
				timer.unref();
			});
		},
		tail(n = 40) {
			return lines.slice(-n).join('\n');
		},
		/** SIGTERM, then SIGKILL after `graceMs`. Resolves when the process is gone. */
		async stop(graceMs = 15000) {
			if (exited) return exited;
			child.kill('SIGTERM');
			const timer = setTimeout(() => {
				if (!exited) child.kill('SIGKILL');
			}, graceMs);
			timer.unref();
			const r = await exitPromise;
			clearTimeout(timer);
			return r;
		},
	};
}

/** Kill every child this process started that is still running (last-resort cleanup). */
export function killAllChildren(signal = 'SIGTERM') {
	for (const child of children) {
		try {
			child.kill(signal);
		} catch {
			// already gone
		}
	}
}
