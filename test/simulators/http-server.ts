/** What every vendor simulator shares: a local HTTP server on a random port, JSON replies, request counts. */
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

/** A fault the next matching requests get instead of their real answer (a 503, a 429...). */
interface InjectedFault {
	key: string;
	remaining: number;
	reply: SimReply;
}

export abstract class SimulatorServer {
	/** Requests seen per endpoint key (e.g. "GET /participants"), for tests to assert. */
	readonly requestCounts: Record<string, number> = {};

	private server?: Server;

	private faults: InjectedFault[] = [];

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
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	count(key: string): number {
		return this.requestCounts[key] ?? 0;
	}

	resetCounts(): void {
		for (const key of Object.keys(this.requestCounts)) delete this.requestCounts[key];
	}

	/** The next `times` requests to `key` get `reply` (their real handler does not run). */
	injectFault(key: string, reply: SimReply, times = 1): void {
		this.faults.push({ key, remaining: times, reply });
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
		try {
			const key = this.endpointKey(request);
			this.requestCounts[key] = (this.requestCounts[key] ?? 0) + 1;
			const fault = this.faults.find(
				(candidate) => candidate.key === key && candidate.remaining > 0,
			);
			if (fault) {
				fault.remaining--;
				reply = fault.reply;
			} else {
				reply = await this.handle(request);
			}
		} catch (error) {
			reply = { status: 500, body: { error: (error as Error).message } };
		}
		const headers: Record<string, string> = { ...(reply.headers ?? {}) };
		let payload = '';
		if (reply.body !== undefined) {
			headers['content-type'] ??= 'application/json; charset=utf-8';
			payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
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
