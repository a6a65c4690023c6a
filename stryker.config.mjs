// `npm run mutate`: Stryker's mutation testing of what decides whether a workflow gets all its data
// (the transport, and the Gong Trigger's state), against the test suite's own stand-in tests. Not
// in CI (it takes a while); its latest score is in the README.
//
// Stryker instruments the TypeScript source in a sandbox, builds it there (the tests load the
// package from dist/, as n8n does) and switches one mutant on at a time.
export default {
	testRunner: 'vitest',
	vitest: { configFile: 'vitest.mutate.config.ts' },
	buildCommand: 'npx tsc -p tsconfig.json',
	mutate: ['nodes/Gong/transport/*.ts', 'nodes/GongTrigger/state.ts'],
	ignorePatterns: ['.e2e', '.tools', 'reports', 'bench', 'e2e', 'docs', 'examples'],
	coverageAnalysis: 'perTest',
	concurrency: 2,
	timeoutMS: 30_000,
	reporters: ['clear-text', 'progress', 'json'],
	jsonReporter: { fileName: 'reports/mutation/mutation.json' },
	thresholds: { high: 85, low: 70, break: null },
	tempDirName: '.stryker-tmp',
	cleanTempDir: 'always',
};
