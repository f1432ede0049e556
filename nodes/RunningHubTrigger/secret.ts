import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { generateToken } from '../shared/callbacks/taskEnd';

/**
 * The trigger's shared secret. RunningHub signs nothing and has no webhook registration API
 * (API.md §9.1), so the only proof that a POST comes from a task the user started is a
 * secret the user put into the task's `webhookUrl` (`?token=…`).
 *
 * The user sets it in the required "Secret Token" parameter (a password field). Should it
 * still be empty (an expression that resolves to nothing, a workflow created through the
 * API without it), activation generates a random token into the node's static data, so
 * the URL is never open to anyone; nobody knows that token, so every call is refused until
 * the user sets Secret Token. The lifecycle methods own that generated state.
 */
const GENERATED_KEY = 'generatedToken';

type TokenContext = IHookFunctions | IWebhookFunctions;

export function configuredToken(ctx: TokenContext): string {
	const value = ctx.getNodeParameter('secretToken', '') as unknown;
	return typeof value === 'string' ? value.trim() : '';
}

export function generatedToken(ctx: TokenContext): string {
	const value = (ctx.getWorkflowStaticData('node') as IDataObject)[GENERATED_KEY];
	return typeof value === 'string' ? value : '';
}

/** The token a callback must carry: the configured one, else the generated one, else none. */
export function expectedToken(ctx: TokenContext): string {
	return configuredToken(ctx) || generatedToken(ctx);
}

/** Generates and stores a token when none is configured or stored. Returns true if it did. */
export function ensureToken(ctx: IHookFunctions): boolean {
	if (expectedToken(ctx)) return false;
	(ctx.getWorkflowStaticData('node') as IDataObject)[GENERATED_KEY] = generateToken();
	return true;
}

export function clearGeneratedToken(staticData: IDataObject): void {
	delete staticData[GENERATED_KEY];
}
