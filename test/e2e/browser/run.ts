/**
 * The browser suite: the four packed packages, side by side, in n8n 2.x's editor, in Debian's Chromium.
 *
 *   node scripts/run.cjs test/e2e/browser/run.ts [--no-build] [--tarball x.tgz]... [--keep] [--headed] [--vendor leevia]...
 *
 * For every node of the packages: searched by its platform name in the node panel, added, its icon an
 * image (not n8n's letter placeholder), its Resource, Operation and Event dropdowns as its description
 * says; for every credential, the fields of its "create" dialog as its class says; for every node with a
 * searchable list (resource locator), a value picked from the list the vendor sandbox serves. Expected
 * values are read from the built classes (expected.ts). Every step leaves a screenshot in
 * test/e2e/browser/screenshots/ (git-ignored). Exit code 1 when anything failed.
 */
import { mkdirSync, rmSync } from 'fs';
import { join } from 'path';

import { summarize } from '../../../sandbox/n8n/n8n';
import { Editor } from '../../../sandbox/browser/editor';
import type { ExpectedCredential, ExpectedNode } from '../../../sandbox/browser/expected';
import { openSession, type Session } from '../../../sandbox/browser/session';

export const SCREENSHOT_DIR = join(__dirname, 'screenshots');

interface Options {
	build: boolean;
	tarballs: string[];
	keep: boolean;
	headed: boolean;
	vendors: string[];
}

function parseArgs(argv: string[]): Options {
	const options: Options = { build: true, tarballs: [], keep: false, headed: false, vendors: [] };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--no-build') options.build = false;
		else if (arg === '--keep') options.keep = true;
		else if (arg === '--headed') options.headed = true;
		else if (arg === '--tarball') options.tarballs.push(argv[++i]);
		else if (arg === '--vendor') options.vendors.push(argv[++i].toLowerCase());
		else throw new Error(`unknown argument ${arg}`);
	}
	return options;
}

interface Outcome {
	name: string;
	ok: boolean;
	skipped?: boolean;
	ms: number;
}

class Report {
	readonly outcomes: Outcome[] = [];

	private readonly started = Date.now();

	async step(name: string, fn: () => Promise<void> | void): Promise<boolean> {
		const t0 = Date.now();
		try {
			await fn();
			this.record(name, t0, true);
			return true;
		} catch (error) {
			this.record(name, t0, false);
			const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
			console.log(message.replace(/^/gm, '      '));
			return false;
		}
	}

	/** A check the package cannot make (says why); not a failure. */
	skip(name: string, why: string): void {
		this.outcomes.push({ name, ok: true, skipped: true, ms: 0 });
		console.log(`SKIP ${name}: ${why}`);
	}

	private record(name: string, t0: number, ok: boolean): void {
		const ms = Date.now() - t0;
		this.outcomes.push({ name, ok, ms });
		console.log(`${ok ? 'PASS' : 'FAIL'} ${name} (${(ms / 1000).toFixed(1)} s)`);
	}

	summary(): number {
		const failed = this.outcomes.filter((o) => !o.ok);
		const skipped = this.outcomes.filter((o) => o.skipped);
		const passed = this.outcomes.length - failed.length - skipped.length;
		console.log(
			`\nbrowser suite: ${passed} passed, ${failed.length} failed, ${skipped.length} skipped, ` +
				`${((Date.now() - this.started) / 1000).toFixed(0)} s in all; screenshots in ${SCREENSHOT_DIR}`,
		);
		for (const o of failed) console.log(`  FAILED ${o.name}`);
		return failed.length === 0 && passed > 0 ? 0 : 1;
	}
}

