/**
 * What keeps `npm start`'s terminal to our banner and real errors: n8n's calls to its own servers switched
 * off (on a machine without internet each one ends in a stack trace), the settings n8n's deprecation notice
 * asks for set explicitly, and n8n's log in a file of which only the errors reach the terminal.
 *
 * Every variable below is read by n8n 2.x (checked on 2.40.7); the comment names where n8n defines it,
 * in the n8n-io/n8n repository.
 */
import { closeSync, openSync, readSync, statSync } from 'fs';

export const QUIET_N8N_ENV: Record<string, string> = {
	// --- n8n's outbound features, off: the sandbox talks to nothing but this machine
	// telemetry (RudderStack, PostHog): packages/@n8n/config/src/configs/diagnostics.config.ts
	N8N_DIAGNOSTICS_ENABLED: 'false',
	// "new version available" and "what's new" (api.n8n.io/api/versions, /whats-new):
	// packages/@n8n/config/src/configs/version-notifications.config.ts
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
	// workflow templates (api.n8n.io/api/templates): packages/@n8n/config/src/configs/templates.config.ts
	N8N_TEMPLATES_ENABLED: 'false',
	// the editor's banners (api.n8n.io/api/banners): packages/@n8n/config/src/configs/dynamic-banners.config.ts
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	// the "about you" survey after sign-up: packages/@n8n/config/src/configs/personalization.config.ts
	N8N_PERSONALIZATION_ENABLED: 'false',
	// verified community nodes suggested in the node panel (api.n8n.io/api/community-nodes, fetched when the
	// editor opens); installed packages, ours included, still load:
	// packages/cli/src/modules/community-packages/community-packages.config.ts
	N8N_VERIFIED_PACKAGES_ENABLED: 'false',
	N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
	// the MCP server registry (api.n8n.io/api/mcp-servers, fetched at start and then every few hours) has no
	// switch of its own: its module is left out. Module names: packages/@n8n/backend-common/src/modules/
	// modules.config.ts (N8N_DISABLED_MODULES) and module-registry.ts (the default modules)
	N8N_DISABLED_MODULES: 'mcp-registry',

	// --- what n8n's deprecation notice asks to set (packages/cli/src/deprecation/deprecation.service.ts)
	// packages/cli/src/modules/community-packages/community-packages.config.ts: its default becomes false
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
	// packages/@n8n/config/src/configs/runners.config.ts: the coming default, 60 s, instead of today's 300
	N8N_RUNNERS_TASK_TIMEOUT: '60',
	// packages/@n8n/config/src/configs/runners.config.ts: stated, though n8n still warns about it (the
	// other mode needs n8n's separate task runner launcher)
	N8N_RUNNERS_MODE: 'internal',
	// packages/@n8n/config/src/configs/compression.config.ts: the coming defaults, 256 MiB and 1,000 entries
	N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: String(256 * 1024 * 1024),
	N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '1000',

	// --- the log: one JSON object a line (level, message, metadata, timestamp) on n8n's stdout, which
	// npm start points at the log file: packages/@n8n/config/src/configs/logging.config.ts
	N8N_LOG_LEVEL: 'info',
	N8N_LOG_FORMAT: 'json',
	N8N_LOG_OUTPUT: 'console',
};

/**
 * What of one line of n8n's log the terminal shows: errors, and warnings that name one of our packages (a
 * node or credential that did not load); undefined for the rest. A line that is not a log entry is something n8n
 * or Node wrote past the logger, such as a crash's stack trace: shown as it is, except Node's own warnings.
 */
export function terminalLine(line: string, packageNames: string[]): string | undefined {
	if (!line.trim()) return undefined;
	let entry: { level?: unknown; message?: unknown } | undefined;
	try {
		entry = JSON.parse(line) as { level?: unknown; message?: unknown };
	} catch {
		entry = undefined;
	}
	if (!entry || typeof entry.level !== 'string' || typeof entry.message !== 'string') {
		return /^\(node:\d+\) |^\(Use `node --trace-/.test(line) ? undefined : line;
	}
	if (entry.level === 'error') return `n8n error: ${entry.message}`;
	if (entry.level === 'warn' && packageNames.some((name) => line.includes(name)))
		return `n8n warning: ${entry.message}`;
	return undefined;
}

/** Reads the lines a file gains, from its current end, every `intervalMs`; `stop()` reads the last ones. */
export function followFile(
	file: string,
	onLine: (line: string) => void,
	intervalMs = 300,
): { stop(): void } {
	let position = 0;
	let partial = '';
	const readNew = () => {
		let size: number;
		try {
			size = statSync(file).size;
		} catch {
			return; // not there yet
		}
		if (size < position) position = 0; // truncated by a new start
		if (size === position) return;
		const buffer = Buffer.alloc(size - position);
		const fd = openSync(file, 'r');
		try {
			readSync(fd, buffer, 0, buffer.length, position);
		} finally {
			closeSync(fd);
		}
		position = size;
		const lines = (partial + buffer.toString('utf8')).split('\n');
		partial = lines.pop() ?? '';
		lines.forEach(onLine);
	};
	const timer = setInterval(readNew, intervalMs);
	timer.unref();
	return {
		stop() {
			clearInterval(timer);
			readNew();
			if (partial) onLine(partial);
			partial = '';
		},
	};
}
