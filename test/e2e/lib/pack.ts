/** Builds and packs the package, and says which node and credential types it must give n8n. */
import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

export interface PackedPackage {
	tarball: string;
	name: string;
	version: string;
	/** full node type names, e.g. n8n-nodes-contest-platforms.leevia */
	nodeTypes: string[];
	/** credential type names, e.g. leeviaApi */
	credentialTypes: string[];
	/** the n8n section's file lists, for messages */
	nodeFiles: string[];
	credentialFiles: string[];
}

/** `npm run build` (unless skipped) then `npm pack` of `packageDir` into a temp folder. */
export function buildAndPack(packageDir: string, build = true): string {
	if (build)
		execFileSync('npm', ['run', 'build'], {
			cwd: packageDir,
			stdio: ['ignore', 'inherit', 'inherit'],
		});
	const out = mkdtempSync(join(tmpdir(), 'n8n-e2e-pack-'));
	execFileSync('npm', ['pack', '--pack-destination', out, '--loglevel=error'], {
		cwd: packageDir,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const [file] = readdirSync(out).filter((f) => f.endsWith('.tgz'));
	if (!file) throw new Error(`npm pack wrote no tarball into ${out}`);
	return join(out, file);
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
