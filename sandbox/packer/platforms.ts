/**
 * The four published packages, one per platform, as `packages/<platform>/package.json` defines them: the
 * one place that says which nodes and credential make up a package. Everything that installs, exports,
 * checks or names the packages (build, e2e, sandbox, browser and queue suites, the jest harness) reads
 * them through this file.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';

export const REPO_ROOT = join(__dirname, '..', '..');
export const PACKAGES_DIR = join(REPO_ROOT, 'packages');

export interface PackageManifest {
	name: string;
	version: string;
	n8n: { n8nNodesApiVersion: number; strict?: boolean; nodes: string[]; credentials: string[] };
	devDependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	dependencies?: Record<string, string>;
	[key: string]: unknown;
}

export interface Platform {
	/** lower case, the folder under packages/ and the first word of its node names: `leevia` */
	id: string;
	/** `packages/<id>` */
	dir: string;
	manifest: PackageManifest;
	/** the npm package: `n8n-nodes-leevia` */
	name: string;
	version: string;
	/** the platform's folder under nodes/: `Leevia` */
	nodeFolder: string;
	/** the TypeScript sources of the files the n8n section lists: `nodes/Leevia/Leevia.node.ts` */
	entrySources: string[];
}

/** `dist/nodes/Leevia/Leevia.node.js` → `nodes/Leevia/Leevia.node.ts` */
export function sourceOf(distFile: string): string {
	return distFile.replace(/^dist\//, '').replace(/\.js$/, '.ts');
}

function readPlatform(id: string): Platform {
	const dir = join(PACKAGES_DIR, id);
	const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageManifest;
	const folders = new Set(manifest.n8n.nodes.map((file) => file.split('/')[2]));
	if (folders.size !== 1)
		throw new Error(
			`packages/${id}/package.json lists nodes from ${folders.size} folders: a package holds one platform's folder`,
		);
	return {
		id,
		dir,
		manifest,
		name: manifest.name,
		version: manifest.version,
		nodeFolder: [...folders][0],
		entrySources: [...manifest.n8n.nodes, ...manifest.n8n.credentials].map(sourceOf),
	};
}

/** Every platform under packages/ (each folder with a package.json), or the ones asked for by id. */
export function platforms(ids: string[] = []): Platform[] {
	const all = readdirSync(PACKAGES_DIR, { withFileTypes: true })
		.filter(
			(entry) => entry.isDirectory() && existsSync(join(PACKAGES_DIR, entry.name, 'package.json')),
		)
		.map((entry) => entry.name)
		.sort();
	const unknown = ids.filter((id) => !all.includes(id.toLowerCase()));
	if (unknown.length)
		throw new Error(`no package for ${unknown.join(', ')}: the platforms are ${all.join(', ')}`);
	return all
		.filter((id) => ids.length === 0 || ids.map((x) => x.toLowerCase()).includes(id))
		.map(readPlatform);
}

let cached: Platform[] | undefined;

/** The package of a node, by its name (`leeviaTrigger` → n8n-nodes-leevia): names start with the platform. */
export function platformOfNode(nodeName: string): Platform {
	cached ??= platforms();
	const found = cached.find((platform) => nodeName.toLowerCase().startsWith(platform.id));
	if (!found) throw new Error(`no package holds a node named ${nodeName}`);
	return found;
}

/** The node type n8n gives a node of ours once its package is installed: `n8n-nodes-leevia.leevia`. */
export function nodeTypeOf(nodeName: string): string {
	return `${platformOfNode(nodeName).name}.${nodeName}`;
}
