// Test runner configuration. Plain JS (not linted by n8n-node lint), so it may use process/os.
const os = require('os');
const path = require('path');

// n8n-core writes ~/.n8n/config on first use; keep that out of the developer's home.
const userFolder = path.join(os.tmpdir(), 'n8n-nodes-runninghub-jest');
process.env.N8N_USER_FOLDER = userFolder;
// Node tests store binaries the way a default n8n does (filesystem mode), so downloads are
// streamed to disk exactly as in production.
process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
process.env.N8N_BINARY_DATA_STORAGE_PATH = path.join(userFolder, 'binaryData');

module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts', '**/*.test.js'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	setupFilesAfterEnv: ['<rootDir>/test/support/nockIsolation.js', '<rootDir>/test/support/freshProcess.js'],
	testTimeout: 60000,
	maxWorkers: 2,
};
