/**
 * The packages under test: the tarballs `npm run build` packs from each platform's repository tree
 * (sandbox/packer/build.ts), or given ones, and the node and credential types each must give n8n.
 */
import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { buildPackages, builtPackages } from './build';
import { REPO_ROOT } from './platforms';

export interface PackedPackage {
	tarball: string;
	name: string;
	version: string;
	/** full node type names of the classes the n8n section lists, e.g. n8n-nodes-leevia.leevia */
	nodeTypes: string[];
	/** credential type names, e.g. leeviaApi */
	credentialTypes: string[];
	/** the n8n section's file lists, for messages */
	nodeFiles: string[];
	credentialFiles: string[];
}

/**
 * What each package must register in n8n, written out: its nodes, the `<node>Tool` n8n makes of each
 * action node (usableAsTool, for the AI Agent), and its credential. Nothing else of ours may be there.
 */
export const REGISTRATIONS: Record<string, { nodes: string[]; credentials: string[] }> = {
	'n8n-nodes-leevia': {
		nodes: [
			'n8n-nodes-leevia.leevia',
			'n8n-nodes-leevia.leeviaTool',
			'n8n-nodes-leevia.leeviaTrigger',
		],
		credentials: ['leeviaApi'],
	},
	'n8n-nodes-easypromos': {
		nodes: [
			'n8n-nodes-easypromos.easypromos',
			'n8n-nodes-easypromos.easypromosTool',
			'n8n-nodes-easypromos.easypromosTrigger',
			'n8n-nodes-easypromos.easypromosWebhookTrigger',
		],
		credentials: ['easypromosApi'],
	},
	'n8n-nodes-kimple': {
		nodes: [
			'n8n-nodes-kimple.kimple',
			'n8n-nodes-kimple.kimpleTool',
			'n8n-nodes-kimple.kimpleTrigger',
		],
		credentials: ['kimpleApi'],
	},
	'n8n-nodes-spread': {
		nodes: [
			'n8n-nodes-spread.spread',
			'n8n-nodes-spread.spreadTool',
			'n8n-nodes-spread.spreadTrigger',
			'n8n-nodes-spread.spreadWebhookTrigger',
		],
		credentials: ['spreadApi'],
	},
};

/**
 * The tarballs to test: `tarballs` when given, else the platforms' (all four, or `vendors`) from dist/,
 * built first unless `build` is false.
 */
export function packedPackages(options: {
	build: boolean;
	vendors?: string[];
	tarballs?: string[];
}): PackedPackage[] {
	const tarballs = options.tarballs?.length
		? options.tarballs
		: (options.build ? buildPackages(options.vendors) : builtPackages(options.vendors)).map(
				(built) => built.tarball,
			);
	return tarballs.map((tarball) => describeTarball(tarball, REPO_ROOT));
}

/**
 * Reads the tarball's package.json `n8n` section and instantiates every listed class (in a child Node
 * process, from the unpacked tarball) to learn its type name: a node file `X.node.js` exports class X whose
 * description.name is the type's short name; a credential file `Y.credentials.js` exports class Y with .name.
 * `resolveFrom` is a folder whose node_modules has n8n-workflow (the compiled files require it).
 */
export function describeTarball(tarball: string, resolveFrom: string): PackedPackage {
	const dir = mkdtempSync(join(tmpdir(), 'n8n-e2e-unpacked-'));
	try {
		execFileSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
		const script = `
			const path = require('path');
			const dir = process.argv[1];
			const pkg = require(path.join(dir, 'package.json'));
			const n8n = pkg.n8n || {};
			const errors = [];
			const load = (file, section) => {
				try {
					const className = path.basename(file).split('.')[0];
					const Cls = require(path.join(dir, file))[className];
					if (typeof Cls !== 'function') throw new Error('it does not export a class named ' + className);
					return new Cls();
				} catch (error) {
					errors.push('n8n.' + section + ' lists ' + file + ', which does not load: ' + String(error.message).split('\\n')[0]);
					return undefined;
				}
			};
			const nodeFiles = n8n.nodes || [];
			const credentialFiles = n8n.credentials || [];
			const result = {
				name: pkg.name,
				version: pkg.version,
				nodeFiles,
				credentialFiles,
				nodeTypes: nodeFiles.map((f) => load(f, 'nodes')).filter(Boolean).map((n) => pkg.name + '.' + n.description.name),
				credentialTypes: credentialFiles.map((f) => load(f, 'credentials')).filter(Boolean).map((c) => c.name),
			};
			if (errors.length) { console.error(errors.join('\\n')); process.exit(3); }
			console.log(JSON.stringify(result));`;
		const child = spawnSync(process.execPath, ['-e', script, dir], {
			encoding: 'utf8',
			env: { ...process.env, NODE_PATH: join(resolveFrom, 'node_modules') },
		});
		if (child.status !== 0) throw new Error(`the packed package is broken:\n${child.stderr}`);
		const out = child.stdout;
		return { tarball, ...(JSON.parse(out) as Omit<PackedPackage, 'tarball'>) };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
