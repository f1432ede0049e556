/**
 * Typed access to the RunningHub emulator for the integration tests (the emulator is plain JS).
 */
import type { IDataObject } from 'n8n-workflow';

export interface EmulatorLogEntry {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | undefined>;
	body: unknown;
	raw?: string;
	status: number | null;
}

export interface EmulatorTask {
	taskId: string;
	status: string;
	inputs?: { nodeInfoList?: Array<{ nodeId: string; fieldName: string; fieldValue: unknown }> };
}

export interface Emulator {
	url: string;
	log: EmulatorLogEntry[];
	counters: {
		uploads: number;
		downloads: number;
		polls: number;
		webhookDeliveries: number;
		rejected421: number;
		createsByKey: Record<string, number>;
		maxConcurrentRunningByKey: Record<string, number>;
	} & IDataObject;
	uploads: Map<string, { api: string; key: string; filename: string; size: number; md5: string; ext: string }>;
	loras: Map<string, { size: number }>;
	tasks: Map<string, EmulatorTask>;
	webhookLog: Array<{ taskId: string; url: string; status?: number }>;
	setFaults(faults: IDataObject): void;
	clearFaults(): void;
	setNumericIds(on: boolean): void;
	setConcurrency(key: string, n: number): void;
	setTiming(timing: { queuedMs?: number; runningMs?: number }): void;
	waitForTask(taskId: string, timeoutMs?: number): Promise<EmulatorTask>;
	reset(): void;
	close(): Promise<void>;
}

export interface Receiver {
	url: string;
	requests: Array<{ headers: IDataObject; text: string; body: IDataObject | null }>;
	close(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const emulatorModule = require('../emulator') as {
	createEmulator: (options: object) => Promise<Emulator>;
	KEYS: Record<'consumer' | 'shared' | 'exclusive' | 'otherSite' | 'free' | 'unknown', string>;
	WORKFLOWS: Record<'image' | 'video' | 'neverRun' | 'protected' | 'invalid', string>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const helpers = require('../emulator/helpers') as { startReceiver: () => Promise<Receiver> };

export const { KEYS, WORKFLOWS } = emulatorModule;

export async function startEmulator(options: object = {}): Promise<Emulator> {
	return await emulatorModule.createEmulator({ timing: { queuedMs: 50, runningMs: 200 }, webhook: { timeoutMs: 300, retries: 1, retryDelayMs: 20 }, ...options });
}

export const startReceiver = helpers.startReceiver;

export function credentialsFor(emu: Emulator, key: string = KEYS.shared) {
	return { site: 'custom', baseUrl: emu.url, apiKey: key };
}

/** Starts a workflow task with a direct request (v1 create), as another system would. */
export async function createWorkflowTask(emu: Emulator, body: IDataObject, key: string = KEYS.shared): Promise<string> {
	const response = await fetch(`${emu.url}/task/openapi/create`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ apiKey: key, workflowId: WORKFLOWS.image, ...body }),
	});
	// Read as text: with numeric ids on, JSON.parse would round the 19-digit id.
	const text = await response.text();
	const taskId = /"taskId":"?(\d+)/.exec(text)?.[1];
	if (!taskId) throw new Error(`create failed: ${text.slice(0, 200)}`);
	return taskId;
}

/** True when no logged request carries the key in its URL (path or query). */
export function keyNeverInUrl(emu: Emulator, key: string): boolean {
	return emu.log.every((entry) => !`${entry.path}?${JSON.stringify(entry.query)}`.includes(key));
}
