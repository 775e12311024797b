/**
 * A recording HTTP proxy in front of a simulator: it forwards every request unchanged and notes which
 * n8n process sent it. The process is found from the connection itself: the client's port → its socket
 * inode (/proc/net/tcp) → the process holding that inode among its file descriptors (/proc/<pid>/fd).
 * So "which worker signed in" is read off the kernel, not inferred from timing.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'http';
import type { Socket } from 'net';
import { readFileSync, readdirSync, readlinkSync } from 'fs';
import type { AddressInfo } from 'net';

/** Who a PID belongs to: the process groups this test started, by name ('main', 'worker-1'...). */
export type Owners = () => Map<number, string>;

export interface TapRecord {
	/** the simulator's endpoint key is not known here: method + path without query */
	method: string;
	path: string;
	process: string;
	/** Date.now() when the request arrived */
	at: number;
}

/** The inode of the client's end of a connection clientPort → serverPort (Linux may reuse a local port
 * for connections to different servers, so both ends are matched). */
function socketInode(clientPort: number, serverPort: number): string | undefined {
	const hex = (port: number) => `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
	for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
		let text = '';
		try {
			text = readFileSync(file, 'utf8');
		} catch {
			continue;
		}
		for (const line of text.split('\n').slice(1)) {
			const fields = line.trim().split(/\s+/);
			// local_address and rem_address are "0100007F:PORT"; on the client's side local is the client
			if (
				fields[1]?.endsWith(hex(clientPort)) &&
				fields[2]?.endsWith(hex(serverPort)) &&
				fields[9] &&
				fields[9] !== '0'
			)
				return fields[9];
		}
	}
	return undefined;
}

/** The PIDs whose process group is one of ours, with the owner's name. */
function candidatePids(groups: Map<number, string>): Array<[number, string]> {
	const found: Array<[number, string]> = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			// fields after the ") " that closes the command name: state ppid pgrp ...
			const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
			const owner = groups.get(pgrp);
			if (owner) found.push([Number(entry), owner]);
		} catch {
			// exited meanwhile
		}
	}
	return found;
}

function ownerOf(clientPort: number, serverPort: number, groups: Map<number, string>): string {
	const inode = socketInode(clientPort, serverPort);
	if (!inode) return 'unknown';
	const target = `socket:[${inode}]`;
	for (const [pid, owner] of candidatePids(groups)) {
		let fds: string[] = [];
		try {
			fds = readdirSync(`/proc/${pid}/fd`);
		} catch {
			continue;
		}
		for (const fd of fds) {
			try {
				if (readlinkSync(`/proc/${pid}/fd/${fd}`) === target) return owner;
			} catch {
				// closed meanwhile
			}
		}
	}
	return 'unknown';
}

export class Tap {
	readonly records: TapRecord[] = [];

	private server?: Server;

	/** A keep-alive connection keeps its owner: looked up once per socket. */
	private readonly owners = new WeakMap<Socket, string>();

	url = '';

	constructor(
		private readonly target: string,
		private readonly groups: Owners,
	) {}

	async start(): Promise<this> {
		const target = new URL(this.target);
		this.server = createServer((req, res) => {
			const socket = req.socket;
			let owner = this.owners.get(socket);
			if (!owner) {
				owner = ownerOf(socket.remotePort ?? 0, socket.localPort ?? 0, this.groups());
				this.owners.set(socket, owner);
			}
			this.records.push({
				method: req.method ?? 'GET',
				path: (req.url ?? '/').split('?')[0],
				process: owner,
				at: Date.now(),
			});
			const upstream = httpRequest(
				{
					host: target.hostname,
					port: target.port,
					method: req.method,
					path: req.url,
					headers: req.headers,
				},
				(reply: IncomingMessage) => {
					res.writeHead(reply.statusCode ?? 502, reply.headers);
					reply.pipe(res);
				},
			);
			upstream.on('error', () => {
				if (!res.headersSent) res.writeHead(502);
				res.end();
			});
			req.pipe(upstream);
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this;
	}

	/** Requests per process whose path matches. */
	countByProcess(match: (record: TapRecord) => boolean): Record<string, number> {
		const counts: Record<string, number> = {};
		for (const record of this.records.filter(match))
			counts[record.process] = (counts[record.process] ?? 0) + 1;
		return counts;
	}

	async close(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}
}
