import type { RunningHubClient } from '../transport/request';

/**
 * How many tasks to keep in flight: the user's setting, else what the key's queue status
 * says is free (limit minus tasks already running elsewhere), else 1.
 */
export async function resolveConcurrency(client: RunningHubClient, configured: number, items: number): Promise<number> {
	if (configured > 0) return Math.min(configured, Math.max(1, items));
	try {
		const data = (await client.call({ method: 'GET', path: '/openapi/v2/queue/status', kind: 'read' })) as Record<string, unknown>;
		const limit = Number(data?.concurrentLimit);
		const busy = Number(data?.totalCurrentTasks ?? data?.runningCount ?? 0);
		if (Number.isFinite(limit) && limit > 0) return Math.max(1, Math.min(items, limit - (Number.isFinite(busy) ? busy : 0)));
	} catch {
		// Queue status is a convenience; without it one task at a time is always safe.
	}
	return 1;
}
