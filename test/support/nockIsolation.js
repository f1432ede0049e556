// nock patches Node's shared http module, which outlives each test file's module registry
// in a jest worker. Unpatch after every file so one file's interceptors and
// disableNetConnect() never leak into the next file run by the same worker.
const nock = require('nock');

afterAll(() => {
	nock.cleanAll();
	nock.enableNetConnect();
	nock.restore();
});
