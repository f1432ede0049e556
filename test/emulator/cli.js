#!/usr/bin/env node
'use strict';
// Command-line launcher: `npm run emulator -- [options]`.

const { createEmulator, KEYS, WORKFLOWS, WORKFLOW_PASSWORD, APPS, QUICK, FAULT_NAMES } = require('./index');

const HELP = `RunningHub API emulator

Usage: node test/emulator/cli.js [options]

Options:
  --port N              port to listen on (default 8189; 0 = any free port)
  --host H              address to bind (default 127.0.0.1)
  --site ai|cn          site the keys belong to (default ai)
  --queued-ms N         time a task stays QUEUED (default 300)
  --running-ms N        time a task stays RUNNING (default 1500)
  --numeric-ids         write taskId / webhook id as bare JSON numbers
  --webhook-timeout-ms N, --webhook-retries N, --webhook-retry-delay-ms N
  --fault NAME=VALUE    enable a fault (repeatable), VALUE is colon-separated:
                          http5xx=MATCH:COUNT:STATUS     e.g. http5xx=submit:2:503
                          html=MATCH:COUNT:STATUS        e.g. html=poll:1:502
                          reset=MATCH:COUNT:WHEN         e.g. reset=submit:1:after
                          slow=MATCH:COUNT:DELAY_MS      e.g. slow=poll:3:5000
                          capacity=COUNT:CODE            e.g. capacity=5:421
                          failTasks=COUNT  emptySuccess=COUNT  v2EmptyResults=COUNT
                          duplicateWebhooks=COUNT  expiredDownloads=COUNT
                        MATCH: submit | poll | upload | download | account | any |
                        a path substring. COUNT -1 = unlimited.
  --faults JSON         faults as JSON, e.g. '{"http5xx":{"match":"poll","count":2}}'
  --verbose             print one line per request
  --help                show this help

Magic tokens in any string input: [fail] [empty] [text] [ms:N] [bytes:N]
Control API: GET /__emulator/state, POST /__emulator/faults, POST /__emulator/reset, …
`;

const COLON_FAULTS = {
	http5xx: ['match', 'count', 'status'],
	html: ['match', 'count', 'status'],
	reset: ['match', 'count', 'when'],
	slow: ['match', 'count', 'delayMs'],
	capacity: ['count', 'code'],
	failTasks: ['count'],
	emptySuccess: ['count'],
	v2EmptyResults: ['count'],
	duplicateWebhooks: ['count'],
	expiredDownloads: ['count'],
};
const NUMERIC_FIELDS = new Set(['count', 'status', 'delayMs', 'code']);

function parseFault(spec) {
	const eq = spec.indexOf('=');
	const name = eq < 0 ? spec : spec.slice(0, eq);
	const fields = COLON_FAULTS[name];
	if (!fields) throw new Error(`unknown fault "${name}" (known: ${FAULT_NAMES.join(', ')})`);
	const parts = eq < 0 ? [] : spec.slice(eq + 1).split(':');
	const cfg = {};
	fields.forEach((f, i) => {
		if (parts[i] === undefined || parts[i] === '') return;
		cfg[f] = NUMERIC_FIELDS.has(f) ? Number(parts[i]) : parts[i];
	});
	return [name, cfg];
}

function parseArgs(argv) {
	const o = { port: 8189, host: '127.0.0.1', site: 'ai', timing: {}, webhook: {}, faults: {}, verbose: false };
	const next = (i) => {
		if (i + 1 >= argv.length) throw new Error(`${argv[i]} needs a value`);
		return argv[i + 1];
	};
	const num = (i) => {
		const n = Number(next(i));
		if (!Number.isFinite(n)) throw new Error(`${argv[i]} needs a number`);
		return n;
	};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		switch (a) {
			case '--help':
			case '-h':
				o.help = true;
				break;
			case '--port': o.port = num(i); i++; break;
			case '--host': o.host = next(i); i++; break;
			case '--site': o.site = next(i); i++; break;
			case '--queued-ms': o.timing.queuedMs = num(i); i++; break;
			case '--running-ms': o.timing.runningMs = num(i); i++; break;
			case '--webhook-timeout-ms': o.webhook.timeoutMs = num(i); i++; break;
			case '--webhook-retries': o.webhook.retries = num(i); i++; break;
			case '--webhook-retry-delay-ms': o.webhook.retryDelayMs = num(i); i++; break;
			case '--numeric-ids': o.numericIds = true; break;
			case '--verbose': o.verbose = true; break;
			case '--fault': {
				const [name, cfg] = parseFault(next(i));
				o.faults[name] = cfg;
				i++;
				break;
			}
			case '--faults':
				Object.assign(o.faults, JSON.parse(next(i)));
				i++;
				break;
			default:
				throw new Error(`unknown option ${a}`);
		}
	}
	return o;
}

function describeKey(account) {
	if (!account) return '(unknown → 806)';
	if (account.otherSite) return '(other site → 802 / 1002)';
	if (account.type === 'FREE') return '(free user → 801)';
	return `(${account.type}, concurrency ${account.concurrency})`;
}

async function main() {
	let args;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (err) {
		process.stderr.write(`${err.message}\n\n${HELP}`);
		process.exit(2);
	}
	if (args.help) {
		process.stdout.write(HELP);
		return;
	}
	const { verbose, ...options } = args;
	const emu = await createEmulator(options);
	if (verbose) {
		emu.server.on('request', (req, res) => {
			const started = Date.now();
			res.on('close', () => process.stdout.write(`${new Date().toISOString()} ${req.method} ${req.url.split('?')[0]} ${res.headersSent ? res.statusCode : 'reset'} ${Date.now() - started}ms\n`));
		});
	}
	const lines = [
		`RunningHub emulator listening on ${emu.url}`,
		`site: ${emu.site}  timing: queued ${emu.timing.queuedMs} ms, running ${emu.timing.runningMs} ms`,
		'keys:',
		...Object.entries(KEYS).map(([name, key]) => `  ${name.padEnd(10)} ${key}  ${describeKey(emu.account(key))}`),
		`workflows: ${Object.entries(WORKFLOWS).map(([n, id]) => `${n}=${id}`).join(' ')}  (protected password: ${WORKFLOW_PASSWORD})`,
		`apps: ${Object.entries(APPS).map(([n, id]) => `${n}=${id}`).join(' ')}  quick: webappId=${QUICK.webappId} code=${QUICK.quickCreateCode}`,
	];
	if (Object.keys(emu.faults).length) lines.push(`faults: ${JSON.stringify(emu.faults)}`);
	process.stdout.write(`${lines.join('\n')}\n`);

	const stop = (signal) => {
		process.stdout.write(`\n${signal}: stopping emulator\n`);
		emu.close().then(() => process.exit(0));
	};
	process.once('SIGINT', () => stop('SIGINT'));
	process.once('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
	main().catch((err) => {
		process.stderr.write(`${err.stack || err}\n`);
		process.exit(1);
	});
}

module.exports = { parseArgs, parseFault, HELP };
