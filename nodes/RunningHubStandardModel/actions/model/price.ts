import type { IDataObject } from 'n8n-workflow';

import type { RunningHubClient } from '../../../shared/transport/request';

/** `POST /openapi/v2/price-preview/{endpoint}` (API.md §11): creates no task. */
export interface PricePreview {
	estimatedPrice?: number;
	currency?: string;
	priceText?: string;
	priceTextEn?: string;
	freeLimit?: number | boolean;
	isFreeThisCall?: boolean;
	remainingFreeLimitCount?: number;
	freeLimitCount?: number;
}

function num(value: unknown): number | undefined {
	if (value === null || value === undefined || value === '') return undefined;
	const n = typeof value === 'number' ? value : Number(value);
	return Number.isFinite(n) ? n : undefined;
}

function bool(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (value === 'true') return true;
	if (value === 'false') return false;
	return undefined;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

export function readPrice(data: unknown): PricePreview {
	const d = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
	const price: PricePreview = {
		estimatedPrice: num(d.estimatedPrice),
		currency: text(d.currency),
		priceText: text(d.priceText),
		priceTextEn: text(d.priceTextEn),
		freeLimit: typeof d.freeLimit === 'boolean' ? d.freeLimit : num(d.freeLimit),
		isFreeThisCall: bool(d.isFreeThisCall),
		remainingFreeLimitCount: num(d.remainingFreeLimitCount),
		freeLimitCount: num(d.freeLimitCount),
	};
	return Object.fromEntries(Object.entries(price).filter(([, v]) => v !== undefined)) as PricePreview;
}

/**
 * The price RunningHub expects for this exact body. The answer is flat (API.md §11, Go SDK
 * tests): the price fields at top level, `errorCode` empty or absent; a `{code, data}`
 * envelope is read too.
 */
export async function previewPrice(client: RunningHubClient, endpoint: string, body: IDataObject, itemIndex: number): Promise<PricePreview> {
	const envelope = await client.request({ path: `/openapi/v2/price-preview/${endpoint}`, body, kind: 'read', itemIndex });
	const data = envelope.family === 'v1' || envelope.family === 'v2util' ? envelope.data : envelope.raw;
	return readPrice(data);
}

/** What this call would cost: nothing when it falls within the free allowance. */
export function effectivePrice(price: PricePreview): number | undefined {
	if (price.isFreeThisCall === true) return 0;
	return price.estimatedPrice;
}

export function formatPrice(amount: number, currency?: string): string {
	return `${Number(amount.toFixed(4))}${currency ? ` ${currency}` : ''}`;
}
