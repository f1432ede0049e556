import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { TaskResult } from '../outputs/normalize';

/**
 * RunningHub re-sends a callback when the receiver is slow or fails (API.md §9.1), so one task
 * end can arrive several times. Only the first delivery of a (task, outcome) pair may start a
 * workflow. Two records are kept, and a delivery is new only if neither has seen it:
 *
 * 1. A ring of recent keys in the node's static data: persisted by n8n in the database, so it
 *    survives restarts and is seen by every process that serves the webhook.
 *
 *    How it gets saved matters. `LiveWebhooks` saves static data in the response callback of
 *    a production webhook, and only when the workflow's "changed" flag is set. When the
 *    response is deferred (responseMode onReceived + workflowData), that callback runs after
 *    `WorkflowRunner.run()`; on n8n 2.x `run()` first calls `establishContextForPersistence()`,
 *    which builds a second `Workflow` over the same static-data object and so resets the
 *    flag: the write is silently dropped (n8n 2.41 `workflow-runner.js`,
 *    `n8n-workflow/observable-object.js`). When `webhook()` answers the request itself and
 *    returns `noWebhookResponse: true` together with `workflowData`, n8n calls the response
 *    callback — and saves — right after `webhook()` returns and before `run()` (n8n 1.123 and
 *    2.41 `webhook-helpers.js` `executeWebhook`). The trigger therefore replies itself when
 *    it starts an execution (see `RunningHubTrigger.webhook`).
 *
 *    Limits: static data is last-write-wins (CONVENTIONS §3.1/§10.7): each request works on
 *    its own copy loaded from the database, so two deliveries handled at the same moment can
 *    both pass, and two different task ends handled at the same moment can overwrite each
 *    other's entry. Only the last RING_SIZE keys are kept. Test calls ("Listen for test
 *    event") never persist static data.
 *
 * 2. A bounded in-memory record per process (module level, at most MEMORY_SIZE keys). It
 *    closes the gaps above for everything one process handles: the check and the write are
 *    one synchronous step, so concurrent deliveries to the same process cannot both pass.
 *    It is not shared: with dedicated `n8n webhook` processes (queue mode with
 *    N8N_DISABLE_PRODUCTION_MAIN_PROCESS) or several mains, two copies of a callback that
 *    reach different processes at the same moment are only caught by the static-data ring,
 *    i.e. not if they overlap (CONVENTIONS §10 rule 1: never the only record). In the default
 *    setup — main serves every production webhook, regular or queue mode — it is complete.
 *    Test calls ("Listen for test event", mode 'manual') are not remembered here, so the same
 *    event can be sent to the test URL again while building a workflow.
 */
export const RING_SIZE = 200;
export const MEMORY_SIZE = 5000;
const RING_KEY = 'recentTaskEnds';

export type DedupeMechanism = 'memory' | 'staticData' | 'none';

export interface DedupeOutcome {
	firstDelivery: boolean;
	/** Which record recognised a repeat ('none' for a first delivery). */
	seenBy: DedupeMechanism;
}

export function dedupeKey(result: Pick<TaskResult, 'taskId' | 'status'>): string {
	return `${result.taskId}:${result.status}`;
}

/** Insertion-ordered, so the first key is the oldest. */
const seenInProcess = new Map<string, true>();

function memoryKey(ctx: IWebhookFunctions, key: string): string {
	const node = ctx.getNode();
	return `${ctx.getWorkflow().id ?? ''}\u0000${node.id || node.name}\u0000${key}`;
}

/** Records `key` in both places and says whether this is the first time it was seen. */
export function recordDelivery(ctx: IWebhookFunctions, key: string): DedupeOutcome {
	const scoped = memoryKey(ctx, key);
	const remember = ctx.getMode() !== 'manual';
	const data = ctx.getWorkflowStaticData('node') as IDataObject;
	const ring = Array.isArray(data[RING_KEY]) ? (data[RING_KEY] as unknown[]).filter((k): k is string => typeof k === 'string') : [];
	const inMemory = remember && seenInProcess.has(scoped);
	const inRing = ring.includes(key);

	if (remember && !inMemory) {
		seenInProcess.set(scoped, true);
		if (seenInProcess.size > MEMORY_SIZE) seenInProcess.delete(seenInProcess.keys().next().value as string);
	}
	if (!inRing) {
		// Assign a new array (not push): the observable static data marks the workflow changed.
		data[RING_KEY] = [...ring, key].slice(-RING_SIZE);
	}
	if (inMemory) return { firstDelivery: false, seenBy: 'memory' };
	if (inRing) return { firstDelivery: false, seenBy: 'staticData' };
	return { firstDelivery: true, seenBy: 'none' };
}

/** Forgets this process's record, as a restart would (tests). */
export function forgetProcessDeliveries(): void {
	seenInProcess.clear();
}
