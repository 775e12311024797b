#!/usr/bin/env node
// Starts the TypeScript e2e runner (test/e2e/run.ts) without a build step (see scripts/ts-register.cjs).
'use strict';
require('../../scripts/ts-register.cjs');

require('./run.ts')
	.main(process.argv.slice(2))
	.then((code) => process.exit(code))
	.catch((error) => {
		console.error(error);
		process.exit(1);
	});
