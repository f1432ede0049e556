'use strict';
// How one task record looks through each API: v1 create data, v1 status/outputs, v2
// flat object, webhook eventData. Keeping them together makes the differences visible.

const V2_STATUS = { QUEUED: 'QUEUED', RUNNING: 'RUNNING', SUCCESS: 'SUCCESS', FAILED: 'FAILED', CANCEL: 'CANCEL' };

// v1 status/outputs predate CANCEL (doc lists QUEUED|RUNNING|FAILED|SUCCESS): a cancelled
// task reads as FAILED there so v1 clients see a terminal state.
const CANCEL_REASON = {
	node_name: '',
	node_id: '',
	exception_type: 'TaskCanceledException',
	exception_message: 'Task was cancelled by the user',
	traceback: '[]',
	current_inputs: {},
	current_outputs: {},
};

function v1CreateData(task) {
	return { netWssUrl: null, taskId: task.taskId, clientId: task.clientId, taskStatus: task.status, promptTips: task.promptTips };
}

function v1Status(task) {
	return task.status === 'CANCEL' ? 'FAILED' : task.status;
}

function v2Results(task) {
	if (!task.outputs) return null;
	return task.outputs.map((r) => {
		if (r.ext === 'txt') return { url: null, outputType: 'text', text: r.text, ...(r.nodeId ? { nodeId: r.nodeId } : {}) };
		const out = { url: r.url, outputType: r.ext };
		if (r.nodeId) out.nodeId = r.nodeId;
		out.text = null;
		return out;
	});
}

function v2Flat(task) {
	const terminal = ['SUCCESS', 'FAILED', 'CANCEL'].includes(task.status);
	const failed = task.status === 'FAILED';
	return {
		taskId: task.taskId,
		status: V2_STATUS[task.status] || task.status,
		errorCode: failed ? '805' : '',
		errorMessage: failed ? task.failedReason.exception_message.split('\n')[0] : '',
		results: task.status === 'SUCCESS' ? v2Results(task) : null,
		clientId: task.clientId,
		promptTips: task.promptTips,
		// The documented answers of unfinished tasks (API.md §4.3, the Go SDK's fixtures) carry
		// neither failedReason nor usage; a finished one has both (§7.1: failedReason {}).
		failedReason: failed ? task.failedReason : terminal ? {} : undefined,
		usage: task.usage || undefined,
		parentTaskId: null,
		taskUsageList: null,
	};
}

/** /task/openapi/outputs items (one per output file). */
function v1OutputItems(task) {
	return (task.outputs || []).map((r) => {
		const item = {
			fileUrl: r.fileUrl,
			fileType: r.ext,
			taskCostTime: task.usage ? task.usage.taskCostTime : '0',
			nodeId: r.nodeId,
			consumeCoins: task.usage ? task.usage.consumeCoins : null,
			consumeMoney: task.usage ? task.usage.consumeMoney : null,
			thirdPartyConsumeMoney: task.usage ? task.usage.thirdPartyConsumeMoney : null,
		};
		if (r.ext === 'txt') item.text = r.text;
		return item;
	});
}

/** → { code, msg, data } of /task/openapi/outputs for this task. */
function v1Outputs(task, wsUrl) {
	switch (task.status) {
		case 'QUEUED':
			return { code: 813, msg: 'APIKEY_TASK_IS_QUEUED', data: null };
		case 'RUNNING':
			return { code: 804, msg: 'APIKEY_TASK_IS_RUNNING', data: { netWssUrl: wsUrl } };
		case 'FAILED':
			return { code: 805, msg: 'APIKEY_TASK_STATUS_ERROR', data: { failedReason: task.failedReason } };
		case 'CANCEL':
			return { code: 805, msg: 'APIKEY_TASK_STATUS_ERROR', data: { failedReason: CANCEL_REASON } };
		default:
			return { code: 0, msg: 'success', data: v1OutputItems(task) };
	}
}

/**
 * Webhook `eventData`: the outputs response as a JSON string. The doc sample carries only
 * fileUrl/fileType/taskCostTime/nodeId with a numeric taskCostTime, so that is what is sent.
 */
function webhookEventData(task) {
	if (task.status === 'FAILED') {
		return JSON.stringify({ code: 805, msg: 'APIKEY_TASK_STATUS_ERROR', data: { failedReason: task.failedReason } });
	}
	const seconds = task.usage ? Number(task.usage.taskCostTime) : 0;
	const data = (task.outputs || []).map((r) => ({ fileUrl: r.fileUrl, fileType: r.ext, taskCostTime: seconds, nodeId: r.nodeId }));
	return JSON.stringify({ code: 0, msg: 'success', data });
}

module.exports = { v1CreateData, v1Status, v2Flat, v1Outputs, webhookEventData };
