import { timingSafeEqual } from 'crypto';

import {
	WEBHOOK_BODY_LIMIT_BYTES,
	bodySize,
	checkWebhookRequest,
	redactQueryParameter,
	secretMatches,
	webhookSecretProperty,
	type WebhookRequestParts,
} from '../../nodes/shared/trigger/webhook-guard';

// Records the calls, still comparing for real (it throws on buffers of different lengths).
jest.mock('crypto', () => {
	const actual = jest.requireActual<typeof import('crypto')>('crypto');
	return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});

const SECRET = 's3cretValue42';
const json = { 'content-type': 'application/json' };
const request = (parts: Partial<WebhookRequestParts> = {}): WebhookRequestParts => ({
	headers: json,
	query: {},
	body: { event: 'new_user' },
	...parts,
});

describe('secretMatches', () => {
	test('only the exact string matches', () => {
		expect(secretMatches(SECRET, SECRET)).toBe(true);
		expect(secretMatches(SECRET.slice(0, -1), SECRET)).toBe(false);
		expect(secretMatches(`${SECRET} `, SECRET)).toBe(false);
		expect(secretMatches(SECRET.toUpperCase(), SECRET)).toBe(false);
		expect(secretMatches('', SECRET)).toBe(false);
	});

	test('a missing, repeated or non-string value never matches', () => {
		for (const given of [undefined, null, 42, [SECRET], [SECRET, SECRET], { value: SECRET }])
			expect(secretMatches(given, SECRET)).toBe(false);
		// Not even an empty expected secret lets a non-string through.
		expect(secretMatches(undefined, '')).toBe(false);
	});

	test('compares equal-length SHA-256 digests with timingSafeEqual, whatever the lengths given', () => {
		const spy = jest.mocked(timingSafeEqual);
		spy.mockClear();
		expect(secretMatches('short', 'a much longer expected secret value')).toBe(false);
		expect(secretMatches([1, 2], 'x')).toBe(false);
		expect(spy).toHaveBeenCalledTimes(2);
		for (const [left, right] of spy.mock.calls) {
			expect(left).toHaveLength(32);
			expect(right).toHaveLength(32);
		}
	});
});

describe('bodySize', () => {
	test('the raw bytes when kept, counting UTF-8 bytes, not characters', () => {
		expect(bodySize({ headers: {}, body: {}, rawBody: Buffer.from('{"a":"é"}') })).toBe(10);
		expect(bodySize({ headers: {}, body: {}, rawBody: '{"a":"é"}' })).toBe(10);
	});

	test('else Content-Length, else the parsed body as JSON', () => {
		expect(bodySize({ headers: { 'content-length': '1234' }, body: {} })).toBe(1234);
		expect(bodySize({ headers: { 'content-length': 'nonsense' }, body: { a: 1 } })).toBe(7);
		expect(bodySize({ headers: {}, body: 'plain text' })).toBe(10);
		expect(bodySize({ headers: {}, body: undefined })).toBe(0);
	});
});

describe('redactQueryParameter', () => {
	test('redacts the parameter in URLs at any depth and leaves everything else alone', () => {
		const payload = {
			url: 'https://n8n.example.com/webhook/x?secret=abc',
			nested: { list: ['https://h/p?lang=en&secret=abc&x=1', 'secret=abc without a URL'] },
			count: 3,
			flag: true,
			none: null,
		};
		expect(redactQueryParameter(payload, 'secret')).toEqual({
			url: 'https://n8n.example.com/webhook/x?secret=[redacted]',
			nested: { list: ['https://h/p?lang=en&secret=[redacted]&x=1', 'secret=abc without a URL'] },
			count: 3,
			flag: true,
			none: null,
		});
		expect(payload.url).toBe('https://n8n.example.com/webhook/x?secret=abc');
	});
});

describe('checkWebhookRequest', () => {
	test('no secret configured: a JSON object passes, whatever the query', () => {
		expect(checkWebhookRequest(request())).toEqual({ ok: true, body: { event: 'new_user' } });
		expect(checkWebhookRequest(request({ query: { secret: 'x' } }), { secret: '' }).ok).toBe(true);
	});

	test('a secret configured: only the right query value passes', () => {
		const options = { secret: SECRET };
		expect(checkWebhookRequest(request({ query: { secret: SECRET } }), options).ok).toBe(true);
		for (const query of [{}, { secret: 'wrong' }, { secret: [SECRET] }, { token: SECRET }]) {
			const check = checkWebhookRequest(request({ query }), options);
			expect(check).toMatchObject({ ok: false, rejection: { status: 401 } });
			expect(JSON.stringify(check)).not.toContain(SECRET);
		}
	});

	test('the secret is checked first: a bad body without it tells nothing about the body', () => {
		const check = checkWebhookRequest(request({ body: [1], headers: {} }), { secret: SECRET });
		expect(check).toMatchObject({ ok: false, rejection: { status: 401 } });
	});

	test('with a secret, the passing body has its echoes of the secret redacted', () => {
		const check = checkWebhookRequest(
			request({
				query: { secret: SECRET },
				body: { callback: `https://n8n/webhook/x?secret=${SECRET}` },
			}),
			{ secret: SECRET },
		);
		expect(check).toEqual({
			ok: true,
			body: { callback: 'https://n8n/webhook/x?secret=[redacted]' },
		});
	});

	test('over the limit: 413, measured on the raw body; at the limit passes', () => {
		const at = checkWebhookRequest(request({ rawBody: Buffer.alloc(WEBHOOK_BODY_LIMIT_BYTES) }));
		expect(at.ok).toBe(true);
		const over = checkWebhookRequest(
			request({ rawBody: Buffer.alloc(WEBHOOK_BODY_LIMIT_BYTES + 1) }),
		);
		expect(over).toEqual({
			ok: false,
			rejection: {
				status: 413,
				message: `The body is ${WEBHOOK_BODY_LIMIT_BYTES + 1} bytes; send at most ${WEBHOOK_BODY_LIMIT_BYTES} bytes (one record per request)`,
			},
		});
		expect(checkWebhookRequest(request({ rawBody: '0123456789' }), { maxBytes: 9 })).toMatchObject({
			rejection: { status: 413 },
		});
	});

	test('not JSON: 415', () => {
		for (const headers of [{}, { 'content-type': 'text/plain' }]) {
			expect(checkWebhookRequest(request({ headers, body: 'a=b' }))).toEqual({
				ok: false,
				rejection: {
					status: 415,
					message: 'Send a JSON object with Content-Type: application/json',
				},
			});
		}
		expect(
			checkWebhookRequest(
				request({ headers: { 'content-type': 'Application/JSON; charset=utf-8' } }),
			).ok,
		).toBe(true);
	});

	test('JSON that is not one object: 400, naming what it got', () => {
		const cases: Array<[unknown, string]> = [
			[[{ event: 'new_user' }], 'an array'],
			['text', 'a string'],
			[7, 'a number'],
			[true, 'a boolean'],
			[null, 'null'],
			[undefined, 'empty'],
		];
		for (const [body, kind] of cases) {
			expect(checkWebhookRequest(request({ body }))).toEqual({
				ok: false,
				rejection: {
					status: 400,
					message: `The body is ${kind}, not a JSON object: send one object, {…}`,
				},
			});
		}
	});
});

test('the Secret parameter is a password field, empty by default', () => {
	expect(webhookSecretProperty).toMatchObject({
		name: 'secret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
	});
});
