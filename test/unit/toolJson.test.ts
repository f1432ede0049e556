import { toToolJson } from '../../nodes/shared/outputs/normalize';

describe('the compact JSON an AI tool returns', () => {
	it('keeps the task ID, status, file URLs and text; a failure becomes its message', () => {
		expect(
			toToolJson({
				taskId: '1910246754753896450',
				status: 'SUCCESS',
				files: [{ url: 'https://cdn.example/a.png', type: 'png', fileName: 'a.png', nodeId: '9' }],
				texts: ['a caption', 'second line'],
				usage: { coins: 3 },
				source: 'query',
			}),
		).toEqual({ taskId: '1910246754753896450', status: 'SUCCESS', urls: ['https://cdn.example/a.png'], text: 'a caption\nsecond line' });
		expect(toToolJson({ taskId: '1910246754753896451', status: 'FAILED', files: [], texts: [], usage: {}, source: 'query', failure: { message: 'out of memory' } })).toEqual({
			taskId: '1910246754753896451',
			status: 'FAILED',
			urls: [],
			error: 'out of memory',
		});
	});
});
