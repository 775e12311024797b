/**
 * A vendor's fixed rate window as one execution's own requests see it: at most `limit` requests in a
 * window that opens with its first request and lasts `windowMs` (Easypromos documents 200 a minute,
 * "429 until 60 s after the window's first request"). Pacing on it means an export waits before the
 * request that would be refused, instead of sending it and reacting to the 429.
 *
 * It knows only this execution's requests: other workflows or apps on the same account can still fill
 * the vendor's window, so a 429 stays possible and is waited out as before.
 */
export class RateWindow {
	private openedAt?: number;

	private sent = 0;

	constructor(
		private readonly limit: number,
		private readonly windowMs: number,
		private readonly now: () => number = Date.now,
	) {}

	/** How long to wait before the next request may go: 0 while the window has room. */
	waitMs(): number {
		if (this.openedAt === undefined || this.isOver()) return 0;
		return this.sent < this.limit ? 0 : this.openedAt + this.windowMs - this.now();
	}

	/**
	 * Counts a request once its reply has come (or it failed). The first one after a window is over
	 * opens the next: timed at the reply, which is no earlier than the vendor saw the request, so our
	 * window never ends before the vendor's does.
	 */
	record(): void {
		if (this.openedAt === undefined || this.isOver()) {
			this.openedAt = this.now();
			this.sent = 0;
		}
		this.sent++;
	}

	/**
	 * After a 429 that names no wait: the time until this window is over, or undefined when no window
	 * of ours is open (the account's window was opened by someone else, at a time we cannot know).
	 */
	msUntilOver(): number | undefined {
		if (this.openedAt === undefined || this.isOver()) return undefined;
		return this.openedAt + this.windowMs - this.now();
	}

	private isOver(): boolean {
		return this.now() - (this.openedAt ?? 0) >= this.windowMs;
	}
}
