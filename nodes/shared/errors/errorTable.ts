/**
 * Every RunningHub business code (API.md §13) with a plain-English cause and fix.
 *
 * `retry` classifies what a client may do:
 * - `rejected`: the API refused the request before doing anything (no task was created),
 *   so even a paid submit may be sent again after a back-off.
 * - `transient`: a server-side hiccup; safe to repeat only for reads, uploads and downloads,
 *   never for a submit (the task may exist).
 * - `pending`: not an error; the task is still queued or running.
 * - `never`: retrying cannot help; the user has to change something.
 */
export type RetryClass = 'rejected' | 'transient' | 'pending' | 'never';

export interface ErrorInfo {
	name: string;
	cause: string;
	action: string;
	retry: RetryClass;
	/** The failure belongs to the task (the run failed), not to the request. */
	taskFailure?: boolean;
}

const CHECK_KEY = 'Open the RunningHub credential and check the API key and the site.';

export const V1_CODES: Record<number, ErrorInfo> = {
	1: { name: 'BUSINESS_ERROR', cause: 'RunningHub refused the request.', action: 'Read the message from RunningHub for details.', retry: 'never' },
	301: { name: 'PARAMS_INVALID', cause: 'A parameter is missing or invalid.', action: 'Check the node parameters against the workflow or app inputs.', retry: 'never' },
	380: { name: 'WORKFLOW_NOT_EXISTS', cause: 'The workflow ID does not exist on this site.', action: 'Copy the ID from the workflow page URL, and check the credential site (runninghub.ai and runninghub.cn have separate IDs).', retry: 'never' },
	412: { name: 'TOKEN_INVALID', cause: 'The API path or URL is wrong.', action: 'Check the custom base URL in the credential.', retry: 'never' },
	414: { name: 'TASK_CREATE_FAILED_BY_NOT_ENOUGH_POWER_VALUE', cause: 'The app needs more power value than the account has.', action: 'Top up the account or use another app.', retry: 'never' },
	415: { name: 'TASK_INSTANCE_MAXED', cause: 'All exclusive machines of this key are busy; no task was created.', action: 'Wait 30–120 seconds, lower the concurrency, or enable Use Personal Queue.', retry: 'rejected' },
	416: { name: 'TASK_CREATE_FAILED_BY_NOT_ENOUGH_WALLET', cause: 'The wallet balance is too low to start the task.', action: 'Top up the RunningHub wallet.', retry: 'never' },
	421: { name: 'TASK_QUEUE_MAXED', cause: 'The concurrency limit of this API key is reached; no task was created.', action: 'Wait for running tasks to finish or lower Max Concurrent Tasks.', retry: 'rejected' },
	423: { name: 'TASK_NOT_FOUNED', cause: 'The task ID is wrong or the task was purged.', action: 'Check the task ID; tasks are only kept for a limited time.', retry: 'never' },
	433: { name: 'VALIDATE_PROMPT_FAILED', cause: 'RunningHub could not validate the workflow with these inputs.', action: 'Check the node errors below and the values sent to each node.', retry: 'never' },
	435: { name: 'TASK_USER_EXCLAPI_INSTANCE_NOT_FOUND', cause: 'No exclusive machine of the requested size exists.', action: 'For 48 GB machines set Instance Type to "Plus (48 GB)".', retry: 'never' },
	436: { name: 'TASK_USER_EXCLAPI_REQUIRED', cause: 'The exclusive (dedicated) membership has expired.', action: 'Renew the exclusive plan or use a shared key.', retry: 'never' },
	500: { name: 'UNKNOWN_ERROR', cause: 'RunningHub reported an internal error.', action: 'Try again later.', retry: 'transient' },
	// 605 and 1620: insufficient balance as a third-party client meets them (API.md §19); not in the official table.
	605: { name: 'INSUFFICIENT_BALANCE', cause: 'The account balance is too low for this task.', action: 'Top up the RunningHub account (coins or wallet, whichever this key pays with), then run again.', retry: 'never' },
	801: { name: 'APIKEY_UNSUPPORTED_FREE_USER', cause: 'Free accounts cannot use the API.', action: 'Upgrade the RunningHub account to a basic membership or higher.', retry: 'never' },
	802: { name: 'APIKEY_UNAUTHORIZED', cause: 'The API key was rejected: it is disabled, or it belongs to the other RunningHub site.', action: 'Keys from runninghub.cn do not work on runninghub.ai and vice versa. Switch the Site in the credential, or create a new key.', retry: 'never' },
	803: { name: 'APIKEY_INVALID_NODE_INFO', cause: 'A node ID or field name in the inputs does not exist in the workflow.', action: 'Reload the input fields or check nodeId/fieldName against the workflow JSON.', retry: 'never' },
	804: { name: 'APIKEY_TASK_IS_RUNNING', cause: 'The task is still running.', action: 'Wait and ask again.', retry: 'pending' },
	805: { name: 'APIKEY_TASK_STATUS_ERROR', cause: 'The task failed on RunningHub.', action: 'See the failure reason; fix the inputs or run it again.', retry: 'never', taskFailure: true },
	806: { name: 'APIKEY_USER_NOT_FOUND', cause: 'RunningHub does not know this API key.', action: `The key is wrong or incomplete (it is 32 characters long). ${CHECK_KEY}`, retry: 'never' },
	807: { name: 'APIKEY_TASK_NOT_FOUND', cause: 'The task was not found.', action: 'Check the task ID and that it was created with this API key and site.', retry: 'never' },
	808: { name: 'APIKEY_UPLOAD_FAILED', cause: 'RunningHub storage failed to accept the upload.', action: 'Try again.', retry: 'transient' },
	809: { name: 'APIKEY_FILE_SIZE_EXCEEDED', cause: 'The file is larger than RunningHub accepts (30 MB).', action: 'Use a smaller file, or host it yourself and use a URL-loading node.', retry: 'never' },
	810: { name: 'WORKFLOW_NOT_SAVED_OR_NOT_RUNNING', cause: 'The workflow was never saved and run successfully on the website.', action: 'Open the workflow on RunningHub, run it once, then try again.', retry: 'never' },
	811: { name: 'CORPAPIKEY_INVALID', cause: 'The enterprise API key is invalid or has no enterprise rights.', action: CHECK_KEY, retry: 'never' },
	812: { name: 'CORPAPIKEY_INSUFFICIENT_FUNDS', cause: 'The enterprise wallet balance is exhausted.', action: 'Top up the enterprise wallet.', retry: 'never' },
	813: { name: 'APIKEY_TASK_IS_QUEUED', cause: 'The task is queued.', action: 'Wait and ask again.', retry: 'pending' },
	814: { name: 'PERSONAL_QUEUE_COUNT_LIMIT', cause: 'More than 1000 tasks wait in the personal queue.', action: 'Wait for the queue to drain before submitting more.', retry: 'never' },
	901: { name: 'WEBAPP_NOT_EXISTS', cause: 'The AI App ID does not exist on this site.', action: 'Copy the ID from the app page URL, and check the credential site.', retry: 'never' },
};

