import { memoryKey } from '../utils/processMemory';

/**
 * One queue per API key, shared by every execution in this n8n process (in queue mode: by
 * every execution of one worker). RunningHub runs at most `concurrentLimit` tasks of a key
 * at once and refuses more with 421; separate executions (one per form submission, say) that
 * each submit on their own would race through those refusals. Here a submit first takes a
 * slot, in arrival order, and gives it back when its task ends — so this process never
 * provokes a 421 by itself.
 *
 * Module scope, no timers: a waiter awaits a promise that `release()` resolves. Slots of
 * "Resume on Callback" tasks outlive the execution that parked them: they become leases
 * that end with the callback, at the deadline, or when RunningHub reports fewer running
 * tasks than this process holds (a callback handled by another process).
 */

export interface Ticket {
	readonly queue: KeyQueue;
	granted: boolean;
	done: boolean;
	/** Resolves when the slot is granted (never rejects). */
	readonly ready: Promise<void>;
	readonly enqueuedAt: number;
	/** Slots taken or waited for ahead of this one when it joined. */
	readonly ahead: number;
}

interface TicketState extends Ticket {
	grant: () => void;
}

interface Lease {
	taskId: string;
	until: number;
	since: number;
}

export class KeyQueue {
	private capacityValue = 1;

	private inUse = 0;

	private readonly waiting: TicketState[] = [];

	private readonly leases = new Map<string, Lease>();

	get capacity(): number {
		return this.capacityValue;
	}

	/** Slots held now (running tasks and leases). */
	get held(): number {
		return this.inUse;
	}

	get queued(): number {
		return this.waiting.length;
	}

	setCapacity(capacity: number): void {
		this.capacityValue = Math.max(1, Math.floor(capacity));
		this.pump();
	}

	/** Joins the queue; the ticket is granted at once when a slot is free and nobody waits. */
	enqueue(): Ticket {
		this.expireLeases(Date.now());
		let grant: () => void = () => undefined;
		const ready = new Promise<void>((resolve) => (grant = resolve));
		const ticket: TicketState = { queue: this, granted: false, done: false, ready, enqueuedAt: Date.now(), ahead: this.inUse + this.waiting.length, grant };
		this.waiting.push(ticket);
		this.pump();
		return ticket;
	}

	/** Gives the slot back (or leaves the queue if still waiting). Safe to call twice. */
	release(ticket: Ticket): void {
		const state = ticket as TicketState;
		if (state.done) return;
		state.done = true;
		if (state.granted) this.inUse--;
		else this.waiting.splice(this.waiting.indexOf(state), 1);
		this.pump();
	}

	/**
	 * Keeps a granted slot after the execution parks ("Resume on Callback"): it ends with
	 * `endLease(taskId)`, at `until`, or through `reconcile`.
	 */
	lease(ticket: Ticket, taskId: string, until: number): void {
		const state = ticket as TicketState;
		if (state.done || !state.granted) return;
		state.done = true;
		this.leases.set(taskId, { taskId, until, since: Date.now() });
	}

	endLease(taskId: string): void {
		if (!this.leases.delete(taskId)) return;
		this.inUse--;
		this.pump();
	}

	/**
	 * RunningHub says `running` tasks of this key run now. Slots held beyond that by leases
	 * belong to tasks that ended elsewhere (their callback reached another process): the
	 * oldest leases are freed down to that count.
	 */
	reconcile(running: number): void {
		let surplus = this.inUse - Math.max(0, Math.floor(running));
		const oldest = [...this.leases.values()].sort((a, b) => a.since - b.since);
		for (const lease of oldest) {
			if (surplus <= 0) break;
			this.leases.delete(lease.taskId);
			this.inUse--;
			surplus--;
		}
		this.pump();
	}

	hasLeases(): boolean {
		return this.leases.size > 0;
	}

	private expireLeases(now: number): void {
		for (const lease of [...this.leases.values()]) {
			if (lease.until <= now) {
				this.leases.delete(lease.taskId);
				this.inUse--;
			}
		}
	}

	private pump(): void {
		this.expireLeases(Date.now());
		while (this.inUse < this.capacityValue && this.waiting.length) {
			const next = this.waiting.shift() as TicketState;
			next.granted = true;
			this.inUse++;
			next.grant();
		}
	}
}

const queues = new Map<string, KeyQueue>();
const MAX_QUEUES = 1000;

/** The queue of one account (API key on one site), created on first use. */
export function keyQueueFor(apiKey: string, baseUrl: string): KeyQueue {
	const id = memoryKey(['rh-queue', baseUrl, apiKey]);
	let queue = queues.get(id);
	if (!queue) {
		// Idle queues of keys no longer used can go; a queue with slots or waiters stays.
		if (queues.size >= MAX_QUEUES) {
			for (const [key, q] of queues) if (!q.held && !q.queued) queues.delete(key);
		}
		queue = new KeyQueue();
		queues.set(id, queue);
	}
	return queue;
}
