#!/usr/bin/env node
'use strict';
// `npm run test:live`: the live smoke suite against the real RunningHub, for whoever has a
// key. Not part of `npm test` or CI. Without RUNNINGHUB_API_KEY it prints that it skipped
// and exits 0. With a key it runs test/live/smoke.live.ts (this package's nodes inside
// n8n-core, see test/live/config.js for every setting); with --record a recording proxy
// (recorder.js) sits between the nodes and RunningHub, and the sanitised answers
// (sanitize.js) are written as test/fixtures/runninghub/live-*.json, in that folder's format.
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const { readLiveConfig, VIA_VARIABLE } = require('./config');
const { startRecorder } = require('./recorder');
const { fixturesFrom } = require('./sanitize');

const ROOT = path.resolve(__dirname, '..', '..');

function runJest(env) {
	const jest = require.resolve('jest/bin/jest', { paths: [ROOT] });
	const args = [jest, '--config', path.join(__dirname, 'jest.config.js'), '--runInBand', '--verbose'];
	return new Promise((resolve) => {
		const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: 'inherit' });
		child.on('exit', (code, signal) => resolve(signal ? 1 : code ?? 1));
	});
}

function writeFixtures(records, cfg) {
	const { fixtures, skipped } = fixturesFrom(records, { apiKey: cfg.apiKey, origin: cfg.baseUrl });
	fs.mkdirSync(cfg.fixturesDir, { recursive: true });
	for (const f of fixtures) fs.writeFileSync(path.join(cfg.fixturesDir, f.name), f.text);
	return { names: fixtures.map((f) => f.name), skipped };
}

async function main() {
	const cfg = readLiveConfig();
	if (!cfg.apiKey) {
		console.log('RunningHub live smoke suite: skipped (RUNNINGHUB_API_KEY is not set; see README, "Live smoke suite").');
		return 0;
	}
	if (cfg.problems.length) {
		for (const p of cfg.problems) console.error(`RunningHub live smoke suite: ${p}`);
		return 2;
	}
	const what = cfg.paid ? `free checks and one paid task (max price ${cfg.maxPrice})` : 'free checks only (RUNNINGHUB_LIVE_PAID=1 adds a paid task)';
	console.log(`RunningHub live smoke suite against ${cfg.baseUrl}: ${what}${cfg.record ? `; recording into ${path.relative(ROOT, cfg.fixturesDir) || '.'}` : ''}`);

	const env = { ...process.env };
	delete env[VIA_VARIABLE];
	let recorder;
	if (cfg.record) {
		recorder = await startRecorder({ upstream: cfg.baseUrl });
		env[VIA_VARIABLE] = recorder.url;
	}
	let code;
	try {
		code = await runJest(env);
	} finally {
		if (recorder) await recorder.close();
	}
	if (recorder) {
		const { names, skipped } = writeFixtures(recorder.records, cfg);
		console.log(`Recorded ${names.length} sanitised response(s)${code ? ' (some checks failed; their answers are recorded too)' : ''}:`);
		for (const name of names) console.log(`  ${path.relative(ROOT, path.join(cfg.fixturesDir, name))}`);
		for (const what of skipped) console.log(`  not written: ${what}`);
	}
	return code;
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error) => {
		console.error(error);
		process.exitCode = 1;
	},
);
