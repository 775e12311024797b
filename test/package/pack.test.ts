/**
 * What `npm publish` would upload for each of the four packages: the tarballs `npm run build` packs from
 * each platform's repository tree (dist/<package>-<version>.tgz), held to what a user's n8n needs and
 * nothing else.
 *
 * Allowed: package.json, README.md, LICENSE, and under dist/ the compiled .js, their .js.map, the codex
 * .json and the icons. No TypeScript at all: the build emits no declarations (tsconfig `declaration: false`)
 * because n8n loads only the .js files the n8n section lists, and nobody imports these packages' types, so a
 * .d.ts would be dead weight. The source maps are those of the shipped .js only (each sits beside its .js and
 * points into nodes/ or credentials/): they map a stack trace in a user's n8n log back to our source lines,
 * for a few KB each; nothing of test/ is compiled into dist/, so no map of a test can be there.
 *
 * Each package holds its own platform only: its folder under nodes/, its credential, and of nodes/shared/
 * the files its code imports. CI and `npm test` run `npm run build` first.
 */
import { execFileSync } from 'child_process';
import {
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	symlinkSync,
} from 'fs';
import { tmpdir } from 'os';
import { join, posix } from 'path';

import { DIST_DIR } from '../../sandbox/packer/build';
import { platforms, type PackageManifest } from '../../sandbox/packer/platforms';
import { packageSources } from '../../sandbox/packer/tree';

const MAX_TARBALL_BYTES = 1_000_000;

