#!/usr/bin/env node
// `npm start`: a real n8n with this package installed, ready to click through.
//
//   1. installs the package's dev dependencies if missing, builds and `npm pack`s it;
//   2. provisions a pinned n8n in a cache folder outside the repo
//      (~/.cache/n8n-nodes-runninghub/n8n-<version>, override N8N_E2E_CACHE; first run
//      takes a few minutes, later runs reuse it);
//   3. installs the packed tarball the way n8n installs community packages;
//   4. starts the RunningHub emulator and n8n on 127.0.0.1, imports a sandbox credential
//      and every workflow in examples/, sets up the owner and prints the editor URL + login.
//   With RUNNINGHUB_API_KEY (and RUNNINGHUB_SITE=ai|cn) it creates a credential for your
//   real RunningHub account instead of the emulator. Ctrl-C stops everything.
//
// Env: N8N_VERSION (default 1.123.50, the Node 20 line; "2.41.1" uses Node 24 from npm),
// N8N_PORT (default 5678), RUNNINGHUB_EMULATOR_PORT (default 8990), N8N_START_FRESH=1
// (new n8n user folder), N8N_START_VERBOSE=1 (show n8n's log).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { startEmulator } from './e2e/lib/emulator.mjs';
import { ensureN8n, ensureNodeRuntime } from './e2e/lib/install.mjs';
import { N8n, OWNER } from './e2e/lib/n8n.mjs';
import { build, ensureDevDeps, installTarball, missingBuiltFiles, pack } from './e2e/lib/package.mjs';
import { CACHE_DIR, DEFAULT_START_LINE, resolveLines } from './e2e/lib/paths.mjs';
import { killAllChildren } from './e2e/lib/proc.mjs';
import { freePort, makeLogger, secondsSince } from './e2e/lib/util.mjs';
import { REAL_CREDENTIAL, SANDBOX_CREDENTIAL, TRIGGER_TYPE, credentialRecord, prepareWorkflow, readExamples } from './e2e/lib/workflows.mjs';

const log = makeLogger('start');
const env = process.env;
const started = Date.now();
const stoppers = [];
let stopping = false;

