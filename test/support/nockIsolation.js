// nock patches Node's shared http module, which outlives each test file's module registry
// in a jest worker. After every file, unpatch it so one file's interceptors and
// disableNetConnect() never leak into the next file run by the same worker. nock is
// required only here, at teardown, so files that never use it (emulator-only tests)
// run on plain sockets.
afterAll(() => {
	const nock = require('nock');
	nock.cleanAll();
	nock.enableNetConnect();
	nock.restore();
});
