import type { NodeApiError } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GongStandIn } from './stand-in/gong-stand-in';
import { ACCESS_KEY, accessKeyCredentials, oauthCredentials, runFixture } from './support/gong-run';

let gong: GongStandIn;

beforeAll(async () => {
	gong = await GongStandIn.start({ calls: 30, users: 5 });
});
afterAll(async () => await gong.stop());

const window = { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' };
const apiRequests = () => gong.apiRequests();

function nodeError(result: Awaited<ReturnType<typeof runFixture>>) {
	return result.run.data.resultData.error as NodeApiError | undefined;
}

describe('Errors', () => {
	it('401: says the credential was rejected and how to fix it, without the secret', async () => {
		const result = await runFixture(gong, 'errors/call-get-many', [window], {
			credentials: accessKeyCredentials(gong, { accessKeySecret: 'wrong-secret-value' }),
		});
		expect(result.errorMessage).toBe('Gong rejected the credential (401 Unauthorized)');
		const error = nodeError(result)!;
		expect(error.description).toContain('Access Key Secret');
		expect(error.description).toMatch(/Gong request ID: \S+/);
		const everything = JSON.stringify(result.run.data.resultData);
		expect(everything).not.toContain('wrong-secret-value');
		expect(everything).not.toContain(ACCESS_KEY.accessKey);
		expect(everything).not.toContain(Buffer.from(`${ACCESS_KEY.accessKey}:wrong-secret-value`).toString('base64'));
	});

	it('a missing scope (401, as live Gong answers it) names the scope and who can grant it; the token never appears', async () => {
		const token = gong.issueToken({ scopes: ['api:calls:read:basic', 'api:calls:read:extensive'] });
		const result = await runFixture(gong, 'errors/call-get-many', [{ ...window, include: ['mediaUrls'] }], {
			auth: 'oAuth2',
			credentials: oauthCredentials(gong, token),
		});
		expect(result.errorMessage).toBe('Missing Gong permission: api:calls:read:media-url');
		expect(nodeError(result)!.description).toContain('technical administrator');
		const everything = JSON.stringify(result.run.data.resultData);
		expect(everything).not.toContain(token.access_token);
		expect(everything).not.toContain(token.refresh_token);
	});

	it('400: passes Gong’s message on with its request id', async () => {
		gong.failNext(1, 400, { message: 'fromDateTime must be earlier than toDateTime' });
		const result = await runFixture(gong, 'errors/call-get-many', [window]);
		expect(result.errorMessage).toBe('Gong rejected the request: fromDateTime must be earlier than toDateTime');
		expect(nodeError(result)!.description).toMatch(
			/Request: POST \/v2\/calls\/extensive, page 1\. Gong request ID: \S+$/,
		);
		expect(nodeError(result)!.httpCode).toBe('400');
	});

	it('invalid input is refused before any request, naming the field and the item', async () => {
		gong.clearLog();
		const bad = await runFixture(gong, 'call/get-by-id', [{ callId: '12ab' }]);
		expect(bad.errorMessage).toBe('"12ab" in "Call" is not a Gong call ID or call URL');
		expect(nodeError(bad)!.context.itemIndex).toBe(0);
		const date = await runFixture(gong, 'errors/call-get-many', [{ from: 'last tuesday', to: window.to }]);
		expect(date.errorMessage).toBe('"last tuesday" in "After" is not a date');
		const empty = await runFixture(gong, 'transcript/get-many-limit', [{ callIds: ' , ' }]);
		expect(empty.errorMessage).toBe('"Call IDs" has no IDs');
		const reversed = await runFixture(gong, 'errors/call-get-many', [{ from: window.to, to: window.from }]);
		expect(reversed.errorMessage).toContain('is later than "Before"');
		expect(apiRequests()).toHaveLength(0);
	});

	it('404 "No calls found" is an empty result; any other 404 is a not-found error', async () => {
		const empty = await runFixture(gong, 'errors/call-get-many', [
			{ from: '2020-01-01T00:00:00Z', to: '2020-02-01T00:00:00Z' },
		]);
		expect(empty.errorMessage).toBeUndefined();
		expect(empty.items).toEqual([]);
		const missing = await runFixture(gong, 'call/get-by-id', [{ callId: '1234567890123' }]);
		expect(missing.errorMessage).toBe('Call 1234567890123 was not found in Gong');
	});

	it('5xx on a read is retried with backoff and succeeds', async () => {
		gong.clearLog();
		gong.failNext(2, 503);
		const result = await runFixture(gong, 'errors/call-get-many', [window]);
		expect(result.errorMessage).toBeUndefined();
		expect(result.items).toHaveLength(30);
		expect(apiRequests().map((entry) => entry.status)).toEqual([503, 503, 200]);
	});

	it('a host that does not answer is retried, then named in a clear error', async () => {
		const result = await runFixture(gong, 'errors/call-get-many', [window], {
			credentials: accessKeyCredentials(gong, { baseUrl: 'http://127.0.0.1:9' }),
		});
		expect(result.errorMessage).toBe('Could not reach Gong');
		expect(nodeError(result)!.description).toContain('(ECONNREFUSED), also after retrying');
		expect(nodeError(result)!.description).toContain('Base URL');
	});

	it('429 waits for Retry-After and retries', async () => {
		gong.clearLog();
		gong.failNext(1, 429, { retryAfterSeconds: 1 });
		const started = Date.now();
		const result = await runFixture(gong, 'errors/call-get-many', [window]);
		expect(result.errorMessage).toBeUndefined();
		expect(apiRequests().map((entry) => entry.status)).toEqual([429, 200]);
		expect(apiRequests()[1].at - apiRequests()[0].at).toBeGreaterThanOrEqual(1000);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
	});

	it('continueOnFail: one error item per failed input item, paired, the others succeed', async () => {
		const good = gong.calls[2].metaData.id;
		const result = await runFixture(gong, 'errors/call-get-continue-on-fail', [
			{ callId: good },
			{ callId: 'not-an-id' },
			{ callId: '999999999999' },
		]);
		expect(result.errorMessage).toBeUndefined();
		const output = result.output('Gong');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect((output[0].json.metaData as { id: string }).id).toBe(good);
		expect(output[1].json.error).toBe('"not-an-id" in "Call" is not a Gong call ID or call URL');
		expect(output[2].json.error).toBe('Call 999999999999 was not found in Gong');
	});

	it('continueOnFail keeps Gong’s request id on API errors', async () => {
		gong.failNext(4, 500);
		const result = await runFixture(gong, 'errors/call-get-continue-on-fail', [{ callId: gong.calls[1].metaData.id }]);
		const [item] = result.output('Gong');
		expect(item.json).toMatchObject({ error: 'Gong had a server error (500)', httpCode: '500' });
		expect(item.json.requestId).toEqual(expect.any(String));
	});
});
