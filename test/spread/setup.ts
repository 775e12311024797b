/** A SPREAD simulator seeded with a believable account, and an n8n engine wired to it. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { SpreadApi } from '../../credentials/SpreadApi.credentials';
import { Spread } from '../../nodes/Spread/Spread.node';
import { SpreadTrigger } from '../../nodes/Spread/SpreadTrigger.node';
import { SpreadWebhookTrigger } from '../../nodes/Spread/SpreadWebhookTrigger.node';
import { TestEnvironment, chain, nextNode, packageNode } from '../harness';
import {
	SpreadSimulator,
	type SpreadSandbox,
	type SpreadSimulatorOptions,
} from '../../sandbox/simulators/spread';

export const CREDENTIAL_ID = 'spread-1';
export const credentialRef = { spreadApi: { id: CREDENTIAL_ID, name: 'SPREAD sandbox' } };

export interface SpreadTestbed {
	simulator: SpreadSimulator;
	environment: TestEnvironment;
	sandbox: SpreadSandbox;
}

export async function startSpread(
	options: SpreadSimulatorOptions & { cagnotteLines?: number } = {},
): Promise<SpreadTestbed> {
	const simulator = await new SpreadSimulator(options).start();
	const sandbox = simulator.seedSandbox({ cagnotteLines: options.cagnotteLines });
	const environment = new TestEnvironment(
		[new Spread(), new SpreadTrigger(), new SpreadWebhookTrigger()],
		[new SpreadApi()],
	);
	environment.addCredential({
		id: CREDENTIAL_ID,
		name: 'SPREAD sandbox',
		type: 'spreadApi',
		data: {
			publicKey: sandbox.publicKey,
			privateKey: sandbox.privateKey,
			baseUrl: simulator.apiUrl,
			timeZone: 'Europe/Paris',
		},
	});
	return { simulator, environment, sandbox };
}

/** Changes a field of the stored credential (a wrong key, another time zone...). */
export function setCredential(environment: TestEnvironment, data: IDataObject): void {
	Object.assign(environment.credentials.stored(CREDENTIAL_ID).data, data);
}

export const byId = (id: number | string) => ({ __rl: true, mode: 'id', value: String(id) });

export function spreadNode(parameters: IDataObject, extra: IDataObject = {}) {
	return packageNode('SPREAD', 'spread', parameters, { credentials: credentialRef, ...extra });
}

/** Runs the node once per input item and returns its output items' JSON, or the error. */
export async function run(
	environment: TestEnvironment,
	parameters: IDataObject,
	items: IDataObject[] = [{}],
	extra: IDataObject = {},
) {
	const result = await environment.runWorkflow(
		chain(items, [spreadNode(parameters, extra), nextNode()]),
	);
	const output: INodeExecutionData[] = result.output.SPREAD ?? [];
	return { result, output, json: output.map((item) => item.json), error: result.error };
}

/** The error the SPREAD node stopped the workflow with. */
export function nodeError(result: Awaited<ReturnType<TestEnvironment['runWorkflow']>>) {
	return result.run.data.resultData.error as
		| (Error & { description?: string; httpCode?: string; context?: IDataObject })
		| undefined;
}

export function triggerNode(parameters: IDataObject) {
	return packageNode('SPREAD Trigger', 'spreadTrigger', parameters, { credentials: credentialRef });
}
