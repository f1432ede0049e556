import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** Origin of the API for the credential's site, as an n8n expression (used by every node). */
export const SITE_BASE_URL_EXPRESSION =
	'={{$credentials.site === "custom" ? String($credentials.baseUrl).replace(/\\/+$/, "") : ($credentials.site === "cn" ? "https://www.runninghub.cn" : "https://www.runninghub.ai")}}';

export const requestDefaults = { baseURL: SITE_BASE_URL_EXPRESSION };

/**
 * A canvas subtitle that shows the operation's display name ("Upload Resource") rather
 * than its internal value ("uploadResource").
 */
export function operationSubtitle(properties: INodeProperties[]): string {
	const names: Record<string, string> = {};
	for (const property of properties) {
		if (property.name !== 'operation' || !property.options) continue;
		for (const option of property.options as INodePropertyOptions[]) names[String(option.value)] ??= option.name;
	}
	return `={{ ${JSON.stringify(names)}[$parameter["operation"]] || $parameter["operation"] }}`;
}
