/**
 * What n8n's verification reads in each package's source, checked here on the one source of all four:
 * no lint comment it would ignore, webhook triggers with the lifecycle its rule asks for, node types and
 * documentation links named after the package, and four package definitions on one version line.
 */
import { readdirSync, readFileSync } from 'fs';
import { join, posix } from 'path';

import type { IHookFunctions, INodeProperties, INodeType } from 'n8n-workflow';

import { EasypromosWebhookTrigger } from '../../nodes/Easypromos/EasypromosWebhookTrigger.node';
import { SpreadWebhookTrigger } from '../../nodes/Spread/SpreadWebhookTrigger.node';
import { platforms, REPO_ROOT, type PackageManifest } from '../../sandbox/packer/platforms';

function filesUnder(dir: string): string[] {
	return readdirSync(join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? filesUnder(posix.join(dir, entry.name)) : [posix.join(dir, entry.name)],
	);
}

const read = (file: string) => readFileSync(join(REPO_ROOT, file), 'utf8');

describe('nodes/ and credentials/', () => {
	test("hold no eslint-disable or other inline lint configuration (n8n's scanner lints with it off)", () => {
		const files = [...filesUnder('nodes'), ...filesUnder('credentials')].filter((file) =>
			/\.(ts|js|json)$/.test(file),
		);
		expect(files.length).toBeGreaterThan(100);
		const found = files.flatMap((file) =>
			read(file)
				.split('\n')
				.map((line, index) => ({ file, line: index + 1, text: line.trim() }))
				.filter(({ text }) => /eslint-(disable|enable)|\/\*\s*eslint\s|\/\*\s*global\s/.test(text)),
		);
		expect(found).toEqual([]);
	});

	test('every codex file names its node as n8n-nodes-<platform>.<node> and links its package README', () => {
		const codex = filesUnder('nodes')
			.filter((file) => file.endsWith('.node.json'))
			.map((file) => {
				const json = JSON.parse(read(file)) as {
					node: string;
					resources: Record<string, Array<{ url: string }>>;
				};
				return {
					file,
					node: json.node,
					primary: json.resources.primaryDocumentation[0].url,
					credential: json.resources.credentialDocumentation[0].url,
				};
			});
		const repo = (id: string) => `https://github.com/contest-platforms/n8n-nodes-${id}`;
		const expected = [
			[
				'nodes/Easypromos/Easypromos.node.json',
				'n8n-nodes-easypromos.easypromos',
				'easypromos',
				'operations',
			],
			[
				'nodes/Easypromos/EasypromosTrigger.node.json',
				'n8n-nodes-easypromos.easypromosTrigger',
				'easypromos',
				'triggers',
			],
			[
				'nodes/Easypromos/EasypromosWebhookTrigger.node.json',
				'n8n-nodes-easypromos.easypromosWebhookTrigger',
				'easypromos',
				'triggers',
			],
			['nodes/Kimple/Kimple.node.json', 'n8n-nodes-kimple.kimple', 'kimple', 'operations'],
			[
				'nodes/Kimple/KimpleTrigger.node.json',
				'n8n-nodes-kimple.kimpleTrigger',
				'kimple',
				'triggers',
			],
			['nodes/Leevia/Leevia.node.json', 'n8n-nodes-leevia.leevia', 'leevia', 'operations'],
			[
				'nodes/Leevia/LeeviaTrigger.node.json',
				'n8n-nodes-leevia.leeviaTrigger',
				'leevia',
				'triggers',
			],
			['nodes/Spread/Spread.node.json', 'n8n-nodes-spread.spread', 'spread', 'operations'],
			[
				'nodes/Spread/SpreadTrigger.node.json',
				'n8n-nodes-spread.spreadTrigger',
				'spread',
				'triggers',
			],
			[
				'nodes/Spread/SpreadWebhookTrigger.node.json',
				'n8n-nodes-spread.spreadWebhookTrigger',
				'spread',
				'triggers',
			],
		].map(([file, node, id, section]) => ({
			file,
			node,
			primary: `${repo(id)}#${section}`,
			credential: `${repo(id)}#credentials`,
		}));
		expect(codex.sort((a, b) => a.file.localeCompare(b.file))).toEqual(expected);
	});

	test("every documentation link points at a heading of that package's README", () => {
		const links = [
			...filesUnder('nodes')
				.filter((file) => file.endsWith('.node.json'))
				.flatMap((file) =>
					Object.values(
						(JSON.parse(read(file)) as { resources: Record<string, Array<{ url: string }>> })
							.resources,
					).flatMap((entries) => entries.map((entry) => entry.url)),
				),
			...filesUnder('credentials').map(
				(file) => /documentationUrl = '([^']+)'/.exec(read(file))?.[1] ?? `${file}: none`,
			),
		];
		const broken = links.filter((url) => {
			const match = /^https:\/\/github\.com\/contest-platforms\/n8n-nodes-([a-z]+)#([a-z-]+)$/.exec(
				url,
			);
			if (!match) return true;
			// GitHub's anchor of a heading: lower case, spaces to hyphens, other punctuation dropped
			const anchors = read(`packages/${match[1]}/README.md`)
				.split('\n')
				.filter((line) => /^#{1,4} /.test(line))
				.map((line) =>
					line
						.replace(/^#+ /, '')
						.toLowerCase()
						.replace(/[^a-z0-9 -]/g, '')
						.replace(/ /g, '-'),
				);
			return !anchors.includes(match[2]);
		});
		expect(links.length).toBe(24);
		expect(broken).toEqual([]);
	});
});

