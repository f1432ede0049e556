import type { INode, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Which RunningHub object a locator points at. */
export type TargetKind = 'workflow' | 'app';

const LABELS: Record<TargetKind, string> = { workflow: 'Workflow', app: 'AI App' };

/** RunningHub workflow and app ids are 19-digit int64 values, always kept as strings. */
export const ID_PATTERN = /^\d{19}$/;

/**
 * Page URLs users paste: `https://www.runninghub.ai/#/workflow/<id>`, `/workflow/<id>`,
 * `/ai-detail/<id>`, `...?webappId=<id>`.
 */
const URL_ID = /(?:\/(workflow|ai-detail)\/|[?&]webappId=)(\d{19})(?!\d)/i;

/** UI-side check of the URL mode (the run-time check is `targetId`). */
export const URL_REGEX_TEXT = '.*(?:/workflow/|/ai-detail/|[?&]webappId=)\\d{19}.*';

function describe(value: string): string {
	return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}

/** Extracts the id from a pasted RunningHub page URL; undefined when there is none. */
export function idFromUrl(url: string): { id: string; page?: string } | undefined {
	const match = URL_ID.exec(url);
	if (!match) return undefined;
	return { id: match[2], page: match[1]?.toLowerCase() };
}

/**
 * Reads a workflow/app resource locator (`{ mode: 'id' | 'url', value }`, or a bare
 * string from an expression) and returns the 19-digit id, or throws an error that names
 * the field.
 */
export function targetId(node: INode, kind: TargetKind, raw: unknown, itemIndex?: number): string {
	const label = LABELS[kind];
	const locator = (raw && typeof raw === 'object' ? raw : { mode: 'id', value: raw }) as Partial<INodeParameterResourceLocator>;
	const mode = String(locator.mode ?? 'id');
	const value = String(locator.value ?? '').trim();
	if (!value) {
		throw new NodeOperationError(node, `${label} is empty: enter the ${label.toLowerCase()} ID or paste its RunningHub page URL`, { itemIndex });
	}
	if (mode === 'url' || /^https?:\/\//i.test(value)) {
		const found = idFromUrl(value);
		if (!found) {
			throw new NodeOperationError(node, `${label} (URL): no ${label.toLowerCase()} ID found in "${describe(value)}"`, {
				itemIndex,
				description: kind === 'workflow'
					? 'Paste the address of the workflow page, e.g. https://www.runninghub.ai/#/workflow/1850925505116598274'
					: 'Paste the address of the app page, e.g. https://www.runninghub.ai/ai-detail/1877265245566922753 (or a URL with ?webappId=...)',
			});
		}
		if (kind === 'workflow' && found.page === 'ai-detail') {
			throw new NodeOperationError(node, `Workflow (URL): "${describe(value)}" is an AI App page, not a workflow`, {
				itemIndex,
				description: 'Switch Resource to AI App to run this app.',
			});
		}
		if (kind === 'app' && found.page === 'workflow') {
			throw new NodeOperationError(node, `AI App (URL): "${describe(value)}" is a workflow page, not an AI App`, {
				itemIndex,
				description: 'Switch Resource to ComfyUI Workflow to run this workflow.',
			});
		}
		return found.id;
	}
	if (!ID_PATTERN.test(value)) {
		throw new NodeOperationError(node, `${label} (ID) must be the 19-digit number from the RunningHub page URL, got "${describe(value)}"`, {
			itemIndex,
			description: 'Use digits only, e.g. 1850925505116598274, or switch the field to "By URL" and paste the page address.',
		});
	}
	return value;
}
