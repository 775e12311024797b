/**
 * What `npm publish` would upload: `npm pack --dry-run --json` lists the tarball's files, and this test holds
 * them to what a user's n8n needs and nothing else.
 *
 * Allowed: package.json, README.md, LICENSE, and under dist/ the compiled .js, their .js.map, the codex
 * .json and the icons. No TypeScript at all: the build emits no declarations (tsconfig `declaration: false`)
 * because n8n loads only the .js files the n8n section lists, and nobody imports this package's types, so a
 * .d.ts would be dead weight. The source maps are those of the shipped .js only (each sits beside its .js and
 * points into nodes/ or credentials/): they map a stack trace in a user's n8n log back to our source lines,
 * for a few KB each; nothing of test/ is compiled into dist/, so no map of a test can be there.
 *
 * The tarball is read from the working tree's dist/: CI and `npm test` run `npm run build` first.
 */
import { execFileSync } from 'child_process';
import { existsSync, readFileSync, readdirSync } from 'fs';
import { join, posix } from 'path';

const REPO_ROOT = join(__dirname, '..', '..');
const MAX_TARBALL_BYTES = 1_000_000;

interface PackFile {
	path: string;
	size: number;
}
interface PackResult {
	name: string;
	version: string;
	size: number;
	unpackedSize: number;
	entryCount: number;
	files: PackFile[];
}

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[]; credentials: string[] };
	[key: string]: unknown;
};
const listed = [...manifest.n8n.nodes, ...manifest.n8n.credentials];
const missingBuild = listed.filter((file) => !existsSync(join(REPO_ROOT, file)));

function pack(): PackResult {
	if (missingBuild.length > 0) {
		throw new Error(
			`dist/ is missing or incomplete (${missingBuild.length} of the files package.json's n8n section lists ` +
				`are absent, e.g. ${missingBuild[0]}): run \`npm run build\` first (\`npm test\` and CI do).`,
		);
	}
	// --ignore-scripts: packing must not rebuild dist/ under other tests that read it
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	return (JSON.parse(out) as PackResult[])[0];
}

/** The `file:` icons a node's description or a credential names, as tarball paths. */
function iconsOf(file: string): string[] {
	const className = posix.basename(file).split('.')[0];
	const Cls = require(join(REPO_ROOT, file))[className] as new () => Record<string, any>;
	const instance = new Cls();
	const icon = (instance.description?.icon ?? instance.icon) as
		| string
		| { light: string; dark: string }
		| undefined;
	const names = typeof icon === 'string' ? [icon] : icon ? [icon.light, icon.dark] : [];
	return names
		.filter((name) => name.startsWith('file:'))
		.map((name) => posix.normalize(posix.join(posix.dirname(file), name.slice('file:'.length))));
}

/** Files under a folder of the repository, as posix paths from the repository's root. */
function filesUnder(dir: string): string[] {
	return readdirSync(join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? filesUnder(posix.join(dir, entry.name)) : [posix.join(dir, entry.name)],
	);
}

describe('the npm tarball (npm pack --dry-run)', () => {
	let result: PackResult;
	let paths: Set<string>;

	beforeAll(() => {
		result = pack();
		paths = new Set(result.files.map((file) => file.path));
	});

	it('holds only dist/, README.md, LICENSE and package.json', () => {
		const outside = [...paths].filter(
			(path) =>
				!path.startsWith('dist/') && !['README.md', 'LICENSE', 'package.json'].includes(path),
		);
		expect(outside).toEqual([]);
		for (const required of ['README.md', 'LICENSE', 'package.json'])
			expect(paths).toContain(required);
	});

	it('ships compiled code, codex files and icons only: no TypeScript, no tests, no stray maps', () => {
		const dist = [...paths].filter((path) => path.startsWith('dist/'));
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
		expect(maps.filter((map) => !paths.has(map.slice(0, -'.map'.length)))).toEqual([]);
		const foreignSources = maps.flatMap((map) => {
			const { sources } = JSON.parse(readFileSync(join(REPO_ROOT, map), 'utf8')) as {
				sources: string[];
			};
			return sources
				.map((source) => posix.normalize(posix.join(posix.dirname(map), source)))
				.filter((source) => !/^(nodes|credentials)\//.test(source))
				.map((source) => `${map} -> ${source}`);
		});
		expect(foreignSources).toEqual([]);
	});

	it("holds every node and credential file package.json's n8n section lists", () => {
		expect(listed.length).toBeGreaterThan(0);
		expect(listed.filter((file) => !paths.has(file))).toEqual([]);
	});

	it('holds every icon the nodes and credentials name, and every icon of the sources', () => {
		const named = listed.flatMap(iconsOf);
		expect(named.length).toBeGreaterThanOrEqual(manifest.n8n.nodes.length);
		expect(named.filter((icon) => !paths.has(icon))).toEqual([]);
		const sourceIcons = ['nodes', 'credentials']
			.flatMap((dir) => filesUnder(dir))
			.filter((file) => /\.(svg|png)$/.test(file))
			.map((file) => `dist/${file}`);
		expect(sourceIcons.length).toBeGreaterThan(0);
		expect(sourceIcons.filter((icon) => !paths.has(icon))).toEqual([]);
	});

	it('is under 1 MB', () => {
		// the figure for the release notes and CHANGELOG
		process.stdout.write(
			`npm pack: ${result.name}-${result.version}.tgz, ${result.size} bytes packed, ` +
				`${result.unpackedSize} unpacked, ${result.entryCount} files\n`,
		);
		expect(result.size).toBeLessThan(MAX_TARBALL_BYTES);
	});

	it('says where it comes from, as n8n and npm provenance expect', () => {
		const repository = manifest.repository as { type: string; url: string };
		expect(repository.type).toBe('git');
		expect(repository.url).toMatch(/^git\+https:\/\/github\.com\/[^/]+\/[^/]+\.git$/);
		expect((manifest.bugs as { url: string }).url).toMatch(/^https:\/\//);
		expect(manifest.homepage).toMatch(/^https:\/\//);
		expect(manifest.keywords).toContain('n8n-community-node-package');
		expect(manifest.license).toBe('MIT');
		// a verified community package has no runtime dependencies
		expect(manifest.dependencies ?? {}).toEqual({});
	});
});
