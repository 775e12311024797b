import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { defineConfig } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

// The workspace's lint. Each published package is linted again in its own repository tree by
// `n8n-node lint` with @n8n/node-cli's own config, in strict mode, and by n8n's scanner (`npm run
// test:packages`). Here the same rule sets run on all four packages' code at once, at least as strictly
// as node-cli's config (dist/configs/eslint.js in @n8n/node-cli@0.48.3) except for the few rules that
// read one package's package.json (see below); where node-cli turns a rule off, the comment at the rule
// says whether and why we keep it on.

/** The code that ships, and that n8n's scanner lints. */
const PRODUCT_TS = ['credentials/**/*.ts', 'nodes/**/*.ts'];
const PACKAGE_JSON = ['packages/*/package.json'];

// eslint-plugin-n8n-nodes-base ships eslintrc-style configs; these wrap them for flat config.
const nodesBase = (name, files) => ({
	files,
	plugins: { 'n8n-nodes-base': n8nNodesBase },
	rules: n8nNodesBase.configs[name].rules,
});

export default defineConfig([
	{ ignores: ['dist/**', 'node_modules/**', '.cache/**', 'coverage/**', 'packages/template/**'] },
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
	// the four packages' package.json (the workspace's own is not a package)
	{ ...nodesBase('community', PACKAGE_JSON), languageOptions: { parser: jsonParser() } },
	nodesBase('credentials', ['credentials/**/*.ts']),
	nodesBase('nodes', ['nodes/**/*.ts']),
	{ ...n8nCommunityNodesPlugin.configs.recommended, files: [...PACKAGE_JSON, ...PRODUCT_TS] },
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
			// As node-cli and n8n's scanner do: @n8n/community-nodes/credential-password-field decides which
			// fields are secrets (this one would mask SPREAD's Public Key, which
			// credential-unnecessary-password then flags).
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
			// node-cli also turns off 'n8n-nodes-base/node-param-type-options-max-value-present' (an API may
			// really cap a number). We keep it on: it conflicts with no other rule, and our code passes it.
			// These read the package.json nearest to the file, here the workspace's, which lists no
			// package: each package's tree is linted with them (`npm run test:packages`).
			'@n8n/community-nodes/no-credential-reuse': 'off',
			'@n8n/community-nodes/node-registration-complete': 'off',
			'@n8n/community-nodes/valid-credential-references': 'off',
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
