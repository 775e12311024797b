/**
 * How long one request waits for the vendor's reply before it counts as failed (a read is then sent
 * again; a write's outcome is unknown), unless the node's "Timeout (Seconds)" request option or the
 * trigger's poll frame names another. No vendor's document names a limit; their pages answer in well
 * under a second.
 */
export const REQUEST_TIMEOUT_MS = 30_000;
