import { createHash, randomInt } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * "Randomize Seeds": ComfyUI picks a new seed per run only in its own editor, so API runs
 * repeat the saved seed and every run of the same prompt returns the same picture. A fresh
 * seed per item, per execution: derived from the execution, node, item and field, so a
 * retry of the node (Retry On Fail) sends the same seeds and takes up the same task, while
 * the next execution gets new ones. Without an execution id, a random one.
 */
export function seedFor(ctx: Pick<IExecuteFunctions, 'getExecutionId' | 'getNode'>, itemIndex: number, field: string, min: number, max: number): number {
	const low = Math.ceil(Math.max(min, 0));
	const high = Math.floor(Math.min(max, Number.MAX_SAFE_INTEGER));
	if (high <= low) return low;
	const span = high - low + 1;
	const executionId = ctx.getExecutionId?.();
	if (!executionId) return low + (span <= 2 ** 48 ? randomInt(span) : Math.floor(Math.random() * span));
	const node = ctx.getNode();
	const digest = createHash('sha256').update(['rh-seed', executionId, node.id ?? '', node.name, String(itemIndex), field].join('\u0000')).digest();
	// 48 bits of the hash, spread over the range (uniform enough for seeds).
	const value = digest.readUIntBE(0, 6);
	return low + Math.floor((value / 2 ** 48) * span);
}

/** ComfyUI sampler inputs that hold a seed, by node class. */
export const COMFY_SEED_INPUTS: Record<string, string> = {
	KSampler: 'seed',
	KSamplerAdvanced: 'noise_seed',
	RandomNoise: 'noise_seed',
};

/**
 * Upper bound of generated ComfyUI seeds. ComfyUI takes 0 … 2^64-1; 2^48-1 (15 digits) stays
 * an exact number through every JSON parser on the way, as the seeds saved by ComfyUI do.
 */
export const COMFY_SEED_MAX = 2 ** 48 - 1;