export const V2_CODES: Record<number, ErrorInfo> = {
	1000: { name: 'UNKNOWN_ERROR', cause: 'RunningHub reported an unknown error.', action: 'Try again; contact RunningHub support if it persists.', retry: 'transient' },
	1001: { name: 'INVALID_URL', cause: 'The URL (endpoint or a media link) is invalid.', action: 'Check the model endpoint and any media URLs.', retry: 'never' },
	1002: { name: 'INVALID_API_KEY', cause: 'The API key was rejected: it is wrong, disabled, or from the other RunningHub site.', action: `Keys from runninghub.cn do not work on runninghub.ai and vice versa. ${CHECK_KEY}`, retry: 'never' },
	1003: { name: 'RATE_LIMIT_EXCEEDED', cause: 'Too many requests; RunningHub rejected this one.', action: 'The node backs off automatically; lower the concurrency if it keeps happening.', retry: 'rejected' },
	1004: { name: 'TASK_NOT_FOUND', cause: 'The task was not found or has expired.', action: 'Check the task ID and that it belongs to this API key and site.', retry: 'never' },
	1005: { name: 'INTERNAL_SERVER_ERROR', cause: 'RunningHub had an internal error.', action: 'Try again later.', retry: 'transient' },
	1006: { name: 'TASK_TIMEOUT', cause: 'The task ran out of time on RunningHub.', action: 'Run it again, perhaps with lighter settings.', retry: 'never', taskFailure: true },
	1007: { name: 'INVALID_PARAMETERS', cause: 'RunningHub rejected the parameters.', action: 'Check the parameter values against the model documentation.', retry: 'never' },
	1008: { name: 'FILE_SIZE_LIMIT_EXCEEDED', cause: 'The file is too large.', action: 'Use a smaller file.', retry: 'never' },
	1009: { name: 'HTTP_METHOD_NOT_SUPPORTED', cause: 'The HTTP method is not supported for this endpoint.', action: 'Check the custom endpoint path.', retry: 'never' },
	1010: { name: 'SERVICE_UNAVAILABLE', cause: 'The RunningHub service is unavailable.', action: 'Try again later.', retry: 'transient' },
	1011: { name: 'SYSTEM_BUSY', cause: 'RunningHub is busy and did not accept the request.', action: 'The node backs off automatically; try again later if it persists.', retry: 'rejected' },
	1012: { name: 'UPSTREAM_ERROR', cause: 'The upstream model service answered with an error.', action: 'Try again later.', retry: 'transient' },
	1013: { name: 'FILE_PROCESSING_FAILED', cause: 'RunningHub could not process an input file.', action: 'Check that media URLs are public and valid, or upload the file again.', retry: 'never' },
	1014: { name: 'STANDARD_MODEL_KEY_REQUIRED', cause: 'The Standard Model API only accepts Enterprise-Shared API keys; this key is a consumer or exclusive key.', action: 'Create an Enterprise-Shared key in the RunningHub API console (enterprise-api/sharedApi) and use it in this credential.', retry: 'never' },
	1015: { name: 'GENERATION_FAILED', cause: 'The model failed to generate a result.', action: 'Run it again.', retry: 'never', taskFailure: true },
	1101: { name: 'NODE_INFO_ERROR', cause: 'RunningHub could not parse the workflow node data.', action: 'Check the node inputs and the workflow JSON override.', retry: 'never' },
	1501: { name: 'CONTENT_VERIFICATION_FAILED', cause: 'The prompt or images failed content moderation.', action: 'Change the prompt or the images.', retry: 'never', taskFailure: true },
	1504: { name: 'MODEL_TIMEOUT', cause: 'The model timed out.', action: 'Run it again later.', retry: 'never', taskFailure: true },
	1505: { name: 'REAL_PERSON_PROHIBITED', cause: 'Photorealistic real people are not allowed for this model.', action: 'Change the prompt or image (some Seedance models offer a real-person mode).', retry: 'never', taskFailure: true },
	1620: { name: 'INSUFFICIENT_BALANCE', cause: 'The account balance is too low for this task.', action: 'Top up the RunningHub account (coins or wallet, whichever this key pays with), then run again.', retry: 'never' },
};

