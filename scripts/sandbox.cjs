#!/usr/bin/env node
'use strict';
require('./ts-register.cjs');
require('./sandbox.ts')
	.main()
	.catch((error) => {
		console.error(error);
		process.exit(1);
	});
