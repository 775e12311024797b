/**
 * The latency mode's section of bench/results.md (`npm run bench -- --only latency`), between its
 * markers so that a run of that part alone replaces it and keeps the other figures.
 */
import { mergeSection } from './bench-report';
import type { LatencyOptions, LatencyRow } from './latency-bench';

export const LATENCY_START = '<!-- latency:start (written by npm run bench -- --only latency) -->';
export const LATENCY_END = '<!-- latency:end -->';

export interface LatencyResults {
	options: LatencyOptions;
	date: string;
	machine: string;
	minutes: number;
	rows: LatencyRow[];
}

const seconds = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(1) : 'n/a');
const ratio = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');
const thousands = (value: number) => value.toLocaleString('en-US');

/** H's time over O's: n/a when either did not output every record (H stops at a 429 and keeps what it read). */
function speedRatio(o: LatencyRow | undefined, h: LatencyRow | undefined, size: number): string {
	if (!o || !h) return 'n/a';
	if (h.items !== size) return `n/a (H output ${thousands(h.items)})`;
	if (o.items !== size) return `n/a (O output ${thousands(o.items)})`;
	return ratio(h.ms / o.ms);
}

export function latencyReport(results: LatencyResults): string {
	const { options, rows } = results;
	const lines = [
		LATENCY_START,
		'## Over a real network: every reply late',
		'',
		`Measured ${results.date} on ${results.machine}; ${results.minutes.toFixed(1)} min. Each simulator ` +
			`answers every request ${options.latencyMs} ms late` +
			(options.jitterMs ? ` (plus 0 to ${options.jitterMs} ms, seeded)` : '') +
			`, as a vendor in another country does; ${options.runs === 1 ? 'one run' : `median of ${options.runs} runs`} ` +
			'of each route, timed as above. Easypromos enforces its documented 200 requests a minute here ' +
			'(each run starts with a fresh window) and our node keeps its default Max Wait on Rate Limit. ' +
			'O: our node with its default Request Options (4 pages at once for Leevia, Kimple and SPREAD; ' +
			'Easypromos follows a cursor, one page after the other, paced to the cap). H: the HTTP Request ' +
			'node with its pagination, then Split Out, as above (it has no pages in flight at once and no ' +
			'wait on a 429). Limit: max(requests × latency ÷ requests in flight, the documented cap), our ' +
			"node's requests; for Easypromos the cap's minimum ((windows − 1) minutes) plus the last " +
			"window's pages one after the other. Load: the machine's load average (1 min) before and after " +
			"the route's runs; other work on the 2 cores counts in the figures.",
		'',
		'| vendor | records | O (s) | H (s) | limit (s) | O ÷ limit | O/H (speed) | requests O / H | 429s O / H | items O / H (duplicates) | load |',
		'| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
	];
	const keys = [...new Set(rows.map((row) => `${row.vendor}|${row.size}`))];
	for (const key of keys) {
		const [vendor, size] = key.split('|');
		const o = rows.find((row) => `${row.vendor}|${row.size}` === key && row.variant === 'O');
		const h = rows.find((row) => `${row.vendor}|${row.size}` === key && row.variant === 'H');
		const limit = o?.limitMs ?? h?.limitMs ?? NaN;
		const cell = (row: LatencyRow | undefined, what: (row: LatencyRow) => string) =>
			row ? what(row) : 'n/a';
		const time = (row: LatencyRow) =>
			row.runs ? seconds(row.ms) : `failed: ${row.errors[0] ?? 'no run'}`.replace(/\|/g, '/');
		const load = [o, h].filter((row): row is LatencyRow => !!row);
		lines.push(
			`| ${vendor} | ${thousands(Number(size))} | ${cell(o, time)} | ${cell(h, time)} | ${seconds(limit)} | ` +
				`${ratio((o?.ms ?? NaN) / limit)} | ${speedRatio(o, h, Number(size))} | ` +
				`${cell(o, (row) => String(row.requests))} / ${cell(h, (row) => String(row.requests))} | ` +
				`${cell(o, (row) => String(row.rateLimited))} / ${cell(h, (row) => String(row.rateLimited))} | ` +
				`${cell(o, (row) => `${thousands(row.items)} (${row.duplicates})`)} / ` +
				`${cell(h, (row) => `${thousands(row.items)} (${row.duplicates})`)} | ` +
				`${Math.min(...load.map((row) => row.load[0])).toFixed(2)}–${Math.max(...load.map((row) => row.load[1])).toFixed(2)} |`,
		);
	}
	lines.push('', ...goalLines(rows), '', LATENCY_END);
	return lines.join('\n');
}

/** Issue 21's goals at 150 ms: the vendor and size each is read at. */
const GOALS: Array<{ vendor: string; size: number }> = [
	{ vendor: 'leevia', size: 50_000 },
	{ vendor: 'kimple', size: 10_000 },
	{ vendor: 'spread', size: 50_000 },
];

/** The goals read from the rows: O/H ≥ 3 and O within 1.3 × the limit; Easypromos within 1.05 ×. */
function goalLines(rows: LatencyRow[]): string[] {
	const row = (vendor: string, size: number, variant: 'O' | 'H') =>
		rows.find((r) => r.vendor === vendor && r.size === size && r.variant === variant && r.runs);
	const verdict = (met: boolean) => (met ? 'met' : 'not met');
	const lines = ['### Goals (read from the table above)', ''];
	for (const { vendor, size } of GOALS) {
		const o = row(vendor, size, 'O');
		const h = row(vendor, size, 'H');
		if (!o || !h) continue;
		const speed = h.ms / o.ms;
		const ofLimit = o.ms / o.limitMs;
		lines.push(
			`- ${vendor} ${thousands(size)}: O/H ${ratio(speed)} (goal ≥ 3: ${verdict(speed >= 3)}); ` +
				`O ${ratio(ofLimit)} × the limit (goal ≤ 1.3: ${verdict(ofLimit <= 1.3)}).`,
		);
	}
	const easypromos = [...rows]
		.filter((r) => r.vendor === 'easypromos' && r.variant === 'O' && r.runs)
		.sort((a, b) => b.size - a.size)[0];
	if (easypromos) {
		const ofLimit = easypromos.ms / easypromos.limitMs;
		lines.push(
			`- easypromos ${thousands(easypromos.size)}: O ${ratio(ofLimit)} × the limit, the cap's ` +
				`minimum with the last window's pages one after the other (goal ≤ 1.05: ${verdict(ofLimit <= 1.05)}).`,
		);
	}
	return lines;
}

/** `existing` with its latency section replaced by `section`, or `section` added at its end. */
export function mergeLatencySection(existing: string, section: string): string {
	return mergeSection(existing, LATENCY_START, LATENCY_END, section);
}
