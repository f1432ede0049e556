/** RunningHub account numbers arrive as strings, numbers or null. */
export function numberOrNull(value: unknown): number | null {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return null;
	const n = typeof value === 'number' ? value : Number(value);
	return Number.isFinite(n) ? n : null;
}

export function textOrNull(value: unknown): string | null {
	return value === undefined || value === null || value === '' ? null : String(value);
}
