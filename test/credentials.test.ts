import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GongStandIn } from './stand-in/gong-stand-in';
import { accessKeyCredentials, oauthCredentials, runFixture } from './support/gong-run';

let gong: GongStandIn;

beforeAll(async () => {
	gong = await GongStandIn.start({ calls: 12, users: 4 });
});
afterAll(async () => await gong.stop());

/** What Gong answered, less 429s: earlier tests' requests on the other host share the company's limit. */
const answered = () => gong.log.filter((entry) => entry.status !== 429);

const window = { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' };

describe('Access key', () => {
	it('sends Basic auth to the credential’s base URL, ignoring a trailing slash or /v2', async () => {
		for (const suffix of ['/', '/v2', '']) {
			gong.clearLog();
			const result = await runFixture(gong, 'errors/call-get-many', [window], {
				credentials: accessKeyCredentials(gong, { baseUrl: `${gong.customerBaseUrl}${suffix}` }),
			});
			expect(result.errorMessage).toBeUndefined();
			expect(answered().map((entry) => [entry.host, entry.auth, entry.path])).toEqual([
				['customer', 'basic', '/v2/calls/extensive'],
			]);
		}
	});

	it('a base URL that is not a URL is a clear error', async () => {
		const result = await runFixture(gong, 'errors/call-get-many', [window], {
			credentials: accessKeyCredentials(gong, { baseUrl: 'us-55616 api gong' }),
		});
		expect(result.errorMessage).toBe('The credential\'s Base URL "us-55616 api gong" is not a valid URL');
	});
});

describe('OAuth2 integration', () => {
	it('uses the token’s api_base_url_for_customer over the override', async () => {
		gong.clearLog();
		const result = await runFixture(gong, 'errors/call-get-many', [window], {
			auth: 'oAuth2',
			credentials: oauthCredentials(gong, gong.issueToken(), { baseUrl: gong.baseUrl }),
		});
		expect(result.errorMessage).toBeUndefined();
		expect(answered().map((entry) => [entry.host, entry.auth])).toEqual([['customer', 'bearer']]);
	});

	it('falls back to the override when the token names no host', async () => {
		const { api_base_url_for_customer: _host, ...token } = gong.issueToken();
		gong.clearLog();
		const result = await runFixture(gong, 'errors/call-get-many', [window], {
			auth: 'oAuth2',
			credentials: oauthCredentials(gong, token, { baseUrl: gong.customerBaseUrl }),
		});
		expect(result.errorMessage).toBeUndefined();
		expect(answered().map((entry) => entry.host)).toEqual(['customer']);
	});

	it('on an expired token n8n refreshes it once with the single-use refresh token; the new one is persisted and reused', async () => {
		const token = gong.issueToken();
		gong.expireAccessTokens(token.access_token);
		gong.clearLog();
		const first = await runFixture(gong, 'errors/call-get-many', [window], {
			auth: 'oAuth2',
			credentials: oauthCredentials(gong, token),
		});
		expect(first.errorMessage).toBeUndefined();
		expect(first.items).toHaveLength(12);
		// The transport reads error answers itself (n8n 1.x's thrown errors lose them), so n8n sees
		// the 401 only when the transport sends the request again in the mode where n8n refreshes.
		expect(answered().map((entry) => [entry.host, entry.path, entry.status])).toEqual([
			['customer', '/v2/calls/extensive', 401],
			['customer', '/v2/calls/extensive', 401],
			['generic', '/oauth2/generate-customer-token', 200],
			['customer', '/v2/calls/extensive', 200],
		]);
		const tokenRequest = answered()[2];
		expect(tokenRequest.auth).toBe('basic');
		// n8n stored the new token data, with a new refresh token (the old one is dead now).
		const saved = first.credentials.updates.at(-1)!.data.oauthTokenData as Record<string, string>;
		expect(saved.refresh_token).not.toBe(token.refresh_token);
		expect(saved.access_token).not.toBe(token.access_token);
		expect(saved.api_base_url_for_customer).toBe(gong.customerBaseUrl);

		// A second run with the persisted token data: no refresh.
		gong.clearLog();
		const second = await runFixture(gong, 'errors/call-get-many', [window], {
			auth: 'oAuth2',
			credentials: oauthCredentials(gong, saved),
		});
		expect(second.errorMessage).toBeUndefined();
		expect(answered().map((entry) => entry.path)).toEqual(['/v2/calls/extensive']);

		// Reusing the old (spent) refresh token is refused by Gong: n8n asks to reconnect.
		gong.expireAccessTokens();
		const stale = await runFixture(gong, 'errors/call-get-many', [window], {
			auth: 'oAuth2',
			credentials: oauthCredentials(gong, token),
		});
		// n8n's own words: 2.x asks to reconnect, 1.x passes on the token endpoint's refusal.
		expect(stale.errorMessage).toMatch(/needs to be reconnected|authorization grant .* is invalid/);
		expect(JSON.stringify(stale.run.data.resultData)).not.toContain(token.refresh_token);
	});
});
