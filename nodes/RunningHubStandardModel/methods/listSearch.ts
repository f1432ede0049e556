import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import type { CatalogModel } from '../../shared/catalog';
import { schemaPublishedByRunningHub, searchModels as searchCatalog } from '../../shared/catalog';

/** Shown next to models whose parameters RunningHub has not published (another client's copy). */
export const UNVERIFIED_SCHEMA = 'Unverified Schema';

export function listItem(model: CatalogModel): INodeListSearchItems {
	let name = model.name;
	let description = model.endpoint;
	if (!model.params) name = `${name} (JSON Body Only)`;
	else if (!schemaPublishedByRunningHub(model)) {
		name = `${name} (${UNVERIFIED_SCHEMA})`;
		description = `${model.endpoint}: parameters copied from RunningHub's docs by another client, not published by RunningHub; check the model's documentation page`;
	}
	const item: INodeListSearchItems = { name, value: model.endpoint, description };
	if (model.docUrl) item.url = model.docUrl;
	return item;
}

/**
 * "From List" mode of the Model locator: the bundled catalog, filtered by category and search
 * text. Delisted models are hidden unless this node already uses one. No API call.
 */
export async function searchModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const category = String(this.getNodeParameter('category', 'all') ?? 'all');
	return { results: searchCatalog(category, filter, selectedModel(this)).map(listItem) };
}

/** The model this node already uses (a delisted one stays listed for it), '' when none or unreadable. */
function selectedModel(ctx: ILoadOptionsFunctions): string {
	try {
		const value = ctx.getNodeParameter('model', '', { extractValue: true });
		return typeof value === 'string' ? value : '';
	} catch {
		return '';
	}
}
