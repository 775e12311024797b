import { RateWindow } from '../../nodes/shared/http/rate-window';

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
	let time = start;
	return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe('RateWindow', () => {
	test('lets `limit` requests go at once, then waits until the window that the first one opened is over', () => {
		const time = clock();
		const window = new RateWindow(3, 60_000, time.now);
		for (let request = 0; request < 3; request++) {
			expect(window.waitMs()).toBe(0);
			window.record();
			time.advance(1_000);
		}
		// Three requests at t=0, 1 s, 2 s; now t=3 s: the fourth waits until t=60 s.
		expect(window.waitMs()).toBe(57_000);
		time.advance(57_000);
		expect(window.waitMs()).toBe(0);
		window.record();
		// The fourth request opened a new window: two more may go at once.
		expect(window.waitMs()).toBe(0);
	});

	test('a fresh window has nothing to wait for, and knows no end', () => {
		const window = new RateWindow(200, 60_000, clock().now);
		expect(window.waitMs()).toBe(0);
		expect(window.msUntilOver()).toBeUndefined();
	});

	test('after a 429 with no Retry-After: the time until our window is over, or unknown once it is', () => {
		const time = clock();
		const window = new RateWindow(200, 60_000, time.now);
		window.record();
		time.advance(45_000);
		expect(window.msUntilOver()).toBe(15_000);
		time.advance(15_000);
		expect(window.msUntilOver()).toBeUndefined();
	});

	test('paced at 200 a minute, 450 requests take two waits and land right after the second window', () => {
		const time = clock();
		const window = new RateWindow(200, 60_000, time.now);
		let waited = 0;
		for (let request = 0; request < 450; request++) {
			const wait = window.waitMs();
			waited += wait;
			time.advance(wait);
			window.record();
			time.advance(10);
		}
		// Windows open at 0 and 60 s and 120 s: the cap's own minimum for 450 requests.
		expect(waited).toBe(2 * 60_000 - 2 * 200 * 10);
	});
});
