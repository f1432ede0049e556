#!/usr/bin/env node
// Screenshots of the real n8n editor with this package: every RunningHub node's parameter
// panel and the example canvases after a successful run, into docs/screenshots/*.png.
//
// Headless Chromium (Debian `chromium`, apt-installed when missing and running as root)
// driven by puppeteer-core, which is installed into the cache folder
// (<cache>/tools), NOT into the package's devDependencies.
//
// Env: N8N_SCREENSHOT_VERSION (default 2.41.1, the current editor), N8N_E2E_SKIP_BUILD=1,
// SCREENSHOT_DIR (default docs/screenshots), KEEP_E2E_TMP=1.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

import { startEmulator, submitTaskWithWebhook } from './lib/emulator.mjs';
import { ensureN8n, ensureNodeRuntime, runtimeEnv } from './lib/install.mjs';
import { N8n, OWNER } from './lib/n8n.mjs';
import { build, ensureDevDeps, installTarball, pack } from './lib/package.mjs';
import { CACHE_DIR, LINES, ROOT, resolveLines } from './lib/paths.mjs';
import { killAllChildren, runOk } from './lib/proc.mjs';
import { ensureChromium } from './lib/system.mjs';
import { freePort, makeLogger, secondsSince, sleep } from './lib/util.mjs';
import { SANDBOX_CREDENTIAL, TRIGGER_TYPE, credentialRecord, prepareWorkflow, readExamples } from './lib/workflows.mjs';

const log = makeLogger('screenshots');
const env = process.env;
const PUPPETEER_VERSION = '24.43.1';
const OUT = path.resolve(ROOT, env.SCREENSHOT_DIR || 'docs/screenshots');
const VIEWPORT = { width: 1440, height: 900, deviceScaleFactor: 1 };
const TRIGGER_TOKEN = 'screenshot-demo-token-5f3a9c2e7b1d4e8f';

/** Node panels to capture: node type → file name. */
const PANELS = {
	'n8n-nodes-runninghub.runningHubRunWorkflow': 'node-run-workflow.png',
	'n8n-nodes-runninghub.runningHubGetTaskResult': 'node-get-task-result.png',
	'n8n-nodes-runninghub.runningHubUploadFile': 'node-upload-file.png',
	'n8n-nodes-runninghub.runningHubStandardModel': 'node-standard-model.png',
	'n8n-nodes-runninghub.runningHubTrigger': 'node-trigger.png',
};

async function ensurePuppeteer(runtime) {
	const dir = path.join(CACHE_DIR, 'tools');
	const pkg = path.join(dir, 'node_modules', 'puppeteer-core', 'package.json');
	if (!existsSync(pkg)) {
		const start = Date.now();
		log(`installing puppeteer-core@${PUPPETEER_VERSION} into ${dir} (not a dependency of the package)`);
		mkdirSync(dir, { recursive: true });
		writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'e2e-tools', private: true }, null, 2));
		await runOk('npm', ['install', `puppeteer-core@${PUPPETEER_VERSION}`, '--no-audit', '--no-fund', '--loglevel=error'], {
			cwd: dir,
			env: runtimeEnv(runtime, { PUPPETEER_SKIP_DOWNLOAD: '1' }),
			timeoutMs: 300000,
		});
		log(`puppeteer-core installed in ${secondsSince(start)} s`);
	}
	return createRequire(pkg)('puppeteer-core');
}

async function login(page, baseUrl) {
	await page.goto(`${baseUrl}/signin`, { waitUntil: 'networkidle2' });
	// Fill the real sign-in form, as a user would.
	await page.waitForSelector('input[type="email"], input[name="email"], input[name="emailOrLdapLoginId"]', { timeout: 30000 });
	const email = await page.$('input[type="email"], input[name="email"], input[name="emailOrLdapLoginId"]');
	await email.type(OWNER.email);
	const password = await page.$('input[type="password"]');
	await password.type(OWNER.password);
	await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle2', timeout: 30000 }).catch(() => {}), password.press('Enter')]);
	await sleep(1000);
	if (page.url().includes('/signin')) throw new Error('sign-in did not leave /signin');
}

/** Close whatever popup n8n shows on first load (what's new, surveys, toasts). */
async function dismissPopups(page, { keepNdv = false } = {}) {
	if (!keepNdv) await page.keyboard.press('Escape').catch(() => {});
	const selectors = ['.el-notification__closeBtn', '[data-test-id="toast-close"]'];
	if (!keepNdv) selectors.push('.el-message-box__headerbtn', '.el-dialog__headerbtn');
	for (const sel of selectors) {
		for (const el of await page.$$(sel)) await el.click().catch(() => {});
	}
}

async function openWorkflow(page, baseUrl, id) {
	await page.goto(`${baseUrl}/workflow/${id}`, { waitUntil: 'networkidle2' });
	await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60000 });
	await sleep(800);
	await dismissPopups(page);
}

/**
 * Click "Execute workflow" and wait until `expected` nodes show success and none is running.
 * `whileListening` runs once the editor listens (trigger workflows: send the test event).
 */
async function executeInEditor(page, expected, whileListening) {
	const button = await page.waitForSelector('[data-test-id="execute-workflow-button"]', { timeout: 15000 });
	await button.click();
	if (whileListening) {
		await sleep(1500);
		await whileListening();
	}
	const deadline = Date.now() + 90000;
	let stableSince = 0;
	while (Date.now() < deadline) {
		const state = await page.evaluate(() => {
			const nodes = [...document.querySelectorAll('[data-test-id="canvas-node"]')];
			const has = (n, s) => !!n.querySelector(`[data-test-id="canvas-node-status-${s}"]`);
			return {
				done: nodes.filter((n) => has(n, 'success')).length,
				running: nodes.filter((n) => has(n, 'running')).length,
				failed: nodes.filter((n) => has(n, 'error')).map((n) => n.getAttribute('data-node-name')),
			};
		});
		if (state.failed.length) throw new Error(`execution failed in the editor at: ${state.failed.join(', ')}`);
		if (state.done >= expected && !state.running) {
			stableSince = stableSince || Date.now();
			if (Date.now() - stableSince > 1000) return;
		} else stableSince = 0;
		await sleep(250);
	}
	throw new Error('execution did not finish within 90 s');
}

