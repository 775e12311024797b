#!/usr/bin/env node
// Starts the browser suite (test/e2e/browser/run.ts) without a build step (see scripts/ts-register.cjs).
'use strict';
require('../../../scripts/ts-register.cjs');

require('./run.ts')
	.main(process.argv.slice(2))
	.then((code) => process.exit(code))
	.catch((error) => {
		console.error(error);
		process.exit(1);
	});