describe.each([
	[
		'Easypromos Webhook Trigger',
		new EasypromosWebhookTrigger() as INodeType,
		'Integrations → Webhooks',
	],
	['SPREAD Webhook Trigger', new SpreadWebhookTrigger() as INodeType, 'Paramétrage) → Webhooks'],
])('%s: a webhook set up by hand, as n8n Slack Trigger does it', (_name, node, where) => {
	test('checkExists, create and delete are there and each says done: there is nothing to register', async () => {
		const lifecycle = node.webhookMethods?.default;
		expect(Object.keys(lifecycle ?? {}).sort()).toEqual(['checkExists', 'create', 'delete']);
		const hook = {} as IHookFunctions;
		expect(await lifecycle!.checkExists.call(hook)).toBe(true);
		expect(await lifecycle!.create.call(hook)).toBe(true);
		expect(await lifecycle!.delete.call(hook)).toBe(true);
	});

	test('its notice gives the setup steps: events and secret, the URL, where to paste it', () => {
		const notice = node.description.properties.find(
			(property: INodeProperties) => property.type === 'notice',
		);
		expect(notice?.displayName).toContain('1. Choose the Events below, set a Secret');
		expect(notice?.displayName).toContain('2. Copy the Production URL above');
		expect(notice?.displayName).toContain(`3. In`);
		expect(notice?.displayName).toContain(where);
	});
});

describe('packages/: the four package definitions', () => {
	const all = platforms();
	const workspace = JSON.parse(read('package.json')) as { version: string; private?: boolean };

	test('are the four platforms, and the workspace is not a package', () => {
		expect(all.map((platform) => platform.name)).toEqual([
			'n8n-nodes-easypromos',
			'n8n-nodes-kimple',
			'n8n-nodes-leevia',
			'n8n-nodes-spread',
		]);
		expect(workspace.private).toBe(true);
	});

	test('share one version line, the workspace version, and their lockfiles agree', () => {
		for (const platform of all) {
			expect(platform.version).toBe(workspace.version);
			const lock = JSON.parse(read(`packages/${platform.id}/package-lock.json`)) as {
				name: string;
				version: string;
				packages: Record<string, { name?: string; version?: string; devDependencies?: unknown }>;
			};
			expect([lock.name, lock.version]).toEqual([platform.name, platform.version]);
			expect(lock.packages[''].devDependencies).toEqual(platform.manifest.devDependencies);
		}
	});

	test('build, lint and publish with n8n-node, as its template sets a package up', () => {
		for (const platform of all) {
			const manifest: PackageManifest = platform.manifest;
			expect(manifest.scripts).toEqual({
				build: 'n8n-node build',
				'build:watch': 'tsc --watch',
				dev: 'n8n-node dev',
				lint: 'n8n-node lint',
				'lint:fix': 'n8n-node lint --fix',
				release: 'n8n-node release',
				prepublishOnly: 'n8n-node prerelease',
			});
			expect(Object.keys(manifest.devDependencies ?? {})).toContain('@n8n/node-cli');
			expect(manifest.dependencies).toBeUndefined();
			expect(manifest.overrides).toBeUndefined();
		}
		// @n8n/node-cli's template, which `n8n-node lint` demands in strict mode
		expect(read('packages/template/eslint.config.mjs')).toBe(
			"import { config } from '@n8n/node-cli/eslint';\n\nexport default config;\n",
		);
	});
});