async function openNode(page, name) {
	const node = await page.waitForSelector(`[data-test-id="canvas-node"][data-node-name="${name}"]`, { timeout: 15000 });
	await node.click({ count: 2 });
	await page.waitForSelector('[data-test-id="ndv"]', { visible: true, timeout: 15000 });
	await sleep(1200);
}

async function closeNode(page) {
	await page.keyboard.press('Escape');
	await sleep(500);
}

async function main() {
	const total = Date.now();
	const line = resolveLines(env.N8N_SCREENSHOT_VERSION || LINES[1].n8n)[0];
	await ensureDevDeps();
	if (env.N8N_E2E_SKIP_BUILD !== '1') await build();
	const packed = await pack();
	const runtime = await ensureNodeRuntime(line);
	const install = await ensureN8n(line, runtime);
	const chromium = await ensureChromium();
	const puppeteer = await ensurePuppeteer(runtime);

	const userFolder = mkdtempSync(path.join(os.tmpdir(), `rh-shots-${line.n8n}-`));
	const n8n = new N8n({ install, runtime, userFolder, port: await freePort() });
	await installTarball(packed.tgz, n8n.nodesDir);
	const { emu, KEYS, WORKFLOWS } = await startEmulator({ timing: { queuedMs: 100, runningMs: 600 } });
	const examples = readExamples().map((e) => {
		const wf = prepareWorkflow(e, SANDBOX_CREDENTIAL);
		for (const n of wf.nodes) if (n.type === TRIGGER_TYPE && !n.parameters?.secretToken) n.parameters = { ...n.parameters, secretToken: TRIGGER_TOKEN };
		return { ...e, wf };
	});
	await n8n.importCredentials([credentialRecord(SANDBOX_CREDENTIAL, { site: 'custom', baseUrl: emu.url, apiKey: KEYS.shared })]);
	await n8n.importWorkflows(examples.map((e) => e.wf));
	const svc = await n8n.start({ logFile: path.join(userFolder, 'n8n.log') });
	let browser;
	const shots = [];
	try {
		await n8n.ensureOwner();
		browser = await puppeteer.launch({
			executablePath: chromium,
			headless: true,
			args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=en-US'],
			defaultViewport: VIEWPORT,
		});
		const page = await browser.newPage();
		await login(page, n8n.baseUrl);
		mkdirSync(OUT, { recursive: true });
		const captured = new Set();
		for (const ex of examples) {
			const ours = ex.wf.nodes.filter((n) => n.type.startsWith('n8n-nodes-runninghub.'));
			if (!ours.length) continue;
			// A Resume on Callback run pauses until RunningHub calls back; the editor shows it
			// waiting, so it has no finished canvas to capture.
			if (ours.some((n) => n.parameters?.waitMode === 'resume')) continue;
			const start = Date.now();
			await openWorkflow(page, n8n.baseUrl, ex.wf.id);
			const manual = ex.wf.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger');
			const trigger = ex.wf.nodes.find((n) => n.type === TRIGGER_TYPE);
			if (manual) {
				await executeInEditor(page, ex.wf.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').length);
			} else if (trigger) {
				// "Execute workflow" listens on the test URL; the emulator then finishes a task
				// whose webhookUrl is that URL (+ token), exactly as RunningHub would call back.
				const testUrl = `${n8n.baseUrl}/webhook-test/${trigger.webhookId}/callback?token=${encodeURIComponent(trigger.parameters.secretToken)}`;
				await executeInEditor(page, 2, () => submitTaskWithWebhook(emu.url, KEYS.shared, WORKFLOWS.image, testUrl));
			}
			await dismissPopups(page);
			await sleep(400);
			const canvas = path.join(OUT, `canvas-${path.basename(ex.file, '.json')}.png`);
			await page.screenshot({ path: canvas });
			shots.push([canvas, secondsSince(start)]);
			// The generating Standard Model node shows more of the panel than Preview Price.
			const ordered = [...ours].sort((a, b) => (b.parameters?.operation === 'generate') - (a.parameters?.operation === 'generate'));
			for (const node of ordered) {
				const file = PANELS[node.type];
				if (!file || captured.has(file)) continue;
				const t = Date.now();
				await openNode(page, node.name);
				await dismissPopups(page, { keepNdv: true });
				const target = path.join(OUT, file);
				await page.screenshot({ path: target });
				shots.push([target, secondsSince(t)]);
				captured.add(file);
				await closeNode(page);
			}
		}
		const missing = Object.entries(PANELS).filter(([, f]) => !captured.has(f));
		if (missing.length) log.warn(`no example workflow uses: ${missing.map(([t]) => t).join(', ')}`);
	} finally {
		if (browser) await browser.close();
		await svc.stop();
		await emu.close();
		if (env.KEEP_E2E_TMP !== '1') rmSync(userFolder, { recursive: true, force: true });
	}
	for (const [file, s] of shots) log(`${path.relative(ROOT, file)} (${s} s)`);
	log(`${shots.length} screenshots with n8n ${line.n8n} in ${secondsSince(total)} s`);
}

main().catch((error) => {
	console.error(error);
	killAllChildren();
	process.exitCode = 1;
});
