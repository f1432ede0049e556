import { parseTaskEndBody, readTaskEndBody, TaskEndBodyError, tokenMatches } from '../../../nodes/shared/callbacks/taskEnd';
import { FAILURE_DATA, SUCCESS_DATA, taskEnd } from './context';

const ID = '1904163390028185602';

function reasonOf(raw: unknown): string | undefined {
	const parsed = readTaskEndBody(raw);
	return parsed.ok ? undefined : parsed.error.reason;
}

describe('parseTaskEndBody', () => {
	it('parses the documented success callback into the normalized result', () => {
		const { taskId, result } = parseTaskEndBody(taskEnd(ID, SUCCESS_DATA));
		expect(taskId).toBe(ID);
		expect(result).toMatchObject({ taskId: ID, status: 'SUCCESS', source: 'webhook' });
		expect(result.files).toEqual([{ url: SUCCESS_DATA.data[0].fileUrl, type: 'png', nodeId: '9', fileName: 'ComfyUI_00033_hpgko_1742822929.png' }]);
		expect(result.usage.coins).toBe(7);
	});

	it('parses a failure callback (805 with failedReason)', () => {
		const { result } = parseTaskEndBody(taskEnd(ID, FAILURE_DATA));
		expect(result.status).toBe('FAILED');
		expect(result.failure).toMatchObject({ code: '805', nodeName: 'KSampler', nodeId: '3', exceptionMessage: 'CUDA out of memory', traceback: ['line 1', 'line 2'] });
	});

	it('accepts task_id, as some RunningHub answers spell it (official contract)', () => {
		const { taskId, result } = parseTaskEndBody({ event: 'TASK_END', task_id: ID, eventData: JSON.stringify(SUCCESS_DATA) });
		expect(taskId).toBe(ID);
		expect(result).toMatchObject({ taskId: ID, status: 'SUCCESS' });
	});

	it('keeps a bare 19-digit taskId exact when given the raw text', () => {
		const text = `{"event":"TASK_END","taskId":${ID},"eventData":${JSON.stringify(JSON.stringify(SUCCESS_DATA))}}`;
		expect(parseTaskEndBody(text).taskId).toBe(ID);
		expect(parseTaskEndBody(Buffer.from(text)).taskId).toBe(ID);
	});

	it('refuses a taskId that already lost digits as a JSON number', () => {
		const parsed = readTaskEndBody({ event: 'TASK_END', taskId: Number(ID), eventData: JSON.stringify(SUCCESS_DATA) });
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.error.message).toMatch(/too large/);
	});

	it('accepts a safe numeric taskId and a v2-shaped or already-decoded eventData', () => {
		expect(parseTaskEndBody({ event: 'TASK_END', taskId: 190416339002818, eventData: JSON.stringify(SUCCESS_DATA) }).taskId).toBe('190416339002818');
		expect(parseTaskEndBody({ event: 'TASK_END', taskId: ID, eventData: SUCCESS_DATA }).result.status).toBe('SUCCESS');
		const v2 = parseTaskEndBody(taskEnd(ID, { status: 'FAILED', errorCode: '805', errorMessage: 'boom', results: null }));
		expect(v2.result).toMatchObject({ taskId: ID, status: 'FAILED', source: 'webhook' });
	});

	it.each([
		['not JSON text', '{"event":', 'notJson'],
		['an array', '[]', 'notObject'],
		['another event', { event: 'TASK_START', taskId: ID, eventData: '{}' }, 'otherEvent'],
		['a missing event', { taskId: ID, eventData: '{}' }, 'event'],
		['an empty event', { event: ' ', taskId: ID, eventData: '{}' }, 'event'],
		['a missing taskId', { event: 'TASK_END', eventData: JSON.stringify(SUCCESS_DATA) }, 'taskId'],
		['a short taskId', { event: 'TASK_END', taskId: '12345', eventData: JSON.stringify(SUCCESS_DATA) }, 'taskId'],
		['a non-digit taskId', { event: 'TASK_END', taskId: '1904163390028185602x', eventData: JSON.stringify(SUCCESS_DATA) }, 'taskId'],
		['bad JSON in eventData', { event: 'TASK_END', taskId: ID, eventData: '{"code":0,' }, 'eventData'],
		['eventData encoding a string', { event: 'TASK_END', taskId: ID, eventData: '"done"' }, 'eventData'],
		['missing eventData', { event: 'TASK_END', taskId: ID }, 'eventData'],
		['eventData without code or status', { event: 'TASK_END', taskId: ID, eventData: '{"msg":"x"}' }, 'eventData'],
		['a non-numeric code', { event: 'TASK_END', taskId: ID, eventData: '{"code":"ok","data":[]}' }, 'eventData'],
	])('refuses %s', (_name, raw, reason) => {
		expect(reasonOf(raw)).toBe(reason);
		expect(() => parseTaskEndBody(raw)).toThrow(TaskEndBodyError);
	});
});

describe('tokenMatches', () => {
	it('matches only the exact token', () => {
		expect(tokenMatches('s3cret-token', 's3cret-token')).toBe(true);
		expect(tokenMatches('s3cret-token', 's3cret-tokeN')).toBe(false);
		expect(tokenMatches('s3cret-token', 's3cret')).toBe(false);
		expect(tokenMatches('s3cret-token', 's3cret-token-and-more')).toBe(false);
	});

	it('never matches empty or non-string values', () => {
		expect(tokenMatches('', '')).toBe(false);
		expect(tokenMatches('abc', '')).toBe(false);
		expect(tokenMatches('abc', undefined)).toBe(false);
		expect(tokenMatches('abc', ['abc'])).toBe(false);
	});

	it('compares multi-byte tokens by bytes', () => {
		expect(tokenMatches('clé-secrète', 'clé-secrète')).toBe(true);
		expect(tokenMatches('clé-secrète', 'cle-secrete')).toBe(false);
	});
});
