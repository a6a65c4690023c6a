import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';

// The rules n8n's community-package scanner applies, over the source and the tests alike.
export default tseslint.config(
	{ ignores: ['dist/**', '.test-dist/**', 'node_modules/**', '.tools/**', '.e2e/**'] },
	{
		files: ['**/*.ts'],
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname },
		},
		plugins: { '@typescript-eslint': tseslint.plugin },
		rules: {
			'@typescript-eslint/no-explicit-any': 'error',
		},
	},
	n8nCommunityNodesPlugin.configs.recommended,
);
