/**
 * What the editor must show, read from the built classes of the installed packages (their dist/ files,
 * as n8n loads them), never from a list kept here.
 */
import { spawnSync } from 'child_process';
import { join } from 'path';

export interface ExpectedDropdown {
	/** parameter name: resource, operation, event or events (a webhook trigger's multiOptions) */
	param: string;
	label: string;
	/** the resource this Operation dropdown belongs to (its displayOptions.show.resource) */
	resource?: string;
	/** the options in the description's order */
	options: Array<{ name: string; value: string; description?: string; action?: string }>;
	multiple: boolean;
}

export interface ExpectedLocator {
	param: string;
	label: string;
	resource?: string;
	operation?: string;
	searchListMethod: string;
}

export interface ExpectedNode {
	/** full type, e.g. n8n-nodes-leevia.leevia */
	type: string;
	displayName: string;
	/** what a user types in the node panel: the platform name, first word of the display name */
	platform: string;
	trigger: boolean;
	credentials: string[];
	dropdowns: ExpectedDropdown[];
	locators: ExpectedLocator[];
}

export interface ExpectedField {
	name: string;
	label: string;
	type: string;
	required: boolean;
	/** for options fields: the option names */
	options?: string[];
}

export interface ExpectedCredential {
	name: string;
	displayName: string;
	/** the fields the create dialog shows, in order: not hidden, shown for the default values */
	fields: ExpectedField[];
}

export interface Expectations {
	packageNames: string[];
	nodes: ExpectedNode[];
	credentials: ExpectedCredential[];
}

/**
 * Runs in a child Node process so that the package's files resolve n8n-workflow from `resolveFrom`
 * (n8n installs community packages without their peer dependencies).
 */
const SCRIPT = `
const path = require('path');
const dir = process.argv[1];
const pkg = require(path.join(dir, 'package.json'));
const load = (file) => { const cls = path.basename(file).split('.')[0]; return new (require(path.join(dir, file))[cls])(); };
// displayOptions.show/hide against the current values (only equality, all the package uses)
const visible = (prop, values) => {
	const d = prop.displayOptions || {};
	for (const [k, allowed] of Object.entries(d.show || {})) if (!allowed.includes(values[k])) return false;
	for (const [k, denied] of Object.entries(d.hide || {})) if (denied.includes(values[k])) return false;
	return true;
};
const only = (show, key) => (show && Array.isArray(show[key]) && show[key].length === 1 ? show[key][0] : undefined);
const nodes = (pkg.n8n.nodes || []).map((file) => {
	const d = load(file).description;
	const dropdowns = [];
	const locators = [];
	for (const p of d.properties) {
		const show = (p.displayOptions || {}).show;
		const keys = Object.keys(show || {});
		if ((p.type === 'options' || p.type === 'multiOptions') && ['resource', 'operation', 'event', 'events'].includes(p.name) && keys.every((k) => k === 'resource')) {
			dropdowns.push({ param: p.name, label: p.displayName, resource: only(show, 'resource'),
				multiple: p.type === 'multiOptions',
				options: p.options.map((o) => ({ name: o.name, value: String(o.value), description: o.description, action: o.action })) });
		}
		if (p.type === 'resourceLocator') {
			const list = (p.modes || []).find((m) => m.type === 'list' || m.name === 'list');
			if (list && list.typeOptions && list.typeOptions.searchListMethod)
				locators.push({ param: p.name, label: p.displayName, resource: only(show, 'resource'),
					operation: only(show, 'operation'), searchListMethod: list.typeOptions.searchListMethod });
		}
	}
	return {
		type: pkg.name + '.' + d.name,
		displayName: d.displayName,
		platform: d.displayName.split(' ')[0],
		trigger: (d.group || []).includes('trigger'),
		credentials: (d.credentials || []).map((c) => c.name),
		dropdowns,
		locators,
	};
});
const credentials = (pkg.n8n.credentials || []).map((file) => {
	const c = load(file);
	const values = {};
	for (const p of c.properties) values[p.name] = p.default;
	const fields = c.properties
		.filter((p) => p.type !== 'hidden' && p.type !== 'notice' && visible(p, values))
		.map((p) => ({ name: p.name, label: p.displayName, type: p.type, required: !!p.required,
			options: p.type === 'options' ? p.options.map((o) => o.name) : undefined }));
	return { name: c.name, displayName: c.displayName, fields };
});
console.log(JSON.stringify({ packageName: pkg.name, nodes, credentials }));
`;

/** The expectations of every installed package, together. */
export function readExpectations(packageDirs: string[], resolveFrom: string): Expectations {
	const all: Expectations = { packageNames: [], nodes: [], credentials: [] };
	for (const packageDir of packageDirs) {
		const child = spawnSync(process.execPath, ['-e', SCRIPT, packageDir], {
			encoding: 'utf8',
			env: { ...process.env, NODE_PATH: join(resolveFrom, 'node_modules') },
		});
		if (child.status !== 0)
			throw new Error(`could not read ${packageDir}'s descriptions:\n${child.stderr}`);
		const one = JSON.parse(child.stdout) as Omit<Expectations, 'packageNames'> & {
			packageName: string;
		};
		all.packageNames.push(one.packageName);
		all.nodes.push(...one.nodes);
		all.credentials.push(...one.credentials);
	}
	return all;
}
