import type { RunningHubClient } from '../transport/request';
import type { KeyQueue } from './keyQueue';
import { keyQueueFor } from './keyQueue';

export interface KeySlots {
	/** The process-wide queue of this account. */
	queue: KeyQueue;
	/** How many tasks this node run keeps in flight at most. */
	concurrency: number;
}

/**
 * The account's queue and this run's limit. The queue's capacity is Max Concurrent Tasks when
 * set, else the key's limit from the queue status less the tasks other clients run now (the
 * status counts this process's tasks too); without either it stays as it was (1 at first).
 * The same status call ends leases of "Resume on Callback" tasks that have ended elsewhere.
 */
export async function keySlots(client: RunningHubClient, configured: number): Promise<KeySlots> {
	const queue = keyQueueFor(client.credentials.apiKey, client.baseUrl);
	let limit: number | undefined;
	let busy: number | undefined;
	try {
		const data = (await client.call({ method: 'GET', path: '/openapi/v2/queue/status', kind: 'read' })) as Record<string, unknown>;
		const l = Number(data?.concurrentLimit);
		const b = Number(data?.totalCurrentTasks ?? data?.runningCount);
		if (Number.isFinite(l) && l > 0) limit = l;
		if (Number.isFinite(b) && b >= 0) busy = b;
	} catch {
		// Queue status is a convenience; the queue keeps its last known capacity (1 at first).
	}
	if (busy !== undefined && queue.hasLeases()) queue.reconcile(busy);
	if (configured > 0) queue.setCapacity(configured);
	else if (limit !== undefined) queue.setCapacity(limit - Math.max(0, (busy ?? 0) - queue.held));
	return { queue, concurrency: configured > 0 ? configured : queue.capacity };
}
