// n8n's scanner (@n8n/scan-community-package, what n8n's verification runs) on one folder:
//
//   node scripts/packages/scan.mjs <folder> source|tarball
//
// `source` lints what the verification lints in the source at the published commit (package.json,
// nodes/ and credentials/); `tarball` what it lints in the unpacked npm tarball (the .js files and
// package.json). Prints one JSON line: analyzePackage's verdict, and every message with its severity
// (analyzePackage itself lists messages only when one of them is an error). An ES module because the
// scanner is one.
import { ESLint } from 'eslint';
import glob from 'fast-glob';
import tmp from 'tmp';

import {
	analyzePackage,
	buildScanConfig,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

// the scanner makes a temp folder when loaded (for downloads, unused here): removed on exit
tmp.setGracefulCleanup();

const [folder, kind] = process.argv.slice(2);
const patterns = { source: SOURCE_FILE_PATTERNS, tarball: ['**/*.js', 'package.json'] }[kind];
if (!folder || !patterns) {
	console.error('usage: node scripts/packages/scan.mjs <folder> source|tarball');
	process.exit(2);
}

const verdict = await analyzePackage(folder, patterns);

// the same lint as analyzePackage (its config, inline configuration off), to list warnings too
const eslint = new ESLint({
	cwd: folder,
	allowInlineConfig: false,
	overrideConfigFile: true,
	overrideConfig: await buildScanConfig(),
});
const files = glob.sync(patterns, {
	cwd: folder,
	absolute: true,
	ignore: ['node_modules/**', '**/package-lock.json'],
});
const results = files.length ? await eslint.lintFiles(files) : [];
const messages = results.flatMap((result) =>
	result.messages.map((message) => ({
		file: result.filePath.slice(folder.length + 1),
		line: message.line,
		severity: message.severity === 2 ? 'error' : 'warning',
		rule: message.ruleId,
		message: message.message,
	})),
);
console.log(
	JSON.stringify({
		passed: verdict.passed,
		message: verdict.message ?? null,
		files: files.length,
		errors: messages.filter((m) => m.severity === 'error').length,
		warnings: messages.filter((m) => m.severity === 'warning').length,
		messages,
	}),
);
