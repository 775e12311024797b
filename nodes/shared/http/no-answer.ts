import type { IHttpRequestMethods } from 'n8n-workflow';

import type { HttpFailure, WriteRecord } from './http-failure';

/** What the request kernel knows of a call that failed, for the words of its error. */
export interface FailedCall {
	method: IHttpRequestMethods;
	/** The API's root the call went to, from the credential. */
	baseUrl: string;
	/** Requests sent, retries included. */
	attempts: number;
	timeoutMs: number;
	/** How long the call could wait in total on faults, in seconds. */
	maxWaitSeconds: number;
	itemIndex?: number;
	/** What the request points at (e.g. "promotion ID 12"), for a 404 or an unknown outcome. */
	about?: string;
	/** A write's record, named in the message when its outcome is unknown. */
	record?: WriteRecord;
}

/** What these messages say of a vendor: data, so that every vendor's are worded in one place. */
export interface VendorWording {
	/** The vendor's name, as messages give it: "Easypromos". */
	vendor: string;
	/** What to do about a reply that did not come in time, where the node has an option for it. */
	timeoutHint?: string;
}

export interface ErrorWords {
	message: string;
	description: string;
}

/** " (tried 3 times)" after retries; nothing after a single request. */
export function triesWords(call: Pick<FailedCall, 'attempts'>): string {
	return call.attempts > 1 ? ` (tried ${call.attempts} times)` : '';
}

/** The write's own record, or the request and what it points at, and a check in the vendor's data. */
export function writeRecordOf(vendor: string, call: Pick<FailedCall, 'about' | 'record'>) {
	return (
		call.record ?? {
			done: `carried out the request${call.about ? ` for ${call.about}` : ''}`,
			advice: `Check the data in ${vendor} before running this item again`,
		}
	);
}

/**
 * A write that may have been carried out though no whole answer came (the connection broke after it
 * was sent, no reply in time, a reply cut off), or that met a server error the vendor does not say
 * leaves it undone. The message names the record and what to check, so that nobody runs it again
 * blindly and applies it twice. (After a server error, the description is the vendor's own words.)
 */
export function unknownOutcomeWords(
	wording: VendorWording,
	failure: HttpFailure,
	call: FailedCall,
): { message: string; description?: string } {
	const { vendor } = wording;
	const record = writeRecordOf(vendor, call);
	if (failure.kind === 'status') {
		return {
			message: `${vendor} had a server error (HTTP ${failure.status}) and may have ${record.done}: the outcome is unknown, so the request was not sent again. ${record.advice}`,
		};
	}
	const how: Record<string, [string, string]> = {
		timeout: [
			`but sent no reply within ${call.timeoutMs / 1000} s`,
			'No reply came in time after the request was sent',
		],
		cut: ['but its reply was cut off', 'The reply began but was cut off before its end'],
	};
	const [happened, detail] = how[failure.kind] ?? [
		'before the connection broke',
		'The connection broke after the request was sent',
	];
	return {
		message: `${vendor} may have ${record.done} ${happened}: the outcome is unknown. ${record.advice}`,
		description: `${detail} (${failure.message}). A write is not sent again when it may have been carried out.`,
	};
}

/**
 * No whole HTTP answer came: the host is unreachable, the connection broke, no reply came in time, or
 * the reply was cut off (for a write that may have been carried out, see unknownOutcomeWords). n8n
 * rewrites a message that names a network error code, so the cause goes in the description.
 */
export function noAnswerWords(
	wording: VendorWording,
	failure: HttpFailure,
	call: FailedCall,
): ErrorWords {
	const { vendor } = wording;
	const tries = triesWords(call);
	const cause = `(${failure.networkCode ? `${failure.networkCode}: ` : ''}${failure.message})`;
	switch (failure.kind) {
		case 'broken':
			return {
				message: tries
					? `The connection to ${vendor} kept breaking${tries}: try again later`
					: `The connection to ${vendor} broke before a reply came: try again later`,
				description: `The connection broke before a reply came ${cause}.`,
			};
		case 'timeout':
			return {
				message: `${vendor} sent no reply within ${call.timeoutMs / 1000} s${tries}: try again later${
					wording.timeoutHint ? `, or ${wording.timeoutHint}` : ''
				}`,
				description: `No reply came in time ${cause}.`,
			};
		case 'cut':
			return {
				message: `${vendor}'s reply was cut off before its end${tries}: try again later`,
				description: `The reply began but was cut off ${cause}.`,
			};
		default:
			// Unreachable, or another failure without an answer (TLS, a proxy, a URL that is not one).
			return {
				message: `Could not reach ${vendor} at ${call.baseUrl}: check the Base URL in the credential and the network between n8n and ${vendor}`,
				description: `The connection failed ${cause}.`,
			};
	}
}