async function stopAll(code) {
	if (stopping) return;
	stopping = true;
	log('stopping …');
	for (const stop of stoppers.reverse()) {
		try {
			await stop();
		} catch {
			// best effort
		}
	}
	log('stopped');
	process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

function credentialFor(emulatorUrl, KEYS) {
	const key = (env.RUNNINGHUB_API_KEY || '').trim();
	if (key) {
		const site = (env.RUNNINGHUB_SITE || 'ai').trim().toLowerCase();
		if (!['ai', 'cn'].includes(site)) throw new Error(`RUNNINGHUB_SITE must be "ai" (runninghub.ai) or "cn" (runninghub.cn), not "${env.RUNNINGHUB_SITE}"`);
		return { credential: REAL_CREDENTIAL, data: { site, apiKey: key }, what: `your RunningHub account on runninghub.${site} (real runs cost money)` };
	}
	return {
		credential: SANDBOX_CREDENTIAL,
		data: { site: 'custom', baseUrl: emulatorUrl, apiKey: KEYS.shared },
		what: `the local RunningHub emulator at ${emulatorUrl} (free, fake outputs)`,
	};
}

/** Import only examples that are new or changed since the last start, so edits in n8n survive restarts. */
async function importExamples(n8n, userFolder, credential) {
	const stateFile = path.join(userFolder, 'imported-examples.json');
	const previous = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : {};
	const all = readExamples().map((e) => {
		const wf = prepareWorkflow(e, credential);
		const hash = createHash('sha1').update(`${credential.id}\n${JSON.stringify(e.workflow)}`).digest('hex');
		return { ...e, wf, hash };
	});
	const todo = all.filter((e) => previous[e.file] !== e.hash);
	if (todo.length) {
		await n8n.importWorkflows(todo.map((e) => e.wf));
		writeFileSync(stateFile, JSON.stringify(Object.fromEntries(all.map((e) => [e.file, e.hash])), null, 2));
	}
	return { all, imported: todo.length };
}

async function main() {
	const line = resolveLines(env.N8N_VERSION || DEFAULT_START_LINE.n8n)[0];

	// 1. The package.
	let t = Date.now();
	await ensureDevDeps();
	log('building the package (npm run build) …');
	await build();
	const missing = missingBuiltFiles();
	if (missing.length) log.warn(`not built yet (skipped): ${missing.join(', ')}`);
	const packed = await pack();
	log(`built and packed ${path.basename(packed.tgz)} in ${secondsSince(t)} s`);

	// 2. n8n (cached).
	t = Date.now();
	const runtime = await ensureNodeRuntime(line);
	const install = await ensureN8n(line, runtime);
	log(`n8n ${line.n8n} on Node ${runtime.version} ${install.freshInstall ? `installed in ${install.seconds} s` : 'from the cache'} (${install.dir})`);

	// 3. User folder + package.
	const userFolder = path.join(CACHE_DIR, `sandbox-n8n-${line.n8n}`);
	if (env.N8N_START_FRESH === '1') rmSync(userFolder, { recursive: true, force: true });
	const port = await freePort(Number(env.N8N_PORT) || 5678);
	const n8n = new N8n({ install, runtime, userFolder, port });
	const { dropped } = await installTarball(packed.tgz, n8n.nodesDir);
	if (dropped.length) log.warn(`package.json entries without a built file were left out: ${dropped.join(', ')}`);

	// 4. Emulator (unless a real key is given), credential, examples.
	let emulatorUrl = null;
	let keys = null;
	if (!(env.RUNNINGHUB_API_KEY || '').trim()) {
		const { emu, KEYS } = await startEmulator({ port: await freePort(Number(env.RUNNINGHUB_EMULATOR_PORT) || 8990), timing: { queuedMs: 300, runningMs: 1500 } });
		stoppers.push(() => emu.close());
		emulatorUrl = emu.url;
		keys = KEYS;
	}
	const cred = credentialFor(emulatorUrl, keys);
	if (cred.credential === REAL_CREDENTIAL) log('RUNNINGHUB_API_KEY is set: the credential uses your real RunningHub account');
	t = Date.now();
	await n8n.importCredentials([credentialRecord(cred.credential, cred.data)]);
	const examples = await importExamples(n8n, userFolder, cred.credential);
	log(`credential "${cred.credential.name}" + ${examples.imported} of ${examples.all.length} example workflows imported in ${secondsSince(t)} s`);

	// 5. n8n.
	t = Date.now();
	log(`starting n8n ${line.n8n} on http://127.0.0.1:${port} …`);
	const logFile = path.join(userFolder, 'n8n.log');
	const svc = await n8n.start({ logFile, echo: env.N8N_START_VERBOSE === '1' });
	stoppers.push(() => svc.stop());
	svc.exitPromise.then((r) => {
		if (!stopping) {
			log.warn(`n8n exited (${r.code ?? r.signal}); last lines:\n${svc.tail(20)}`);
			stopAll(1);
		}
	});
	const owner = await n8n.ensureOwner();
	log(`n8n ready in ${secondsSince(t)} s (owner ${owner === 'created' ? 'created' : 'already set up'})`);

	const triggers = examples.all.filter((e) => e.wf.nodes.some((n) => n.type === TRIGGER_TYPE));
	console.log(`
  ┌────────────────────────────────────────────────────────────────────
  │ n8n ${line.n8n} with n8n-nodes-runninghub is running (ready after ${secondsSince(started)} s)
  │
  │   Editor:    http://127.0.0.1:${port}/
  │   Login:     ${OWNER.email}
  │   Password:  ${OWNER.password}
  │
  │   Credential "${cred.credential.name}" → ${cred.what}
  │   Example workflows:
${examples.all.map((e) => `  │     ${e.wf.name}\n  │       http://127.0.0.1:${port}/workflow/${e.wf.id}`).join('\n')}
${triggers.length ? `  │   Trigger examples need a Secret Token before you activate them.\n` : ''}  │
  │   n8n log:   ${logFile}
  │   Data:      ${userFolder}  (N8N_START_FRESH=1 starts over)
  │   Press Ctrl-C to stop n8n${emulatorUrl ? ' and the emulator' : ''}.
  └────────────────────────────────────────────────────────────────────
`);
}

main().catch((error) => {
	console.error(`\nnpm start failed: ${error.message}`);
	killAllChildren();
	stopAll(1);
});
