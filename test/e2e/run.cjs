#!/usr/bin/env node
// Starts the TypeScript e2e runner (test/e2e/run.ts) without a build step: .ts files are transpiled on
// require with the project's own `typescript` (no type check here; `tsc -p tsconfig.test.json` does that).
'use strict';
const fs = require('fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
	const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
		fileName: filename,
		compilerOptions: {
			module: ts.ModuleKind.CommonJS,
			target: ts.ScriptTarget.ES2021,
			esModuleInterop: true,
			sourceMap: false,
			inlineSourceMap: true,
		},
	});
	module._compile(outputText, filename);
};

require('./run.ts')
	.main(process.argv.slice(2))
	.then((code) => process.exit(code))
	.catch((error) => {
		console.error(error);
		process.exit(1);
	});
