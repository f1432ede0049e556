#!/usr/bin/env node
// Provision the pinned n8n lines (and Node 24 for 2.x) in the cache folder without running
// anything: a CI "warm the cache" step. `node scripts/e2e/install-n8n.mjs [versions]`
// (default: N8N_E2E_VERSIONS or every line). A no-op when the cache is warm.
import { ensureN8n, ensureNodeRuntime } from './lib/install.mjs';
import { CACHE_DIR, resolveLines } from './lib/paths.mjs';
import { makeLogger } from './lib/util.mjs';

const log = makeLogger('install-n8n');
const lines = resolveLines(process.argv[2] || process.env.N8N_E2E_VERSIONS);
try {
	for (const line of lines) {
		const runtime = await ensureNodeRuntime(line);
		const install = await ensureN8n(line, runtime);
		log(`n8n ${line.n8n} on Node ${runtime.version}: ${install.freshInstall ? `installed in ${install.seconds} s` : 'cached'} → ${install.dir}`);
	}
	log(`cache: ${CACHE_DIR}`);
} catch (error) {
	console.error(error.message);
	process.exitCode = 1;
}
