'use strict';
// Error codes of API.md §13, as plain `{ code, msg }` values. Submission logic returns
// these; the v1/v2 handlers decide the envelope (v1 `code`, v2 string `errorCode`).

const V1 = {
	GENERIC: 1,
	PARAMS_INVALID: 301,
	WORKFLOW_NOT_EXISTS: 380,
	TOKEN_INVALID: 412,
	TASK_INSTANCE_MAXED: 415,
	TASK_QUEUE_MAXED: 421,
	TASK_NOT_FOUNED: 423,
	VALIDATE_PROMPT_FAILED: 433,
	APIKEY_UNSUPPORTED_FREE_USER: 801,
	APIKEY_UNAUTHORIZED: 802,
	APIKEY_INVALID_NODE_INFO: 803,
	APIKEY_TASK_IS_RUNNING: 804,
	APIKEY_TASK_STATUS_ERROR: 805,
	APIKEY_USER_NOT_FOUND: 806,
	APIKEY_TASK_NOT_FOUND: 807,
	APIKEY_UPLOAD_FAILED: 808,
	APIKEY_FILE_SIZE_EXCEEDED: 809,
	WORKFLOW_NOT_SAVED_OR_NOT_RUNNING: 810,
	APIKEY_TASK_IS_QUEUED: 813,
	PERSONAL_QUEUE_COUNT_LIMIT: 814,
	WEBAPP_NOT_EXISTS: 901,
};

const V2_MESSAGES = {
	1000: 'Unknown error, please retry or contact support',
	1001: 'Invalid URL, please check your link',
	1002: 'Invalid API Key, please check your credentials',
	1003: 'Rate limit exceeded, please slow down requests',
	1004: 'Task not found, please check the task ID',
	1005: 'Internal server error, please retry later',
	1007: 'Invalid parameters, please check your input',
	1008: 'File size limit exceeded',
	1009: 'HTTP method not supported',
	1014: 'Access Denied: Standard Model API is restricted to Enterprise-Shared API Keys only',
};

/** `err('PARAMS_INVALID')` → `{ code: 301, msg: 'PARAMS_INVALID' }`, plus optional extras. */
function v1err(name, more) {
	if (!(name in V1)) throw new Error(`unknown v1 error ${name}`);
	return { code: V1[name], msg: name, ...(more || {}) };
}

function v2err(code, detail) {
	const base = V2_MESSAGES[code] || 'Error';
	return { code, msg: detail ? `${base}: ${detail}` : base };
}

const API_KEY_401 = Object.freeze({ code: 401, message: 'ApiKey verification failed, please check your API key' });

module.exports = { V1, V2_MESSAGES, v1err, v2err, API_KEY_401 };
