/**
 * Fault matrix (issue #8): every emulator fault × every node that can meet it, plus bad inputs
 * rejected before any paid call. Each row is a real run against the RunningHub emulator inside
 * n8n-core, with assertions that fail the test when the expectation is unmet. `npm run
 * reliability` writes the verdicts of a complete run to RELIABILITY.md (repo root); a plain
 * `npm test` leaves the file alone.
 */
import { configureRetryTiming } from '../../nodes/shared/utils/timing';
import type { BadInputRow } from './badInputRows';
import { badInputRows } from './badInputRows';
import type { MatrixRow, Observation } from './faultRows';
import { faultRows, tidy } from './faultRows';
import type { Emulator } from './kit';
import { createEmulator } from './kit';

interface Verdict {
	id: string;
	verdict: 'pass' | 'FAIL' | 'known gap';
	observed: string;
	unmet?: string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writeReport } = require('./writeReport') as {
	writeReport: (report: { faults: Array<Omit<MatrixRow, 'run'> & Verdict>; badInputs: Array<Omit<BadInputRow, 'run'> & Verdict> }) => string | undefined;
};

const FAULTS = faultRows();
const BAD = badInputRows();
const verdicts = new Map<string, Verdict>();

let emu: Emulator;

/** Runs a row and records its verdict; a failed expectation still fails the test. */
async function record(id: string, run: () => Promise<Observation>): Promise<void> {
	let failure: Error | undefined;
	try {
		const { observed, unmet } = await run();
		verdicts.set(id, { id, verdict: unmet ? 'known gap' : 'pass', observed, unmet });
	} catch (error) {
		failure = error as Error;
		verdicts.set(id, { id, verdict: 'FAIL', observed: `FAILED: ${tidy(failure.message.split('\n').filter(Boolean).slice(0, 3).join(' '), 200)}` });
	}
	if (failure) throw failure;
}

function withoutRun<T extends { run: unknown }>(row: T): Omit<T, 'run'> {
	return Object.fromEntries(Object.entries(row).filter(([key]) => key !== 'run')) as Omit<T, 'run'>;
}

beforeAll(async () => {
	// Emulator only: plain sockets, no nock interception (streamed downloads).
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	(require('nock') as { restore: () => void }).restore();
	configureRetryTiming({ baseDelayMs: 5, maxDelayMs: 20 });
	emu = await createEmulator({ timing: { queuedMs: 20, runningMs: 60 }, webhook: { timeoutMs: 800, retries: 2, retryDelayMs: 20 } });
});

afterEach(() => {
	emu.clearFaults();
	emu.reset();
});

afterAll(async () => {
	await emu?.close();
	// Only a complete run may rewrite the report (a filtered run would drop rows), and only
	// under npm run reliability (writeReport checks).
	if (verdicts.size !== FAULTS.length + BAD.length) return;
	writeReport({
		faults: FAULTS.map((row) => ({ ...withoutRun(row), ...(verdicts.get(row.id) as Verdict) })),
		badInputs: BAD.map((row) => ({ ...withoutRun(row), ...(verdicts.get(row.id) as Verdict) })),
	});
});

describe('fault matrix: every fault × every node that can meet it', () => {
	it('has a row for every emulator fault', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { FAULT_NAMES } = require('../emulator') as { FAULT_NAMES: string[] };
		const covered = FAULTS.map((r) => r.fault.toLowerCase()).join(' | ');
		const words: Record<string, RegExp> = {
			http5xx: /http 50\d/,
			reset: /connection reset/,
			slow: /slow/,
			html: /html/,
			capacity: /421|415/,
			failTasks: /failed task/,
			emptySuccess: /no results/,
			v2EmptyResults: /no results in the v2 query/,
			duplicateWebhooks: /duplicate webhook/,
			expiredDownloads: /expired download/,
		};
		for (const name of FAULT_NAMES) expect(covered).toMatch(words[name]);
		expect(new Set(FAULTS.map((r) => r.id)).size).toBe(FAULTS.length);
	});

	it.each(FAULTS.map((row) => [`${row.id} ${row.fault} × ${row.node}`, row] as const))('%s', async (_title, row) => {
		await record(row.id, async () => await row.run(emu));
	});

	it('lists known gaps only for rows that declare one', () => {
		// A gap row whose expectation is met again is reported as "pass": drop its gap note.
		for (const row of FAULTS) if (verdicts.get(row.id)?.verdict === 'known gap') expect(row.gap).toBeDefined();
	});
});

describe('bad inputs: rejected naming the field, before any paid call', () => {
	it('covers at least 30 bad inputs', () => {
		expect(BAD.length).toBeGreaterThanOrEqual(30);
	});

	it.each(BAD.map((row) => [`${row.id} ${row.node}: ${row.field} = ${row.input}`, row] as const))('%s', async (_title, row) => {
		await record(row.id, async () => ({ observed: await row.run(emu) }));
	});
});
