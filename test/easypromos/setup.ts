/** An Easypromos simulator seeded with a believable account, and an n8n engine wired to it. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { EasypromosApi } from '../../credentials/EasypromosApi.credentials';
import { Easypromos } from '../../nodes/Easypromos/Easypromos.node';
import { EasypromosTrigger } from '../../nodes/Easypromos/EasypromosTrigger.node';
import { EasypromosWebhookTrigger } from '../../nodes/Easypromos/EasypromosWebhookTrigger.node';
import { TestEnvironment, chain, nextNode, packageNode } from '../harness';
import {
	EasypromosSimulator,
	type EasypromosSandbox,
	type EasypromosSimulatorOptions,
} from '../../sandbox/simulators/easypromos';

export const CREDENTIAL_ID = 'easypromos-1';
export const credentialRef = { easypromosApi: { id: CREDENTIAL_ID, name: 'Easypromos sandbox' } };

export interface EasypromosTestbed {
	simulator: EasypromosSimulator;
	environment: TestEnvironment;
	sandbox: EasypromosSandbox;
}

export async function startEasypromos(
	options: EasypromosSimulatorOptions = {},
): Promise<EasypromosTestbed> {
	const simulator = await new EasypromosSimulator(options).start();
	const sandbox = simulator.seedSandbox();
	const environment = new TestEnvironment(
		[new Easypromos(), new EasypromosTrigger(), new EasypromosWebhookTrigger()],
		[new EasypromosApi()],
	);
	environment.addCredential({
		id: CREDENTIAL_ID,
		name: 'Easypromos sandbox',
		type: 'easypromosApi',
		data: { accessToken: sandbox.token, baseUrl: simulator.apiUrl },
	});
	return { simulator, environment, sandbox };
}

/** Points the stored credential at another token (expired, no API access...). */
export function useToken(environment: TestEnvironment, token: string): void {
	environment.credentials.stored(CREDENTIAL_ID).data.accessToken = token;
}

/** A resource locator value "By ID". */
export const byId = (id: number | string) => ({ __rl: true, mode: 'id', value: String(id) });
/** A resource locator value picked "From List". */
export const fromList = (id: number | string) => ({ __rl: true, mode: 'list', value: String(id) });

export function easypromosNode(parameters: IDataObject, extra: IDataObject = {}) {
	return packageNode('Easypromos', 'easypromos', parameters, {
		credentials: credentialRef,
		...extra,
	});
}

/** Items → Easypromos → Next, so a test sees what reached the node after Easypromos. */
export function easypromosWorkflow(
	items: IDataObject[],
	parameters: IDataObject,
	extra: IDataObject = {},
) {
	return chain(items, [easypromosNode(parameters, extra), nextNode()]);
}

/** Runs the node once (one empty input item) and returns its output items' JSON, or the error. */
export async function run(
	environment: TestEnvironment,
	parameters: IDataObject,
	items: IDataObject[] = [{}],
) {
	const result = await environment.runWorkflow(easypromosWorkflow(items, parameters));
	const output: INodeExecutionData[] = result.output.Easypromos ?? [];
	return { result, output, json: output.map((item) => item.json), error: result.error };
}

/** The error the Easypromos node stopped the workflow with: n8n's NodeApiError / NodeOperationError. */
export function nodeError(result: Awaited<ReturnType<TestEnvironment['runWorkflow']>>) {
	const error = result.run.data.resultData.error as
		| (Error & { description?: string; httpCode?: string; context?: IDataObject })
		| undefined;
	return error;
}