const HTTP_INFO: Record<number, ErrorInfo> = {
	401: { name: 'UNAUTHORIZED', cause: 'RunningHub rejected the API key (HTTP 401).', action: `Keys from runninghub.cn do not work on runninghub.ai and vice versa. ${CHECK_KEY}`, retry: 'never' },
	403: { name: 'FORBIDDEN', cause: 'Access denied (HTTP 403).', action: CHECK_KEY, retry: 'never' },
	404: { name: 'NOT_FOUND', cause: 'The endpoint was not found (HTTP 404).', action: 'Check the custom base URL or custom endpoint path.', retry: 'never' },
	429: { name: 'TOO_MANY_REQUESTS', cause: 'Too many requests (HTTP 429); the request was not processed.', action: 'The node backs off automatically; lower the concurrency if it persists.', retry: 'rejected' },
};

const UNKNOWN: ErrorInfo = { name: 'UNKNOWN_CODE', cause: 'RunningHub answered with an undocumented code.', action: 'Read the message from RunningHub; try again later if it looks temporary.', retry: 'never' };

/** Looks up a business code from either API generation (v2 codes arrive as strings). */
export function lookupCode(code: number | string): ErrorInfo {
	const n = typeof code === 'number' ? code : Number(String(code).trim());
	if (!Number.isFinite(n)) return UNKNOWN;
	return V1_CODES[n] ?? V2_CODES[n] ?? UNKNOWN;
}

export function lookupHttpStatus(status: number): ErrorInfo {
	if (HTTP_INFO[status]) return HTTP_INFO[status];
	if (status >= 500) {
		return { name: `HTTP_${status}`, cause: `RunningHub or a proxy answered HTTP ${status}.`, action: 'Try again later.', retry: 'transient' };
	}
	return { name: `HTTP_${status}`, cause: `RunningHub answered HTTP ${status}.`, action: 'Check the request parameters and the credential base URL.', retry: 'never' };
}

