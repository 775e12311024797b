/**
 * One sign-in for the requests that find a product's token expired together, whichever product: the
 * credential's own or another one a node names. The pages of a list read at once all carry the same
 * token; when it expires each gets a 401, and n8n runs the credential's preAuthentication for each of
 * them. Here the first signs in, and those that still hold the token it replaced get its new one,
 * while it is under way or for a short while after.
 */
interface SignIn<Result> {
	/** The token the sign-in replaced ('' when there was none). */
	replaced: string;
	result: Promise<Result>;
	at: number;
}

/** How long a new token is handed to a request that carried the old one: the tokens live far longer. */
export const SHARED_SIGN_IN_MS = 30_000;

const signIns = new Map<string, SignIn<unknown>>();

/**
 * The sign-in for a request that holds `held`, under `key` (the fingerprint of the key, secret and
 * product it signs in for, never a secret itself): the one under way or made in the last
 * SHARED_SIGN_IN_MS that replaced `held`; otherwise `signIn()`'s. A request that holds the newest token
 * already signs in again: that token itself was refused. After a sign-in that failed, the first request
 * waiting on it signs in again and the others wait on that one.
 */
export async function sharedSignIn<Result>(
	key: string,
	held: string,
	signIn: () => Promise<Result>,
	now: () => number = Date.now,
): Promise<Result> {
	for (;;) {
		const known = signIns.get(key) as SignIn<Result> | undefined;
		if (!known || now() - known.at >= SHARED_SIGN_IN_MS || held !== known.replaced) break;
		const result = await known.result.then(
			(value) => ({ value }),
			() => undefined,
		);
		if (result) return result.value;
		if (signIns.get(key) === known) break;
	}
	const result = signIn();
	signIns.set(key, { replaced: held, result, at: now() });
	return await result;
}
