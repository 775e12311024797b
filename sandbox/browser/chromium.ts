/**
 * Debian's Chromium, installed with apt-get when missing, driven by playwright-core (which never downloads
 * a browser of its own).
 */
import { execFileSync, spawnSync } from 'child_process';
import { existsSync } from 'fs';

import type { Browser } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function findChromium(): string | undefined {
	const fromEnv = process.env.CHROMIUM_PATH;
	if (fromEnv && existsSync(fromEnv)) return fromEnv;
	return CANDIDATES.find((file) => existsSync(file));
}

/**
 * The path of Chromium; installs Debian's `chromium` package first when it is missing (as root, or
 * through sudo when there is one). Throws with what to do when neither works.
 */
export function ensureChromium(log: (line: string) => void): string {
	const found = findChromium();
	if (found) return found;
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const hasSudo = spawnSync('sh', ['-c', 'command -v sudo'], { encoding: 'utf8' }).status === 0;
	if (!isRoot && !hasSudo)
		throw new Error(
			'Chromium is missing: install it with `apt-get install chromium` (as root) or set CHROMIUM_PATH',
		);
	// apt's progress goes to the terminal only when it fails
	const apt = (args: string[]) => {
		const [cmd, argv] = isRoot ? ['apt-get', args] : ['sudo', ['apt-get', ...args]];
		const run = spawnSync(cmd, argv, {
			encoding: 'utf8',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
		if (run.status !== 0)
			throw new Error(`${cmd} ${argv.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
	};
	log('Chromium is missing: apt-get install chromium (Debian package)');
	apt(['update', '-qq']);
	apt(['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-liberation']);
	const installed = findChromium();
	if (!installed) throw new Error('apt-get installed chromium but /usr/bin/chromium is missing');
	return installed;
}

export function chromiumVersion(executable: string): string {
	try {
		// Debian's wrapper script prints a shell warning on stderr on some machines
		return execFileSync(executable, ['--version'], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		}).trim();
	} catch {
		return 'unknown version';
	}
}

/**
 * Headless Chromium (playwright gives it a new empty profile). The background-networking switches matter
 * here: without them Chromium keeps trying to reach Google's hosts, which a closed network refuses.
 */
export async function launchChromium(executablePath: string, headed = false): Promise<Browser> {
	// required here, not imported at the top: a missing devDependency then fails with a clear message
	let playwright: typeof import('playwright-core');
	try {
		playwright = require('playwright-core') as typeof import('playwright-core');
	} catch {
		throw new Error('playwright-core is not installed: run npm install (it is a devDependency)');
	}
	return await playwright.chromium.launch({
		executablePath,
		headless: !headed,
		args: [
			'--no-sandbox', // root in CI
			'--disable-gpu',
			'--disable-dev-shm-usage',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-default-apps',
			'--disable-extensions',
		],
	});
}
