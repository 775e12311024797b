/**
 * The vendor simulators as the benchmarks use them, without changing sandbox/simulators/: subclasses that
 * count TCP connections and requests, and serve each list page from a cache of its JSON text once the
 * simulator has computed it (the simulator sorts the whole collection on every request, which would set
 * the pace at 50,000 records). Authentication, the rate limit and 429s still run on every request.
 */
import type { Server } from 'http';

import {
	EasypromosSimulator,
	type EasypromosSimulatorOptions,
} from '../sandbox/simulators/easypromos';
import type { SimReply, SimRequest } from '../sandbox/simulators/http-server';
import { KimpleSimulator, type KimpleSimulatorOptions } from '../sandbox/simulators/kimple';
import { LeeviaSimulator } from '../sandbox/simulators/leevia';
import { SpreadSimulator, type SpreadSimulatorOptions } from '../sandbox/simulators/spread';

/** What one measured run did on the wire. */
export interface Traffic {
	/** TCP connections the server accepted. */
	connections: number;
	/** HTTP requests it answered (any endpoint, 429s included). */
	requests: number;
	/** Wall-clock ms (Date.now()) of the first and last request. */
	firstAt: number;
	lastAt: number;
}

const emptyTraffic = (): Traffic => ({ connections: 0, requests: 0, firstAt: 0, lastAt: 0 });

/** The simulators' http.Server is private to SimulatorServer; the benchmark only listens to it. */
function serverOf(simulator: object): Server {
	const server = (simulator as { server?: Server }).server;
	if (!server) throw new Error('the simulator is not started');
	return server;
}

function noteRequest(traffic: Traffic): void {
	const now = Date.now();
	traffic.requests++;
	if (!traffic.firstAt) traffic.firstAt = now;
	traffic.lastAt = now;
}

/** A reply whose body is already JSON text: http-server.ts sends a string body as it is. */
function frozen(reply: SimReply): SimReply {
	if (reply.status !== 200 || reply.body === undefined || typeof reply.body === 'string')
		return reply;
	return { ...reply, body: JSON.stringify(reply.body) };
}

/**
 * Replaces a private page-building method of `target` by a memoised one: the same key gives the same
 * reply (as JSON text) without running the method again. `keyOf` returns undefined for calls not to cache.
 */
function memoise<A extends unknown[]>(
	target: object,
	method: string,
	keyOf: (...args: A) => string | undefined,
): Map<string, SimReply> {
	const cache = new Map<string, SimReply>();
	const holder = target as Record<string, (...args: A) => SimReply>;
	const compute = holder[method].bind(target);
	holder[method] = (...args: A) => {
		const key = keyOf(...args);
		if (key === undefined) return compute(...args);
		let reply = cache.get(key);
		if (!reply) {
			reply = frozen(compute(...args));
			if (reply.status === 200) cache.set(key, reply);
		}
		return reply;
	};
	return cache;
}

const sortedQuery = (params: URLSearchParams) =>
	[...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).join('&');

export class BenchEasypromos extends EasypromosSimulator {
	traffic: Traffic = emptyTraffic();

	private readonly pages: Map<string, SimReply>;

	/** A number per records array seen, for the cache key. */
	private readonly lists = new WeakMap<object, number>();

	private listCount = 0;

	constructor(options: EasypromosSimulatorOptions = {}) {
		super(options);
		// collection(context, records, options): one cache entry per records array, length and query
		this.pages = memoise(
			this,
			'collection',
			(context: { request: SimRequest; query: URLSearchParams }, records: unknown[]) => {
				if (context.request.method !== 'GET') return undefined;
				let id = this.lists.get(records);
				if (id === undefined) this.lists.set(records, (id = ++this.listCount));
				return `${context.request.url.pathname}#${id}#${records.length}?${sortedQuery(context.query)}`;
			},
		);
	}

	override async start(port?: number, host?: string): Promise<this> {
		await super.start(port, host);
		serverOf(this).on('connection', () => this.traffic.connections++);
		return this;
	}

	protected override handle(request: SimRequest): SimReply {
		noteRequest(this.traffic);
		return super.handle(request);
	}

