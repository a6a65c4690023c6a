import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';

// The rules n8n's community-package scanner applies, over the source and the tests alike.
export default tseslint.config(
	{ ignores: ['dist/**', '.test-dist/**', 'node_modules/**', '.tools/**', '.e2e/**'] },
	{
		files: ['**/*.ts'],
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { project: ['./tsconfig.test.json', './tsconfig.e2e.json'], tsconfigRootDir: import.meta.dirname },
		},
		plugins: { '@typescript-eslint': tseslint.plugin },
		rules: {
			'@typescript-eslint/no-explicit-any': 'error',
		},
	},
	n8nCommunityNodesPlugin.configs.recommended,
	{
		// e2e/ is host tooling, not node code: it installs n8n, spawns its CLI and server, drives a
		// browser and reads files. The rules that keep a node inside n8n's sandbox cannot apply to it;
		// every other rule still does.
		files: ['e2e/**/*.ts'],
		rules: {
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
		},
	},
);
