import type { DeduplicationHelperFunctions, IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { TaskResult } from '../outputs/normalize';

/**
 * RunningHub re-sends a callback when the receiver is slow or fails (API.md §9.1), so one task
 * end can arrive several times. Only the first delivery of a (task, outcome) pair may start
 * a workflow.
 *
 * Two mechanisms, best first:
 * 1. n8n's deduplication store (`helpers.checkProcessedAndRecord`, database-backed, shared by
 *    all n8n processes) when the context offers it. n8n-core 2.41 gives it to execute
 *    contexts only, not to webhook contexts, so inside `webhook()` it is usually absent.
 * 2. Otherwise a small ring of recent keys in the node's static data. n8n saves static data
 *    after each production webhook call, so sequential re-deliveries (RunningHub's retry
 *    pattern) are caught. Limits: static data is last-write-wins (CONVENTIONS §3.1/§10.7),
 *    so two deliveries of the same task handled at the same moment (e.g. by two webhook
 *    processes in queue mode) can both pass; only the last RING_SIZE keys are remembered;
 *    test ("Listen for test event") calls do not persist static data.
 */
export const RING_SIZE = 200;
const RING_KEY = 'recentTaskEnds';
const MAX_ENTRIES = 10000;

export type DedupeMechanism = 'n8n' | 'staticData';

export interface DedupeOutcome {
	firstDelivery: boolean;
	mechanism: DedupeMechanism;
}

export function dedupeKey(result: Pick<TaskResult, 'taskId' | 'status'>): string {
	return `${result.taskId}:${result.status}`;
}

function dedupeHelper(ctx: IWebhookFunctions): DeduplicationHelperFunctions['checkProcessedAndRecord'] | undefined {
	const helpers = ctx.helpers as Partial<DeduplicationHelperFunctions>;
	return typeof helpers.checkProcessedAndRecord === 'function' ? helpers.checkProcessedAndRecord.bind(helpers) : undefined;
}

/** Records `key` and says whether this is the first time it was seen. */
export async function recordDelivery(ctx: IWebhookFunctions, key: string): Promise<DedupeOutcome> {
	const check = dedupeHelper(ctx);
	if (check) {
		const outcome = await check([key], 'node', { mode: 'entries', maxEntries: MAX_ENTRIES });
		return { firstDelivery: !outcome.processed.map(String).includes(key), mechanism: 'n8n' };
	}
	const data = ctx.getWorkflowStaticData('node') as IDataObject;
	const ring = Array.isArray(data[RING_KEY]) ? (data[RING_KEY] as unknown[]).filter((k): k is string => typeof k === 'string') : [];
	if (ring.includes(key)) return { firstDelivery: false, mechanism: 'staticData' };
	// Assign a new array (not push) so n8n's observable static data marks itself changed.
	data[RING_KEY] = [...ring, key].slice(-RING_SIZE);
	return { firstDelivery: true, mechanism: 'staticData' };
}

/** Forgets the static-data ring (lifecycle `delete`). */
export function clearDeliveries(staticData: IDataObject): void {
	delete staticData[RING_KEY];
}
