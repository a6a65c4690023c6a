import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';

// The rules n8n's community-package scanner applies, over the source and the tests alike.
export default tseslint.config(
	{
		ignores: [
			'dist/**',
			'.test-dist/**',
			'node_modules/**',
			'.tools/**',
			'.e2e/**',
			'nodes/shared/transport/gong-api.d.ts',
		],
	},
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
		// e2e/ and bench/ are host tooling, not node code: they install n8n, spawn its CLI and server,
		// drive a browser and read files. The rules that keep a node inside n8n's sandbox cannot apply
		// to them; every other rule still does.
		files: ['e2e/**/*.ts', 'bench/**/*.ts'],
		rules: {
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
		},
	},
);
