#!/usr/bin/env node
/**
 * Runs a command on a busy machine: one CPU-bound process per core spins for as long as the command
 * runs, so a test that decides by how fast something happened fails here rather than on a machine
 * that happens to be doing other work.
 *
 *   node test/load/busy.cjs [--processes N] [--] command [args...]
 *
 * N defaults to the number of cores. The busy processes are stopped when the command ends, fails to
 * start, or this script gets SIGINT, SIGTERM or SIGHUP; should this script itself be killed outright,
 * each busy process notices its parent is gone and exits. Exits with the command's code (128 + the
 * signal's number when a signal ended it). Prints how long the command took.
 */
'use strict';
const { spawn } = require('child_process');
const os = require('os');

/** The busy loop: checks now and then whether its parent is still there, and exits if not. */
const SPIN = `const parent = process.ppid;
for (;;) {
	for (let index = 0; index < 5e7; index++);
	if (process.ppid !== parent) process.exit(0);
}`;

function parseArguments(argv) {
	let processes =
		typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
	let rest = argv;
	if (rest[0] === '--processes') {
		processes = Number(rest[1]);
		if (!Number.isInteger(processes) || processes < 0) {
			throw new Error(`--processes "${rest[1]}" is not valid: give a whole number, 0 or more`);
		}
		rest = rest.slice(2);
	}
	if (rest[0] === '--') rest = rest.slice(1);
	if (!rest.length)
		throw new Error(
			'no command given: node test/load/busy.cjs [--processes N] [--] command [args...]',
		);
	return { processes, command: rest[0], args: rest.slice(1) };
}

function main() {
	let options;
	try {
		options = parseArguments(process.argv.slice(2));
	} catch (error) {
		console.error(`busy: ${error.message}`);
		process.exit(2);
	}
	const { processes, command, args } = options;
	const spinners = Array.from({ length: processes }, () =>
		spawn(process.execPath, ['-e', SPIN], { stdio: 'ignore' }),
	);
	const stopSpinners = () => {
		for (const spinner of spinners) {
			if (spinner.exitCode === null && spinner.signalCode === null) spinner.kill('SIGKILL');
		}
	};
	// Whatever ends this process ends the spinners too.
	process.on('exit', stopSpinners);

	const shown = [command, ...args].join(' ');
	console.log(
		`busy: ${processes} CPU-bound process(es) (pid ${spinners.map((s) => s.pid).join(', ')}) on ${os.cpus().length} core(s) while running: ${shown}`,
	);
	const startedAt = Date.now();
	const child = spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });

	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.on(signal, () => {
			stopSpinners();
			// The command gets the signal too (a terminal's Ctrl-C reaches it already; a kill does not).
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
		});
	}

	child.on('error', (error) => {
		stopSpinners();
		console.error(`busy: could not start ${command}: ${error.message}`);
		process.exit(127);
	});
	child.on('exit', (code, signal) => {
		stopSpinners();
		const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
		const how = signal ? `was ended by ${signal}` : `exited with code ${code}`;
		console.log(`busy: ${shown} ${how} after ${seconds} s with ${processes} CPU-bound process(es)`);
		process.exit(signal ? 128 + (os.constants.signals[signal] ?? 0) : (code ?? 1));
	});
}

main();