/** Every file under a folder, as posix paths from it. */
function filesUnder(root: string, prefix = ''): string[] {
	return readdirSync(join(root, prefix), { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory()
			? filesUnder(root, posix.join(prefix, entry.name))
			: [posix.join(prefix, entry.name)],
	);
}

describe.each(platforms().map((platform) => [platform.name, platform] as const))(
	'the npm tarball of %s',
	(name, platform) => {
		const tarball = join(DIST_DIR, `${name}-${platform.version}.tgz`);
		let dir: string;
		let paths: string[];
		let manifest: PackageManifest;

		beforeAll(() => {
			if (!existsSync(tarball))
				throw new Error(
					`${tarball} is missing: run \`npm run build\` first (\`npm test\` and CI do)`,
				);
			dir = mkdtempSync(join(tmpdir(), 'n8n-pack-test-'));
			execFileSync('tar', ['-xzf', tarball, '-C', dir]);
			// n8n-workflow is n8n's own, as in a user's n8n: the code finds it beside the unpacked package
			symlinkSync(join(__dirname, '..', '..', 'node_modules'), join(dir, 'node_modules'), 'dir');
			dir = join(dir, 'package');
			paths = filesUnder(dir);
			manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageManifest;
		});

		afterAll(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

		it('holds only dist/, README.md, LICENSE and package.json', () => {
			expect(
				paths.filter(
					(path) =>
						!path.startsWith('dist/') && !['README.md', 'LICENSE', 'package.json'].includes(path),
				),
			).toEqual([]);
			for (const required of ['README.md', 'LICENSE', 'package.json'])
				expect(paths).toContain(required);
		});

		it('ships compiled code, codex files and icons only: no TypeScript, no tests, no stray maps', () => {
			const dist = paths.filter((path) => path.startsWith('dist/'));
			expect(dist.filter((path) => !/\.(js|js\.map|json|svg|png)$/.test(path))).toEqual([]);
			expect(dist.filter((path) => /\.ts$/.test(path))).toEqual([]);
			expect(
				dist.filter((path) =>
					/(^|\/)(test|tests|__tests__|simulators|e2e)\/|\.(test|spec)\./.test(path),
				),
			).toEqual([]);
			expect(dist.filter((path) => !/^dist\/(nodes|credentials)\//.test(path))).toEqual([]);
			// every map belongs to a shipped .js and maps it back to our own nodes/ or credentials/ source
			const maps = dist.filter((path) => path.endsWith('.js.map'));
			expect(maps.filter((map) => !paths.includes(map.slice(0, -'.map'.length)))).toEqual([]);
			const foreignSources = maps.flatMap((map) => {
				const { sources } = JSON.parse(readFileSync(join(dir, map), 'utf8')) as {
					sources: string[];
				};
				return sources
					.map((source) => posix.normalize(posix.join(posix.dirname(map), source)))
					.filter((source) => !/^(nodes|credentials)\//.test(source))
					.map((source) => `${map} -> ${source}`);
			});
			expect(foreignSources).toEqual([]);
		});

		it('holds its own platform only: its folder, its credential, and the shared files its code imports', () => {
			const compiled = paths
				.filter((path) => path.startsWith('dist/') && path.endsWith('.js'))
				.map((path) => path.replace(/^dist\//, '').replace(/\.js$/, '.ts'))
				.sort();
			// written out here, not read from the code that builds the tree
			const credential = {
				'n8n-nodes-leevia': 'credentials/LeeviaApi.credentials.ts',
				'n8n-nodes-easypromos': 'credentials/EasypromosApi.credentials.ts',
				'n8n-nodes-kimple': 'credentials/KimpleApi.credentials.ts',
				'n8n-nodes-spread': 'credentials/SpreadApi.credentials.ts',
			}[name];
			expect(compiled.filter((file) => file.startsWith('credentials/'))).toEqual([credential]);
			const folders = new Set(
				compiled.filter((file) => file.startsWith('nodes/')).map((file) => file.split('/')[1]),
			);
			expect([...folders].sort()).toEqual([platform.nodeFolder, 'shared'].sort());
			// the same files as the import graph of its entry files, no more (no dead shared code)
			expect(compiled).toEqual(packageSources(platform));
		});

		it("holds every node and credential file its n8n section lists, and n8n's section is its own", () => {
			const listed = [...manifest.n8n.nodes, ...manifest.n8n.credentials];
			expect(listed.length).toBeGreaterThan(1);
			expect(listed.filter((file) => !paths.includes(file))).toEqual([]);
			expect(manifest.n8n.strict).toBe(true);
			expect(
				manifest.n8n.nodes.every((file) => file.startsWith(`dist/nodes/${platform.nodeFolder}/`)),
			).toBe(true);
		});

		it('holds every icon its nodes and credential name, and every icon of its sources', () => {
			const named = [...manifest.n8n.nodes, ...manifest.n8n.credentials].flatMap((file) => {
				const className = posix.basename(file).split('.')[0];
				const Cls = require(join(dir, file))[className] as new () => Record<string, any>;
				const instance = new Cls();
				const icon = (instance.description?.icon ?? instance.icon) as
					| string
					| { light: string; dark: string }
					| undefined;
				const names = typeof icon === 'string' ? [icon] : icon ? [icon.light, icon.dark] : [];
				return names
					.filter((iconName) => iconName.startsWith('file:'))
					.map((iconName) =>
						posix.normalize(posix.join(posix.dirname(file), iconName.slice('file:'.length))),
					);
			});
			expect(named.length).toBeGreaterThanOrEqual(manifest.n8n.nodes.length);
			expect(named.filter((icon) => !paths.includes(icon))).toEqual([]);
			const sourceIcons = filesUnder(join(__dirname, '..', '..'), `nodes/${platform.nodeFolder}`)
				.filter((file) => /\.(svg|png)$/.test(file))
				.map((file) => `dist/${file}`);
			expect(sourceIcons.length).toBeGreaterThan(0);
			expect(sourceIcons.filter((icon) => !paths.includes(icon))).toEqual([]);
		});

		it('is under 1 MB', () => {
			const size = statSync(tarball).size;
			// the figure for the release notes
			process.stdout.write(
				`npm pack: ${name}-${platform.version}.tgz, ${size} bytes, ${paths.length} files\n`,
			);
			expect(size).toBeLessThan(MAX_TARBALL_BYTES);
		});

		it('says where it comes from, as n8n and npm provenance expect: its own repository, no monorepo directory', () => {
			const repository = manifest.repository as { type: string; url: string; directory?: string };
			expect(repository).toEqual({
				type: 'git',
				url: `git+https://github.com/contest-platforms/${name}.git`,
			});
			expect((manifest.bugs as { url: string }).url).toBe(
				`https://github.com/contest-platforms/${name}/issues`,
			);
			expect(manifest.homepage).toBe(`https://github.com/contest-platforms/${name}#readme`);
			expect(manifest.keywords).toContain('n8n-community-node-package');
			expect(manifest.license).toBe('MIT');
			// a verified community package has no runtime dependencies, and needs n8n-workflow from n8n
			expect(manifest.dependencies ?? {}).toEqual({});
			expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		});
	},
);
