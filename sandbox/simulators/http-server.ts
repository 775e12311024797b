/**
 * What every vendor simulator shares: a local HTTP server on a random port, JSON replies, request
 * counts (and, on demand, a log of every request), and faults: one-off ones (`injectFault`) and a
 * seeded share of all requests (`setFaultMode`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import { isIP, type AddressInfo } from 'net';

export interface SimRequest {
	method: string;
	url: URL;
	headers: IncomingMessage['headers'];
	rawBody: Buffer;
}

export interface SimReply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export type Handler = (request: SimRequest) => SimReply | Promise<SimReply>;

/**
 * The faults a network and a struggling server cause, as the fault mode injects them:
 * - `429-retry-after`: 429 with a Retry-After of 0 or 1 s; `429`: 429 without one;
 * - `500`, `502`, `503`: the status with a plain-text body, as a gateway or proxy sends it;
 * - `reset-before`: the connection is destroyed before the handler runs and before any byte;
 * - `reset-after`: the handler runs (a write is applied), then the connection is destroyed, no byte sent;
 * - `cut`: the handler runs, then its status and headers go out with the full Content-Length, half the
 *   body, and the connection is destroyed (a reply without a body is reset instead);
 * - `stall`: the handler runs, then nothing is ever sent: the connection stays open until the client
 *   gives up (its timeout) or the simulator closes. Since the stall never ends by itself, no timing
 *   decides whether the client sees a timeout or something else.
 * The status faults and `reset-before` answer before the handler runs: the request is not processed.
 */
