import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** Origin of the API for the credential's site, as an n8n expression (used by every node). */
export const SITE_BASE_URL_EXPRESSION =
	'={{$credentials.site === "custom" ? String($credentials.baseUrl).replace(/\\/+$/, "") : ($credentials.site === "cn" ? "https://www.runninghub.cn" : "https://www.runninghub.ai")}}';

/**
 * A canvas subtitle with display names ("Run: AI App") rather than internal values
 * ("run: aiApp"); the resource is shown only when the node has more than one.
 */
export function operationSubtitle(properties: INodeProperties[]): string {
	const names = (parameter: string) => {
		const out: Record<string, string> = {};
		for (const property of properties) {
			if (property.name !== parameter || !property.options) continue;
			for (const option of property.options as INodePropertyOptions[]) out[String(option.value)] ??= option.name;
		}
		return out;
	};
	const operation = `(${JSON.stringify(names('operation'))}[$parameter["operation"]] || $parameter["operation"])`;
	const resources = names('resource');
	if (Object.keys(resources).length < 2) return `={{ ${operation} }}`;
	return `={{ ${operation} + ": " + (${JSON.stringify(resources)}[$parameter["resource"]] || $parameter["resource"]) }}`;
}