export async function main(argv: string[]): Promise<number> {
	const options = parseArgs(argv);
	const report = new Report();
	rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
	mkdirSync(SCREENSHOT_DIR, { recursive: true });
	let session: Session;
	try {
		session = await openSession({
			build: options.build,
			tarballs: options.tarballs,
			headed: options.headed,
			keep: options.keep,
			log: (line) => console.log(`      ${line}`),
			phase: async (name, fn) => {
				if (!(await report.step(name, fn))) throw new Error(`setup failed: ${name}`);
			},
		});
	} catch (error) {
		if (!(error instanceof Error && error.message.startsWith('setup failed'))) console.log(error);
		return report.summary();
	}
	try {
		const editor = new Editor(session.page, SCREENSHOT_DIR);
		const { expectations } = session;
		const wanted = (platform: string) =>
			options.vendors.length === 0 || options.vendors.includes(platform.toLowerCase());
		const nodes = expectations.nodes.filter((node) => wanted(node.platform));
		for (const node of nodes) await checkNode(report, editor, node, expectations.nodes);
		const credentialsUsed = new Set(nodes.flatMap((node) => node.credentials));
		for (const credential of expectations.credentials.filter((c) => credentialsUsed.has(c.name)))
			await checkCredential(report, editor, credential);
		await checkLocators(report, editor, session, nodes);
		await report.step('n8n logged no problem loading the packages', () => {
			const problems = session.loadProblems();
			if (problems.length) throw new Error(summarize(problems, ['error', 'warn']));
		});
		await report.step('the editor raised no uncaught page error', () => {
			if (editor.pageErrors.length) throw new Error(editor.pageErrors.join('\n'));
		});
	} catch (error) {
		// a step that broke the page for the ones after it
		await report.step('the suite ran to its end', () => {
			throw error;
		});
	} finally {
		await session.close();
	}
	return report.summary();
}

async function checkNode(
	report: Report,
	editor: Editor,
	node: ExpectedNode,
	all: ExpectedNode[],
): Promise<void> {
	const added = await report.step(
		`${node.displayName}: found by "${node.platform}" in the node panel as described, added, icon is an image`,
		async () => {
			await editor.newWorkflow();
			await editor.addNode(node, all);
			await editor.expectIconImage(node);
		},
	);
	if (!added) return;
	for (const dropdown of node.dropdowns) {
		const where = dropdown.resource ? ` (${dropdown.resource})` : '';
		await report.step(
			`${node.displayName}: ${dropdown.label}${where} dropdown lists its ${dropdown.options.length} option(s) as described`,
			async () => await editor.checkDropdown(node, dropdown),
		);
	}
	await editor.closeNodePanel().catch(() => undefined); // the next node starts on a new page anyway
}

async function checkCredential(
	report: Report,
	editor: Editor,
	credential: ExpectedCredential,
): Promise<void> {
	await report.step(
		`${credential.displayName}: create dialog shows its ${credential.fields.length} fields as the class says`,
		async () => await editor.checkCredentialDialog(credential),
	);
}

/** One node per vendor: the first action node with a searchable list, else its trigger. */
async function checkLocators(
	report: Report,
	editor: Editor,
	session: Session,
	nodes: ExpectedNode[],
): Promise<void> {
	const platforms = [...new Set(nodes.map((node) => node.platform))];
	for (const platform of platforms) {
		const candidates = nodes.filter((node) => node.platform === platform && node.locators.length);
		const node = candidates.find((n) => !n.trigger) ?? candidates[0];
		if (!node) {
			report.skip(
				`${platform}: pick a value from a searchable list`,
				'no node of this platform has a resource locator',
			);
			continue;
		}
		const locator = node.locators[0];
		const vendor = session.sandbox.vendors.find(
			(v) => v.name.toLowerCase() === platform.toLowerCase(),
		);
		await report.step(
			`${node.displayName}: ${locator.label} picked from the list the sandbox serves`,
			async () => {
				if (!vendor) throw new Error(`the sandbox has no vendor ${platform}`);
				await editor.pickFromList(
					node,
					nodes,
					locator,
					vendor.credential.name,
					vendor.notes.join('\n'),
				);
			},
		);
	}
}
