import type { INodeProperties } from 'n8n-workflow';

const DEFAULT_MAX_DOWNLOAD_MB = 2048;
const MAX_DOWNLOAD_MB = 1024 * 1024;

/** "Max Download Size (MB)", in the options of every node that downloads output files. */
export const maxDownloadSizeOption: INodeProperties = {
	displayName: 'Max Download Size (MB)',
	name: 'maxDownloadMb',
	type: 'number',
	default: DEFAULT_MAX_DOWNLOAD_MB,
	typeOptions: { minValue: 1, maxValue: MAX_DOWNLOAD_MB },
	description:
		'Largest output file to download (2048 = 2 GB). A larger file is not downloaded: the item fails with an error that says so, and the file URL stays in the result.',
};

/** The limit in bytes for a parameter value in MB (the default when unset or unreadable). */
export function maxDownloadBytes(megabytes: unknown): number {
	const value = Number(megabytes ?? DEFAULT_MAX_DOWNLOAD_MB);
	const mb = Number.isFinite(value) && value > 0 ? Math.min(value, MAX_DOWNLOAD_MB) : DEFAULT_MAX_DOWNLOAD_MB;
	return Math.floor(mb * 1024 * 1024);
}
