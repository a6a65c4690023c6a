import type { IDataObject, IWorkflowBase } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GongStandIn } from './stand-in/gong-stand-in';
import { ACCESS_KEY, accessKeyCredentials, fixture, gongNode, oauthCredentials, runFixture } from './support/gong-run';

/**
 * Probes from the trust issue: bad input that arrives through expressions (or an AI agent's
 * `$fromAI`), secrets in thrown errors, the daily quota, pairedItem across items, and a missing
 * OAuth scope with n8n's token refresh.
 */
let gong: GongStandIn;

beforeAll(async () => {
	gong = await GongStandIn.start({ calls: 30, users: 5 });
});
afterAll(async () => await gong.stop());

const window = { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' };
const apiRequests = () => gong.apiRequests();

function withParameters(name: string, parameters: IDataObject): IWorkflowBase {
	const workflow = fixture(name);
	Object.assign(gongNode(workflow).parameters, parameters);
	return workflow;
}

/**
 * Every string reachable from `value`, non-enumerable properties (an error's `cause`), symbols,
 * Maps, Sets and Buffers included: what any code logging the error could print.
 */
function reachableText(value: unknown, seen = new Set<unknown>(), out: string[] = []): string[] {
	if (typeof value === 'string') out.push(value);
	else if (Buffer.isBuffer(value)) out.push(value.toString('utf8'), value.toString('base64'));
	else if (value && (typeof value === 'object' || typeof value === 'function') && !seen.has(value)) {
		seen.add(value);
		if (value instanceof Map) for (const [k, v] of value) reachableText([k, v], seen, out);
		if (value instanceof Set) for (const v of value) reachableText(v, seen, out);
		for (const key of Reflect.ownKeys(value)) {
			if (typeof key === 'string') out.push(key);
			let child: unknown;
			try {
				child = (value as Record<PropertyKey, unknown>)[key];
			} catch {
				continue;
			}
			reachableText(child, seen, out);
		}
	}
	return out;
}

describe('Bad input through expressions is refused before any request', () => {
	const limitWorkflow = () => withParameters('errors/call-get-many', { returnAll: false, limit: '={{ $json.limit }}' });

	it.each([
		[-1, '"-1" in "Limit" is not a whole number of 1 or more'],
		[0, '"0" in "Limit" is not a whole number of 1 or more'],
		[1.5, '"1.5" in "Limit" is not a whole number of 1 or more'],
		['abc', undefined],
		[Number.NaN, undefined],
		[Number.POSITIVE_INFINITY, undefined],
	])('Limit %s', async (limit, message) => {
		gong.clearLog();
		const result = await runFixture(gong, limitWorkflow(), [{ ...window, limit }]);
		expect(result.errorMessage).toBeDefined();
		if (message) expect(result.errorMessage).toBe(message);
		else expect(result.errorMessage).toMatch(/Limit/);
		expect(result.items).toEqual([]);
		expect(apiRequests()).toHaveLength(0);
	});

	it('a limit of "3" from an expression returns 3 calls', async () => {
		const result = await runFixture(gong, limitWorkflow(), [{ ...window, limit: '3' }]);
		expect(result.errorMessage).toBeUndefined();
		expect(result.items).toHaveLength(3);
	});

	it('a Workspace filter the user set is never dropped: 0, or empty, is an error', async () => {
		gong.clearLog();
		const workspace = (value: string) =>
			withParameters('errors/call-get-many', {
				filters: {
					fromDateTime: '={{ $json.from }}',
					toDateTime: '={{ $json.to }}',
					workspaceId: { __rl: true, mode: 'id', value },
				},
			});
		const zero = await runFixture(gong, workspace('={{ $json.ws }}'), [{ ...window, ws: 0 }]);
		expect(zero.errorMessage).toBe('"0" in "Workspace" is not a Gong ID');
		const empty = await runFixture(gong, workspace(''), [window]);
		expect(empty.errorMessage).toBe('"Workspace" is empty');
		expect(apiRequests()).toHaveLength(0);
		const real = await runFixture(gong, workspace(gong.workspaces[1].id), [window]);
		expect(real.items.length).toBeGreaterThan(0);
		expect(real.items.every((call) => (call.metaData as IDataObject).workspaceId === gong.workspaces[1].id)).toBe(true);
	});

	it('a huge bad value is quoted shortened, not whole', async () => {
		const huge = '9x'.repeat(500_000);
		const result = await runFixture(gong, 'call/get-by-id', [{ callId: huge }]);
		expect(result.errorMessage).toMatch(
			/^"9x9x.{1,60}…" \(1,000,000 characters\) in "Call" is not a Gong call ID or call URL$/,
		);
		const date = await runFixture(gong, 'errors/call-get-many', [{ from: huge, to: window.to }]);
		expect(date.errorMessage!.length).toBeLessThan(200);
	});
});

describe('Secrets never travel with an error', () => {
	it('the walker finds a secret hidden in a non-enumerable cause (so the checks below can fail)', () => {
		const inner = new Error('inner');
		Object.defineProperty(inner, 'config', {
			value: { headers: { Authorization: 'Basic c2VjcmV0' } },
			enumerable: false,
		});
		const outer = new Error('outer', { cause: inner });
		expect(reachableText(outer).join('\n')).toContain('Basic c2VjcmV0');
	});

	it('a TLS failure (https to a plain-HTTP host) is reported without the access key anywhere in the error', async () => {
		const httpsToHttp = gong.baseUrl.replace('http://', 'https://');
		const result = await runFixture(gong, 'errors/call-get-many', [window], {
			credentials: accessKeyCredentials(gong, { baseUrl: httpsToHttp }),
		});
		expect(result.errorMessage).toBeDefined();
		const error = result.run.data.resultData.error!;
		expect(error.description).toMatch(/secure connection to Gong failed|Base URL/);
		const text = reachableText([error, result.run.data.resultData.runData]).join('\n');
		const basic = Buffer.from(`${ACCESS_KEY.accessKey}:${ACCESS_KEY.accessKeySecret}`).toString('base64');
		expect(text).not.toContain(ACCESS_KEY.accessKeySecret);
		expect(text).not.toContain(basic);
	});

	it('the same with OAuth2: the bearer and refresh tokens are nowhere in the error', async () => {
		const token = gong.issueToken();
		const result = await runFixture(gong, 'errors/call-get-many', [window], {
			auth: 'oAuth2',
			credentials: oauthCredentials(gong, {
				...token,
				api_base_url_for_customer: gong.customerBaseUrl.replace('http://', 'https://'),
			}),
		});
		expect(result.errorMessage).toBeDefined();
		const text = reachableText([result.run.data.resultData.error, result.run.data.resultData.runData]).join('\n');
		expect(text).not.toContain(token.access_token);
		expect(text).not.toContain(token.refresh_token);
	});
});

describe('Messages that say what happened', () => {
	it('the daily quota fails at once, says it is the daily limit and when it resets, and retries nothing', async () => {
		gong.clearLog();
		gong.failNext(1, 429, { retryAfterSeconds: 5 * 3600 + 120, message: 'API daily request limit exceeded' });
		const started = Date.now();
		const result = await runFixture(gong, 'errors/call-get-many', [window]);
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(result.errorMessage).toBe("Gong's daily API limit is used up");
		const { description } = result.run.data.resultData.error!;
		expect(description).toContain('asked to wait 5 h 2 min');
		expect(description).toMatch(/resets at about \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/);
		expect(description).toContain('Nothing was retried');
		expect(description).toContain('Gong said: "API daily request limit exceeded".');
		expect(description).toMatch(/Gong request ID: \S+$/);
		expect(apiRequests()).toHaveLength(1);
	});

	it('a burst 429 that outlasts every retry says how often it was retried', async () => {
		// A company of its own: six 429s slow the pace to this host for a while afterwards.
		const busy = await GongStandIn.start({ calls: 3, users: 1 });
		try {
			busy.failNext(7, 429, { retryAfterSeconds: 0 });
			const result = await runFixture(busy, 'errors/call-get-many', [window]);
			expect(result.errorMessage).toBe("Gong's API rate limit was still exceeded after 6 retries");
			expect(busy.countStatus(429)).toBe(7);
		} finally {
			await busy.stop();
		}
	});
});

describe('pairedItem across items', () => {
	it('Get Many fed several items pairs every output item with the item it came from', async () => {
		const starts = gong.calls.map((call) => call.metaData.started);
		const between = (from: number, to: number) => ({ from: starts[from], to: starts[to] });
		// 3 calls, none (Gong's empty 404), 5 calls: 8 output items for 3 input items.
		const result = await runFixture(gong, 'errors/call-get-many', [
			between(0, 3),
			{ from: '2020-01-01T00:00:00Z', to: '2020-02-01T00:00:00Z' },
			between(12, 17),
		]);
		expect(result.errorMessage).toBeUndefined();
		const output = result.output('Gong');
		expect(output.map((item) => item.pairedItem)).toEqual([
			...Array.from({ length: 3 }, () => ({ item: 0 })),
			...Array.from({ length: 5 }, () => ({ item: 2 })),
		]);
		expect(output.map((item) => (item.json.metaData as IDataObject).id)).toEqual(
			[...gong.calls.slice(0, 3), ...gong.calls.slice(12, 17)].map((call) => call.metaData.id),
		);
	});
});

describe('A missing OAuth scope (401 on live Gong)', () => {
	it('is named as the scope after one request, without a token refresh, and leaves the credential working', async () => {
		const token = gong.issueToken({ scopes: ['api:calls:read:basic', 'api:calls:read:extensive', 'api:users:read'] });
		const credentials = oauthCredentials(gong, token);
		gong.clearLog();
		const result = await runFixture(gong, 'transcript/get-many', [window], { auth: 'oAuth2', credentials });
		expect(result.errorMessage).toBe('Missing Gong permission: api:calls:read:transcript');
		const { description } = result.run.data.resultData.error!;
		expect(description).toContain('do not reconnect for this alone');
		expect(description).toContain('tick api:calls:read:transcript on the Gong integration');
		// A refreshed token carries the same scopes: the transport does not let n8n refresh for it.
		// (The stand-in's rate limit may answer 429 first after the tests before.)
		expect(gong.log.filter((entry) => entry.status !== 429).map((entry) => `${entry.path} ${entry.status}`)).toEqual([
			'/v2/calls/transcript 401',
		]);
		expect(result.credentials.updates).toHaveLength(0);
		const stored = credentials.gongIntegrationOAuth2Api;

		// The next run with what n8n stored works, without another refresh.
		gong.clearLog();
		const next = await runFixture(gong, 'errors/call-get-many', [window], {
			auth: 'oAuth2',
			credentials: { gongIntegrationOAuth2Api: stored },
		});
		expect(next.errorMessage).toBeUndefined();
		expect(next.items).toHaveLength(30);
		expect(gong.log.filter((entry) => entry.path.startsWith('/oauth2/'))).toHaveLength(0);
	});
});
