/**
 * nock patches Node's http/https functions, which jest shares between all test files of a
 * worker, while every test file loads its own copy of nock. A file that ends with its nock
 * still active (no `nock.restore()`) keeps intercepting the next file's requests and answers
 * "Disallowed net connect" before that file's mocks are consulted. `isolateNock()` sets up
 * nock for one file and restores Node's modules when the file is done, so this file never
 * leaks into the next one, also when run without the shared jest setup
 * (test/support/nockIsolation.js) that does the same for every file.
 */
import nock from 'nock';

/** Call once at the top level of a test file that uses nock. */
export function isolateNock(options: { allowLocalhost?: boolean } = {}): void {
	beforeAll(() => {
		if (!nock.isActive()) nock.activate();
		nock.disableNetConnect();
		if (options.allowLocalhost) nock.enableNetConnect('127.0.0.1');
	});
	afterEach(() => nock.cleanAll());
	afterAll(() => {
		nock.cleanAll();
		nock.enableNetConnect();
		nock.restore();
	});
}
