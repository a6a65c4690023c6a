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
		// n8n 1.x's n8n-core (vitest.n8n1.config.ts) sets the TLS servername to the host, and the
		// stand-in's host is 127.0.0.1: Node warns DEP0123 straight to the worker's stderr, past `silent`.
		execArgv: ['--disable-warning=DEP0123'],
		// The built package is the CommonJS n8n-core's loader requires: tests that tune its transport
		// (test/support/faults.ts) must get that very module from Node, not a copy transformed by Vite.
		server: { deps: { external: [/\/dist\/nodes\//] } },
		reporters: ['default', './test/support/summary-reporter.ts'],
		// Many tests provoke errors on purpose, and n8n-core's logger and the nodes' ctx.logger print
		// them ("needs to be reconnected", "URL Key is empty, …"). Vitest buffers each test's console
		// output and prints it only when that test (or its suite or file) fails, so every line
		// beyond the reporter's is from a real failure. `--silent=false` shows all output again.
		silent: 'passed-only',
	},
});
