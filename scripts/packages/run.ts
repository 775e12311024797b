/**
 * The four packages built from this repository (n8n-nodes-leevia, -easypromos, -kimple, -spread):
 *
 *   npm run packages -- build [platform...]             = npm run build: dist/<package>/ and its .tgz
 *   npm run packages -- export [platform...] --out dir  each package's repository tree, dir/<package>/
 *   npm run packages -- check [platform...] [--keep] [--jobs 2]
 *                                                       = npm run test:packages (fresh clone, npm ci,
 *                                                         build, n8n-node lint, n8n's scanner)
 *   npm run packages -- lock [platform...]              rewrites packages/<platform>/package-lock.json
 *   npm run packages -- version x.y.z                   sets the one version line everywhere
 *
 * A platform is its folder under packages/ (leevia, easypromos, kimple, spread); none means all four.
 */
import { execFileSync } from 'child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

import { buildPackages } from '../../sandbox/packer/build';
import { main as check } from './check';
import { platforms, REPO_ROOT } from '../../sandbox/packer/platforms';
import { writeTree } from '../../sandbox/packer/tree';

const say = (line: string) => process.stdout.write(`${line}\n`);

function exportTrees(ids: string[], out: string): void {
	for (const platform of platforms(ids)) {
		const dir = join(out, platform.name);
		const files = writeTree(platform, dir);
		say(`${platform.name}@${platform.version}: ${files.length} files in ${dir}`);
	}
}

/** package-lock.json of each tree, resolved by npm in a scratch copy of the tree. */
function lock(ids: string[]): void {
	for (const platform of platforms(ids)) {
		const dir = mkdtempSync(join(tmpdir(), `${platform.name}-lock-`));
		try {
			writeTree(platform, dir);
			execFileSync(
				'npm',
				['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'],
				{ cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] },
			);
			copyFileSync(join(dir, 'package-lock.json'), join(platform.dir, 'package-lock.json'));
			say(`packages/${platform.id}/package-lock.json written`);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}
}

/** One version for the workspace and the four packages (their package.json and package-lock.json). */
function setVersion(version: string): void {
	if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version))
		throw new Error(`"${version}" is not a version like 1.2.3 or 1.2.3-rc.1`);
	const rewrite = (file: string, change: (json: Record<string, any>) => void) => {
		const text = readFileSync(file, 'utf8');
		const json = JSON.parse(text) as Record<string, any>;
		change(json);
		// as the file was indented: npm writes its lockfiles with two spaces, Prettier the rest with tabs
		writeFileSync(file, `${JSON.stringify(json, null, /^\{\n(\s+)/.exec(text)?.[1] ?? '\t')}\n`);
	};
	rewrite(join(REPO_ROOT, 'package.json'), (json) => (json.version = version));
	for (const platform of platforms()) {
		rewrite(join(platform.dir, 'package.json'), (json) => (json.version = version));
		rewrite(join(platform.dir, 'package-lock.json'), (json) => {
			json.version = version;
			json.packages[''].version = version;
		});
	}
	say(`version ${version}: package.json and packages/*/package.json, package-lock.json`);
}

export async function main(argv: string[]): Promise<number> {
	const [command, ...rest] = argv;
	const outIndex = rest.indexOf('--out');
	const out = outIndex >= 0 ? resolve(rest[outIndex + 1]) : undefined;
	const ids = rest.filter((arg, i) => !arg.startsWith('--') && rest[i - 1] !== '--out');
	if (command === 'build') {
		const started = Date.now();
		for (const built of buildPackages(ids)) say(`${built.platform.name}: ${built.tarball}`);
		say(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	} else if (command === 'export') {
		if (!out) throw new Error('export needs --out <folder>');
		exportTrees(ids, out);
	} else if (command === 'check') return await check(rest);
	else if (command === 'lock') lock(ids);
	else if (command === 'version') setVersion(ids[0] ?? '');
	else {
		say(
			'usage: npm run packages -- build|export|check|lock|version … (see scripts/packages/run.ts)',
		);
		return 2;
	}
	return 0;
}
