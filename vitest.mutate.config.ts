import { defineConfig, mergeConfig } from 'vitest/config';

import base from './vitest.config';

// The tests that exercise the transport and the trigger state, for `npm run mutate` (Stryker): the
// rest of the suite adds minutes per mutant without reaching other code of those files.
export default mergeConfig(
	base,
	defineConfig({
		test: {
			include: [
				'test/fault-matrix.test.ts',
				'test/trust.test.ts',
				'test/errors.test.ts',
				'test/poll-trigger.test.ts',
				'test/call.test.ts',
				'test/transcript.test.ts',
				'test/user.test.ts',
				'test/list-search.test.ts',
				'test/credentials.test.ts',
				'test/rate-limit.test.ts',
			],
			reporters: ['default'],
		},
	}),
);
