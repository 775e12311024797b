/** A Kimple simulator seeded with the sandbox account, and an n8n engine wired to it. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { KimpleApi } from '../../credentials/KimpleApi.credentials';
import { Kimple } from '../../nodes/Kimple/Kimple.node';
import { KimpleTrigger } from '../../nodes/Kimple/KimpleTrigger.node';
import { TestEnvironment, chain, nextNode, packageNode } from '../harness';
import {
	KimpleSimulator,
	type KimpleSandbox,
	type KimpleSimulatorOptions,
} from '../../sandbox/simulators/kimple';

export const CREDENTIAL_ID = 'kimple-1';
export const credentialRef = { kimpleApi: { id: CREDENTIAL_ID, name: 'Kimple sandbox' } };

export interface KimpleTestbed {
	simulator: KimpleSimulator;
	environment: TestEnvironment;
	sandbox: KimpleSandbox;
}

export async function startKimple(options: KimpleSimulatorOptions = {}): Promise<KimpleTestbed> {
	const simulator = await new KimpleSimulator(options).start();
	const sandbox = simulator.seedSandbox();
	const environment = new TestEnvironment([new Kimple(), new KimpleTrigger()], [new KimpleApi()]);
	environment.addCredential({
		id: CREDENTIAL_ID,
		name: 'Kimple sandbox',
		type: 'kimpleApi',
		data: { apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret, baseUrl: simulator.apiUrl },
	});
	return { simulator, environment, sandbox };
}

/** Points the stored credential at another key pair. */
export function useKeys(environment: TestEnvironment, apiKey: string, apiSecret: string): void {
	const data = environment.credentials.stored(CREDENTIAL_ID).data;
	data.apiKey = apiKey;
	data.apiSecret = apiSecret;
}

/** A resource locator value "By ID". */
export const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
/** A resource locator value picked "From List". */
export const fromList = (id: string) => ({ __rl: true, mode: 'list', value: id });

export function kimpleNode(parameters: IDataObject, extra: IDataObject = {}) {
	return packageNode('Kimple', 'kimple', parameters, { credentials: credentialRef, ...extra });
}

/** Runs the node over `items` (one empty item by default) and returns its output, or the error. */
export async function run(
	environment: TestEnvironment,
	parameters: IDataObject,
	items: IDataObject[] = [{}],
	extra: IDataObject = {},
) {
	const result = await environment.runWorkflow(
		chain(items, [kimpleNode(parameters, extra), nextNode()]),
	);
	const output: INodeExecutionData[] = result.output.Kimple ?? [];
	const error = result.run.data.resultData.error as
		| (Error & { description?: string; httpCode?: string; context?: IDataObject })
		| undefined;
	return { result, output, json: output.map((item) => item.json), error };
}
