// Per-workflow expectations for test/e2e/run.mjs, keyed by file name (examples/ or
// test/e2e/workflows/). Defaults (no entry): no workflow error; every RunningHub node has
// items with pairedItem; items with a taskId have a digit-string id, status SUCCESS and a
// non-empty `files` list with URLs; binaries have a mime type matching their extension and
// exactly the size the API served.
// Keys: minBinaries, minTasks, items, allowErrors, allowEmpty: [node], noFiles: [node],
// status: { node: 'FAILED' }.
export const EXPECTATIONS = {
	'cli-account-info.json': { minTasks: 0 },
	// The example's Run Workflow step returns the task right away; Get Task Result waits.
	'upload-run-result.json': { status: { 'Run Workflow': 'QUEUED' } },
};
