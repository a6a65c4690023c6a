import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, mergeConfig } from 'vitest/config';

import base from './vitest.config';

/**
 * `npm test`'s whole suite (the base config's files), run on n8n 1.x's own n8n-core and n8n-workflow
 * (N8N_HOST_DIR: the folder scripts/n8n-install.sh installed n8n 1.x into; `npm run test:e2e` sets
 * it). The built package is staged inside that folder, so that its `require('n8n-workflow')` finds
 * n8n 1.x's copy, as it does in a real n8n 1.x (n8n puts its own node_modules on the module path).
 */
const host = process.env.N8N_HOST_DIR;
if (!host) throw new Error('Set N8N_HOST_DIR to the folder of an n8n 1.x install (scripts/n8n-install.sh prints it)');
const modules = path.join(host, 'node_modules');
const staged = path.join(host, 'gong-under-test', 'node_modules', 'n8n-nodes-gong');
rmSync(staged, { recursive: true, force: true });
mkdirSync(staged, { recursive: true });
cpSync(path.join(__dirname, 'package.json'), path.join(staged, 'package.json'));
cpSync(path.join(__dirname, 'dist'), path.join(staged, 'dist'), { recursive: true });

export default mergeConfig(
	base,
	defineConfig({
		resolve: {
			alias: {
				'n8n-workflow': path.join(modules, 'n8n-workflow', 'dist', 'cjs', 'index.js'),
				'n8n-core': path.join(modules, 'n8n-core', 'dist', 'index.js'),
			},
		},
		test: {
			env: { GONG_PACKAGE_DIR: staged, GONG_N8N_MAJOR: '1' },
		},
	}),
);
