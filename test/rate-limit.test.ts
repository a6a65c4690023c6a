import type { IRun } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { GongStandIn, type StandInOptions } from './stand-in/gong-stand-in';
import { accessKeyCredentials, runFixture } from './support/gong-run';
import { PACKAGE_DIR } from './support/n8n-harness';

/** The built package's throttle (the module n8n-core loaded), to read the pace it settled on. */
const throttle = (await import(
	`${PACKAGE_DIR}dist/nodes/shared/transport/throttle.js`
)) as typeof import('../dist/nodes/shared/transport/throttle.js');

/**
 * The whole execution (every item, every page) must stay under the company's limit: the stand-in
 * enforces it over a rolling second and answers 429 beyond it. Every scenario has a company (a
 * stand-in, so an API host) of its own: the throttle learns per company.
 */
let gong: GongStandIn;
const started: GongStandIn[] = [];

async function company(options: StandInOptions): Promise<GongStandIn> {
	const standIn = await GongStandIn.start({ calls: 320, users: 4, ...options });
	started.push(standIn);
	return standIn;
}

beforeAll(async () => {
	gong = await company({ rateLimitPerSecond: 3 });
});
afterAll(async () => {
	for (const standIn of started) await standIn.stop();
});

const WHOLE_YEAR = { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' };
/** `n` items of Call → Get Many over 320 calls: 4 pages each, one request per page. */
const items = (n: number) => Array.from({ length: n }, () => WHOLE_YEAR);
const hostOf = (standIn: GongStandIn) => new URL(standIn.baseUrl).host;
/** The Gong node's execution hints, as n8n stores them with the run. */
const hintsOf = (run: IRun) => (run.data.resultData.runData.Gong?.[0]?.hints ?? []).map((hint) => hint.message);
/** Arrival times (ms) of the requests Gong accepted. */
const arrivals = (standIn: GongStandIn) =>
	standIn
		.apiRequests({ without429: true })
		.map((entry) => entry.at)
		.sort((a, b) => a - b);

describe('Rate limit', () => {
	it('a multi-item, multi-page execution at 3/s sees no 429 storm and succeeds', async () => {
		gong.clearLog();
		// 4 input items × 4 pages each = 16 requests.
		const result = await runFixture(gong, 'errors/call-get-many', items(4));
		expect(result.errorMessage).toBeUndefined();
		expect(result.items).toHaveLength(4 * 320);
		expect(gong.countStatus(429)).toBe(0);
		expect(gong.apiRequests().filter((entry) => entry.status === 200)).toHaveLength(16);
		// What the run cost against Gong's daily quota, kept with the execution.
		expect(hintsOf(result.run)).toEqual(['This node made 16 requests to Gong. Gong allows 10,000 a day per company.']);
		// Any 4 consecutive requests span at least a second; the stand-in stamps arrivals in this
		// same busy process, so allow it 50 ms of lateness.
		const at = arrivals(gong);
		for (let i = 3; i < at.length; i++) expect(at[i] - at[i - 3]).toBeGreaterThanOrEqual(950);
	});

	it('a 1/s company is learned from its first 429: at most 3 answers of 429 in 12 requests', async () => {
		const slow = await company({ rateLimitPerSecond: 1 });
		const result = await runFixture(slow, 'errors/call-get-many', items(3));
		expect(result.errorMessage).toBeUndefined();
		expect(result.items).toHaveLength(3 * 320);
		expect(slow.apiRequests({ without429: true })).toHaveLength(12);
		expect(slow.countStatus(429)).toBeGreaterThanOrEqual(1);
		expect(slow.countStatus(429)).toBeLessThanOrEqual(3);
		expect(throttle.currentPace(hostOf(slow))).toBe(1);
		const refused = slow.countStatus(429);
		expect(hintsOf(result.run)).toEqual([
			`This node made ${12 + refused} requests to Gong, ${refused} of them refused by Gong's rate limit (429) and sent again after its Retry-After. Gong allows 10,000 a day per company.`,
		]);
	});

	it('what was learned is forgotten once the company was left idle: a later run starts at full pace', async () => {
		const company2 = await company({ rateLimitPerSecond: 1 });
		await runFixture(company2, 'errors/call-get-many', items(1));
		expect(throttle.currentPace(hostOf(company2))).toBe(1);
		// Gong (or the other workers) now leave 3/s; production forgets after 10 s without requests.
		const saved = throttle.throttlePolicy.forgetAfterMs;
		throttle.throttlePolicy.forgetAfterMs = 300;
		try {
			company2.setRateLimit(3);
			company2.clearLog();
			await sleep(400);
			const result = await runFixture(company2, 'errors/call-get-many', items(2));
			expect(result.errorMessage).toBeUndefined();
			expect(company2.countStatus(429)).toBe(0);
			const at = arrivals(company2);
			// Three requests within a second from the start: the learned 1/s is gone.
			expect(at[2] - at[0]).toBeLessThan(800);
		} finally {
			throttle.throttlePolicy.forgetAfterMs = saved;
		}
	});

	it('a stray 429 at 3/s is forgotten within 10 requests: three requests in one second again', async () => {
		const busy = await company({ rateLimitPerSecond: 3 });
		// Another tool's burst: the 6th request is refused, with Retry-After 1.
		busy.inject({ kind: 'status', status: 429, retryAfterSeconds: 1 }, { skip: 5, path: '/v2/calls/extensive' });
		const result = await runFixture(busy, 'errors/call-get-many', items(6));
		expect(result.errorMessage).toBeUndefined();
		expect(result.items).toHaveLength(6 * 320);
		expect(busy.countStatus(429)).toBe(1);
		const refusedAt = busy.apiRequests().find((entry) => entry.status === 429)!.at;
		const after = arrivals(busy).filter((at) => at > refusedAt);
		expect(after.length).toBeGreaterThanOrEqual(18);
		// At 2/s any 3 consecutive requests span a second or more; at 3/s three start together.
		const fullPaceFrom = after.findIndex((at, i) => i >= 2 && at - after[i - 2] < 800);
		expect(fullPaceFrom).toBeGreaterThanOrEqual(2);
		expect(fullPaceFrom).toBeLessThan(10);
		expect(throttle.currentPace(hostOf(busy))).toBe(3);
	});

	it("another tool using a third of the company's limit: the node shares it and completes", async () => {
		const shared = await company({ rateLimitPerSecond: 3 });
		let running = true;
		const other = (async () => {
			// Another integration, one request a second, not throttled by this package.
			while (running) {
				await fetch(`${shared.baseUrl}/v2/users`, {
					headers: {
						Authorization: `Basic ${Buffer.from('test-access-key:test-access-key-secret').toString('base64')}`,
					},
				});
				await sleep(1_000);
			}
		})();
		try {
			const result = await runFixture(shared, 'errors/call-get-many', items(5));
			expect(result.errorMessage).toBeUndefined();
			expect(result.items).toHaveLength(5 * 320);
		} finally {
			running = false;
			await other;
		}
		const ours = shared.apiRequests().filter((entry) => entry.path === '/v2/calls/extensive');
		expect(ours.filter((entry) => entry.status === 200)).toHaveLength(20);
		// Learned at the first 429, then a few probes for more: not one in two requests, as before.
		expect(ours.filter((entry) => entry.status === 429).length).toBeLessThanOrEqual(6);
	});

	describe("the credential's Requests per Second", () => {
		afterEach(() => throttle.resetThrottle());

		it('a company Gong raised to 10/s: the node goes faster than 3/s, with no 429', async () => {
			const fast = await company({ rateLimitPerSecond: 10 });
			const result = await runFixture(fast, 'errors/call-get-many', items(4), {
				credentials: accessKeyCredentials(fast, { requestsPerSecond: 10 }),
			});
			expect(result.errorMessage).toBeUndefined();
			expect(fast.countStatus(429)).toBe(0);
			const at = arrivals(fast);
			expect(at).toHaveLength(16);
			// Six requests within one second somewhere: more than Gong's default allows.
			expect(at.some((t, i) => i >= 5 && t - at[i - 5] < 1_000)).toBe(true);
		});

		it('set to 2 at a 3/s company (a share left to other tools): never 3 requests in a second', async () => {
			const reserved = await company({ rateLimitPerSecond: 3 });
			const result = await runFixture(reserved, 'errors/call-get-many', items(3), {
				credentials: accessKeyCredentials(reserved, { requestsPerSecond: 2 }),
			});
			expect(result.errorMessage).toBeUndefined();
			expect(reserved.countStatus(429)).toBe(0);
			const at = arrivals(reserved);
			expect(at).toHaveLength(12);
			for (let i = 2; i < at.length; i++) expect(at[i] - at[i - 2]).toBeGreaterThanOrEqual(950);
		});
	});
});
