/** The summary of `npm run bench` as Markdown (printed, and written to bench/results.md). */
import type { ExportSummary, Variant, Vendor } from './bench-export';
import type { PageProfile } from './bench-profile';
import type { RateLimitRow } from './easypromos-rate-limit';
import type { KimpleTriggerRow } from './kimple-bench';
import type { PollCostRow, TriggerState } from './leevia-export';
import type { SignInRow } from './leevia-signins';
import type { SpreadTriggerRow } from './spread-bench';
import type { SpreadChangeRow, SpreadFindRow } from './spread-crm-bench';

export interface Results {
	machine: {
		cpu: string;
		cores: number;
		ramGb: number;
		benchNode: string;
		n8n?: string;
		n8nNode?: string;
		loadAtStart: number;
		loadAtEnd?: number;
	};
	date: string;
	sizes: number[];
	/** The sizes of Kimple's exports (its own contest per size). */
	kimpleSizes: number[];
	runs: number;
	tarball?: string;
	exports: ExportSummary[];
	profiles: PageProfile[];
	signIns: SignInRow[];
	trigger?: TriggerState;
	/** The Leevia Trigger's requests and time per poll, before and after it read only what is new. */
	triggerPolls?: PollCostRow[];
	/** The n8n-core the harness runs the triggers on (the bench's own node_modules). */
	n8nCore?: string;
	rateLimit: RateLimitRow[];
	kimpleTrigger?: KimpleTriggerRow[];
	/** The cagnotte lines of SPREAD's export (one account's ledger). */
	spreadLines: number;
	spreadTrigger?: SpreadTriggerRow[];
	/** New or Updated Customer and Validated Cagnotte Line: requests per poll. */
	spreadChanges?: SpreadChangeRow[];
	/** Customer → Find: what a lookup reads, SPREAD having no customer search. */
	spreadFind?: SpreadFindRow[];
	seconds?: number;
}

/** Kimple's section sits between these, so that a Kimple-only run can replace it in results.md. */
export const KIMPLE_START = '<!-- kimple:start (written by npm run bench -- --only kimple) -->';
export const KIMPLE_END = '<!-- kimple:end -->';
/** SPREAD's section, likewise for a SPREAD-only run. */
export const SPREAD_START = '<!-- spread:start (written by npm run bench -- --only spread) -->';
export const SPREAD_END = '<!-- spread:end -->';
/** The Leevia Trigger's section (the `trigger` part), likewise for a run of that part alone. */
export const LEEVIA_TRIGGER_START =
	'<!-- leevia-trigger:start (written by npm run bench -- --only trigger) -->';
export const LEEVIA_TRIGGER_END = '<!-- leevia-trigger:end -->';

const ROUTES: Record<Variant, string> = {
	O: 'O: our node',
	H: 'H: HTTP Request + pagination + Split Out',
	R: 'R: raw fetch loop',
};

const int = (value: number) =>
	Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
const fixed = (value: number, digits = 2) =>
	Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
const ratio = (a: number, b: number) => fixed(a / b);
const mark = (ok: boolean) => (ok ? 'yes' : 'no');

