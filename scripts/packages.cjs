#!/usr/bin/env node
// Starts scripts/packages/run.ts (build, export, check, lock, version of the four packages).
'use strict';
require('./ts-register.cjs');
require('./packages/run.ts')
	.main(process.argv.slice(2))
	.then((code) => process.exit(code))
	.catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
