import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runItems } from '../../../shared/runner/runItems';
import { numberOrNull, textOrNull } from './values';

const COUNTS = ['concurrentLimit', 'runningCount', 'queuedCount', 'totalCurrentTasks', 'instanceCount', 'instanceCounts'];

/**
 * Queue status of the key (API.md §10.2, a GET; POST answers 1009): key type, concurrency limit,
 * running and queued counts. Counts come out as numbers; unknown extra fields are kept.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runItems(this, {
		prepare: () => ({}),
		run: async (_plan, i, client) => {
			const data = (await client.call<Record<string, unknown> | null>({ method: 'GET', path: '/openapi/v2/queue/status', kind: 'read', itemIndex: i })) ?? {};
			const json: IDataObject = { ...(data as IDataObject), apiKeyType: textOrNull(data.apiKeyType) };
			for (const key of COUNTS) if (key in data) json[key] = numberOrNull(data[key]);
			return json;
		},
	});
}