function table(header: string[], rows: string[][]): string {
	const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
	return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function find(results: Results, vendor: Vendor, size: number, variant: Variant) {
	return results.exports.find(
		(row) => row.vendor === vendor && row.size === size && row.variant === variant,
	);
}

/** The export tables of `rows` (some vendors' summaries) at `sizes`; `h` is the heading's level. */
function exportsSection(
	results: Results,
	rows: ExportSummary[],
	sizes: number[],
	h = '##',
): string[] {
	if (!rows.length) return [];
	results = { ...results, exports: rows, sizes };
	const largest = Math.max(...results.sizes);
	const smallest = Math.min(...results.sizes);
	const vendors = [...new Set(results.exports.map((row) => row.vendor))];
	const out: string[] = [];
	out.push(
		`${h} Return All exports (median of ${results.runs} runs)`,
		'',
		table(
			[
				'vendor',
				'records',
				'route',
				'items/s',
				'time (ms)',
				'items / duplicates',
				'requests',
				'TCP connections',
				'RSS during export (MB)',
				'VmHWM (MB)',
			],
			results.exports.map((row) => [
				row.vendor,
				int(row.size),
				ROUTES[row.variant],
				int(row.itemsPerSecond),
				int(row.ms),
				`${int(row.items)} / ${row.duplicates}` + (row.errors.length ? ` (${row.errors[0]})` : ''),
				int(row.requests),
				int(row.connections),
				int(row.exportRssMb),
				int(row.hwmMb),
			]),
		),
		'',
		`${h} Ratios, and the goals at the largest size`,
		'',
	);
	const ratioRows: string[][] = [];
	const goalRows: string[][] = [];
	for (const vendor of vendors) {
		for (const size of results.sizes) {
			const [o, h, r] = (['O', 'H', 'R'] as const).map((v) => find(results, vendor, size, v));
			if (!o || !h || !r) continue;
			ratioRows.push([
				vendor,
				int(size),
				ratio(o.itemsPerSecond, h.itemsPerSecond),
				ratio(o.itemsPerSecond, r.itemsPerSecond),
				ratio(o.exportRssMb, h.exportRssMb),
				ratio(o.hwmMb, h.hwmMb),
				`${int(o.connections)} for ${int(o.requests)}`,
			]);
			if (size !== largest) continue;
			const oSmall = find(results, vendor, smallest, 'O');
			const growth =
				oSmall && smallest !== largest ? o.ms / o.size / (oSmall.ms / oSmall.size) : NaN;
			goalRows.push([
				vendor,
				`${mark(o.itemsPerSecond >= 2 * h.itemsPerSecond)} (${ratio(o.itemsPerSecond, h.itemsPerSecond)})`,
				`${mark(o.itemsPerSecond >= 0.4 * r.itemsPerSecond)} (${ratio(o.itemsPerSecond, r.itemsPerSecond)})`,
				`${mark(o.exportRssMb <= 0.5 * h.exportRssMb)} (${ratio(o.exportRssMb, h.exportRssMb)}; VmHWM ${ratio(o.hwmMb, h.hwmMb)})`,
				`${mark(o.connections < o.requests / 2)} (${int(o.connections)} for ${int(o.requests)})`,
				Number.isFinite(growth)
					? `${mark(growth <= 1.25)} (${fixed(growth)}x the time per record at ${int(smallest)})`
					: 'n/a (one size)',
			]);
		}
	}
	out.push(
		table(
			[
				'vendor',
				'records',
				'O/H items/s',
				'O/R items/s',
				'O/H RSS during export',
				'O/H VmHWM',
				'O: connections for requests',
			],
			ratioRows,
		),
		'',
		table(
			[
				`goal at ${int(largest)}`,
				'O ≥ 2 × H items/s',
				'O ≥ 0.4 × R items/s',
				"O's RSS ≤ 0.5 × H's",
				'connections reused',
				'cost linear in records',
			],
			goalRows,
		),
		'',
	);
	// One size: no growth to show.
	if (smallest === largest) return out;
	out.push(`${h} Growth from ${int(smallest)} to ${int(largest)} records`, '');
	const growthRows: string[][] = [];
	for (const vendor of vendors) {
		for (const variant of ['O', 'H', 'R'] as const) {
			const small = find(results, vendor, smallest, variant);
			const large = find(results, vendor, largest, variant);
			if (!small || !large) continue;
			const perItem = (row: ExportSummary) => (row.ms * 1000) / row.size;
			growthRows.push([
				vendor,
				ROUTES[variant],
				fixed(perItem(small), 1),
				fixed(perItem(large), 1),
				ratio(perItem(large), perItem(small)),
				fixed(((large.exportRssMb - small.exportRssMb) * 1000) / (large.size - small.size), 1),
			]);
		}
	}
	out.push(
		table(
			[
				'vendor',
				'route',
				`µs per record at ${int(smallest)}`,
				`at ${int(largest)}`,
				'ratio',
				'RSS during export, MB per 1,000 more records',
			],
			growthRows,
		),
		'',
	);
	return out;
}

function profileSection(results: Results): string[] {
	if (!results.profiles.length) return [];
	const ms = (value: number) => fixed(value, 2);
	const rows: Array<[string, (p: PageProfile) => number]> = [
		['the node, per page (its execution time / pages)', (p) => p.node],
		['• our transport: getCredentials (for the base URL)', (p) => p.nodeGetCredentials],
		["• n8n's httpRequestWithAuthentication, of which:", (p) => p.helper],
		['  – getCredentials again', (p) => p.helperGetCredentials],
		['  – preAuthentication (token check)', (p) => p.preAuthentication],
		["  – the credential's authenticate", (p) => p.authenticate],
		["  – n8n's HTTP client (new Agent and TCP connection, axios, JSON)", (p) => p.httpClient],
		['• the rest: our retry and paging, copying items, n8n', (p) => p.rest],
		['(in the getCredentials above: the credential queries)', (p) => p.credentialQuery],
		['(in the getCredentials above: decryptions, with their key lookup)', (p) => p.decrypt],
	];
	return [
		'## Where a page goes: our node (ms per page)',
		'',
		'One more O run at the largest size, one page after the other (Pages at Once 1, so that the ' +
			'steps of a page add up), with bench/n8n-timing-hook.cjs preloaded into n8n ' +
			'(it times the calls a request goes through; it changes no file). R, for comparison, takes ' +
			results.profiles
				.map((p) => {
					const r = find(results, p.vendor, p.size, 'R');
					return r ? `${ms(r.ms / p.pages)} ms a page (${p.vendor})` : '';
				})
				.filter(Boolean)
				.join(', ') +
			'.',
		'',
		table(
			['step', ...results.profiles.map((p) => `${p.vendor}, ${int(p.size)} (${p.pages} pages)`)],
			rows.map(([name, value]) => [name, ...results.profiles.map((p) => ms(value(p)))]),
		),
		'',
	];
}

function signInSection(results: Results): string[] {
	if (!results.signIns.length) return [];
	return [
		'## Leevia: sign-ins per 100 executions',
		'',
		'One `n8n executeBatch` process runs 100 one-request workflows (Participant → Get Many, Limit 1) one ' +
			'after the other; the simulator counts its sign-in endpoint. Goal: 1 per 100.',
		'',
		table(
			['case', 'executions', 'succeeded', 'sign-ins', '401s', 'requests', 'seconds'],
			results.signIns.map((row) => [
				row.case,
				String(row.executions),
				String(row.succeeded),
				String(row.signIns),
				String(row.unauthorized),
				String(row.requests),
				fixed(row.seconds, 1),
			]),
		),
		'',
	];
}

function leeviaPollSection(results: Results): string[] {
	const rows = results.triggerPolls;
	if (!rows?.length) return [];
	return [
		'### Leevia Trigger: requests and time per poll, before and after',
		'',
		'New Participant on one product, polled through n8n-core (test/harness) against the simulator ' +
			`(100 participants a page): each row is the average of ${rows[0].polls} polls, each after that ` +
			'many new participants, over a contest of that size at the start (it grows by the newcomers ' +
			'as the rows go down). Before: the static data ' +
			'is stripped of the remembered position before every poll, so that the poll reads the export ' +
			'whole, as 0.2 did (its seen set still emits each newcomer once). After: the trigger as it is, ' +
			'reading on from the page where the previous poll ended. Goal: at most 3 requests a poll when ' +
			'fewer than 100 are new, whatever the size of the contest.',
		'',
		table(
			[
				'participants',
				'new per poll',
				'before: requests',
				'before: ms',
				'after: requests',
				'after: ms',
				'goal',
			],
			rows.map((row) => [
				int(row.participants),
				String(row.new),
				String(row['before requests']),
				int(row['before ms']),
				String(row['after requests']),
				int(row['after ms']),
				row.new < 100 ? mark(row['after requests'] <= 3) : 'n/a (100 or more new)',
			]),
		),
		'',
	];
}

function triggerStateSection(results: Results): string[] {
	const t = results.trigger;
	if (!t) return [];
	return [
		'### Leevia Trigger: static data',
		'',
		`After ${t.polls} polls over ${int(t.participants)} participants (the first the baseline, then 5 new ` +
			`ones, ${t['poll emitted']} emitted), through n8n-core (test/harness): ` +
			`**${int(t['state bytes after'])} bytes** of static data (a list of every id, as 0.1.0 kept: ` +
			`${int(t['state bytes before'])} bytes); the last poll read ${t['poll requests']} page${t['poll requests'] === 1 ? '' : 's'} in ${t['poll s']} s.`,
		'',
	];
}

/** The Leevia Trigger's figures, between LEEVIA_TRIGGER_START and _END; none when not measured. */
function leeviaTriggerLines(results: Results): string[] {
	if (!results.trigger && !results.triggerPolls?.length) return [];
	const m = results.machine;
	return [
		LEEVIA_TRIGGER_START,
		'## Leevia Trigger',
		'',
		`Measured ${results.date} on ${m.cpu}, ${m.cores} cores; load average ${fixed(m.loadAtStart)} at the ` +
			`start, ${fixed(m.loadAtEnd ?? NaN)} at the end; n8n-core ${results.n8nCore ?? '?'} on Node ` +
			`${m.benchNode}` +
			(results.seconds ? `; ${fixed(results.seconds / 60, 1)} min` : '') +
			'. No n8n process: the node runs in the bench.',
		'',
		...leeviaPollSection(results),
		...triggerStateSection(results),
		LEEVIA_TRIGGER_END,
		'',
	];
}

function rateLimitSection(results: Results): string[] {
	if (!results.rateLimit.length) return [];
	return [
		'## Easypromos under its rate limit',
		'',
		"Our node's Return All in real n8n (default Max Wait on Rate Limit) against the simulator's per-account " +
			'cap: scaled down (20 requests per 2 s), and the documented 200 a minute itself. The minimum: the ' +
			'last window cannot open before (windows − 1) × window. A 429 is a request sent too early.',
		'',
		table(
			[
				'scenario',
				'cap',
				'users / pages',
				'minimum (s)',
				'time (s)',
				'× minimum',
				'items',
				'lost',
				'repeated',
				'requests',
				'429s',
			],
			results.rateLimit.map((row) => [
				row.scenario,
				row.cap,
				`${int(row.users)} / ${row.pages}`,
				fixed(row.minimumSeconds, 1),
				fixed(row.seconds, 1),
				fixed(row.overMinimum),
				int(row.items),
				String(row.lost),
				String(row.repeated),
				String(row.requests),
				`${row.rateLimited}${row.error ? ` (error: ${row.error.split('\n')[0]})` : ''}`,
			]),
		),
		'',
	];
}

export function report(results: Results): string {
	const m = results.machine;
	return [
		'# Benchmark results',
		'',
		'Written by `npm run bench` (bench/run.ts): one run, nothing asserted.',
		'',
		`- Date: ${results.date}`,
		`- Machine: ${m.cpu}, ${m.cores} cores, ${fixed(m.ramGb, 1)} GB RAM; load average ${fixed(m.loadAtStart)} at the ` +
			`start, ${fixed(m.loadAtEnd ?? NaN)} at the end (other work on the machine counts in the figures)`,
		`- n8n ${m.n8n ?? '?'} on Node ${m.n8nNode ?? '?'}; the bench, the simulators and the harness on Node ${m.benchNode}`,
		results.tarball
			? `- Package measured: ${results.tarball}`
			: "- Packages measured: this checkout's four, built and packed",
		results.seconds ? `- Run time: ${fixed(results.seconds / 60, 1)} min` : '',
		'',
		'How: O and H are workflows run with `n8n execute`, one n8n process per run; their time is that of the ' +
			'export nodes in the run data (start of the first to end of the last), so n8n start-up and the ' +
			'printing of the result are not in it. R is a `fetch` loop in its own Node process. The simulators ' +
			'serve pages they have computed before (bench/bench-simulators.ts) and count TCP connections ' +
			"and requests. RSS during export: the n8n process's VmRSS sampled every 20 ms between the export's start " +
			"and end (R: the loop's VmHWM); VmHWM: the n8n process's peak over the whole command, which includes " +
			'saving the execution and printing it.',
		'',
		'Routes (bench/bench-workflows.ts): O is Users → Get Many (Easypromos) or Participant → Get ' +
			'Many (Leevia), Return All, the Leevia credential holding a valid token; Easypromos with Max Wait on ' +
			'Rate Limit 0, as the simulator has no cap here (no pacing, no waiting: the client alone is timed). ' +
			'H is the HTTP Request node ' +
			'with its pagination (Easypromos: Header Auth credential, `next_cursor` from `{{ $response.body.paging.next_cursor }}`, ' +
			'complete when it is absent; Leevia: `page` from `{{ $response.body.pagination.next_page }}`), then Split ' +
			'Out; for Leevia a Code node signs (HMAC-SHA256, NODE_FUNCTION_ALLOW_BUILTIN=crypto) and a first HTTP ' +
			'Request signs in on every execution (one more request; those two nodes are not timed). R signs in to ' +
			'Leevia before its clock starts.',
		'',
		...exportsSection(
			results,
			results.exports.filter((row) => row.vendor !== 'kimple' && row.vendor !== 'spread'),
			results.sizes,
		),
		...profileSection(results),
		...signInSection(results),
		...leeviaTriggerLines(results),
		...rateLimitSection(results),
		...kimpleLines(results),
		...spreadLines(results),
	]
		.filter((line, index, lines) => line !== '' || lines[index - 1] !== '')
		.join('\n');
}

function kimpleTriggerSection(results: Results): string[] {
	const rows = results.kimpleTrigger;
	if (!rows?.length) return [];
	return [
		'### Kimple Trigger: requests per poll and static data',
		'',
		`New Contest Entry on one contest of ${int(rows[0].entries)} entries, polled through n8n-core ` +
			'(test/harness) against the simulator: the first poll (the baseline), then polls after 0, 3 and ' +
			'250 new entries (a few seconds apart, as people enter). A poll asks for the entries created since ' +
			'the newest it read, less a minute, 100 a page; its static data is a date and the hash ids of ' +
			'about the last minute of entries, whatever the size of the contest.',
		'',
		table(
			[
				'entries before',
				'new',
				'polls',
				'emitted',
				'list requests',
				'time (ms)',
				'static data (bytes)',
				'a list of every hash id (bytes)',
			],
			rows.map((row) => [
				int(row.entries),
				String(row.new),
				String(row.polls),
				int(row.emitted),
				String(row.requests),
				int(row.ms),
				int(row.stateBytes),
				int(row.everyIdBytes),
			]),
		),
		'',
	];
}

/** Kimple's exports and trigger, between KIMPLE_START and KIMPLE_END; none when not measured. */
function kimpleLines(results: Results): string[] {
	const rows = results.exports.filter((row) => row.vendor === 'kimple');
	if (!rows.length && !results.kimpleTrigger?.length) return [];
	const m = results.machine;
	return [
		KIMPLE_START,
		'## Kimple',
		'',
		`Measured ${results.date} on ${m.cpu}, ${m.cores} cores; load average ${fixed(m.loadAtStart)} at the ` +
			`start, ${fixed(m.loadAtEnd ?? NaN)} at the end; n8n ${m.n8n ?? '?'} on Node ${m.n8nNode ?? '?'}` +
			(results.seconds ? `; ${fixed(results.seconds / 60, 1)} min` : '') +
			'. Timed as above.',
		'',
		'Routes: O is Contest Entry → Get Many of one contest, Return All, default Request Options (the ' +
			'simulator has no rate limit here). H is the HTTP Request node with the key pair as two headers ' +
			'(`X-Api-Key`, `X-Api-Secret`: no n8n credential type holds two), the query ' +
			"`search=contest_hash_id='…'` and `limit=100`, pagination `page` = `{{ $pageCount + 1 }}`, complete " +
			'when `{{ $response.body.data.length < 100 }}`, then Split Out of `data`. R asks `page` 1, 2, … ' +
			'with the same query until a page holds fewer than 100. A size that is a multiple of 100 ends on ' +
			'an empty page: one request more than the pages of records. Duplicates are counted by ' +
			'`contest_entry_hash_id`.',
		'',
		...exportsSection(results, rows, results.kimpleSizes, '###'),
		...kimpleTriggerSection(results),
		KIMPLE_END,
		'',
	];
}

function spreadTriggerSection(results: Results): string[] {
	const rows = results.spreadTrigger;
	if (!rows?.length) return [];
	return [
		'### SPREAD Trigger: requests per poll and static data',
		'',
		`New Cagnotte Line over a ledger of ${int(rows[0].lines)} lines, polled through n8n-core ` +
			'(test/harness) against the simulator: the first poll (the baseline: the lines of the last day, ' +
			'none in this sandbox, whose lines end a day ago), then polls after 0, 3 and 250 new lines (0.4 s ' +
			"apart on the account's clock, so two or three share a second). A poll asks for the lines created " +
			'after the second before the newest it emitted, 5,000 a page; its static data is that second and ' +
			'the ids of its lines, whatever the size of the ledger.',
		'',
		table(
			[
				'lines before',
				'new',
				'polls',
				'emitted',
				'list requests',
				'time (ms)',
				'static data (bytes)',
				'a list of every line id (bytes)',
			],
			rows.map((row) => [
				int(row.lines),
				String(row.new),
				String(row.polls),
				int(row.emitted),
				String(row.requests),
				int(row.ms),
				int(row.stateBytes),
				int(row.everyIdBytes),
			]),
		),
		'',
	];
}

function spreadCrmSection(results: Results): string[] {
	const changes = results.spreadChanges ?? [];
	const finds = results.spreadFind ?? [];
	if (!changes.length && !finds.length) return [];
	return [
		'### SPREAD Trigger on changes, and Customer → Find',
		'',
		'New or Updated Customer and Validated Cagnotte Line, polled as above (the baseline, then polls ' +
			"after 0, 3 and 250 records changed, 0.4 s apart on the account's clock): a poll asks for what " +
			'was modified after the second before the newest it emitted (`modifiedAfter`), 5,000 a page.',
		'',
		table(
			[
				'event',
				'records',
				'changed',
				'polls',
				'emitted',
				'requests',
				'time (ms)',
				'static data (bytes)',
			],
			changes.map((row) => [
				row.event,
				int(row.records),
				String(row.changed),
				String(row.polls),
				int(row.emitted),
				String(row.requests),
				int(row.ms),
				int(row.stateBytes),
			]),
		),
		'',
		'Customer → Find by email: SPREAD documents no search on customers, so the node reads the list, ' +
			'5,000 customers a request, until the customer shows up.',
		'',
		table(
			['customers', 'the customer', 'requests', 'customers read', 'time (ms)'],
			finds.map((row) => [
				int(row.customers),
				row.where,
				String(row.requests),
				int(row.customersRead),
				int(row.ms),
			]),
		),
		'',
	];
}

/** SPREAD's export and trigger, between SPREAD_START and SPREAD_END; none when not measured. */
function spreadLines(results: Results): string[] {
	const rows = results.exports.filter((row) => row.vendor === 'spread');
	if (!rows.length && !results.spreadTrigger?.length) return [];
	const m = results.machine;
	const lines = int(results.spreadLines);
	return [
		SPREAD_START,
		'## SPREAD',
		'',
		`Measured ${results.date} on ${m.cpu}, ${m.cores} cores; load average ${fixed(m.loadAtStart)} at the ` +
			`start, ${fixed(m.loadAtEnd ?? NaN)} at the end; n8n ${m.n8n ?? '?'} on Node ${m.n8nNode ?? '?'}` +
			(results.seconds ? `; ${fixed(results.seconds / 60, 1)} min` : '') +
			'. Timed as above.',
		'',
		`Routes: the account's ledger holds ${lines} cagnotte lines (the sandbox's and the document's three). ` +
			'O is Cagnotte → Get Many, Return All, default Request Options and Output Options: amounts become ' +
			"numbers and dates ISO-8601 with the account's offset, work that H and R do not do. H is the HTTP " +
			"Request node with n8n's Basic Auth credential (the public key as user, the private key as " +
			'password), `maxResult=5000` in the query, pagination `startAt` = `{{ $pageCount * 5000 }}`, ' +
			'complete when `{{ $response.body.cagnottes.length < 5000 }}`, then Split Out of `cagnottes`. R ' +
			'asks `maxResult=5000` with `startAt` left out, then 5000, 10000, … until a page holds fewer than ' +
			'5,000. A ledger that is a multiple of 5,000 ends on an empty page: one request more than the ' +
			'pages of records. Duplicates are counted by `cagnotteLineId`.',
		'',
		...exportsSection(results, rows, [results.spreadLines], '###'),
		...spreadTriggerSection(results),
		...spreadCrmSection(results),
		SPREAD_END,
		'',
	];
}

const blank = (line: string, index: number, lines: string[]) =>
	line !== '' || lines[index - 1] !== '';

/** Kimple's section alone, as Markdown. */
export function kimpleReport(results: Results): string {
	return kimpleLines(results).filter(blank).join('\n');
}

/** SPREAD's section alone, as Markdown. */
export function spreadReport(results: Results): string {
	return spreadLines(results).filter(blank).join('\n');
}

/** The Leevia Trigger's section alone, as Markdown. */
export function leeviaTriggerReport(results: Results): string {
	return leeviaTriggerLines(results).filter(blank).join('\n');
}

/**
 * `existing` (a results.md) with the section between `start` and `end` replaced by `section`, or
 * `section` added at its end; the other figures stay as they were measured.
 */
export function mergeSection(
	existing: string,
	start: string,
	end: string,
	section: string,
): string {
	const from = existing.indexOf(start);
	const to = existing.indexOf(end);
	if (from >= 0 && to > from) {
		return existing.slice(0, from) + section + existing.slice(to + end.length + 1);
	}
	return `${existing.replace(/\n*$/, '')}\n\n${section}`;
}

/** `existing` with its Kimple section replaced by `section`, or `section` added at its end. */
export function mergeKimpleSection(existing: string, section: string): string {
	return mergeSection(existing, KIMPLE_START, KIMPLE_END, section);
}

/** `existing` with its SPREAD section replaced by `section`, or `section` added at its end. */
export function mergeSpreadSection(existing: string, section: string): string {
	return mergeSection(existing, SPREAD_START, SPREAD_END, section);
}

/** `existing` with its Leevia Trigger section replaced by `section`, or `section` added at its end. */
export function mergeLeeviaTriggerSection(existing: string, section: string): string {
	return mergeSection(existing, LEEVIA_TRIGGER_START, LEEVIA_TRIGGER_END, section);
}
