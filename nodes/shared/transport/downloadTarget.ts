import { privateHostReason } from './privateAddress';

/**
 * Where an output file may be fetched from. Output URLs come from RunningHub's answers and,
 * with "Verify Through API" off, from an unauthenticated callback body, so they are
 * untrusted: only https to public hosts. The credential's own Base URL is the one exception
 * (a custom site: an emulator, a proxy or a mirror on the local network, which may serve
 * plain http): its origin may use http, and its host may be private.
 */
export function downloadRefusal(url: string, baseUrl?: string): string | undefined {
	let target: URL;
	try {
		target = new URL(url);
	} catch {
		return 'is not a valid URL';
	}
	let base: URL | undefined;
	try {
		base = baseUrl ? new URL(baseUrl) : undefined;
	} catch {
		base = undefined;
	}
	if (target.protocol === 'http:') {
		if (!base || target.origin !== base.origin) return "uses plain http (only https is allowed, except for the credential's custom Base URL)";
	} else if (target.protocol !== 'https:') {
		return `uses ${target.protocol.replace(/:$/, '')}, not https`;
	}
	const reason = privateHostReason(target.hostname);
	if (reason && !(base && base.hostname === target.hostname)) return `points to ${target.hostname}, ${reason}`;
	return undefined;
}
