/**
 * Writes one platform's package as its own repository tree: what gets pushed to
 * github.com/contest-platforms/n8n-nodes-<platform> and published from there, with npm provenance naming
 * that commit (n8n's verification lints the source at that commit and rejects monorepo packages).
 *
 *   package.json, package-lock.json, README.md, CHANGELOG.md   from packages/<platform>/
 *   eslint.config.mjs, tsconfig.json, .gitignore, .prettierrc.js, .github/workflows/{ci,publish}.yml
 *                                                              from packages/template/
 *   LICENSE                                                    this repository's
 *   nodes/<Platform>/, credentials/<Platform>Api.credentials.ts, and of nodes/shared/ only the files the
 *   package's imports reach
 *   examples/<platform>-*.json
 *
 * Paths inside the tree are the same as here, so every relative import stays as it is.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'fs';
import { dirname, join, posix, relative } from 'path';
import * as ts from 'typescript';

import { PACKAGES_DIR, REPO_ROOT, type Platform } from './platforms';

/** What a package's code may import besides its own files (n8n's verification allows these). */
const ALLOWED_MODULES = ['n8n-workflow', 'crypto', 'node:crypto'];

/** The .ts file a relative import names: `x.ts`, or `x/index.ts` for a folder. */
function resolveImport(fromFile: string, specifier: string): string | undefined {
	const base = posix.normalize(posix.join(posix.dirname(fromFile), specifier));
	return [`${base}.ts`, `${base}/index.ts`].find((candidate) =>
		existsSync(join(REPO_ROOT, candidate)),
	);
}

/** What a file imports or re-exports from (`import … from`, `export … from`, `import()`, `require()`). */
function moduleSpecifiers(file: string): string[] {
	const source = ts.createSourceFile(
		file,
		readFileSync(join(REPO_ROOT, file), 'utf8'),
		ts.ScriptTarget.Latest,
		true,
	);
	const found: string[] = [];
	const visit = (node: ts.Node): void => {
		if (
			(ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
			node.moduleSpecifier &&
			ts.isStringLiteral(node.moduleSpecifier)
		)
			found.push(node.moduleSpecifier.text);
		if (
			ts.isCallExpression(node) &&
			(node.expression.kind === ts.SyntaxKind.ImportKeyword ||
				(ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
			node.arguments.length > 0 &&
			ts.isStringLiteralLike(node.arguments[0])
		)
			found.push(node.arguments[0].text);
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

/**
 * The repository-relative .ts files a platform's package is made of: its entry files (the n8n section's
 * nodes and credential) and every file they import, transitively. Refuses an import of a module other
 * than n8n-workflow and Node's crypto, and a file outside the platform's folder, its credential and
 * nodes/shared/.
 */
export function packageSources(platform: Platform): string[] {
	const allowedFolders = [`nodes/${platform.nodeFolder}/`, 'nodes/shared/'];
	const credentialSources = platform.entrySources.filter((file) => file.startsWith('credentials/'));
	const reached = new Set<string>();
	const queue = [...platform.entrySources];
	const problems: string[] = [];
	while (queue.length) {
		const file = queue.shift()!;
		if (reached.has(file)) continue;
		reached.add(file);
		if (
			!allowedFolders.some((folder) => file.startsWith(folder)) &&
			!credentialSources.includes(file)
		)
			problems.push(
				`${file} is outside ${platform.name} (${allowedFolders.join(', ')}, its credential)`,
			);
		for (const specifier of moduleSpecifiers(file)) {
			if (specifier.startsWith('.')) {
				const target = resolveImport(file, specifier);
				if (target) queue.push(target);
				else problems.push(`${file} imports ${specifier}, which is not a .ts file here`);
			} else if (!ALLOWED_MODULES.includes(specifier)) {
				problems.push(
					`${file} imports ${specifier}: a package may import only ${ALLOWED_MODULES.join(', ')}`,
				);
			}
		}
	}
	// a source file of the platform's folder that nothing imports would not be shipped: say so
	const unreached = filesUnder(`nodes/${platform.nodeFolder}`)
		.filter((file) => file.endsWith('.ts'))
		.filter((file) => !reached.has(file));
	for (const file of unreached)
		problems.push(`${file} is imported by none of ${platform.name}'s nodes or credential`);
	if (problems.length)
		throw new Error(`${platform.name} is not self-contained:\n  ${problems.join('\n  ')}`);
	return [...reached].sort();
}

/** Files under a repository folder, as posix paths from the repository's root. */
function filesUnder(dir: string): string[] {
	return readdirSync(join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? filesUnder(posix.join(dir, entry.name)) : [posix.join(dir, entry.name)],
	);
}

/** tree path → source path (both relative), for everything a platform's repository tree holds. */
export function treeFiles(platform: Platform): Map<string, string> {
	const files = new Map<string, string>();
	const packageDir = relative(REPO_ROOT, platform.dir);
	const templateDir = relative(REPO_ROOT, join(PACKAGES_DIR, 'template'));
	for (const file of readdirSync(platform.dir)) files.set(file, posix.join(packageDir, file));
	for (const file of filesUnder(templateDir)) files.set(posix.relative(templateDir, file), file);
	files.set('LICENSE', 'LICENSE');
	for (const file of packageSources(platform)) files.set(file, file);
	// icons and codex files beside the nodes
	for (const file of filesUnder(`nodes/${platform.nodeFolder}`).filter((f) => !f.endsWith('.ts')))
		files.set(file, file);
	for (const file of readdirSync(join(REPO_ROOT, 'examples')).filter((f) =>
		f.startsWith(`${platform.id}-`),
	))
		files.set(`examples/${file}`, `examples/${file}`);
	return files;
}

/**
 * Writes the tree into `outDir`, which must be missing, empty, or an earlier tree of the same package
 * (then it is replaced whole, so no file of an older export stays).
 */
export function writeTree(platform: Platform, outDir: string): string[] {
	const files = treeFiles(platform);
	if (existsSync(outDir) && readdirSync(outDir).length > 0) {
		const manifest = join(outDir, 'package.json');
		const earlier = existsSync(manifest)
			? (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name
			: undefined;
		if (earlier !== platform.name)
			throw new Error(
				`${outDir} is neither empty nor an earlier tree of ${platform.name}: not replacing it`,
			);
		rmSync(outDir, { recursive: true, force: true });
	}
	mkdirSync(outDir, { recursive: true });
	for (const [target, source] of files) {
		const destination = join(outDir, target);
		mkdirSync(dirname(destination), { recursive: true });
		cpSync(join(REPO_ROOT, source), destination);
	}
	return [...files.keys()].sort();
}