export const FAULT_KINDS = [
	'429-retry-after',
	'429',
	'500',
	'502',
	'503',
	'reset-before',
	'reset-after',
	'cut',
	'stall',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultModeOptions {
	/** The share of requests that get a fault, 0 to 1. */
	share: number;
	/** Seeds the generator that picks the faulted requests, their fault and its Retry-After. */
	seed: number;
	/** The faults to pick from, evenly; every kind when absent. */
	kinds?: readonly FaultKind[];
	/** Which requests may be faulted, by endpoint key or by the request itself; all when absent. */
	requests?: (key: string, request: SimRequest) => boolean;
}

/** One fault the simulator injected. */
export interface InjectedFaultRecord {
	key: string;
	method: string;
	/** The request's path and query, e.g. "/users/12?next_cursor=300": which page or record. */
	url: string;
	kind: FaultKind | 'reply';
}

/** One request the simulator saw, and the fault it got instead of its answer, if any. */
export interface RequestRecord {
	key: string;
	method: string;
	/** Its path and query, e.g. "/users/12?next_cursor=300". */
	url: string;
	/** Its body as text, '' when it has none: which record a write was for. */
	body: string;
	fault?: FaultKind | 'reply';
}

/** A fault the next matching requests get instead of their real answer (a 503, a 429...). */
interface InjectedFault {
	key: string;
	remaining: number;
	/** Matching requests to let through before the fault starts. */
	skip: number;
	reply: SimReply | FaultKind;
}

/** mulberry32: a small seeded generator of numbers in [0, 1), so a failing seed replays. */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const STATUS_FAULTS: Partial<Record<FaultKind, { status: number; text: string }>> = {
	'429-retry-after': { status: 429, text: 'Too Many Requests' },
	'429': { status: 429, text: 'Too Many Requests' },
	'500': { status: 500, text: 'Internal Server Error' },
	'502': { status: 502, text: 'Bad Gateway' },
	'503': { status: 503, text: 'Service Unavailable' },
};

export abstract class SimulatorServer {
	/** Requests seen per endpoint key (e.g. "GET /participants"), for tests to assert. */
	readonly requestCounts: Record<string, number> = {};

	private server?: Server;

	/** Every fault injected since the last resetCounts(), oldest first. */
	readonly faultsInjected: InjectedFaultRecord[] = [];

	/**
	 * Whether to keep every request in `requestLog`, so a test can tell what each item of a run met.
	 * Off unless a test turns it on: the sandbox runs for hours.
	 */
	logRequests = false;

	/** Every request since the last resetCounts() while `logRequests` is on, oldest first. */
	readonly requestLog: RequestRecord[] = [];

	private faults: InjectedFault[] = [];

	private faultMode?: { options: FaultModeOptions; random: () => number };

	url = '';

	/** The endpoint key of a request, used for counting and fault injection. */
	protected abstract endpointKey(request: SimRequest): string;

	protected abstract handle(request: SimRequest): SimReply | Promise<SimReply>;

	async start(port = 0, host = '127.0.0.1'): Promise<this> {
		this.server = createServer((req, res) => void this.onRequest(req, res));
		await new Promise<void>((resolve) => this.server!.listen(port, host, resolve));
		const address = this.server.address() as AddressInfo;
		this.url = `http://${host}:${address.port}`;
		return this;
	}

	async close(): Promise<void> {
		if (!this.server) return;
		// Stalled requests too: their connections are still open.
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	count(key: string): number {
		return this.requestCounts[key] ?? 0;
	}

	resetCounts(): void {
		for (const key of Object.keys(this.requestCounts)) delete this.requestCounts[key];
		this.faultsInjected.length = 0;
		this.requestLog.length = 0;
	}

	/**
	 * The next `times` requests to `key` (after `skip` more that go through) get `reply` (their real
	 * handler does not run), or the fault of that kind (see FAULT_KINDS: some run the handler).
	 */
	injectFault(key: string, reply: SimReply | FaultKind, times = 1, skip = 0): void {
		this.faults.push({ key, remaining: times, skip, reply });
	}

	/**
	 * From now on a `share` of requests, picked by a generator seeded with `seed`, get one of `kinds`
	 * (see FAULT_KINDS); undefined turns the fault mode off. One-off faults (injectFault) go first.
	 */
	setFaultMode(options: FaultModeOptions | undefined): void {
		this.faultMode = options && { options, random: mulberry32(options.seed) };
	}

	/** How many faults of `kind` (of any kind when absent) were injected since the last resetCounts(). */
	faultCount(kind?: FaultKind): number {
		return this.faultsInjected.filter((fault) => kind === undefined || fault.kind === kind).length;
	}

	/** The fault the request gets, if any: a one-off fault for its key first, then the fault mode. */
	private pickFault(key: string, request: SimRequest): SimReply | FaultKind | undefined {
		const oneOff = this.faults.find(
			(candidate) => candidate.key === key && candidate.remaining > 0,
		);
		if (oneOff && oneOff.skip > 0) {
			oneOff.skip--;
		} else if (oneOff) {
			oneOff.remaining--;
			return oneOff.reply;
		}
		if (!this.faultMode) return undefined;
		const { options, random } = this.faultMode;
		if (options.requests && !options.requests(key, request)) return undefined;
		if (random() >= options.share) return undefined;
		const kinds = options.kinds?.length ? options.kinds : FAULT_KINDS;
		return kinds[Math.floor(random() * kinds.length)];
	}

	private statusFault(kind: FaultKind): SimReply {
		const fault = STATUS_FAULTS[kind]!;
		const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8' };
		if (kind === '429-retry-after') {
			headers['Retry-After'] = String(Math.floor((this.faultMode?.random() ?? 0) * 2));
		}
		return {
			status: fault.status,
			body: `${fault.status} ${fault.text} (injected fault)`,
			headers,
		};
	}

	private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const request: SimRequest = {
			method: req.method ?? 'GET',
			url: new URL(req.url ?? '/', 'http://simulator'),
			headers: req.headers,
			rawBody: Buffer.concat(chunks),
		};
		let reply: SimReply;
		let fault: SimReply | FaultKind | undefined;
		try {
			const key = this.endpointKey(request);
			this.requestCounts[key] = (this.requestCounts[key] ?? 0) + 1;
			fault = this.pickFault(key, request);
			const url = request.url.pathname + request.url.search;
			const kind = fault === undefined ? undefined : typeof fault === 'string' ? fault : 'reply';
			if (kind) this.faultsInjected.push({ key, method: request.method, url, kind });
			if (this.logRequests) {
				const body = request.rawBody.toString('utf8');
				this.requestLog.push({ key, method: request.method, url, body, fault: kind });
			}
			if (fault === 'reset-before') {
				res.socket?.destroy();
				return;
			}
			if (typeof fault === 'object') reply = fault;
			else if (fault !== undefined && STATUS_FAULTS[fault]) reply = this.statusFault(fault);
			else reply = await this.handle(request);
		} catch (error) {
			reply = { status: 500, body: { error: (error as Error).message } };
		}
		const headers: Record<string, string> = { ...(reply.headers ?? {}) };
		let payload = '';
		if (reply.body !== undefined) {
			headers['content-type'] ??= 'application/json; charset=utf-8';
			payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
		}
		if (fault === 'reset-after' || (fault === 'cut' && !payload)) {
			res.socket?.destroy();
			return;
		}
		// Never answered: the client's timeout ends it, or close().
		if (fault === 'stall') return;
		if (fault === 'cut') {
			const bytes = Buffer.from(payload);
			res.writeHead(reply.status, { ...headers, 'content-length': String(bytes.length) });
			res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => {
				setTimeout(() => res.socket?.destroy(), 5);
			});
			return;
		}
		res.writeHead(reply.status, headers);
		res.end(payload);
	}
}

/** Parses a JSON body; undefined when it is not JSON. */
export function jsonBody(request: SimRequest): Record<string, unknown> | undefined {
	try {
		const parsed = JSON.parse(request.rawBody.toString('utf8') || 'null') as unknown;
		return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

/** Parses a multipart/form-data body with the platform's own parser. */
export async function multipartBody(request: SimRequest): Promise<FormData> {
	return await new Response(request.rawBody, {
		headers: { 'content-type': String(request.headers['content-type']) },
	}).formData();
}

export function isIpAddress(value: unknown): boolean {
	return typeof value === 'string' && isIP(value) !== 0;
}
