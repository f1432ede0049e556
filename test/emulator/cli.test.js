'use strict';
// The command-line launcher (`npm run emulator`).

const path = require('path');
const { spawn, spawnSync } = require('child_process');
const { parseArgs, parseFault } = require('./cli');
const { KEYS } = require('./index');

const CLI = path.join(__dirname, 'cli.js');

describe('cli.js', () => {
	test('starts, prints URL and keys, applies --fault, stops on SIGTERM', async () => {
		const child = spawn(process.execPath, [CLI, '--port', '0', '--queued-ms', '10', '--running-ms', '20', '--fault', 'http5xx=account:1:503'], { stdio: ['ignore', 'pipe', 'pipe'] });
		try {
			let out = '';
			const url = await new Promise((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 10000);
				child.stdout.on('data', (c) => {
					out += c;
					const m = /RunningHub emulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
					if (m && out.includes('apps:')) {
						clearTimeout(timer);
						resolve(m[1]);
					}
				});
				child.on('exit', () => reject(new Error(`exited early: ${out}`)));
			});
			expect(out).toContain(KEYS.consumer);
			expect(out).toContain(KEYS.shared);
			const state = await (await fetch(`${url}/__emulator/state`)).json();
			expect(state.timing).toEqual({ queuedMs: 10, runningMs: 20 });
			expect(state.faults.http5xx).toMatchObject({ match: 'account', count: 1, status: 503 });
			const r = await fetch(`${url}/uc/openapi/accountStatus`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ apikey: KEYS.consumer }) });
			expect(r.status).toBe(503);
		} finally {
			const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
			child.kill('SIGTERM');
			expect(await exited).toEqual({ code: 0, signal: null });
		}
	});

	test('--help prints usage; an unknown option exits 2', () => {
		const help = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
		expect(help.status).toBe(0);
		expect(help.stdout).toContain('--fault NAME=VALUE');
		const bad = spawnSync(process.execPath, [CLI, '--nope'], { encoding: 'utf8' });
		expect(bad.status).toBe(2);
	});

	test('fault and option parsing', () => {
		expect(parseFault('http5xx=submit:2:503')).toEqual(['http5xx', { match: 'submit', count: 2, status: 503 }]);
		expect(parseFault('reset=poll:1:after')).toEqual(['reset', { match: 'poll', count: 1, when: 'after' }]);
		expect(parseFault('capacity=5:415')).toEqual(['capacity', { count: 5, code: 415 }]);
		expect(parseFault('failTasks=3')).toEqual(['failTasks', { count: 3 }]);
		expect(() => parseFault('nope=1')).toThrow(/unknown fault/);
		const o = parseArgs(['--site', 'cn', '--numeric-ids', '--faults', '{"slow":{"delayMs":5}}', '--webhook-retries', '0']);
		expect(o).toMatchObject({ site: 'cn', numericIds: true, faults: { slow: { delayMs: 5 } }, webhook: { retries: 0 } });
	});
});
