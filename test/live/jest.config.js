// Jest settings of the live smoke suite (test/live/smoke.live.ts), used only by
// `npm run test:live` (test/live/run.js). The root jest.config.js matches *.test.ts / *.test.js,
// so `npm test` and CI never run these checks. Plain JS (not linted by n8n-node lint).
const path = require('path');

// The root config also points n8n-core's user folder and binary store at a temp folder.
const base = require('../../jest.config.js');

module.exports = {
	...base,
	rootDir: path.resolve(__dirname, '..', '..'),
	roots: ['<rootDir>/test/live'],
	testMatch: ['**/*.live.ts'],
	// Real RunningHub: tasks and uploads take their time.
	testTimeout: 20 * 60000,
	maxWorkers: 1,
};
