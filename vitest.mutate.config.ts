import { defineConfig } from 'vitest/config';

import base from './vitest.config';

// The tests that exercise the transport and the trigger state, for `npm run mutate` (Stryker): the
// rest of the suite (rate limit, OAuth, lists) adds minutes per mutant and reaches little else there.
export default defineConfig({
	...base,
	test: {
		...base.test,
		include: [
			'test/fault-matrix.test.ts',
			'test/trust.test.ts',
			'test/errors.test.ts',
			'test/poll-trigger.test.ts',
			'test/call.test.ts',
		],
		reporters: ['default'],
	},
});
