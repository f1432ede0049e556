import { createHash } from 'crypto';

/**
 * What the nodes remember in an n8n process (tasks submitted, uploads made, key queues) is
 * kept under hashed keys — no API key or request body stays in memory longer than the call
 * that needed it — in maps bounded in size and age, without timers.
 */

/** A key for process memory: SHA-256 of the parts, which are kept apart so "a"+"bc" ≠ "ab"+"c". */
export function memoryKey(parts: string[]): string {
	return createHash('sha256').update(parts.join('\u0000')).digest('base64url');
}

/**
 * A map whose entries expire after their lifetime and whose oldest entries go first once it
 * holds `maxEntries`. Expired entries are dropped when met (read, or in front of the queue
 * when writing); nothing runs in the background.
 */
export class ExpiringMap<V> {
	private readonly entries = new Map<string, { value: V; until: number }>();

	constructor(
		private readonly maxEntries: number,
		private readonly lifetimeMs: number,
	) {}

	get(key: string, now = Date.now()): V | undefined {
		const entry = this.entries.get(key);
		if (!entry) return undefined;
		if (entry.until <= now) {
			this.entries.delete(key);
			return undefined;
		}
		return entry.value;
	}

	/** Stores (or refreshes) an entry; it becomes the newest. */
	set(key: string, value: V, lifetimeMs = this.lifetimeMs, now = Date.now()): void {
		this.entries.delete(key);
		for (const [oldest, entry] of this.entries) {
			if (this.entries.size < this.maxEntries && entry.until > now) break;
			this.entries.delete(oldest);
		}
		this.entries.set(key, { value, until: now + lifetimeMs });
	}

	delete(key: string): void {
		this.entries.delete(key);
	}

	clear(): void {
		this.entries.clear();
	}
}
