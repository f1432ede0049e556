'use strict';
// Settings of the live smoke suite (`npm run test:live`), read from the environment and the
// command line. Plain JS so that the TypeScript checks can require it (the node lint rules
// keep `process` out of TypeScript, tests included).
//
//   RUNNINGHUB_API_KEY            the key; without it the suite prints that it skipped and exits 0
//   RUNNINGHUB_SITE               ai (default), cn, or a base URL (a proxy; the emulator in tests)
//   RUNNINGHUB_WORKFLOW_ID        optional: a workflow of this account (Get Inputs reads its JSON)
//   RUNNINGHUB_APP_ID             optional: an AI App (Get Inputs reads its inputs)
//   RUNNINGHUB_LIVE_MODELS        optional: comma-separated endpoints (prompt-only models) for Preview Price
//   RUNNINGHUB_LIVE_PAID=1        also run one paid Standard Model task …
//   RUNNINGHUB_LIVE_MAX_PRICE     … refused by the node's Max Price guard above this amount (required)
//   RUNNINGHUB_LIVE_PAID_MODEL    optional: the endpoint of that task (a prompt-only model)
//   --record                      write the sanitised responses to test/fixtures/runninghub/live-*.json
//   --fixtures-dir <dir>          … or to this folder (RUNNINGHUB_LIVE_FIXTURES_DIR)
const path = require('path');

const SITES = { ai: 'https://www.runninghub.ai', cn: 'https://www.runninghub.cn' };
/** Preview Price models and the values they need: an image and a video model from RunningHub's public registry. */
const DEFAULT_MODELS = [
	{ endpoint: 'rhart-image-g-2/text-to-image', values: {} },
	{ endpoint: 'rhart-video-flux3/text-to-video', values: { resolution: 'fhd' } },
];
const DEFAULT_PAID_MODEL = 'rhart-image-g-2/text-to-image';
const FIXTURES_DIR = path.resolve(__dirname, '..', 'fixtures', 'runninghub');

/** What the child process talks to when the recorder sits in between (set by run.js). */
const VIA_VARIABLE = 'RUNNINGHUB_LIVE_VIA';

/** RUNNINGHUB_LIVE_MODELS: comma-separated endpoints of prompt-only models, else the defaults. */
function models(value) {
	const items = String(value || '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	return items.length ? items.map((endpoint) => ({ endpoint, values: {} })) : DEFAULT_MODELS;
}

function argValue(argv, name) {
	const i = argv.indexOf(name);
	return i >= 0 && i + 1 < argv.length ? argv[i + 1] : undefined;
}

/** The suite's settings; `problems` lists what makes them unusable (the suite then fails). */
function readLiveConfig(env = process.env, argv = process.argv.slice(2)) {
	const problems = [];
	const apiKey = String(env.RUNNINGHUB_API_KEY || '').trim();
	const siteValue = String(env.RUNNINGHUB_SITE || 'ai').trim();
	let site = 'custom';
	let baseUrl = '';
	if (SITES[siteValue.toLowerCase()]) {
		site = siteValue.toLowerCase();
		baseUrl = SITES[site];
	} else if (/^https?:\/\/[^/]/i.test(siteValue)) {
		baseUrl = siteValue.replace(/\/+$/, '');
	} else {
		problems.push(`RUNNINGHUB_SITE must be "ai", "cn" or a base URL (http…), got "${siteValue}".`);
	}
	const paid = env.RUNNINGHUB_LIVE_PAID === '1' || String(env.RUNNINGHUB_LIVE_PAID).toLowerCase() === 'true';
	const maxPriceText = String(env.RUNNINGHUB_LIVE_MAX_PRICE || '').trim();
	const maxPrice = maxPriceText === '' ? undefined : Number(maxPriceText);
	if (paid && !(typeof maxPrice === 'number' && Number.isFinite(maxPrice) && maxPrice > 0)) {
		problems.push('RUNNINGHUB_LIVE_PAID=1 needs RUNNINGHUB_LIVE_MAX_PRICE, a positive amount in the currency RunningHub reports (e.g. 0.5).');
	}
	const via = String(env[VIA_VARIABLE] || '').trim();
	const record = argv.includes('--record');
	const fixturesDir = path.resolve(argValue(argv, '--fixtures-dir') || env.RUNNINGHUB_LIVE_FIXTURES_DIR || FIXTURES_DIR);
	return {
		apiKey,
		site,
		baseUrl,
		/** The credential the nodes get: the site itself, or the recorder in front of it. */
		credential: via ? { site: 'custom', baseUrl: via, apiKey } : site === 'custom' ? { site, baseUrl, apiKey } : { site, apiKey },
		workflowId: String(env.RUNNINGHUB_WORKFLOW_ID || '').trim() || undefined,
		appId: String(env.RUNNINGHUB_APP_ID || '').trim() || undefined,
		models: models(env.RUNNINGHUB_LIVE_MODELS),
		paid,
		maxPrice,
		paidModel: String(env.RUNNINGHUB_LIVE_PAID_MODEL || '').trim() || DEFAULT_PAID_MODEL,
		record,
		fixturesDir,
		problems,
	};
}

module.exports = { readLiveConfig, VIA_VARIABLE, DEFAULT_MODELS, DEFAULT_PAID_MODEL, FIXTURES_DIR };
