import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

// eslint-plugin-n8n-nodes-base ships eslintrc-style configs; these wrap them for flat config.
const nodesBase = (name, files) => ({
	files,
	plugins: { 'n8n-nodes-base': n8nNodesBase },
	rules: n8nNodesBase.configs[name].rules,
});

export default [
	{ ignores: ['dist/**', 'node_modules/**', '.cache/**', 'coverage/**'] },
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
	},
	{ ...nodesBase('community', ['package.json']), languageOptions: { parser: jsonParser() } },
	nodesBase('credentials', ['credentials/**/*.ts']),
	nodesBase('nodes', ['nodes/**/*.ts']),
	{ ...n8nCommunityNodesPlugin.configs.recommended, files: ['package.json', 'credentials/**/*.ts', 'nodes/**/*.ts'] },
	{
		files: ['credentials/**/*.ts', 'nodes/**/*.ts'],
		rules: {
			// Says of itself "only applicable to nodes in the main repository": a community credential
			// links a full documentation URL, which camelCase would break.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			// These two ask for the string 'main', which @n8n/community-nodes/node-connection-type-literal
			// forbids in favour of NodeConnectionTypes.Main; the newer plugin wins.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
];

/** package.json is linted as a JS object expression, the way eslint-plugin-n8n-nodes-base expects. */
function jsonParser() {
	return {
		parseForESLint(code) {
			return tseslint.parser.parseForESLint(`(${code})`, { sourceType: 'module' });
		},
	};
}
