import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts'],
		environment: 'node',
		// Rate-limited runs against the stand-in take a few seconds each; files run in parallel on 2 cores.
		testTimeout: 60_000,
		hookTimeout: 30_000,
		pool: 'forks',
		reporters: ['default', './test/support/summary-reporter.ts'],
	},
});
