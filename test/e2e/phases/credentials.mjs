// The RunningHub credential through n8n's own credential test (the "Test" button of the
// credential dialog): POST /rest/credentials/test in a real n8n, which applies the
// credential's `authenticate`, sends its `test.request` and judges the answer with its
// `test.rules`. Four stored credentials point at the emulator (custom site):
//   good key      → status OK, and the emulator saw POST /uc/openapi/accountStatus with the key
//                   in the body (`apikey`, API.md §10.1) and as Bearer, never in the URL;
//   unknown key   → status Error naming 806 (RunningHub does not know the key);
//   other-site key → status Error naming 802 and the other RunningHub site;
//   free-account key → status Error naming 801.
// Runs in regular server mode; N8N_E2E_ONLY selects it with "credentials".
import { secondsSince } from '../../../scripts/e2e/lib/util.mjs';

const TYPE = 'runningHubApi';
const TEST_PATH = '/uc/openapi/accountStatus';

const CASES = [
	{ name: 'good key → OK', key: 'shared', status: 'OK', message: /^Connection successful!$/i },
	{ name: 'unknown key → 806', key: 'unknown', status: 'Error', message: /does not know this API key \(806 APIKEY_USER_NOT_FOUND\)/ },
	{ name: 'other-site key → 802', key: 'otherSite', status: 'Error', message: /802 APIKEY_UNAUTHORIZED.*other RunningHub site/ },
	{ name: 'free-account key → 801', key: 'free', status: 'Error', message: /^Free RunningHub accounts cannot use the API \(801\)/ },
];

export function credentialsSelected() {
	const only = process.env.N8N_E2E_ONLY || '';
	return !only || 'credentials'.includes(only) || only.startsWith('credentials');
}

/** Stores a credential through the editor's REST API and returns its id. */
async function storeCredential(n8n, name, data) {
	const created = await n8n.rest('POST', '/credentials', { name, type: TYPE, data });
	if (!created?.id) throw new Error(`POST /rest/credentials returned no id: ${JSON.stringify(created).slice(0, 200)}`);
	return created.id;
}

export async function credentialsPhase(ctx, mode, record) {
	if (!credentialsSelected()) return;
	const { n8n, emu, KEYS } = ctx;
	for (const c of CASES) {
		const start = Date.now();
		const title = `credential test: ${c.name}`;
		try {
			const apiKey = KEYS[c.key];
			const data = { site: 'custom', baseUrl: emu.url, apiKey };
			const name = `RunningHub e2e ${c.key} ${Date.now()}`;
			const id = await storeCredential(n8n, name, data);
			const mark = emu.log.length;
			const outcome = await n8n.rest('POST', '/credentials/test', { credentials: { id, name, type: TYPE, data } });
			const sent = emu.log.slice(mark).filter((e) => e.path === TEST_PATH);
			const problems = [];
			if (outcome?.status !== c.status) problems.push(`status ${outcome?.status}, expected ${c.status}`);
			if (!c.message.test(String(outcome?.message))) problems.push(`message "${outcome?.message}" does not match ${c.message}`);
			if (sent.length !== 1) problems.push(`${sent.length} ${TEST_PATH} requests reached RunningHub, expected 1`);
			for (const entry of sent) {
				if (entry.method !== 'POST') problems.push(`test request used ${entry.method}`);
				if (entry.body?.apikey !== apiKey) problems.push('the key was not in the body as apikey');
				if (entry.headers?.authorization !== `Bearer ${apiKey}`) problems.push('no Bearer header');
				if (`${entry.path}${JSON.stringify(entry.query ?? {})}`.includes(apiKey)) problems.push('the key was in the URL');
			}
			if (JSON.stringify(outcome).includes(apiKey)) problems.push('the key came back in the test result');
			record(ctx.label, mode, title, !problems.length, secondsSince(start), problems.join('; ') || `${outcome.status}: ${String(outcome.message).slice(0, 90)}`);
		} catch (error) {
			record(ctx.label, mode, title, false, secondsSince(start), error.message.split('\n')[0]);
		}
	}
}
