/**
 * `npm run build`: each platform's repository tree written into dist/<package>/, built there and packed
 * into dist/<package>-<version>.tgz, the tarballs every suite installs into n8n (e2e, browser, queue,
 * `npm start`, bench).
 *
 * The build is what the tree's own `npm run build` (`n8n-node build`) does, with this workspace's
 * TypeScript instead of an `npm ci` per tree: `tsc` with the tree's tsconfig.json, then every .png and
 * .svg outside dist/ and node_modules/ copied into dist/ at the same path. The trees sit under this
 * repository, so their code resolves this workspace's n8n-workflow and @types/node. `npm run
 * test:packages` builds the same trees on fresh clones with n8n-node itself and checks that both ways
 * give the same tarball.
 */
import { execFileSync } from 'child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'fs';
import { dirname, join, posix } from 'path';
import * as ts from 'typescript';

import { platforms, REPO_ROOT, type Platform } from './platforms';
import { writeTree } from './tree';

export const DIST_DIR = join(REPO_ROOT, 'dist');

export interface BuiltPackage {
	platform: Platform;
	/** the written and built repository tree: dist/<package> */
	tree: string;
	/** dist/<package>-<version>.tgz */
	tarball: string;
}

function locate(platform: Platform): BuiltPackage {
	return {
		platform,
		tree: join(DIST_DIR, platform.name),
		tarball: join(DIST_DIR, `${platform.name}-${platform.version}.tgz`),
	};
}

/** Files under `dir` whose names end with one of `extensions`, outside dist/ and node_modules/. */
function assetsUnder(dir: string, extensions: string[], prefix = ''): string[] {
	return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
		const path = posix.join(prefix, entry.name);
		if (entry.isDirectory())
			return ['dist', 'node_modules'].includes(path) ? [] : assetsUnder(dir, extensions, path);
		return extensions.some((extension) => entry.name.endsWith(extension)) ? [path] : [];
	});
}

/**
 * The declaration files every tree compiles against (n8n-workflow's, Node's, TypeScript's libs), parsed
 * once for all four trees: the same files, the same text.
 */
const sharedSourceFiles = new Map<string, ts.SourceFile>();

/** `tsc -p <tree>/tsconfig.json`, in this process; throws with tsc's messages on any error. */
function compile(tree: string): void {
	const parsed = ts.getParsedCommandLineOfConfigFile(join(tree, 'tsconfig.json'), undefined, {
		...ts.sys,
		onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
			throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
		},
	})!;
	const host = ts.createCompilerHost(parsed.options);
	const getSourceFile = host.getSourceFile.bind(host);
	host.getSourceFile = (fileName, languageVersion, ...rest) => {
		if (!fileName.includes('/node_modules/'))
			return getSourceFile(fileName, languageVersion, ...rest);
		let file = sharedSourceFiles.get(fileName);
		if (!file) {
			file = getSourceFile(fileName, languageVersion, ...rest);
			if (file) sharedSourceFiles.set(fileName, file);
		}
		return file;
	};
	const program = ts.createProgram({
		rootNames: parsed.fileNames,
		options: parsed.options,
		host,
		configFileParsingDiagnostics: parsed.errors,
	});
	const diagnostics = [...ts.getPreEmitDiagnostics(program), ...program.emit().diagnostics];
	if (diagnostics.length)
		throw new Error(
			`tsc -p ${tree}/tsconfig.json:\n${ts.formatDiagnostics(diagnostics, {
				getCanonicalFileName: (f) => f,
				getCurrentDirectory: () => tree,
				getNewLine: () => '\n',
			})}`,
		);
}

/** `n8n-node build` in a tree, with this workspace's TypeScript. */
export function buildTree(tree: string): void {
	rmSync(join(tree, 'dist'), { recursive: true, force: true });
	compile(tree);
	for (const asset of assetsUnder(tree, ['.png', '.svg'])) {
		mkdirSync(dirname(join(tree, 'dist', asset)), { recursive: true });
		cpSync(join(tree, asset), join(tree, 'dist', asset));
	}
}

/** `npm pack` of a tree into `destination`; returns the tarball's path. */
export function packTree(tree: string, destination: string): string {
	const out = execFileSync(
		'npm',
		['pack', '--json', '--ignore-scripts', '--loglevel=error', '--pack-destination', destination],
		{ cwd: tree, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
	);
	const [{ filename }] = JSON.parse(out) as Array<{ filename: string }>;
	return join(destination, filename);
}

/** Writes, builds and packs the platforms' packages (all four by default) into dist/. */
export function buildPackages(ids: string[] = []): BuiltPackage[] {
	mkdirSync(DIST_DIR, { recursive: true });
	return platforms(ids).map((platform) => {
		const built = locate(platform);
		for (const file of readdirSync(DIST_DIR))
			if (file.startsWith(`${platform.name}-`) && file.endsWith('.tgz'))
				rmSync(join(DIST_DIR, file));
		rmSync(built.tree, { recursive: true, force: true });
		writeTree(platform, built.tree);
		buildTree(built.tree);
		const tarball = packTree(built.tree, DIST_DIR);
		if (tarball !== built.tarball)
			throw new Error(`npm pack wrote ${tarball}, not ${built.tarball}`);
		return built;
	});
}

/** The packages an earlier `npm run build` left in dist/ (for `--no-build`). */
export function builtPackages(ids: string[] = []): BuiltPackage[] {
	const built = platforms(ids).map(locate);
	const missing = built.filter((b) => !existsSync(b.tarball));
	if (missing.length)
		throw new Error(
			`${missing.map((b) => b.tarball).join(', ')} missing: run \`npm run build\` first`,
		);
	return built;
}
