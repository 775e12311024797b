/** The simulators' shared fault mode: which requests it faults, what each fault does, what it counts. */
import {
	FAULT_KINDS,
	SimulatorServer,
	type FaultKind,
	type SimReply,
	type SimRequest,
} from '../../sandbox/simulators/http-server';

/** The smallest simulator: GET reads a list, POST writes one record. */
class ListSimulator extends SimulatorServer {
	writes = 0;

	protected endpointKey(request: SimRequest): string {
		return `${request.method} ${request.url.pathname}`;
	}

	protected handle(request: SimRequest): SimReply {
		if (request.method === 'POST') this.writes++;
		const items = Array.from({ length: 40 }, (_, id) => ({ id, name: `record ${id}` }));
		return { status: 200, body: { items } };
	}
}

let simulator: ListSimulator;
beforeEach(async () => (simulator = await new ListSimulator().start()));
afterEach(async () => await simulator.close());

/**
 * What a client sees of one request: the status and the whole body, or how it failed. No timeout:
 * every fault but a stall ends by itself, and a stall is given up through `signal`.
 */
async function outcome(method = 'GET', signal?: AbortSignal): Promise<string> {
	try {
		const response = await fetch(`${simulator.url}/list`, { method, signal });
		const body = await response.text();
		return `${response.status} ${body.length}`;
	} catch (error) {
		return (error as Error).name === 'TimeoutError' ? 'timeout' : 'failed';
	}
}

/** Waits, a turn of the event loop at a time (no clock), until `done` holds. */
async function until(done: () => boolean): Promise<void> {
	while (!done()) await new Promise((resolve) => setImmediate(resolve));
}

/** Gives up on a request as a client's timeout does. */
function timeOut(controller: AbortController): void {
	controller.abort(new DOMException('The client gave up waiting', 'TimeoutError'));
}

/**
 * One request under a fault mode that faults every request: once the simulator has picked its
 * fault, the client waits for any fault to end by itself, and gives up on a stall, which never does.
 */
async function faultedRequest(): Promise<string> {
	const seen = simulator.faultsInjected.length;
	const controller = new AbortController();
	const result = outcome('GET', controller.signal);
	await until(() => simulator.faultsInjected.length > seen);
	if (simulator.faultsInjected[seen].kind === 'stall') timeOut(controller);
	return await result;
}

describe('fault mode', () => {
	test('a seed picks the same requests and faults every time; another seed picks others', async () => {
		const picks = async (seed: number) => {
			simulator.resetCounts();
			simulator.setFaultMode({ share: 0.1, seed, kinds: ['500', '502', '503', '429'] });
			for (let index = 0; index < 300; index++) await outcome();
			return simulator.faultsInjected.map((fault) => fault.kind).join(',');
		};
		const first = await picks(42);
		expect(await picks(42)).toBe(first);
		expect(await picks(43)).not.toBe(first);
		// About a tenth of the requests.
		expect(first.split(',').length).toBeGreaterThan(15);
		expect(first.split(',').length).toBeLessThan(45);
		simulator.setFaultMode(undefined);
		simulator.resetCounts();
		await outcome();
		expect(simulator.faultCount()).toBe(0);
	});

	test('every kind is picked, and counted by kind', async () => {
		simulator.setFaultMode({ share: 1, seed: 7 });
		for (let index = 0; index < 90; index++) await faultedRequest();
		for (const kind of FAULT_KINDS) expect(simulator.faultCount(kind)).toBeGreaterThan(0);
		expect(simulator.faultCount()).toBe(90);
		// Each fault says which request it hit.
		expect(new Set(simulator.faultsInjected.map((fault) => fault.url))).toEqual(new Set(['/list']));
	});

	test.each<[FaultKind, string]>([
		['500', '500'],
		['502', '502'],
		['503', '503'],
	])('%s answers that status before the handler runs', async (kind, status) => {
		simulator.injectFault('POST /list', kind);
		expect(await outcome('POST')).toMatch(new RegExp(`^${status} `));
		expect(simulator.writes).toBe(0);
	});

	test('429 with a Retry-After of 0 or 1 s, or without one', async () => {
		simulator.injectFault('GET /list', '429-retry-after');
		const withWait = await fetch(`${simulator.url}/list`);
		expect(withWait.status).toBe(429);
		expect(['0', '1']).toContain(withWait.headers.get('retry-after'));
		simulator.injectFault('GET /list', '429');
		const without = await fetch(`${simulator.url}/list`);
		expect(without.status).toBe(429);
		expect(without.headers.get('retry-after')).toBeNull();
	});

	test('reset before processing: no byte, and the write is not applied', async () => {
		simulator.injectFault('POST /list', 'reset-before');
		expect(await outcome('POST')).toBe('failed');
		expect(simulator.writes).toBe(0);
	});

	test('reset after processing: no byte, but the write is applied', async () => {
		simulator.injectFault('POST /list', 'reset-after');
		expect(await outcome('POST')).toBe('failed');
		expect(simulator.writes).toBe(1);
	});

	test('a cut reply: status and full Content-Length, half the body, then the connection closes', async () => {
		simulator.injectFault('POST /list', 'cut');
		const response = await fetch(`${simulator.url}/list`, { method: 'POST' });
		expect(response.status).toBe(200);
		const whole = JSON.stringify({
			items: Array.from({ length: 40 }, (_, id) => ({ id, name: `record ${id}` })),
		});
		expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(whole)));
		await expect(response.text()).rejects.toThrow();
		expect(simulator.writes).toBe(1);
		expect(simulator.faultCount('cut')).toBe(1);
	});

	test('a stall never answers: the write is applied, and only the client giving up ends it', async () => {
		simulator.injectFault('POST /list', 'stall');
		const controller = new AbortController();
		const stalled = outcome('POST', controller.signal);
		let ended = false;
		void stalled.then(() => (ended = true));
		await until(() => simulator.writes === 1);
		// Other requests are answered meanwhile; the stalled one still waits.
		expect(await outcome('GET')).toMatch(/^200 /);
		expect(ended).toBe(false);
		timeOut(controller);
		expect(await stalled).toBe('timeout');
		expect(simulator.writes).toBe(1);
	});

	test('closing the simulator ends a stall', async () => {
		simulator.injectFault('GET /list', 'stall');
		const stalled = outcome('GET');
		await until(() => simulator.faultCount('stall') === 1);
		await simulator.close();
		expect(await stalled).toBe('failed');
	});

	test('the request log, when on, holds every request with its body and the fault it got', async () => {
		simulator.logRequests = true;
		simulator.injectFault('POST /list', '503', 1, 1);
		await fetch(`${simulator.url}/list?page=2`);
		await fetch(`${simulator.url}/list`, { method: 'POST', body: 'first' });
		await fetch(`${simulator.url}/list`, { method: 'POST', body: 'second' });
		expect(simulator.requestLog).toEqual([
			{ key: 'GET /list', method: 'GET', url: '/list?page=2', body: '', fault: undefined },
			{ key: 'POST /list', method: 'POST', url: '/list', body: 'first', fault: undefined },
			{ key: 'POST /list', method: 'POST', url: '/list', body: 'second', fault: '503' },
		]);
		simulator.resetCounts();
		expect(simulator.requestLog).toEqual([]);
	});

	test('faults can be kept to some endpoints', async () => {
		simulator.setFaultMode({
			share: 1,
			seed: 3,
			kinds: ['500'],
			requests: (key) => key === 'POST /list',
		});
		expect(await outcome('GET')).toMatch(/^200 /);
		expect(await outcome('POST')).toMatch(/^500 /);
	});
});
