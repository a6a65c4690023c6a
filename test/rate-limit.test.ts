import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GongStandIn } from './stand-in/gong-stand-in';
import { runFixture } from './support/gong-run';

/**
 * The whole execution (every item, every page) must stay under Gong's 3 requests/second: the
 * stand-in enforces it over a rolling second and answers 429 beyond it.
 */
let gong: GongStandIn;

beforeAll(async () => {
	gong = await GongStandIn.start({ calls: 320, users: 4, rateLimitPerSecond: 3 });
});
afterAll(async () => await gong.stop());

const answered = () => gong.apiRequests();

describe('Rate limit', () => {
	it('a multi-item, multi-page execution at 3/s sees no 429 storm and succeeds', async () => {
		gong.clearLog();
		// 4 input items × 4 pages each = 16 requests.
		const input = Array.from({ length: 4 }, () => ({ from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' }));
		const result = await runFixture(gong, 'errors/call-get-many', input);
		expect(result.errorMessage).toBeUndefined();
		expect(result.items).toHaveLength(4 * 320);
		expect(gong.countStatus(429)).toBeLessThanOrEqual(1);
		expect(answered().filter((entry) => entry.status === 200)).toHaveLength(16);
		// The node spaces requests 350 ms apart, so any 4 consecutive ones span ≥ 1,050 ms; the
		// stand-in stamps arrivals in this same busy process, so allow it 100 ms of lateness.
		const at = answered().map((entry) => entry.at);
		for (let i = 3; i < at.length; i++) expect(at[i] - at[i - 3]).toBeGreaterThanOrEqual(950);
	});

	it('a company with a stricter limit (1/s) still completes: the node slows down after a 429', async () => {
		gong.setRateLimit(1);
		gong.clearLog();
		const result = await runFixture(gong, 'errors/call-get-many', [
			{ from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' },
			{ from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' },
		]);
		gong.setRateLimit(3);
		expect(result.errorMessage).toBeUndefined();
		expect(result.items).toHaveLength(2 * 320);
		expect(gong.countStatus(429)).toBeLessThan(8);
	});
});
