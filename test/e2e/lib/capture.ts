/**
 * A local HTTP server that keeps the JSON bodies POSTed to it: the end of a workflow that a trigger
 * starts inside `n8n start` (an HTTP Request node posts each item here), so a case sees the items.
 */
import { createServer } from 'http';
import type { AddressInfo } from 'net';

import type { NodeJson } from './workflows';

export interface Capture {
	url: string;
	/** Every body received, oldest first. */
	received: Array<Record<string, unknown>>;
	/** Resolves once `count` bodies came, or rejects after `timeoutMs`. */
	waitFor(count: number, timeoutMs: number): Promise<Array<Record<string, unknown>>>;
	close(): Promise<void>;
}

export async function startCapture(): Promise<Capture> {
	const received: Array<Record<string, unknown>> = [];
	const server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			try {
				received.push(
					JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
				);
			} catch {
				received.push({ unreadable: Buffer.concat(chunks).toString('utf8') });
			}
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/items`,
		received,
		async waitFor(count, timeoutMs) {
			const deadline = Date.now() + timeoutMs;
			while (received.length < count && Date.now() < deadline)
				await new Promise((resolve) => setTimeout(resolve, 250));
			if (received.length < count)
				throw new Error(
					`${received.length} of ${count} items reached the capture in ${timeoutMs} ms`,
				);
			return received.slice();
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** An HTTP Request node that POSTs each item it gets to the capture, as `{tag, item}`. */
export function postToCapture(name: string, capture: Capture, tag: string): NodeJson {
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: capture.url,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ tag: ${JSON.stringify(tag)}, item: $json }) }}`,
			options: {},
		},
	};
}
