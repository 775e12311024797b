import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { defineConfig } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

// This config is meant to be at least as strict as the one `@n8n/node-cli` ships
// (dist/configs/eslint.js in @n8n/node-cli@0.48.3), which n8n's verification lints nodes/,
// credentials/ and package.json with. Everything that config enables is enabled here for that code;
// where it turns a rule off, the comment at the rule says whether and why we keep it on.

/** The code that ships, and that n8n's scanner lints. */
const PRODUCT_TS = ['credentials/**/*.ts', 'nodes/**/*.ts'];

// eslint-plugin-n8n-nodes-base ships eslintrc-style configs; these wrap them for flat config.
const nodesBase = (name, files) => ({
	files,
	plugins: { 'n8n-nodes-base': n8nNodesBase },
	rules: n8nNodesBase.configs[name].rules,
});

export default defineConfig([
	{ ignores: ['dist/**', 'node_modules/**', '.cache/**', 'coverage/**'] },
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
	},
	// The general-purpose rule sets node-cli applies. Scoped to product code: on test/ they report
	// explicit `any`, unused `_`-prefixed parameters and a require() in the e2e runner, which are
	// deliberate there.
	{
		files: PRODUCT_TS,
		extends: [
			js.configs.recommended,
			tseslint.configs.recommended,
			importX.flatConfigs.recommended,
		],
		settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()] },
		rules: {
			// A node logs through this.logger; console output goes nowhere useful inside n8n.
			'no-console': 'error',
			// node-cli turns 'prefer-spread' off; we keep typescript-eslint's 'error', as nothing here
			// needs Function.prototype.apply.
		},
	},
	{ ...nodesBase('community', ['package.json']), languageOptions: { parser: jsonParser() } },
	nodesBase('credentials', ['credentials/**/*.ts']),
	nodesBase('nodes', ['nodes/**/*.ts']),
	{ ...n8nCommunityNodesPlugin.configs.recommended, files: ['package.json', ...PRODUCT_TS] },
	{
		files: PRODUCT_TS,
		rules: {
			// Says of itself "only applicable to nodes in the main repository": a community credential
			// links a full documentation URL, which camelCase would break.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			// These two ask for the string 'main', which @n8n/community-nodes/node-connection-type-literal
			// forbids in favour of NodeConnectionTypes.Main; the newer plugin wins.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			// node-cli also turns off 'n8n-nodes-base/cred-class-field-type-options-password-missing'
			// (deferring to @n8n/community-nodes/credential-password-field) and
			// 'n8n-nodes-base/node-param-type-options-max-value-present' (an API may really cap a
			// number). We keep both on: neither conflicts with another rule, and our code passes them.
		},
	},
]);

/** package.json is linted as a JS object expression, the way eslint-plugin-n8n-nodes-base expects. */
function jsonParser() {
	return {
		parseForESLint(code) {
			return tseslint.parser.parseForESLint(`(${code})`, { sourceType: 'module' });
		},
	};
}
