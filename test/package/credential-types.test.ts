/**
 * n8n serves the editor a `{ ...type }` copy of each credential type (packages/cli
 * load-nodes-and-credentials.ts, postProcessLoaders), and serialises `authenticate` as `{}` when it is a
 * function (n8n-core directory-loader's toJSON). The editor lists a type under the HTTP Request node's
 * "Predefined Credential Type" only when that copy has `authenticate`, and n8n adds "Custom API Call" to
 * a node only when its credential's copy has it. Checked here on the classes; the e2e load check reads
 * the real credentials.json and nodes.json of both n8n lines.
 */
import type { ICredentialType } from 'n8n-workflow';

import { EasypromosApi } from '../../credentials/EasypromosApi.credentials';
import { KimpleApi } from '../../credentials/KimpleApi.credentials';
import { LeeviaApi } from '../../credentials/LeeviaApi.credentials';
import { SpreadApi } from '../../credentials/SpreadApi.credentials';

describe.each([
	['easypromosApi', new EasypromosApi()],
	['kimpleApi', new KimpleApi()],
	['leeviaApi', new LeeviaApi()],
	['spreadApi', new SpreadApi()],
] as Array<[string, ICredentialType]>)('credential type %s', (name, type) => {
	test('keeps its name', () => {
		expect(type.name).toBe(name);
	});

	test('has authenticate as an own field, so the copy n8n serves the editor keeps it', () => {
		const served = { ...type, supportedNodes: [] };
		expect(typeof served.authenticate).toBe('function');
		// n8n-core's toJSON for a function authenticate: present, as `{}`
		const json = JSON.parse(
			JSON.stringify({
				...served,
				authenticate: typeof served.authenticate === 'function' ? {} : served.authenticate,
			}),
		) as Record<string, unknown>;
		expect(json.authenticate).toEqual({});
	});

	test('is not restricted to its own nodes, so the HTTP Request node may use it', () => {
		expect(
			(type as { restrictToSupportedNodes?: boolean }).restrictToSupportedNodes,
		).toBeUndefined();
	});
});
