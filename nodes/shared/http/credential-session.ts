import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

export type RequestContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

/** A credential read once, for all the requests of one operation (a Return All: one per page). */
export interface CredentialSession {
	/** The credential's fields, decrypted (and its token, refreshed in place after a 401). */
	readonly data: ICredentialDataDecryptedObject;
	/**
	 * One request through n8n's httpRequestWithAuthentication, with this credential; `as` sends it
	 * with other fields of it (Leevia: another product's token), which n8n refreshes in place.
	 */
	request(options: IHttpRequestOptions, as?: ICredentialDataDecryptedObject): Promise<unknown>;
}

/**
 * Reads and decrypts the node's credential of `type` once. Without it every request read it twice (our
 * transport for the base URL, n8n's helper again), each read a database query, a decryption and an
 * expression pass: 2.6 of the 5.5 ms a page took (bench/results.md). n8n's helper still does the rest
 * for every request: the credential's preAuthentication (a sign-in when the token is empty, again after
 * a 401, the new token stored and written into `data` so the next pages carry it), its authenticate,
 * and the request through n8n's HTTP client (proxy, SSRF policy, execution cancel).
 */
export async function openCredentialSession(
	context: RequestContext,
	type: string,
): Promise<CredentialSession> {
	const data = await context.getCredentials(type);
	const reference = context.getNode().credentials?.[type];
	// n8n's helper uses `data` instead of reading the credential again, and refreshes the token into it.
	const credentialsDecrypted = { id: reference?.id ?? '', name: reference?.name ?? '', type, data };
	return {
		data,
		request: async (options, as) =>
			await context.helpers.httpRequestWithAuthentication.call(context, type, options, {
				credentialsDecrypted: as ? { ...credentialsDecrypted, data: as } : credentialsDecrypted,
			}),
	};
}
