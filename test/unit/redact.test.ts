/**
 * The one redaction (nodes/shared/transport/redact.ts): which URL query values are secrets
 * and which look-alikes must stay, because signed output-file links use them and a redacted
 * link in `files[].url` would be useless.
 */
import { redact, redactDeep } from '../../nodes/shared/transport/redact';

describe('redact: secrets in URLs', () => {
	it('masks token, rhToken, signature and apiKey query values, plain and URL-encoded', () => {
		const cases: Array<[string, string]> = [
			['https://n8n.example.com/webhook/x/callback?token=s3cr3t', 'https://n8n.example.com/webhook/x/callback?token=***'],
			['https://n8n.example.com/webhook-waiting/9?signature=abc.def&rhToken=Zz_-9', 'https://n8n.example.com/webhook-waiting/9?signature=***&rhToken=***'],
			['https://h.example.com/p?a=1&apiKey=0123abcd&b=2#frag', 'https://h.example.com/p?a=1&apiKey=***&b=2#frag'],
			['https://h.example.com/p?api_key=0123abcd', 'https://h.example.com/p?api_key=***'],
			['see "https://h.example.com/p?token=x1y2" (HTTP 500)', 'see "https://h.example.com/p?token=***" (HTTP 500)'],
			['to=https%3A%2F%2Fh.example.com%2Fp%3Ftoken%3Dx1y2%26rhToken%3Dq%26next%3D1', 'to=https%3A%2F%2Fh.example.com%2Fp%3Ftoken%3D***%26rhToken%3D***%26next%3D1'],
			['to=https%3a%2f%2fh%2fp%3fsignature%3dabc', 'to=https%3a%2f%2fh%2fp%3fsignature%3d***'],
			['to=https%3A%2F%2Fh%2Fp%3FapiKey%3Dabc%26x%3D1', 'to=https%3A%2F%2Fh%2Fp%3FapiKey%3D***%26x%3D1'],
		];
		expect(cases.map(([input]) => redact(input))).toEqual(cases.map(([, expected]) => expected));
	});

	it('keeps the signatures of storage links and parameters that only end in a secret name', () => {
		const kept = [
			'https://bucket.oss-cn-hangzhou.aliyuncs.com/o.png?OSSAccessKeyId=LTAI&Expires=1742822929&Signature=abc%2Bdef',
			'https://rh-images-1252422369.cos.ap-beijing.myqcloud.com/o.png?q-sign-algorithm=sha1&q-signature=9f8e',
			'https://s3.amazonaws.com/b/o.png?X-Amz-Signature=0a1b&X-Amz-Expires=3600',
			'https://rh-images.xiaoyaoyou.com/o.png?expires=1742822929&sign=00ff',
			'https://h.example.com/p?access_token=abc&csrf_token=def',
			'https://h.example.com/p?Token=abc',
		];
		expect(kept.map((url) => redact(url))).toEqual(kept);
	});

	it('masks the API key wherever it appears, and in every string of a JSON value', () => {
		const key = '0123456789abcdef'.repeat(2);
		const value = { message: `refused ${key}`, files: [{ url: `https://h.example.com/f.png?apiKey=${key}` }], nested: { url: 'https://n8n.example.com/w?token=t0k3n' }, n: 1 };
		expect(redactDeep(value, key)).toEqual({ message: 'refused ***', files: [{ url: 'https://h.example.com/f.png?apiKey=***' }], nested: { url: 'https://n8n.example.com/w?token=***' }, n: 1 });
	});
});
