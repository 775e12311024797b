/**
 * One sign-in for the requests that find a credential's token expired together. The pages of a list
 * read at once all carry the same token; when it expires each gets a 401, and n8n signs in again for
 * each of them (a credential's preAuthentication). Here the first does, and those that still hold
 * the token it replaced get its new one, while it is under way or for a short while after.
 */
interface SignIn {
	/** The token the sign-in replaced ('' when there was none). */
	replaced: string;
	token: Promise<string>;
	at: number;
}

/** How long a new token is handed to a request that carried the old one: the tokens live far longer. */
export const SHARED_SIGN_IN_MS = 30_000;

const signIns = new Map<string, SignIn>();

/**
 * The token for a request whose credential holds `held`: the token of a sign-in of the same `key` (a
 * hash of the credential's fields, never a secret itself) under way or made in the last
 * SHARED_SIGN_IN_MS that replaced `held`; otherwise `signIn()`'s. A credential that holds the newest
 * token already signs in again: that token itself was refused.
 */
export async function sharedSignIn(
	key: string,
	held: string,
	signIn: () => Promise<string>,
	now: () => number = Date.now,
): Promise<string> {
	const known = signIns.get(key);
	if (known && now() - known.at < SHARED_SIGN_IN_MS) {
		const token = await known.token.catch(() => undefined);
		if (token !== undefined && held === known.replaced) return token;
	}
	const token = signIn();
	signIns.set(key, { replaced: held, token, at: now() });
	return await token;
}
