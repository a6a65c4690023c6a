import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	resolve: {
		// The built node (CommonJS, loaded by n8n-core's loader) requires n8n-workflow's CJS build;
		// tests must share that very module, or `instanceof NodeApiError` and friends break.
		alias: {
			'n8n-workflow': fileURLToPath(new URL('./node_modules/n8n-workflow/dist/cjs/index.js', import.meta.url)),
		},
	},
	test: {
		include: ['test/**/*.test.ts'],
		environment: 'node',
		// Rate-limited runs against the stand-in take a few seconds each; files run in parallel on 2 cores.
		testTimeout: 60_000,
		hookTimeout: 30_000,
		pool: 'forks',
		// The built package is the CommonJS n8n-core's loader requires: tests that tune its transport
		// (test/support/faults.ts) must get that very module from Node, not a copy transformed by Vite.
		server: { deps: { external: [/\/dist\/nodes\//] } },
		reporters: ['default', './test/support/summary-reporter.ts'],
	},
});
