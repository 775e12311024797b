/**
 * The repository's folders import one way (CONTRIBUTING.md, "The repository around the vendors"):
 * scripts/, test/ and bench/ import sandbox/; sandbox/ imports none of them; scripts/ and test/ never
 * import each other. Read from the files' relative imports and requires, as text.
 */
import { readdirSync, readFileSync } from 'fs';
import { join, posix } from 'path';

const ROOT = join(__dirname, '..', '..');
const SKIP = new Set(['node_modules', 'dist', '.cache', 'coverage', '.git']);

function filesUnder(dir: string): string[] {
	return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
		if (SKIP.has(entry.name)) return [];
		const path = posix.join(dir, entry.name);
		if (entry.isDirectory()) return filesUnder(path);
		return /\.(ts|cjs|mjs|js)$/.test(entry.name) ? [path] : [];
	});
}

/** `from` → the top-level folder of each file it imports by a relative path, as `file: import`. */
function importsBetween(from: string, to: string): string[] {
	return filesUnder(from).flatMap((file) => {
		const text = readFileSync(join(ROOT, file), 'utf8');
		return [...text.matchAll(/(?:from|import|require)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)]
			.map((match) => match[1])
			.filter((target) => {
				const resolved = posix.normalize(posix.join(posix.dirname(file), target));
				return resolved.split('/')[0] === to;
			})
			.map((target) => `${file}: ${target}`);
	});
}

test('scripts/ and test/ never import each other', () => {
	expect(importsBetween('scripts', 'test')).toEqual([]);
	expect(importsBetween('test', 'scripts')).toEqual([]);
});

test('sandbox/ imports none of scripts/, test/ and bench/', () => {
	expect(importsBetween('sandbox', 'scripts')).toEqual([]);
	expect(importsBetween('sandbox', 'test')).toEqual([]);
	expect(importsBetween('sandbox', 'bench')).toEqual([]);
});

test('the product imports nothing outside nodes/ and credentials/', () => {
	for (const product of ['nodes', 'credentials'])
		for (const other of ['sandbox', 'scripts', 'test', 'bench'])
			expect(importsBetween(product, other)).toEqual([]);
});

test('the check sees imports: scripts/ and test/ do import sandbox/', () => {
	expect(importsBetween('scripts', 'sandbox')).toContain(
		'scripts/start.ts: ../sandbox/packer/build',
	);
	expect(importsBetween('test', 'sandbox').length).toBeGreaterThan(50);
});
