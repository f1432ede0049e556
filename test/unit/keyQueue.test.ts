import { KeyQueue, keyQueueFor } from '../../nodes/shared/scheduler/keyQueue';

describe('KeyQueue', () => {
	it('grants slots up to its capacity, then in arrival order as slots come back', async () => {
		const queue = new KeyQueue();
		queue.setCapacity(2);
		const [a, b, c, d] = [queue.enqueue(), queue.enqueue(), queue.enqueue(), queue.enqueue()];
		expect([a, b, c, d].map((t) => t.granted)).toEqual([true, true, false, false]);
		expect([c.ahead, d.ahead]).toEqual([2, 3]);
		queue.release(b);
		await c.ready;
		expect([c.granted, d.granted]).toEqual([true, false]);
		queue.release(b); // twice: no effect
		expect(d.granted).toBe(false);
		queue.release(a);
		await d.ready;
		expect(queue.held).toBe(2);
		queue.release(c);
		queue.release(d);
		expect(queue.held).toBe(0);
	});

	it('a waiter that leaves gives its place up without taking a slot', () => {
		const queue = new KeyQueue();
		const a = queue.enqueue();
		const b = queue.enqueue();
		const c = queue.enqueue();
		queue.release(b);
		queue.release(a);
		expect(c.granted).toBe(true);
		expect(queue.held).toBe(1);
		expect(queue.queued).toBe(0);
	});

	it('raising the capacity grants waiting tickets at once', () => {
		const queue = new KeyQueue();
		queue.enqueue();
		const waiting = queue.enqueue();
		expect(waiting.granted).toBe(false);
		queue.setCapacity(4);
		expect(waiting.granted).toBe(true);
	});

	it('a lease keeps the slot after the run; it ends with its task, at its time, or by reconciling with RunningHub', () => {
		const queue = new KeyQueue();
		queue.setCapacity(3);
		const [a, b, c] = [queue.enqueue(), queue.enqueue(), queue.enqueue()];
		queue.lease(a, 'task-a', Date.now() + 60000);
		queue.lease(b, 'task-b', Date.now() - 1); // its deadline has passed
		queue.lease(c, 'task-c', Date.now() + 60000);
		queue.release(a); // the run ends: the lease stays
		expect(queue.held).toBe(3);
		const next = queue.enqueue(); // looking at the queue expires task-b's lease
		expect(next.granted).toBe(true);
		queue.endLease('task-a');
		expect(queue.held).toBe(2);
		// RunningHub reports 1 running task, this process holds 2 (next + task-c): task-c ended elsewhere.
		queue.reconcile(1);
		expect(queue.held).toBe(1);
		expect(queue.hasLeases()).toBe(false);
		queue.release(next);
		expect(queue.held).toBe(0);
	});

	it('one queue per key and site', () => {
		expect(keyQueueFor('key-1', 'https://a')).toBe(keyQueueFor('key-1', 'https://a'));
		expect(keyQueueFor('key-1', 'https://a')).not.toBe(keyQueueFor('key-1', 'https://b'));
		expect(keyQueueFor('key-1', 'https://a')).not.toBe(keyQueueFor('key-2', 'https://a'));
	});
});
