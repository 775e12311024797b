#!/usr/bin/env node
// Runs one of the repository's TypeScript programs without a build step:
//
//   node scripts/run.cjs <file.ts> [arguments...]
//
// The file is transpiled on require (scripts/ts-register.cjs) and its exported `main(argv)` is called
// with the arguments. When main's promise gives a number, the process exits with it; when it gives
// nothing (`npm run sandbox` serves until Ctrl+C), the process lives on. A thrown error exits with 1.
'use strict';
const path = require('path');

require('./ts-register.cjs');

const [file, ...argv] = process.argv.slice(2);
if (!file) {
	console.error('usage: node scripts/run.cjs <file.ts> [arguments...]');
	process.exit(2);
}
const program = require(path.resolve(file));
if (typeof program.main !== 'function') {
	console.error(`${file} exports no main(argv) to run`);
	process.exit(2);
}
Promise.resolve(program.main(argv))
	.then((code) => {
		if (typeof code === 'number') process.exit(code);
	})
	.catch((error) => {
		console.error(error);
		process.exit(1);
	});
