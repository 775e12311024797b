#!/usr/bin/env node
'use strict';
require('./ts-register.cjs');
require('./start.ts')
	.main(process.argv.slice(2))
	.then((code) => process.exit(code))
	.catch((error) => {
		console.error(error);
		process.exit(1);
	});
