import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import type { CatalogModel } from '../../shared/catalog';
import { searchModels as searchCatalog } from '../../shared/catalog';

export function listItem(model: CatalogModel): INodeListSearchItems {
	const item: INodeListSearchItems = {
		name: model.params ? model.name : `${model.name} (JSON Body Only)`,
		value: model.endpoint,
		description: model.endpoint,
	};
	if (model.docUrl) item.url = model.docUrl;
	return item;
}

/** "From List" mode of the Model locator: the bundled catalog, filtered by category and search text. No API call. */
export async function searchModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const category = String(this.getNodeParameter('category', 'all') ?? 'all');
	return { results: searchCatalog(category, filter).map(listItem) };
}
