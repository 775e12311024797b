import type { HttpFailure } from '../../nodes/shared/http/http-failure';
import {
	noAnswerWords,
	unknownOutcomeWords,
	type FailedCall,
} from '../../nodes/shared/http/no-answer';

// The words every vendor's "no answer came" and "unknown outcome" errors share: the vendor's name and
// its timeout hint are data. The workflow tests check them as each vendor's node shows them.

const read: FailedCall = {
	method: 'GET',
	baseUrl: 'https://api.example.test/v2',
	attempts: 1,
	timeoutMs: 30_000,
	maxWaitSeconds: 60,
};
const write: FailedCall = { ...read, method: 'POST', about: 'user ID 7' };

function failure(kind: HttpFailure['kind'], extra: Partial<HttpFailure> = {}): HttpFailure {
	return { kind, headers: {}, message: 'socket hang up', ...extra };
}

const acme = {
	vendor: 'Acme',
	timeoutHint: 'raise "Timeout (Seconds)" in the node\'s Request Options',
};

describe('no answer came', () => {
	test('a connection that broke once, then on every try', () => {
		expect(noAnswerWords(acme, failure('broken', { networkCode: 'ECONNRESET' }), read)).toEqual({
			message: 'The connection to Acme broke before a reply came: try again later',
			description: 'The connection broke before a reply came (ECONNRESET: socket hang up).',
		});
		expect(noAnswerWords(acme, failure('broken'), { ...read, attempts: 3 }).message).toBe(
			'The connection to Acme kept breaking (tried 3 times): try again later',
		);
	});

	test('no reply in time: the timeout in seconds, and the hint where the vendor has one', () => {
		const late = failure('timeout', { message: 'timeout of 1500ms exceeded' });
		expect(noAnswerWords(acme, late, { ...read, timeoutMs: 1500, attempts: 2 })).toEqual({
			message:
				'Acme sent no reply within 1.5 s (tried 2 times): try again later, or raise "Timeout (Seconds)" in the node\'s Request Options',
			description: 'No reply came in time (timeout of 1500ms exceeded).',
		});
		expect(noAnswerWords({ vendor: 'Acme' }, late, read).message).toBe(
			'Acme sent no reply within 30 s: try again later',
		);
	});

	test('a reply cut off', () => {
		expect(
			noAnswerWords(acme, failure('cut', { message: 'stream has been aborted' }), read),
		).toEqual({
			message: "Acme's reply was cut off before its end: try again later",
			description: 'The reply began but was cut off (stream has been aborted).',
		});
	});

	test('an unreachable host names the base URL to check', () => {
		const refused = failure('unreachable', {
			networkCode: 'ECONNREFUSED',
			message: 'connect ECONNREFUSED 127.0.0.1:9',
		});
		expect(noAnswerWords(acme, refused, read)).toEqual({
			message:
				'Could not reach Acme at https://api.example.test/v2: check the Base URL in the credential and the network between n8n and Acme',
			description: 'The connection failed (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9).',
		});
	});
});

describe('a write whose outcome is unknown names its record', () => {
	const record = {
		done: 'booked 25 coins for user ID 7',
		advice: "Check the user's coin history before running this item again",
	};

	test.each([
		['cut', 'but its reply was cut off', 'The reply began but was cut off before its end'],
		[
			'timeout',
			'but sent no reply within 30 s',
			'No reply came in time after the request was sent',
		],
		['broken', 'before the connection broke', 'The connection broke after the request was sent'],
	] as const)('%s', (kind, happened, detail) => {
		expect(unknownOutcomeWords(acme, failure(kind), { ...write, record })).toEqual({
			message: `Acme may have booked 25 coins for user ID 7 ${happened}: the outcome is unknown. Check the user's coin history before running this item again`,
			description: `${detail} (socket hang up). A write is not sent again when it may have been carried out.`,
		});
	});

	test('a server error that does not say the write was left undone', () => {
		expect(
			unknownOutcomeWords(acme, failure('status', { status: 502 }), { ...write, record }),
		).toEqual({
			message:
				"Acme had a server error (HTTP 502) and may have booked 25 coins for user ID 7: the outcome is unknown, so the request was not sent again. Check the user's coin history before running this item again",
		});
	});

	test('without a record of its own: the request and what it points at', () => {
		expect(unknownOutcomeWords(acme, failure('cut'), write).message).toBe(
			'Acme may have carried out the request for user ID 7 but its reply was cut off: the outcome is unknown. Check the data in Acme before running this item again',
		);
	});
});
