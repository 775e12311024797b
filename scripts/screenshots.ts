/**
 * Regenerates the README's screenshots in docs/: one node panel per vendor (its action node with the
 * sandbox credential, and a value picked from its searchable list where it has one) and one credential
 * "create" dialog, each cropped to the panel, from n8n 2.x's editor in Debian's Chromium.
 *
 *   node scripts/run.cjs scripts/screenshots.ts [--no-build] [--tarball x.tgz]...
 *
 * Same setup as the browser suite (sandbox/browser/session.ts): packed package, n8n 2.x, vendor sandbox.
 */
import { mkdirSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { Editor } from '../sandbox/browser/editor';
import { openSession } from '../sandbox/browser/session';
import { REPO_ROOT } from '../sandbox/n8n/n8n';

const DOCS = join(REPO_ROOT, 'docs');
/** README images: keep each small */
const MAX_BYTES = 200 * 1024;

/** The panel shown per vendor: the resource and operation of the node (values, as saved in workflows). */
const PANELS: Record<string, { resource: string; operation: string }> = {
	Leevia: { resource: 'participant', operation: 'register' },
	Easypromos: { resource: 'participation', operation: 'getAll' },
	Kimple: { resource: 'contestEntry', operation: 'getAll' },
	SPREAD: { resource: 'campaign', operation: 'get' },
};
const CREDENTIAL = 'leeviaApi';

/** The parameters column from its tabs down to its last visible parameter: no empty space. */
async function parametersClip(editor: Editor) {
	const panel = editor.parametersPanel;
	const box = await panel.boundingBox();
	if (!box) throw new Error('the node panel is not visible');
	const bottom = await panel.evaluate((el) =>
		Math.max(
			...[...el.querySelectorAll('[data-test-id="parameter-item"]')]
				.map((item) => item.getBoundingClientRect())
				.filter((rect) => rect.height > 0)
				.map((rect) => rect.bottom),
		),
	);
	const height = Math.min(box.height, Math.max(200, bottom - box.y + 16));
	return { x: box.x, y: box.y, width: box.width, height };
}

export async function main(argv: string[]): Promise<number> {
	const say = (line: string) => process.stdout.write(`${line}\n`);
	const scratch = join(tmpdir(), `n8n-screenshots-${process.pid}`);
	mkdirSync(scratch, { recursive: true });
	mkdirSync(DOCS, { recursive: true });
	const session = await openSession({
		build: !argv.includes('--no-build'),
		tarballs: argv.flatMap((arg, i) => (argv[i - 1] === '--tarball' ? [arg] : [])),
		headed: false,
		keep: false,
		viewport: { width: 1440, height: 1100 }, // tall enough for the longest panel
		log: (line) => say(`  ${line}`),
		phase: async (name, fn) => {
			const t0 = Date.now();
			await fn();
			say(`${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
		},
	});
	const written: string[] = [];
	try {
		const editor = new Editor(session.page, scratch);
		for (const node of session.expectations.nodes.filter((n) => !n.trigger)) {
			const panel = PANELS[node.platform];
			if (!panel) continue;
			const vendor = session.sandbox.vendors.find((v) => v.name === node.platform);
			const file = join(DOCS, `${node.platform.toLowerCase()}-node.png`);
			await editor.showNodePanel(
				node,
				session.expectations.nodes,
				panel,
				vendor?.credential.name,
				vendor?.notes.join('\n'),
			);
			await editor.page.screenshot({ path: file, clip: await parametersClip(editor) });
			written.push(file);
		}
		const credential = session.expectations.credentials.find((c) => c.name === CREDENTIAL)!;
		await editor.openCreateCredential(credential.displayName);
		await editor.page.mouse.move(0, 0);
		const file = join(DOCS, `${CREDENTIAL.replace(/Api$/, '')}-credential.png`);
		await editor.credentialModal().screenshot({ path: file });
		written.push(file);
	} finally {
		await session.close();
		rmSync(scratch, { recursive: true, force: true });
	}
	let tooBig = 0;
	for (const file of written) {
		const size = statSync(file).size;
		if (size > MAX_BYTES) tooBig++;
		say(
			`${file.replace(`${REPO_ROOT}/`, '')}: ${(size / 1024).toFixed(0)} KB${size > MAX_BYTES ? ' (over 200 KB)' : ''}`,
		);
	}
	return tooBig ? 1 : 0;
}
