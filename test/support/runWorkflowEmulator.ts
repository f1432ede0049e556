/**
 * Run Workflow against the emulator's image workflow inside a real n8n-core execution: the
 * prompt of each input item goes to its "Positive Prompt" node (6.text).
 */
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { RunningHubRunWorkflow } from '../../nodes/RunningHubRunWorkflow/RunningHubRunWorkflow.node';
import type { RunResult } from './harness';
import { runWorkflow } from './harness';
import type { Emulator } from './uploadEmulator';
import { credentialsFor, KEYS, WORKFLOWS } from './uploadEmulator';

export function imageWorkflowParameters(waitingOptions: IDataObject = {}, extra: IDataObject = {}): IDataObject {
	return {
		resource: 'workflow',
		operation: 'run',
		workflowId: { __rl: true, mode: 'id', value: WORKFLOWS.image },
		inputMode: 'define',
		workflowInputs: { mappingMode: 'defineBelow', value: { '6.text': '={{ $json.prompt }}' }, matchingColumns: [], schema: [], attemptToConvertTypes: false, convertFieldsToString: false },
		waitMode: 'poll',
		downloadOutputs: false,
		waitingOptions: { pollInterval: 0.1, timeoutMinutes: 1, ...waitingOptions },
		...extra,
	};
}

/** One execution of a "Run" node; `settings` are node settings (continueOnFail, retryOnFail, onError …). */
export async function runImageWorkflow(
	emu: Emulator,
	parameters: IDataObject,
	items: IDataObject[],
	settings: Partial<Pick<INode, 'continueOnFail' | 'retryOnFail' | 'maxTries' | 'waitBetweenTries' | 'onError'>> = {},
	abortSignal?: AbortSignal,
): Promise<RunResult> {
	return await runWorkflow({
		nodeTypes: { runningHubRunWorkflow: new RunningHubRunWorkflow() },
		nodes: [{ name: 'Run', type: 'n8n-nodes-runninghub.runningHubRunWorkflow', parameters, ...settings }],
		credentials: { runningHubApi: credentialsFor(emu, KEYS.shared) },
		items: items.map((json) => ({ json })),
		abortSignal,
	});
}

/** Output `index` of the Run node's last run (n8n's error output is the second one). */
export function runOutput(result: RunResult, index = 0): INodeExecutionData[] {
	const runs = result.run.data.resultData.runData.Run ?? [];
	return runs[runs.length - 1]?.data?.main?.[index] ?? [];
}

/** The emulator task whose Positive Prompt is `prompt`. */
export function taskWithPrompt(emu: Emulator, prompt: string) {
	return [...emu.tasks.values()].find((t) => t.inputs?.nodeInfoList?.some((i) => i.fieldValue === prompt));
}
