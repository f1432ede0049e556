#!/usr/bin/env node
// The RunningHub emulator in its own process, for benchmarks: its timers and buffers then
// neither disturb nor count towards the process that runs the node. Driven over the IPC
// channel of child_process.fork (see common.js → startEmulator).
'use strict';

const path = require('path');
const { createEmulator } = require(path.join(__dirname, '..', '..', 'test', 'emulator'));

const options = JSON.parse(process.argv[2] || '{}');

function task(t) {
	const inputs = t.inputs || {};
	const entry = Array.isArray(inputs.nodeInfoList) ? inputs.nodeInfoList.find((i) => String(i.nodeId) === '6') : undefined;
	return {
		taskId: t.taskId,
		key: t.key,
		status: t.status,
		createdAt: t.createdAt,
		startedAt: t.startedAt,
		endedAt: t.endedAt,
		prompt: entry ? entry.fieldValue : inputs.prompt,
	};
}

function logEntry(e) {
	const body = e.body && typeof e.body === 'object' ? e.body : {};
	return { time: Date.parse(e.time), method: e.method, path: e.path, status: e.status, taskId: body.taskId !== undefined ? String(body.taskId) : undefined };
}

createEmulator(options).then((emu) => {
	const commands = {
		state: () => ({
			counters: emu.counters,
			tasks: [...emu.tasks.values()].map(task),
			log: emu.log.map(logEntry),
			webhooks: emu.webhookLog,
		}),
		reset: () => emu.reset(),
		setTiming: (timing) => emu.setTiming(timing),
		setConcurrency: ({ key, concurrency }) => emu.setConcurrency(key, concurrency),
		setFaults: (faults) => emu.setFaults(faults),
		close: async () => {
			await emu.close();
			setImmediate(() => process.exit(0));
		},
	};
	process.on('message', async ({ id, cmd, arg }) => {
		try {
			const result = await commands[cmd](arg);
			process.send({ id, result });
		} catch (error) {
			process.send({ id, error: String(error && error.stack ? error.stack : error) });
		}
	});
	process.on('disconnect', () => process.exit(0));
	process.send({ ready: emu.url });
});
