export const CATALOG_SOURCE_FILE: string;
export function loadCatalogSource(): { generated: string; models: Array<Record<string, unknown> & { endpoint: string }> };
