// Preloaded into an n8n process by the benchmark (NODE_OPTIONS=--require <this file>, BENCH_TIMING_OUT=<file>):
// wraps, as n8n 2.x loads them, the functions a request of a programmatic node goes through (n8n-core's
// httpRequestWithAuthentication, getCredentials, n8n's CredentialsHelper, the HTTP client of
// @n8n/backend-network) and sums the wall time of their calls. No file of n8n is changed. At exit it
// writes { stats: { <step>: { calls, ms } } } as JSON. Steps a module does not have are simply absent.
'use strict';
const Module = require('module');
const fs = require('fs');

const stats = {};
let helperDepth = 0;

function wrap(holder, key, label, options = {}) {
	const original = holder && holder[key];
	if (typeof original !== 'function' || original.benchTimed) return;
	const timed = function (...args) {
		const name = typeof label === 'function' ? label() : label;
		const started = process.hrtime.bigint();
		if (options.helper) helperDepth++;
		const done = () => {
			if (options.helper) helperDepth--;
			const entry = (stats[name] ??= { calls: 0, ms: 0 });
			entry.calls++;
			entry.ms += Number(process.hrtime.bigint() - started) / 1e6;
		};
		let result;
		try {
			result = original.apply(this, args);
		} catch (error) {
			done();
			throw error;
		}
		if (!result || typeof result.then !== 'function') {
			done();
			return result;
		}
		return result.then(
			(value) => {
				done();
				return value;
			},
			(error) => {
				done();
				throw error;
			},
		);
	};
	timed.benchTimed = true;
	holder[key] = timed;
}

const CONTEXT = 'n8n-core/dist/execution-engine/node-execution-context/';
const NETWORK = '@n8n/backend-network/dist/http/';
const patches = [
	[
		`${CONTEXT}utils/request-helpers/authentication.js`,
		(exports) => {
			wrap(exports, 'httpRequestWithAuthentication', 'helper', { helper: true });
			wrap(exports, 'requestWithAuthentication', 'legacyHelper', { helper: true });
		},
	],
	[
		`${CONTEXT}base-execute-context.js`,
		(exports) =>
			wrap(exports.BaseExecuteContext.prototype, 'getCredentials', () =>
				helperDepth > 0 ? 'helperGetCredentials' : 'nodeGetCredentials',
			),
	],
	[
		'n8n/dist/credentials-helper.js',
		(exports) => {
			const helper = exports.CredentialsHelper.prototype;
			wrap(helper, 'getCredentialsEntity', 'credentialQuery');
			wrap(helper, 'preAuthentication', 'preAuthentication');
			wrap(helper, 'authenticate', 'authenticate');
		},
	],
	[
		'n8n-core/dist/credentials.js',
		(exports) => wrap(exports.Credentials.prototype, 'getData', 'decrypt'),
	],
	[`${NETWORK}axios/request.js`, (exports) => wrap(exports, 'httpRequest', 'httpClient')],
	[`${NETWORK}legacy-request.js`, (exports) => wrap(exports, 'executeLegacyRequest', 'httpClient')],
	[`${NETWORK}axios/invoke.js`, (exports) => wrap(exports, 'invokeAxios', 'axios')],
];

const applied = new Set();
const load = Module._load;
Module._load = function (request) {
	const exports = load.apply(this, arguments);
	if (applied.size < patches.length && typeof request === 'string') {
		let filename;
		try {
			filename = Module._resolveFilename.apply(Module, arguments);
		} catch {
			return exports;
		}
		for (const [path, patch] of patches) {
			if (!applied.has(path) && filename.endsWith(path)) {
				applied.add(path);
				patch(exports);
			}
		}
	}
	return exports;
};

process.on('exit', () => {
	const out = process.env.BENCH_TIMING_OUT;
	// n8n's task runner is a child process that inherits NODE_OPTIONS: only the main process writes
	if (!out || !applied.has(patches[0][0])) return;
	fs.writeFileSync(out, JSON.stringify({ pid: process.pid, stats }));
});
