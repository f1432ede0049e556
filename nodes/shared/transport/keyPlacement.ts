/**
 * Where RunningHub reads the API key, per endpoint (API.md §2, §5.3, §17.1):
 * - `query`:  `GET /api/webapp/apiCallDemo` takes `apiKey` (and `webappId`) as query
 *             parameters; RunningHub's agent skill and the Go SDK send no Bearer there.
 * - `bearer`: v2 (`/openapi/v2/*`) takes only `Authorization: Bearer`.
 * - `form`:   a multipart v1 upload carries the key as a form field (the node adds it).
 * - `body`:   every other v1 call takes it in the JSON body (`apikey`, lower case, for
 *             account status), plus Bearer, which newer doc pages ask for.
 * The credential's `authenticate` and the transport's error wording both read this table,
 * so the two cannot disagree.
 */
export type KeyPlacement = 'query' | 'bearer' | 'form' | 'body';

/** The one endpoint that wants the key in its query string. */
export const APP_DEMO_PATH = '/api/webapp/apiCallDemo';

/** The path of a request URL (absolute or relative), without its query. */
function pathOf(url: string): string {
	return url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0];
}

export function keyPlacement(url: string, method: string, plainBody: boolean): KeyPlacement {
	const path = pathOf(url);
	if (path.includes('/openapi/v2/')) return 'bearer';
	if (method.toUpperCase() === 'GET') return path.endsWith(APP_DEMO_PATH) ? 'query' : 'bearer';
	return plainBody ? 'body' : 'form';
}

/** The JSON body field for the key: account status spells it in lower case. */
export function bodyKeyField(url: string): 'apikey' | 'apiKey' {
	return pathOf(url).endsWith('/uc/openapi/accountStatus') ? 'apikey' : 'apiKey';
}
