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

// `outputType` as a kind of output, the way RunningHub's official contract shows it
// ("image"; its model registry: image / video / audio / 3d / string).
const OUTPUT_KIND = { png: 'image', jpg: 'image', jpeg: 'image', webp: 'image', gif: 'image', mp4: 'video', webm: 'video', mov: 'video', mp3: 'audio', wav: 'audio', flac: 'audio', glb: '3d' };

function v2Results(task, options = {}) {
	if (!task.outputs) return null;
	return task.outputs.map((r) => {
		if (r.ext === 'txt') return { url: null, outputType: 'text', text: r.text, ...(r.nodeId ? { nodeId: r.nodeId } : {}) };
		const outputType = options.outputType === 'category' ? OUTPUT_KIND[r.ext] || 'file' : r.ext;
		const out = { url: r.url, outputType };
		if (r.nodeId) out.nodeId = r.nodeId;
		out.text = null;
		return out;
	});
}

/**
 * The flat v2 task object. Emulator options pick between shapes that sources disagree on:
 * `outputType` ('extension' as in the Go SDK's fixtures, 'category' as in the official
 * contract), `failedReason` ('object', or 'string': JSON text of it) and the id field
 * (`taskIdField` 'taskId', or 'task_id' as "some implementations" return it, official contract).
 */
function v2Flat(task, options = {}) {
	const terminal = ['SUCCESS', 'FAILED', 'CANCEL'].includes(task.status);
	const failed = task.status === 'FAILED';
	const reason = failed ? task.failedReason : terminal ? {} : undefined;
	const flat = {
		taskId: task.taskId,
		status: V2_STATUS[task.status] || task.status,
		errorCode: failed ? '805' : '',
		errorMessage: failed ? task.failedReason.exception_message.split('\n')[0] : '',
		results: task.status === 'SUCCESS' ? (task.hideV2Results ? [] : v2Results(task, options)) : null,
		clientId: task.clientId,
		promptTips: task.promptTips,
		// The documented answers of unfinished tasks (API.md §4.3, the Go SDK's fixtures) carry
		// neither failedReason nor usage; a finished one has both (§7.1: failedReason {}).
		failedReason: reason && options.failedReason === 'string' ? JSON.stringify(reason) : reason,
		usage: task.usage || undefined,
		parentTaskId: null,
		taskUsageList: null,
	};
	if (options.taskIdField !== 'task_id') return flat;
	const { taskId, ...rest } = flat;
	return { task_id: taskId, ...rest };
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
