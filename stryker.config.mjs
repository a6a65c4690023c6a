// `npm run mutate`: Stryker's mutation testing of what decides whether a workflow gets all its data
// (the transport, and the Gong Trigger's state), against the test suite's own stand-in tests. Not
// in CI (it takes a while); its latest score is in the README.
//
// Stryker instruments the TypeScript source in a sandbox, builds it there (the tests load the
// package from dist/, as n8n does) and switches one mutant on at a time.
export default {
	testRunner: 'vitest',
	// The tests reach the source through dist/ (built in the sandbox), which Vitest's related-file search cannot follow.
	// forks: n8n-core loads ssh2's native addon, which crashes in a worker thread.
	vitest: { configFile: 'vitest.mutate.config.ts', related: false, pool: 'forks' },
	buildCommand: 'npx tsc -p tsconfig.json',
	// The code that decides whether an answer is used, retried or reported, and what the trigger
	// remembers. throttle.ts (timing: its mutants mostly make runs slower, which only a benchmark sees)
	// and endpoints.ts (typed wrappers, covered through every operation) are left out to keep a run
	// under an hour on two cores.
	mutate: [
		'nodes/shared/transport/answer.ts',
		'nodes/shared/transport/errors.ts',
		'nodes/shared/transport/index.ts',
		'nodes/shared/transport/records.ts',
		'nodes/GongTrigger/state.ts',
	],
	ignorePatterns: ['.e2e', '.tools', 'reports', 'bench', 'e2e', 'docs', 'examples'],
	coverageAnalysis: 'perTest',
	concurrency: 2,
	timeoutMS: 10_000,
	reporters: ['clear-text', 'progress', 'json'],
	jsonReporter: { fileName: 'reports/mutation/mutation.json' },
	thresholds: { high: 85, low: 70, break: null },
	tempDirName: '.stryker-tmp',
	cleanTempDir: 'always',
};
