import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { judgeTask } from '../../../shared/outputs/judge';
import type { Envelope } from '../../../shared/transport/envelopes';
import { fromV1Outputs, toJson } from '../../../shared/outputs/normalize';
import { runItems } from '../../../shared/runner/runItems';
import { explainNotFound, readTaskId } from '../taskId';

/**
 * v1 outputs (API.md §7.3), the call that reports the cost of each output node. Its outer code
 * is the task state: 804 running and 813 queued are answers (status RUNNING/QUEUED, no files),
 * 805 is a failed task (an error naming the failing node), 0 with files is success.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	return await runItems(this, {
		prepare: (i) => ({ taskId: readTaskId(this, i) }),
		run: async ({ taskId }, i, client) => {
			let envelope: Envelope;
			try {
				envelope = await client.request({ path: '/task/openapi/outputs', body: { taskId }, kind: 'read', passCodes: [804, 813, 805], itemIndex: i });
			} catch (error) {
				throw explainNotFound(node, error, taskId, i);
			}
			const result = fromV1Outputs(taskId, envelope.code, envelope.data);
			const failure = judgeTask(node, result, i);
			if (failure) throw failure;
			return toJson(result);
		},
	});
}
