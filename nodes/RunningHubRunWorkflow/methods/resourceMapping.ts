import type { ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { RunningHubClient } from '../../shared/transport/request';
import type { InputField } from '../helpers/schema';
import { loadAppSchema, loadWorkflowSchema } from '../helpers/schema';
import type { TargetKind } from '../helpers/target';
import { targetId } from '../helpers/target';

function currentParameter(ctx: ILoadOptionsFunctions, name: string): unknown {
	const current = typeof ctx.getCurrentNodeParameter === 'function' ? ctx.getCurrentNodeParameter(name) : undefined;
	return current ?? ctx.getNodeParameter(name, undefined);
}

function target(ctx: ILoadOptionsFunctions, kind: TargetKind, parameter: string): string {
	const raw = currentParameter(ctx, parameter);
	const value = raw && typeof raw === 'object' ? (raw as { value?: unknown }).value : raw;
	if (typeof value === 'string' && value.startsWith('=')) {
		throw new NodeOperationError(ctx.getNode(), `${kind === 'workflow' ? 'Workflow' : 'AI App'} is an expression, so its inputs cannot be listed here`, {
			description: 'Enter a fixed ID or URL to pick inputs from a list, or switch Inputs To Send to "JSON (nodeInfoList)".',
		});
	}
	return targetId(ctx.getNode(), kind, raw);
}

/** A workflow / app input as an n8n resource-mapper field; the current value is the default. */
export function toMapperField(field: InputField): ResourceMapperField {
	const mapped: ResourceMapperField = {
		id: field.id,
		displayName: field.displayName,
		required: false,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type: field.type,
		defaultValue: field.value,
	};
	if (field.type === 'options') mapped.options = (field.options ?? []).map((o) => ({ name: o, value: o }));
	return mapped;
}

/** Fields from the workflow's API-format JSON: every non-link primitive node input. */
export async function getWorkflowInputs(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const id = target(this, 'workflow', 'workflowId');
	const client = await RunningHubClient.create(this);
	const schema = await loadWorkflowSchema(client, this.getNode(), id);
	return {
		fields: schema.fields.map(toMapperField),
		emptyFieldsNotice: schema.fields.length ? undefined : `Workflow ${id} has no editable inputs.`,
	};
}

/** Fields from the app's API call demo (`nodeInfoList`; the key goes in its query, see loadAppSchema). */
export async function getAppInputs(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const id = target(this, 'app', 'webappId');
	const client = await RunningHubClient.create(this);
	const schema = await loadAppSchema(client, id);
	return {
		fields: schema.fields.map(toMapperField),
		emptyFieldsNotice: schema.fields.length ? undefined : `AI App ${id} lists no inputs yet. Run it once on RunningHub, then reload the inputs.`,
	};
}

export const resourceMapping = { getWorkflowInputs, getAppInputs };
