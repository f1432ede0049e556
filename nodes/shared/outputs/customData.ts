import type { IExecuteFunctions } from 'n8n-workflow';

import type { Budget, JobOutcome } from '../scheduler/taskScheduler';
import { costOf } from '../scheduler/taskScheduler';
import { isTerminal } from './normalize';

/**
 * What an execution spent on RunningHub, in n8n's execution custom data, so the executions
 * list can be filtered by a task ID and shows the spend without opening the execution.
 * n8n keeps at most 10 keys per execution and 255 characters per value; these are four
 * keys, summed over every RunningHub node of the execution. Spend is what RunningHub reported
 * for tasks that ended while the node watched them.
 */
const KEYS = { ids: 'runninghubTaskIds', count: 'runninghubTasks', coins: 'runninghubCoins', money: 'runninghubMoney' };
const MAX_VALUE = 255;


export function recordTasks(ctx: Pick<IExecuteFunctions, 'customData' | 'logger'>, outcomes: JobOutcome[]): void {
	const data = ctx.customData;
	const created = outcomes.filter((o) => o.taskId);
	if (!data || !created.length) return;
	try {
		const before = data.getAll();
		const known = new Set(String(before[KEYS.ids] ?? '').split(',').filter(Boolean));
		// A retry of the node meets the same tasks again: count and charge each task once.
		const fresh = created.filter((o) => !known.has(o.taskId as string));
		const ids = [...known, ...new Set(fresh.map((o) => o.taskId as string))];
		// The first task IDs that fit; the count says how many there were.
		let list = '';
		for (const id of ids) {
			const next = list ? `${list},${id}` : id;
			if (next.length > MAX_VALUE) break;
			list = next;
		}
		const ended = fresh.filter((o) => o.result && isTerminal(o.result.status));
		const spent = (unit: Budget['unit']) => ended.reduce((total, o) => total + costOf(o.result, unit), 0);
		const coins = Number(before[KEYS.coins] ?? 0) + spent('coins');
		const money = Number(before[KEYS.money] ?? 0) + spent('money');
		const values: Record<string, string> = { [KEYS.ids]: list, [KEYS.count]: String(Number(before[KEYS.count] ?? 0) + new Set(fresh.map((o) => o.taskId)).size) };
		if (coins > 0) values[KEYS.coins] = String(Math.round(coins * 100) / 100);
		if (money > 0) values[KEYS.money] = String(Math.round(money * 10000) / 10000);
		data.setAll(values);
	} catch (error) {
		// Custom data is a convenience: never fail a run over it (e.g. the execution's 10 keys are taken).
		ctx.logger.warn(`RunningHub: could not record the tasks in the execution's custom data: ${(error as Error).message}`);
	}
}

/** Max Total Cost for a node run: the limit and what the execution has spent before it (0 = none). */
export function executionBudget(ctx: Pick<IExecuteFunctions, 'customData'>, settings: { maxTotalCost: number; costUnit: 'money' | 'coins' }): Budget | undefined {
	if (!(settings.maxTotalCost > 0)) return undefined;
	let spentBefore = 0;
	try {
		spentBefore = Number(ctx.customData?.get(settings.costUnit === 'coins' ? KEYS.coins : KEYS.money) ?? 0) || 0;
	} catch {
		spentBefore = 0;
	}
	return { limit: settings.maxTotalCost, unit: settings.costUnit, spentBefore };
}
