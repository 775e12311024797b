#!/usr/bin/env node
// Regenerates docs/*.png from n8n's editor (scripts/screenshots.ts); see that file.
'use strict';
require('./ts-register.cjs');
require('./screenshots.ts')
	.main(process.argv.slice(2))
	.then((code) => process.exit(code))
	.catch((error) => {
		console.error(error);
		process.exit(1);
	});
