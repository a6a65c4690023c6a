import { defineConfig } from 'vitest/config';

// `npm run test:e2e`: the package in a real n8n (CLI runs, OAuth refresh, the editor in Chromium).
// One file at a time: each starts n8n processes, and the machine has 2 cores.
export default defineConfig({
	test: {
		include: ['e2e/**/*.e2e.ts'],
		globals: true,
		environment: 'node',
		fileParallelism: false,
		pool: 'forks',
		testTimeout: 180_000,
		hookTimeout: 20 * 60_000,
		reporters: ['default', './test/support/summary-reporter.ts'],
	},
});
