import type { TaskStatus } from '../shared/outputs/normalize';
import { isTerminal } from '../shared/outputs/normalize';
import type { EventFilter } from './description';

/** Whether a task that ended with `status` starts the workflow under the Events setting. */
export function wanted(status: TaskStatus, filter: EventFilter): boolean {
	if (filter === 'success') return status === 'SUCCESS';
	if (filter === 'failure') return status === 'FAILED' || status === 'CANCEL';
	return isTerminal(status);
}
