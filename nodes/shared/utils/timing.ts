import { sleep } from 'n8n-workflow';

/**
 * The one place the package waits. Resolves early when the execution is cancelled, so
 * polling and back-off stop within one interval of a cancel.
 */
export async function waitMs(ms: number, signal?: AbortSignal): Promise<void> {
	if (ms <= 0) return;
	if (!signal) return await sleep(ms);
	if (signal.aborted) return;
	await Promise.race([
		sleep(ms),
		new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true })),
	]);
}

/** Exponential back-off with jitter: attempt 1 → ~base, doubling up to max. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
	const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
	return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/**
/**
 * Retry timing of the transport (back-off between attempts of one request) and of the
 * confirmation of a TASK_END callback (asking again while the API still reports the task
 * running). Tests shorten it through `configureRetryTiming`; nodes never change it. (A submit
 * refused with 421/415 waits on the scale of the item's poll interval instead: see the scheduler.)
 */
export const retryTiming = { baseDelayMs: 1000, maxDelayMs: 20000, maxAttempts: 4, confirmAttempts: 4, confirmDelayMs: 5000 };

export function configureRetryTiming(partial: Partial<typeof retryTiming>): void {
	Object.assign(retryTiming, partial);
}
