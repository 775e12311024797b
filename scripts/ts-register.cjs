// Lets Node run the project's TypeScript scripts without a build step: .ts files are transpiled on
// require with the project's own `typescript` (no type check here; `npm run typecheck` does that).
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
			inlineSourceMap: true,
		},
	});
	module._compile(outputText, filename);
};

// A node module `X.node.ts` sits beside its codex `X.node.json`: resolving `require('./X.node')` must
// find the TypeScript first, so `.ts` is tried before `.json` and `.node`.
for (const extension of ['.json', '.node']) {
	const loader = require.extensions[extension];
	delete require.extensions[extension];
	require.extensions[extension] = loader;
}