	resetTraffic(): Traffic {
		const seen = this.traffic;
		this.traffic = emptyTraffic();
		return seen;
	}

	get cachedPages(): number {
		return this.pages.size;
	}
}

export class BenchLeevia extends LeeviaSimulator {
	traffic: Traffic = emptyTraffic();

	private readonly pages: Map<string, SimReply>;

	constructor() {
		super();
		// listParticipants(request, accountId, type, id)
		this.pages = memoise(
			this,
			'listParticipants',
			(request: SimRequest, accountId: number, type: string, id: string) => {
				const product = this.product(type as 'campaigns', id);
				if (!product) return undefined;
				return `${accountId}/${type}/${id}#${product.participants.length}?${sortedQuery(request.url.searchParams)}`;
			},
		);
	}

	override async start(port?: number, host?: string): Promise<this> {
		await super.start(port, host);
		serverOf(this).on('connection', () => this.traffic.connections++);
		return this;
	}

	/** Sees every reply (a test counts the 401s). */
	onReply?: (reply: SimReply) => void;

	protected override async handle(request: SimRequest): Promise<SimReply> {
		noteRequest(this.traffic);
		const reply = await super.handle(request);
		this.onReply?.(reply);
		return reply;
	}

	resetTraffic(): Traffic {
		const seen = this.traffic;
		this.traffic = emptyTraffic();
		return seen;
	}

	get cachedPages(): number {
		return this.pages.size;
	}
}

export class BenchKimple extends KimpleSimulator {
	traffic: Traffic = emptyTraffic();

	/** The JSON text of each list reply, by the reply object the memoised list() gave. */
	private readonly texts = new WeakMap<object, string>();

	private readonly pages = new Map<string, unknown>();

	constructor(options: KimpleSimulatorOptions = {}) {
		super(options);
		// list(section, query) returns the reply's body, {data: [...]}: one entry per section, size and query.
		const holder = this as unknown as Record<string, (...args: unknown[]) => unknown>;
		const store = (this as unknown as { store: Map<string, unknown[]> }).store;
		const compute = holder.list.bind(this);
		holder.list = (section: unknown, query: unknown) => {
			const key = `${String(section)}#${store.get(String(section))?.length}?${sortedQuery(query as URLSearchParams)}`;
			let body = this.pages.get(key);
			if (body === undefined) {
				body = compute(section, query);
				this.pages.set(key, body);
			}
			return body;
		};
	}

	override async start(port?: number, host?: string): Promise<this> {
		await super.start(port, host);
		serverOf(this).on('connection', () => this.traffic.connections++);
		return this;
	}

	protected override handle(request: SimRequest): SimReply {
		noteRequest(this.traffic);
		const reply = super.handle(request);
		const body = reply.body;
		if (reply.status !== 200 || !body || typeof body !== 'object') return reply;
		let text = this.texts.get(body);
		if (text === undefined) this.texts.set(body, (text = JSON.stringify(body)));
		return { ...reply, body: text };
	}

	resetTraffic(): Traffic {
		const seen = this.traffic;
		this.traffic = emptyTraffic();
		return seen;
	}

	get cachedPages(): number {
		return this.pages.size;
	}
}

export class BenchSpread extends SpreadSimulator {
	traffic: Traffic = emptyTraffic();

	private readonly pages: Map<string, SimReply>;

	constructor(options: SpreadSimulatorOptions = {}) {
		super(options);
		// list(spec, query): one cache entry per list, its length and the query (startAt, maxResult...).
		this.pages = memoise(
			this,
			'list',
			(spec: { key: string; records: () => unknown[] }, query: URLSearchParams) =>
				`${spec.key}#${spec.records().length}?${sortedQuery(query)}`,
		);
	}

	override async start(port?: number, host?: string): Promise<this> {
		await super.start(port, host);
		serverOf(this).on('connection', () => this.traffic.connections++);
		return this;
	}

	protected override handle(request: SimRequest): SimReply {
		noteRequest(this.traffic);
		return super.handle(request);
	}

	resetTraffic(): Traffic {
		const seen = this.traffic;
		this.traffic = emptyTraffic();
		return seen;
	}

	get cachedPages(): number {
		return this.pages.size;
	}
}
