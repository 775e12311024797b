/**
 * How long one request waits for the vendor's reply before it counts as failed (a read is then sent
 * again; a write's outcome is unknown). No vendor's document names a limit; their pages answer in
 * well under a second. Easypromos's "Timeout (Seconds)" request option changes it per node.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

let requestTimeoutMs = REQUEST_TIMEOUT_MS;

/** The timeout of a request that names none. */
export function defaultRequestTimeoutMs(): number {
	return requestTimeoutMs;
}

/**
 * For tests only (Leevia's operations and the triggers have no option to carry a timeout): the
 * timeout of every request that names none, or REQUEST_TIMEOUT_MS again when undefined.
 */
export function setRequestTimeoutMs(ms?: number): void {
	requestTimeoutMs = ms ?? REQUEST_TIMEOUT_MS;
}
