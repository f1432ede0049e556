import type { IBinaryData, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { TaskResult } from '../outputs/normalize';
import { downloadFiles } from '../outputs/emit';
import type { DownloadRules } from '../transport/download';
import type { RhContext } from '../transport/request';
import { loadCredentials } from '../transport/request';

/**
 * The members of an execute context that the shared streamed download
 * (`outputs/emit.ts` → `transport/download.ts`) really uses.
 */
type DownloadContext = Pick<IExecuteFunctions, 'getNode' | 'logger'> & {
	helpers: Pick<IExecuteFunctions['helpers'], 'httpRequest' | 'prepareBinaryData'>;
	getExecutionCancelSignal: () => AbortSignal | undefined;
};

/**
 * `webhook()` gets IWebhookFunctions, which has the same HTTP and binary helpers but is not
 * an IExecuteFunctions. This bridge exposes exactly those helpers (no cancel signal exists
 * while a webhook is answered) so the shared download code is reused instead of copied.
 */
function downloadContext(ctx: IWebhookFunctions): DownloadContext {
	return {
		getNode: () => ctx.getNode(),
		logger: ctx.logger,
		getExecutionCancelSignal: () => undefined,
		helpers: {
			httpRequest: async (options) => await ctx.helpers.httpRequest(options),
			prepareBinaryData: async (data, filePath, mimeType) => await ctx.helpers.prepareBinaryData(data, filePath, mimeType),
		},
	};
}

/** Streams a result's files into binary properties `base`, `base_1`, … from a webhook, under `rules`. */
export async function downloadTaskFiles(ctx: IWebhookFunctions, result: TaskResult, base: string, rules: DownloadRules, itemIndex = 0): Promise<Record<string, IBinaryData>> {
	return await downloadFiles(downloadContext(ctx) as unknown as IExecuteFunctions, result, itemIndex, base, rules);
}

/**
 * The Base URL of the node's RunningHub credential, or undefined when the node has none (a
 * Trigger without verification): then only public https hosts are downloaded from.
 */
export async function credentialBaseUrl(ctx: RhContext): Promise<string | undefined> {
	try {
		return (await loadCredentials(ctx)).baseUrl || undefined;
	} catch {
		return undefined;
	}
}
