/**
 * Everything the browser suite and the screenshot script stand on: the four packed packages installed
 * side by side in a fresh n8n 2.x user folder, the vendor sandbox (sandbox/index.ts) on free ports with its credentials
 * imported, `n8n start` with an owner account, and a Chromium page signed in to the editor.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';

import type { Browser, BrowserContext, Page } from 'playwright-core';

import { startSandbox, type Sandbox } from '..';
import { setupOwner, startEditorServer, TEST_OWNER, type EditorServer } from '../n8n/editor-server';
import { N8nInstance, REPO_ROOT, ensureLine, freePort, parseOutput } from '../n8n/n8n';
import { packedPackages } from '../packer/pack';
import { chromiumVersion, ensureChromium, launchChromium } from './chromium';
import { readExpectations, type Expectations } from './expected';

export interface SessionOptions {
	build: boolean;
	/** packed packages to install instead of the four from dist/ */
	tarballs?: string[];
	headed: boolean;
	/** keep the n8n user folder (its logs) */
	keep: boolean;
	/** the browser window (default 1440 × 900) */
	viewport?: { width: number; height: number };
	/** reports each phase with its time */
	phase: (name: string, fn: () => Promise<void> | void) => Promise<void>;
	log: (line: string) => void;
}

export interface Session {
	n8n: N8nInstance;
	server: EditorServer;
	sandbox: Sandbox;
	expectations: Expectations;
	browser: Browser;
	context: BrowserContext;
	page: Page;
	/** n8n's log entries that say a package did not load cleanly, read from the server's log */
	loadProblems(): ReturnType<N8nInstance['packageLoadProblems']>;
	close(): Promise<void>;
}

const SANDBOX_VENDORS = ['LEEVIA', 'EASYPROMOS', 'KIMPLE', 'SPREAD'];

/**
 * Opens a session phase by phase; when a phase fails, what was started so far is stopped and the error
 * goes to the caller.
 */
export async function openSession(options: SessionOptions): Promise<Session> {
	const closers: Array<() => Promise<void> | void> = [];
	const closeAll = async () => {
		for (const close of closers.reverse()) {
			try {
				await close();
			} catch (error) {
				options.log(`cleanup: ${String(error)}`);
			}
		}
	};
	try {
		let chromiumPath = '';
		await options.phase('Chromium present (apt-get install chromium when missing)', () => {
			chromiumPath = ensureChromium(options.log);
			options.log(`${chromiumVersion(chromiumPath)} at ${chromiumPath}`);
		});

		let tarballs: string[] = [];
		const packPhase = options.tarballs?.length
			? `tarballs ${options.tarballs.map((t) => basename(t)).join(', ')}`
			: options.build
				? 'npm run build: the four packages'
				: "the four packages from dist/ (npm run build's)";
		await options.phase(packPhase, () => {
			tarballs = packedPackages({ build: options.build, tarballs: options.tarballs }).map(
				(pkg) => pkg.tarball,
			);
		});

		let n8n!: N8nInstance;
		let sandbox!: Sandbox;
		let expectations!: Expectations;
		const packageDirs = new Map<string, string>();
		await options.phase(
			'n8n 2.x ready, the packages installed side by side, sandbox up, its credentials imported',
			async () => {
				const line = ensureLine('v2');
				// a prefix of its own: other runs on this machine clean up the e2e runner's folders
				const userFolder = mkdtempSync(join(tmpdir(), 'n8n-browser-'));
				closers.push(() => {
					if (options.keep) options.log(`kept the n8n user folder ${userFolder}`);
					else rmSync(userFolder, { recursive: true, force: true });
				});
				n8n = await N8nInstance.create(line, userFolder);
				options.log(`n8n ${line.version}; user folder ${n8n.userFolder}`);
				for (const tarball of tarballs) {
					const installed = n8n.installPackage(tarball);
					packageDirs.set(installed.name, installed.dir);
				}
				expectations = readExpectations([...packageDirs.values()], REPO_ROOT);
				// never the sandbox's fixed ports: another n8n sandbox may be running on this machine
				for (const vendor of SANDBOX_VENDORS)
					process.env[`SANDBOX_PORT_${vendor}`] = String(await freePort());
				sandbox = await startSandbox();
				closers.push(async () => await sandbox.close());
				await n8n.importCredentials(sandbox.vendors.map((vendor) => vendor.credential));
			},
		);

		let server!: EditorServer;
		await options.phase('n8n start answers, owner account created (REST)', async () => {
			server = await startEditorServer(n8n, await freePort());
			closers.push(async () => await server.stop());
			await setupOwner(server.url);
			options.log(`editor at ${server.url} (pid ${server.pid}), log ${server.logFile}`);
		});

		let browser!: Browser;
		let context!: BrowserContext;
		let page!: Page;
		await options.phase('Chromium signs in to the editor', async () => {
			browser = await launchChromium(chromiumPath, options.headed);
			closers.push(async () => await browser.close());
			context = await browser.newContext({
				baseURL: server.url,
				viewport: options.viewport ?? { width: 1440, height: 900 },
				deviceScaleFactor: 1,
			});
			context.setDefaultTimeout(15_000);
			page = await context.newPage();
			await signIn(page);
		});

		return {
			n8n,
			server,
			sandbox,
			expectations,
			browser,
			context,
			page,
			loadProblems: () => {
				if (!existsSync(server.logFile)) throw new Error(`n8n's log ${server.logFile} is gone`);
				const { logs } = parseOutput(readFileSync(server.logFile, 'utf8'), 'start');
				n8n.logs.splice(0, n8n.logs.length, ...logs);
				return [...packageDirs].flatMap(([name, dir]) => n8n.packageLoadProblems(name, dir));
			},
			close: closeAll,
		};
	} catch (error) {
		await closeAll();
		throw error;
	}
}

/** The sign-in form, as a user fills it. */
async function signIn(page: Page): Promise<void> {
	await page.goto('/signin');
	await page
		.locator('input[type="email"], input[name="emailOrLdapLoginId"]')
		.first()
		.fill(TEST_OWNER.email);
	await page.locator('input[type="password"]').first().fill(TEST_OWNER.password);
	await page.getByRole('button', { name: /sign in/i }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
}
