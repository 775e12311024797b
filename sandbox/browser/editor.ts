/**
 * n8n 2.x's editor as a user meets it, through the `data-test-id` attributes n8n's own browser tests use
 * (read off n8n 2.40's editor). Each step a user would see leaves a numbered screenshot.
 */
import { join } from 'path';

import type { Locator, Page } from 'playwright-core';

import type {
	ExpectedCredential,
	ExpectedDropdown,
	ExpectedLocator,
	ExpectedNode,
} from './expected';

const tid = (id: string) => `[data-test-id="${id}"]`;

/** Fields n8n adds to every credential dialog itself (not the package's). */
const N8N_CREDENTIAL_FIELDS = ['allowedHttpRequestDomains', 'allowedDomains'];

/** Throws with both lists when they differ. */
function sameList(what: string, shown: string[], expected: string[]): void {
	if (JSON.stringify(shown) !== JSON.stringify(expected)) {
		throw new Error(
			`${what}:\n  the editor shows   ${JSON.stringify(shown)}\n  the description says ${JSON.stringify(expected)}`,
		);
	}
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

export class Editor {
	readonly pageErrors: string[] = [];

	private shots = 0;

	constructor(
		readonly page: Page,
		private readonly screenshotDir: string,
	) {
		page.on('pageerror', (error) => this.pageErrors.push(error.message));
	}

	/** A numbered screenshot of the page, or of one element. */
	async shot(name: string, element?: Locator): Promise<string> {
		const file = join(
			this.screenshotDir,
			`${String(++this.shots).padStart(3, '0')}-${name.replace(/[^a-zA-Z0-9]+/g, '-').toLowerCase()}.png`,
		);
		if (element) await element.screenshot({ path: file });
		else await this.page.screenshot({ path: file });
		return file;
	}

	get ndv(): Locator {
		return this.page.locator(tid('ndv'));
	}

	/** The middle column of the node panel: tabs and parameters. */
	get parametersPanel(): Locator {
		return this.ndv.locator('.node-settings').first();
	}

	/** The select list open now (Element Plus keeps closed ones in the DOM, hidden). */
	get openSelect(): Locator {
		return this.page.locator('.el-select__popper:visible, .el-popper:visible').last();
	}

	canvasNode(node: ExpectedNode): Locator {
		return this.page.locator(`${tid('canvas-node')}[data-node-type="${node.type}"]`).first();
	}

	/**
	 * An empty canvas: on a workflow already, every node selected and deleted (a page load of the editor
	 * takes seconds on a busy 2-core machine); elsewhere a new workflow.
	 */
	async newWorkflow(): Promise<void> {
		const addFirst = this.page.locator(tid('canvas-add-button'));
		if (
			/\/workflow\//.test(this.page.url()) &&
			(await this.page.locator(tid('canvas-wrapper')).isVisible())
		) {
			await this.closeNodePanel();
			if (await addFirst.isVisible()) return;
			await this.page.locator(tid('canvas-wrapper')).click({ position: { x: 5, y: 5 } });
			await this.page.keyboard.press('ControlOrMeta+a');
			await this.page.keyboard.press('Delete');
			try {
				await addFirst.waitFor({ timeout: 3_000 });
				return;
			} catch {
				// not emptied: load a new workflow
			}
		}
		await this.page.goto('/workflow/new');
		await addFirst.waitFor();
	}

	/**
	 * The node panel on an empty canvas: search the platform name, open the entry (n8n lists a node and
	 * its `<name>Trigger` under one entry, named without " Trigger"), check its Triggers and Actions
	 * against the description, and pick the first of the right kind. An action node comes with n8n's
	 * manual trigger.
	 */
	async addNode(node: ExpectedNode, all: ExpectedNode[]): Promise<void> {
		await this.page.locator(tid('canvas-add-button')).click();
		const creator = this.page.locator(tid('node-creator'));
		await creator.locator(tid('node-creator-search-bar')).fill(node.platform);
		const entryName = node.displayName.replace(/ Trigger$/, '');
		const entry = creator
			.locator(tid('node-creator-item-name'))
			.getByText(entryName, { exact: true });
		await entry.waitFor();
		await this.shot(`${node.displayName} search ${node.platform}`);
		await entry.click();

		let sections = await this.creatorSections();
		const actionsKey = Object.keys(sections).find((k) => /^Actions/.test(k));
		if (actionsKey && !sections[actionsKey].length) {
			await creator
				.locator(tid('node-creator-category-item'))
				.filter({ hasText: /^Actions/ })
				.click();
			sections = await this.creatorSections();
		}
		await this.shot(`${node.displayName} entry ${entryName}`);
		this.checkCreatorEntry(node, all, sections);

		const triggersKey = Object.keys(sections).find((k) => /^Triggers/.test(k));
		const pick = node.trigger
			? triggersKey && sections[triggersKey][0]
			: actionsKey && sections[actionsKey][0];
		if (!pick)
			throw new Error(`the entry "${entryName}" lists nothing to add for ${node.displayName}`);
		await creator.locator(tid('node-creator-item-name')).getByText(pick, { exact: true }).click();
		await this.ndv.waitFor();
		await this.canvasNode(node).waitFor({ state: 'attached' });
		await this.shot(`${node.displayName} added`);
	}

	/** Items of the node panel's open entry, by category ("Triggers (2)", "Actions (3)"). */
	private async creatorSections(): Promise<Record<string, string[]>> {
		return await this.page.locator(tid('node-creator')).evaluate((root) => {
			const out: Record<string, string[]> = {};
			let category = '';
			const selector =
				'[data-test-id="node-creator-category-item"], [data-test-id="node-creator-item-name"]';
			for (const el of root.querySelectorAll(selector)) {
				const text = (el.textContent ?? '').trim();
				if (el.getAttribute('data-test-id') === 'node-creator-category-item') {
					category = text;
					out[category] = [];
				} else if (category) out[category].push(text);
			}
			return out;
		});
	}

	/**
	 * The entry lists, for the action node, every operation's action text; for the trigger, one item per
	 * event ("On new user" for the event "New User").
	 */
	private checkCreatorEntry(
		node: ExpectedNode,
		all: ExpectedNode[],
		sections: Record<string, string[]>,
	): void {
		const entryNodes = all.filter(
			(n) => n.displayName.replace(/ Trigger$/, '') === node.displayName.replace(/ Trigger$/, ''),
		);
		const sorted = (list: string[]) => [...list].sort((a, b) => a.localeCompare(b));
		const category = (prefix: RegExp) => {
			const key = Object.keys(sections).find((k) => prefix.test(k));
			// "Actions (32)": n8n renders a long list as it scrolls, so the count comes from the heading
			return key
				? {
						count: Number(/\((\d+)\)/.exec(key)?.[1] ?? sections[key].length),
						items: sections[key],
					}
				: { count: 0, items: [] };
		};
		const action = entryNodes.find((n) => !n.trigger);
		const actionTexts = (action?.dropdowns ?? [])
			.filter((d) => d.param === 'operation')
			.flatMap((d) => d.options.map((o) => o.action ?? ''));
		if (action && actionTexts.every(Boolean)) {
			const shown = category(/^Actions/);
			if (shown.count !== actionTexts.length)
				throw new Error(
					`the node panel counts ${shown.count} actions, the description has ${actionTexts.length}`,
				);
			const unknown = shown.items.filter((t) => !actionTexts.includes(t));
			if (unknown.length)
				throw new Error(
					`the node panel lists actions the description lacks: ${unknown.join(', ')}`,
				);
		}
		const trigger = entryNodes.find((n) => n.trigger);
		const events = trigger?.dropdowns.find((d) => d.param === 'event' || d.param === 'events');
		if (events) {
			sameList(
				'triggers in the node panel',
				sorted(category(/^Triggers/).items.map((t) => t.toLowerCase())),
				sorted(events.options.map((o) => `on ${o.name.toLowerCase()}`)),
			);
		}
	}

	/** The node's icon on the canvas is an <img> that loaded, and n8n's letter placeholder is absent. */
	async expectIconImage(node: ExpectedNode): Promise<void> {
		await this.closeNodePanel();
		const canvasNode = this.canvasNode(node);
		await canvasNode
			.locator('img')
			.first()
			.waitFor({ timeout: 10_000 })
			.catch(() => undefined);
		// an <img> that is still loading: give it a moment
		await canvasNode
			.evaluate(
				async (el) =>
					await new Promise<void>((resolve) => {
						const image = el.querySelector('img');
						if (!image || image.complete) return resolve();
						image.addEventListener('load', () => resolve());
						image.addEventListener('error', () => resolve());
						setTimeout(resolve, 5_000);
					}),
			)
			.catch(() => undefined);
		const state = await canvasNode.evaluate((el) => {
			const image = el.querySelector('img');
			return {
				src: image?.getAttribute('src') ?? '',
				loaded: !!image && image.complete && image.naturalWidth > 0,
				placeholder: [...el.querySelectorAll('[class*="nodeIconPlaceholder"]')].map(
					(p) => p.textContent ?? '',
				),
			};
		});
		await this.shot(`${node.displayName} icon`, canvasNode);
		if (state.placeholder.length)
			throw new Error(`the icon is n8n's letter placeholder "${state.placeholder.join('')}"`);
		if (!state.loaded)
			throw new Error(`the icon image did not load (src "${state.src || 'none'}")`);
		await canvasNode.dblclick();
		await this.ndv.waitFor();
	}

	async closeNodePanel(): Promise<void> {
		if (await this.ndv.isVisible()) {
			await this.ndv.locator(tid('ndv-close-button')).click();
			await this.ndv.waitFor({ state: 'hidden' });
		}
	}

	private parameter(name: string): Locator {
		return this.ndv.locator(tid(`parameter-input-${name}`)).first();
	}

	/** Opens a dropdown parameter; returns its options as "Name: description", in order. */
	async openOptions(param: string, scope: Locator = this.ndv): Promise<string[]> {
		await scope
			.locator(tid(`parameter-input-${param}`))
			.first()
			.click();
		const items = this.openSelect.locator('.el-select-dropdown__item');
		await items.first().waitFor();
		return await items.evaluateAll((els) =>
			els.map((el) => {
				const text = (selector: string) =>
					(el.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
				const name = text('.option-headline') || (el.textContent ?? '').trim();
				const description = text('.option-description');
				return description ? `${name}: ${description}` : name;
			}),
		);
	}

	async closeOptions(): Promise<void> {
		await this.page.keyboard.press('Escape');
		await this.page
			.locator('.el-select__popper:visible')
			.first()
			.waitFor({ state: 'hidden', timeout: 3_000 })
			.catch(() => undefined);
	}

	async chooseOption(param: string, name: string): Promise<void> {
		const current = await this.parameter(param)
			.locator('input')
			.first()
			.inputValue()
			.catch(() => '');
		if (current === name) return;
		await this.openOptions(param);
		await this.openSelect
			.locator('.el-select-dropdown__item')
			.filter({ has: this.page.locator('.option-headline', { hasText: name }) })
			.first()
			.click();
		await this.page
			.locator('.el-select__popper:visible')
			.first()
			.waitFor({ state: 'hidden', timeout: 3_000 })
			.catch(() => undefined);
	}

	private optionName(node: ExpectedNode, param: string, value: string, resource?: string): string {
		const dropdown = node.dropdowns.find(
			(d) => d.param === param && (param !== 'operation' || d.resource === resource),
		);
		const name = dropdown?.options.find((o) => o.value === value)?.name;
		if (!name) throw new Error(`${node.displayName} describes no ${param} ${value}`);
		return name;
	}

	async checkDropdown(node: ExpectedNode, dropdown: ExpectedDropdown): Promise<void> {
		if (!(await this.ndv.isVisible())) {
			await this.canvasNode(node).dblclick();
			await this.ndv.waitFor();
		}
		if (dropdown.resource)
			await this.chooseOption('resource', this.optionName(node, 'resource', dropdown.resource));
		const shown = await this.openOptions(dropdown.param);
		await this.shot(
			`${node.displayName} ${dropdown.label} ${dropdown.resource ?? ''}`.trim(),
			this.ndv,
		);
		await this.closeOptions();
		sameList(
			`${dropdown.label} options`,
			shown,
			dropdown.options.map((o) =>
				o.description ? `${o.name}: ${oneLine(o.description)}` : o.name,
			),
		);
	}

	/** Credentials → Create: the type chosen in n8n's type picker, then the "create" dialog. */
	async openCreateCredential(displayName: string): Promise<Locator> {
		const create = this.page.getByRole('button', { name: 'Create credential' });
		if (/\/home\/credentials/.test(this.page.url()) && (await create.first().isVisible()))
			await create.first().click();
		else await this.page.goto('/home/credentials/create');
		const picker = this.page.locator(tid('selectCredential-modal'));
		await picker.locator(tid('new-credential-type-select')).click();
		await this.page.keyboard.type(displayName);
		await this.openSelect
			.locator('.el-select-dropdown__item')
			.filter({
				hasText: new RegExp(`^\\s*${displayName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`),
			})
			.first()
			.click();
		await this.shot(`${displayName} type chosen`, picker);
		await picker.locator(tid('new-credential-type-button')).click();
		const body = this.page.locator(tid('credential-edit-dialog'));
		await body.locator(tid('credential-connection-parameter')).first().waitFor();
		return body;
	}

	/** The whole modal around the dialog's body: title, tabs, fields, Save. */
	credentialModal(): Locator {
		return this.page.locator(tid('editCredential-modal'));
	}

	/**
	 * The create dialog lists the class's fields in order (label, required mark), then at most n8n's own
	 * fields; an options field lists the class's options.
	 */
	async checkCredentialDialog(credential: ExpectedCredential): Promise<void> {
		const body = await this.openCreateCredential(credential.displayName);
		const fields = await body.locator(tid('credential-connection-parameter')).evaluateAll((els) =>
			els.map((el) => {
				const container = el.querySelector('[data-test-id]');
				const title = el.querySelector('label [class*="title"]') ?? el.querySelector('label');
				const label = (title?.textContent ?? '').replace(/\s+/g, ' ').trim();
				return {
					name: container?.getAttribute('data-test-id') ?? '',
					label: label.replace(/\s*\*$/, ''),
					required: /\*$/.test(label),
				};
			}),
		);
		await this.shot(`${credential.displayName} create dialog`, this.credentialModal());
		const ours = fields.filter((f) => !N8N_CREDENTIAL_FIELDS.includes(f.name));
		const extra = fields.slice(ours.length).filter((f) => !N8N_CREDENTIAL_FIELDS.includes(f.name));
		if (extra.length) throw new Error(`n8n's own fields are not last: ${JSON.stringify(fields)}`);
		sameList(
			`${credential.displayName} fields`,
			ours.map((f) => `${f.name} "${f.label}"${f.required ? ' required' : ''}`),
			credential.fields.map((f) => `${f.name} "${f.label}"${f.required ? ' required' : ''}`),
		);
		for (const field of credential.fields.filter((f) => f.options)) {
			const shown = await this.openOptions(field.name, body);
			await this.shot(`${credential.displayName} ${field.label}`, this.credentialModal());
			await this.closeOptions();
			sameList(
				`${credential.displayName} ${field.label} options`,
				shown.map((s) => s.split(': ')[0]),
				field.options!,
			);
		}
		await this.closeCredentialDialog(body);
	}

	async closeCredentialDialog(body: Locator): Promise<void> {
		await this.credentialModal().getByRole('button', { name: 'Close this dialog' }).click();
		await body.waitFor({ state: 'hidden' });
	}

	/** Chooses a resource and an operation by their values, and a credential by name. */
	async configure(
		node: ExpectedNode,
		values: { resource?: string; operation?: string },
		credentialName?: string,
	): Promise<void> {
		if (values.resource)
			await this.chooseOption('resource', this.optionName(node, 'resource', values.resource));
		if (values.operation)
			await this.chooseOption(
				'operation',
				this.optionName(node, 'operation', values.operation, values.resource),
			);
		if (credentialName) await this.selectCredential(credentialName);
	}

	async selectCredential(name: string): Promise<void> {
		const select = this.ndv.locator(tid('node-credentials-select'));
		await select.waitFor();
		const current = await select
			.locator('input')
			.first()
			.inputValue()
			.catch(() => '');
		if (current === name) return;
		await select.click();
		await this.openSelect.getByText(name, { exact: true }).click();
	}

	/**
	 * Opens a resource locator's list (served by the sandbox through the node's listSearch method), picks
	 * a record the sandbox seeded (named in its notes) by typing part of its name into the list's search,
	 * and checks that the field then shows it.
	 */
	async pickInLocator(
		node: ExpectedNode,
		locator: ExpectedLocator,
		sandboxNotes: string,
	): Promise<string> {
		const rl = this.ndv.locator(tid(`resource-locator-${locator.param}`));
		await rl.locator(tid('rlc-input')).click();
		const items = rl.locator(tid('rlc-item'));
		await items.first().waitFor({ timeout: 20_000 });
		const names = (await items.allInnerTexts()).map((t) => t.split('\n')[0].trim());
		await this.shot(`${node.displayName} ${locator.label} list`, this.ndv);
		const known = names.filter((name) => name && sandboxNotes.includes(name));
		if (!known.length)
			throw new Error(
				`the list shows ${JSON.stringify(names.slice(0, 10))}, none of them a record the sandbox seeded`,
			);
		const pick = known[0];
		const needle = pick.split(/\s+/).find((word) => word.length >= 4) ?? pick;
		await rl.locator(tid('rlc-search')).fill(needle);
		await items.filter({ hasText: pick }).first().waitFor();
		// the search reaches the sandbox: entries without the word go away
		const deadline = Date.now() + 10_000;
		let shown = await items.allInnerTexts();
		while (shown.some((t) => !t.toLowerCase().includes(needle.toLowerCase()))) {
			if (Date.now() > deadline)
				throw new Error(`searching "${needle}" still lists ${JSON.stringify(shown)}`);
			await this.page.waitForTimeout(200);
			shown = await items.allInnerTexts();
		}
		await this.shot(`${node.displayName} ${locator.label} search ${needle}`, this.ndv);
		await items.filter({ hasText: pick }).first().click();
		await items.first().waitFor({ state: 'hidden' });
		const value = await rl.locator(tid('rlc-input')).inputValue();
		await this.shot(`${node.displayName} ${locator.label} picked`, this.ndv);
		if (!value.includes(pick)) throw new Error(`picked "${pick}" but the field shows "${value}"`);
		return pick;
	}

	/** A new workflow with the node, the locator's resource and operation, the credential, a value picked. */
	async pickFromList(
		node: ExpectedNode,
		all: ExpectedNode[],
		locator: ExpectedLocator,
		credentialName: string,
		sandboxNotes: string,
	): Promise<string> {
		await this.newWorkflow();
		await this.addNode(node, all);
		await this.configure(node, locator, credentialName);
		const pick = await this.pickInLocator(node, locator, sandboxNotes);
		await this.closeNodePanel();
		return pick;
	}

	/** The node's panel as README shows it: configured, a value picked where the panel has a list. */
	async showNodePanel(
		node: ExpectedNode,
		all: ExpectedNode[],
		values: { resource: string; operation: string },
		credentialName?: string,
		sandboxNotes = '',
	): Promise<void> {
		await this.newWorkflow();
		await this.addNode(node, all);
		await this.configure(node, values, credentialName);
		const locator = node.locators.find(
			(l) => l.resource === values.resource && l.operation === values.operation,
		);
		if (locator) await this.pickInLocator(node, locator, sandboxNotes);
		// no focus ring, hover controls or tooltip in the picture
		await this.page
			.locator(':focus')
			.blur()
			.catch(() => undefined);
		await this.page.mouse.move(1, 1);
		await this.page.waitForTimeout(300);
	}
}
