import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	NodeApiError,
} from 'n8n-workflow';

import type { CredentialSession, RequestContext } from './credential-session';
import type { HttpFailure, WriteRecord } from './http-failure';
import type { FailedCall, VendorWording } from './no-answer';

// What a vendor gives the request kernel (request.ts): its facts as data, and hooks where it differs.

/** What one call can say beside its method and path; each vendor's options are the part it uses. */
export interface TransportOptions {
	qs?: IDataObject;
	/** A JSON body. */
	body?: IDataObject;
	/** A form-encoded body (`a=1&b=2`). */
	form?: string;
	/** A body that can be sent once only (multipart), built afresh for every attempt, sent as it is. */
	buildBody?: () => unknown;
	itemIndex?: number;
	/** How long the call may wait in total on 429s (reads: and 5xx) before giving up, in seconds. */
	maxWaitSeconds?: number;
	/** What the request points at (e.g. "promotion ID 12"), for a 404 or an unknown outcome. */
	about?: string;
	/** A write's record, named in the message when its outcome is unknown (reply lost or cut off). */
	record?: WriteRecord;
	/** Whether the vendor answered earlier in this run: a refused connection is then retried on a read. */
	answeredBefore?: boolean;
	/** How long to wait for a reply, in milliseconds; REQUEST_TIMEOUT_MS unless told. */
	timeoutMs?: number;
	/** The credential, read once for the many requests of a list; read here when not given. */
	session?: CredentialSession;
	/** Pages of a list read at once where the vendor lets a page be addressed (DEFAULT_PAGES_AT_ONCE). */
	pagesAtOnce?: number;
	/** Told when the vendor answers 429 (before the wait and the next try): a list reads fewer pages at once. */
	onRateLimited?: () => void;
}

/** One attempt of a call, as a vendor's `send` hook gets it. */
export interface Attempt {
	method: IHttpRequestMethods;
	/** The request as the kernel built it: URL, query, headers, body, timeout. */
	request: IHttpRequestOptions;
	session: CredentialSession;
	baseUrl: string;
	/** The longest the whole call may wait, in milliseconds. */
	maxWaitMs: number;
	itemIndex?: number;
}

/** How a vendor's calls are retried, beyond what is the same for every vendor (retryPolicyOf). */
export interface VendorRetry {
	/** Statuses on which a write is sent again: those the vendor says leave it undone (429, 503). */
	writeStatuses: number[];
	/** How long a call may wait in total on faults unless its options say, in seconds. */
	maxWaitSeconds: number;
	maxRetries?: number;
	/** Other failures worth another try (Leevia: a sign-in that failed for a while). */
	retryAlso?: (failure: HttpFailure) => boolean;
	/** The wait before a retry when no Retry-After came; unless told, 1, 2, 4 … s, at most 30 s. */
	backoffMs?: (attempt: number, failure: HttpFailure, context: RequestContext) => number;
}

/**
 * The vendor's error for the failure at hand, with its item index: a message that says what happened
 * and what to do, and a description (the vendor's own words and the HTTP status, unless given).
 */
export type ApiError = (message: string, description?: string) => NodeApiError;

/** A vendor bound to the kernel: what it is, as data, and hooks where it differs. */
export interface TransportBinding<Options extends TransportOptions> extends VendorWording {
	credentialType: string;
	/** The API's root, from the credential's fields, without a final slash. */
	baseUrl: (credential: ICredentialDataDecryptedObject) => string;
	/** The media type the API answers in, sent as Accept. */
	accept: string;
	retry: VendorRetry;
	/**
	 * What is wrong with the credential's fields, worded with the field to fix, checked before any
	 * request (Kimple: a header name that cannot be sent); undefined when nothing is.
	 */
	checkCredential?: (credential: ICredentialDataDecryptedObject) => string | undefined;
	/** Sends one attempt, by default through the session (Easypromos paces, SPREAD follows redirects). */
	send?: (context: RequestContext, attempt: Attempt) => Promise<unknown>;
	/** The vendor's own words in a failed answer and its HTTP status: an error's description. */
	describe: (failure: HttpFailure) => string;
	/** The vendor's error for an answer with an HTTP error status (not an unknown outcome). */
	statusError: (
		failure: HttpFailure,
		apiError: ApiError,
		call: FailedCall,
		options: Options,
	) => Error;
	/** A failure that shows the call itself was not sent (Leevia: its sign-in failed first). */
	notSent?: (failure: HttpFailure) => boolean;
	/** A failure the credential worded for a person (Leevia's sign-in): its words are the message. */
	ownWords?: (failure: HttpFailure) => boolean;
}
