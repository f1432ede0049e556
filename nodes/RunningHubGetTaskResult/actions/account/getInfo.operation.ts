import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runItems } from '../../../shared/runner/runItems';
import { numberOrNull, textOrNull } from './values';

/**
 * Account status (API.md §10.1). RunningHub sends the numbers as strings ("99999"); they come
 * out as numbers. `remainMoney` and `currency` may be null (consumer accounts) and stay null.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runItems(this, {
		prepare: () => ({}),
		run: async (_plan, i, client) => {
			// The credential adds the key as `apikey` (lower case, as this endpoint wants).
			const data = (await client.call<Record<string, unknown> | null>({ path: '/uc/openapi/accountStatus', body: {}, kind: 'read', itemIndex: i })) ?? {};
			return {
				remainCoins: numberOrNull(data.remainCoins),
				currentTaskCounts: numberOrNull(data.currentTaskCounts),
				remainMoney: numberOrNull(data.remainMoney),
				currency: textOrNull(data.currency),
				apiType: textOrNull(data.apiType),
			};
		},
	});
}
