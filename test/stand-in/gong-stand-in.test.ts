import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
	GongStandIn,
	type StandInCallMetaData,
	type StandInContext,
	type StandInMedia,
	type StandInMonologue,
	type StandInParty,
	type StandInUser,
	type StandInWorkspace,
} from './gong-stand-in';

interface Records {
	totalRecords: number;
	currentPageSize: number;
	currentPageNumber: number;
	cursor?: string;
}

interface ExtensiveCall {
	metaData: StandInCallMetaData;
	parties?: StandInParty[];
	context?: StandInContext[];
	content?: Record<string, unknown>;
	interaction?: Record<string, unknown>;
	collaboration?: Record<string, unknown>;
	media?: StandInMedia;
}

interface Body {
	requestId?: string;
	records?: Records;
	calls?: unknown[];
	call?: StandInCallMetaData;
	callTranscripts?: { callId: string; transcript: StandInMonologue[] }[];
	users?: (StandInUser & { avatarUrl?: string })[];
	user?: StandInUser;
	workspaces?: StandInWorkspace[];
	errors?: string[];
	error?: string;
	error_description?: string;
	access_token?: string;
	refresh_token?: string;
	expires_in?: number;
	scope?: string;
	token_type?: string;
	api_base_url_for_customer?: string;
}

interface Reply {
	status: number;
	headers: Headers;
	body: Body;
}

const REDIRECT_URI = 'http://localhost:5678/rest/oauth2-credential/callback';

async function call(
	url: string,
	init: { method?: string; auth?: string; json?: unknown; form?: Record<string, string> } = {},
): Promise<Reply> {
	const headers: Record<string, string> = {};
	if (init.auth) headers.Authorization = init.auth;
	let body: string | undefined;
	if (init.json !== undefined) {
		headers['Content-Type'] = 'application/json';
		body = JSON.stringify(init.json);
	} else if (init.form) {
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(init.form).toString();
	}
	const response = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
	const text = await response.text();
	return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Body) : {} };
}

const bearer = (token: string): string => `Bearer ${token}`;
const clientAuth = (id = 'test-client-id', secret = 'test-client-secret'): string => `Basic ${btoa(`${id}:${secret}`)}`;

function metaList(body: Body): StandInCallMetaData[] {
	return (body.calls ?? []) as StandInCallMetaData[];
}

function extensiveList(body: Body): ExtensiveCall[] {
	return (body.calls ?? []) as ExtensiveCall[];
}

describe('Gong stand-in', () => {
	let gong: GongStandIn;
	let basic: string;

	beforeAll(async () => {
		gong = await GongStandIn.start({ calls: 250, rateLimitPerSecond: 0 });
		basic = gong.basicAuthHeader();
	});

	afterAll(async () => {
		await gong.stop();
	});

	describe('data', () => {
		it('generates realistic calls, users and workspaces', () => {
			expect(gong.calls).toHaveLength(250);
			expect(gong.users).toHaveLength(12);
			expect(gong.workspaces).toHaveLength(2);
			const userIds = new Set(gong.users.map((u) => u.id));
			const ids = new Set<string>();
			for (const c of gong.calls) {
				expect(c.metaData.id).toMatch(/^\d{18,19}$/);
				expect(c.metaData.url).toBe(`https://app.gong.io/call?id=${c.metaData.id}`);
				ids.add(c.metaData.id);
				expect(userIds.has(c.metaData.primaryUserId)).toBe(true);
				for (const p of c.parties) {
					expect(p.speakerId).toMatch(/^\d+$/);
					if (p.affiliation === 'Internal') {
						expect(userIds.has(p.userId ?? '')).toBe(true);
						expect(p.emailAddress).toMatch(/@acme-robotics\.com$/);
					}
				}
			}
			expect(ids.size).toBe(250);
			expect(gong.calls.some((c) => c.parties.some((p) => p.affiliation === 'External'))).toBe(true);
		});

		it('spaces calls 37 minutes apart, every 10th sharing its predecessor timestamp', () => {
			const started = gong.calls.map((c) => Date.parse(c.metaData.started));
			expect(gong.calls[0]?.metaData.started).toBe('2026-01-05T09:00:00Z');
			expect((started[1] as number) - (started[0] as number)).toBe(37 * 60_000);
			expect(started[9]).toBe(started[8]);
			expect(started[19]).toBe(started[18]);
			expect(started[10]).not.toBe(started[9]);
		});

		it('leaves ~1 in 10 transcripts not ready and gives ~1 in 8 an unknown speaker', () => {
			const notReady = gong.calls.filter((c) => c.transcript === null).length;
			expect(notReady).toBe(25);
			const unknown = gong.calls.filter((c) => {
				const speakers = new Set(c.parties.map((p) => p.speakerId));
				return c.transcript?.some((m) => !speakers.has(m.speakerId));
			}).length;
			expect(unknown).toBeGreaterThanOrEqual(25);
			expect(unknown).toBeLessThanOrEqual(32);
			for (const c of gong.calls) {
				let last = -1;
				for (const m of c.transcript ?? []) {
					for (const s of m.sentences) {
						expect(s.end).toBeGreaterThan(s.start);
						expect(s.start).toBeGreaterThan(last);
						last = s.end;
					}
				}
			}
		});

		it('is deterministic for a seed', async () => {
			const a = await GongStandIn.start({ calls: 5, seed: 7 });
			const b = await GongStandIn.start({ calls: 5, seed: 7 });
			const c = await GongStandIn.start({ calls: 5, seed: 8 });
			try {
				expect(JSON.stringify(a.calls)).toBe(JSON.stringify(b.calls));
				expect(JSON.stringify(a.users)).toBe(JSON.stringify(b.users));
				expect(a.calls[0]?.metaData.id).not.toBe(c.calls[0]?.metaData.id);
			} finally {
				await Promise.all([a.stop(), b.stop(), c.stop()]);
			}
		});
	});

	describe('pagination', () => {
		it('pages 250 calls as 100 + 100 + 50 with a cursor on all but the last page', async () => {
			const seen: StandInCallMetaData[] = [];
			const pages: Records[] = [];
			let cursor: string | undefined;
			do {
				const url = `${gong.baseUrl}/v2/calls${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`;
				const reply = await call(url, { auth: basic });
				expect(reply.status).toBe(200);
				expect(typeof reply.body.requestId).toBe('string');
				const records = reply.body.records as Records;
				pages.push(records);
				seen.push(...metaList(reply.body));
				cursor = records.cursor;
			} while (cursor);
			expect(pages.map((p) => p.currentPageSize)).toEqual([100, 100, 50]);
			expect(pages.map((p) => p.currentPageNumber)).toEqual([0, 1, 2]);
			expect(pages.every((p) => p.totalRecords === 250)).toBe(true);
			expect(pages[0]?.cursor).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
			expect('cursor' in (pages[2] as Records)).toBe(false);
			expect(new Set(seen.map((c) => c.id)).size).toBe(250);
			// `calls` is kept in the API's order: started, then id.
			expect(seen.map((c) => c.id)).toEqual(gong.calls.map((c) => c.metaData.id));
			const times = seen.map((c) => Date.parse(c.started));
			expect(times).toEqual([...times].sort((x, y) => x - y));
		});

		it('pages POST endpoints with the cursor in the body', async () => {
			const filter = { fromDateTime: '2026-01-01T00:00:00Z' };
			const first = await call(`${gong.customerBaseUrl}/v2/calls/extensive`, { auth: basic, json: { filter } });
			expect(first.status).toBe(200);
			expect(first.body.records?.currentPageSize).toBe(100);
			const second = await call(`${gong.customerBaseUrl}/v2/calls/extensive`, {
				auth: basic,
				json: { filter, cursor: first.body.records?.cursor },
			});
			expect(second.status).toBe(200);
			expect(second.body.records?.currentPageNumber).toBe(1);
			expect(extensiveList(second.body)[0]?.metaData.id).not.toBe(extensiveList(first.body)[0]?.metaData.id);
		});

		it('rejects a cursor reused with a different filter', async () => {
			const first = await call(`${gong.baseUrl}/v2/calls`, { auth: basic });
			const cursor = encodeURIComponent(first.body.records?.cursor ?? '');
			const reply = await call(`${gong.baseUrl}/v2/calls?fromDateTime=2026-01-06T00:00:00Z&cursor=${cursor}`, {
				auth: basic,
			});
			expect(reply.status).toBe(400);
			expect(reply.body.errors?.[0]).toMatch(/cursor/i);
			const forged = await call(`${gong.baseUrl}/v2/calls?cursor=abc.def.ghi`, { auth: basic });
			expect(forged.status).toBe(400);
		});

		it('treats fromDateTime as inclusive and toDateTime as exclusive', async () => {
			const from = gong.calls[5]?.metaData.started ?? '';
			const to = gong.calls[9]?.metaData.started ?? '';
			const reply = await call(
				`${gong.baseUrl}/v2/calls?fromDateTime=${encodeURIComponent(from)}&toDateTime=${encodeURIComponent(to)}`,
				{ auth: basic },
			);
			expect(reply.status).toBe(200);
			expect(metaList(reply.body).map((c) => c.id)).toEqual(gong.calls.slice(5, 8).map((c) => c.metaData.id));
		});
	});

	describe('404 means empty', () => {
		it('answers an empty search with 404 and the "No calls found" message', async () => {
			const reply = await call(`${gong.baseUrl}/v2/calls?fromDateTime=2031-01-01T00:00:00Z`, { auth: basic });
			expect(reply.status).toBe(404);
			expect(reply.body.errors).toEqual(['No calls found corresponding to the provided filters']);
			const transcripts = await call(`${gong.baseUrl}/v2/calls/transcript`, {
				auth: basic,
				json: { filter: { callIds: ['1234567890'] } },
			});
			expect(transcripts.status).toBe(404);
			expect(transcripts.body.errors).toEqual(['No calls found corresponding to the provided filters']);
			const users = await call(`${gong.baseUrl}/v2/users/extensive`, {
				auth: basic,
				json: { filter: { userIds: ['42'] } },
			});
			expect(users.status).toBe(404);
			expect(users.body.errors).toEqual(['No users found corresponding to the provided filters']);
		});

		it('keeps real not-found errors distinct', async () => {
			const missing = await call(`${gong.baseUrl}/v2/calls/1234567890`, { auth: basic });
			expect(missing.status).toBe(404);
			expect(missing.body.errors).toEqual(['Call ID was not found']);
			const malformed = await call(`${gong.baseUrl}/v2/calls/abc`, { auth: basic });
			expect(malformed.status).toBe(400);
			const route = await call(`${gong.baseUrl}/v2/nothing-here`, { auth: basic });
			expect(route.status).toBe(404);
			expect(route.body.errors?.[0]).not.toMatch(/No calls found/);
		});
	});

	describe('auth', () => {
		it('accepts Basic on both hosts and Bearer only on the customer host', async () => {
			gong.clearLog();
			for (const base of [gong.baseUrl, gong.customerBaseUrl]) {
				expect((await call(`${base}/v2/workspaces`, { auth: basic })).status).toBe(200);
			}
			const token = gong.issueToken();
			expect(token.api_base_url_for_customer).toBe(gong.customerBaseUrl);
			const onCustomer = await call(`${gong.customerBaseUrl}/v2/workspaces`, { auth: bearer(token.access_token) });
			expect(onCustomer.status).toBe(200);
			expect(onCustomer.body.workspaces).toHaveLength(2);
			const onGeneric = await call(`${gong.baseUrl}/v2/workspaces`, { auth: bearer(token.access_token) });
			expect(onGeneric.status).toBe(401);
			expect(onGeneric.body.errors).toEqual(['access token has been revoked']);
			expect(gong.log.map((e) => `${e.host}:${e.auth}:${e.status}`)).toEqual([
				'generic:basic:200',
				'customer:basic:200',
				'customer:bearer:200',
				'generic:bearer:401',
			]);
			expect(gong.countStatus(401)).toBe(1);
		});

		it('rejects a bad access key, a missing header, unknown and expired tokens', async () => {
			const wrong = await call(`${gong.baseUrl}/v2/workspaces`, {
				auth: `Basic ${btoa('test-access-key:nope')}`,
			});
			expect(wrong.status).toBe(401);
			expect(typeof wrong.body.errors?.[0]).toBe('string');
			expect((await call(`${gong.baseUrl}/v2/workspaces`)).status).toBe(401);
			expect((await call(`${gong.customerBaseUrl}/v2/workspaces`, { auth: bearer('nope') })).status).toBe(401);
			const expired = gong.issueToken({ expired: true });
			const reply = await call(`${gong.customerBaseUrl}/v2/workspaces`, { auth: bearer(expired.access_token) });
			expect(reply.status).toBe(401);
			expect(reply.body.errors).toEqual(['access token has expired']);
			const live = gong.issueToken();
			gong.expireAccessTokens(live.access_token);
			expect((await call(`${gong.customerBaseUrl}/v2/workspaces`, { auth: bearer(live.access_token) })).status).toBe(
				401,
			);
		});

		it('accepts OAuth tokens on the generic host when oauthTokensOnlyOnCustomerHost is false', async () => {
			const us = await GongStandIn.start({ calls: 1, oauthTokensOnlyOnCustomerHost: false });
			try {
				const token = us.issueToken();
				const reply = await call(`${us.baseUrl}/v2/workspaces`, { auth: bearer(token.access_token) });
				expect(reply.status).toBe(200);
			} finally {
				await us.stop();
			}
		});

		it('answers a missing scope with 401 naming the scope, as live Gong does', async () => {
			const token = gong.issueToken({ scopes: ['api:calls:read:basic'] });
			const reply = await call(`${gong.customerBaseUrl}/v2/calls/extensive`, {
				auth: bearer(token.access_token),
				json: { filter: {} },
			});
			expect(reply.status).toBe(401);
			expect(reply.body.errors).toEqual(["You don't have permission to use 'api:calls:read:extensive' in your app."]);
			const transcript = await call(`${gong.customerBaseUrl}/v2/calls/transcript`, {
				auth: bearer(token.access_token),
				json: { filter: {} },
			});
			expect(transcript.body.errors).toEqual([
				"You don't have permission to use 'api:calls:read:transcript' in your app.",
			]);
			const extensive = gong.issueToken({ scopes: ['api:calls:read:extensive'] });
			const media = await call(`${gong.customerBaseUrl}/v2/calls/extensive`, {
				auth: bearer(extensive.access_token),
				json: { filter: {}, contentSelector: { exposedFields: { media: true } } },
			});
			expect(media.status).toBe(401);
			expect(media.body.errors).toEqual(["You don't have permission to use 'api:calls:read:media-url' in your app."]);
			const noMedia = await call(`${gong.customerBaseUrl}/v2/calls/extensive`, {
				auth: bearer(extensive.access_token),
				json: { filter: {}, contentSelector: { exposedFields: { parties: true } } },
			});
			expect(noMedia.status).toBe(200);
		});
	});

	describe('validation', () => {
		it('rejects callIds together with workspaceId on /v2/calls/transcript', async () => {
			const reply = await call(`${gong.baseUrl}/v2/calls/transcript`, {
				auth: basic,
				json: { filter: { callIds: [gong.calls[0]?.metaData.id], workspaceId: gong.workspaces[0]?.id } },
			});
			expect(reply.status).toBe(400);
			expect(reply.body.errors).toEqual(['callIds and workspaceId cannot be used together']);
		});

		it('rejects a missing filter, non-numeric callIds and bad dates', async () => {
			const url = `${gong.baseUrl}/v2/calls/extensive`;
			expect((await call(url, { auth: basic, json: {} })).status).toBe(400);
			expect((await call(url, { auth: basic, json: { filter: { callIds: ['abc'] } } })).status).toBe(400);
			expect((await call(url, { auth: basic, json: { filter: { callIds: [123] } } })).status).toBe(400);
			expect((await call(url, { auth: basic, json: { filter: { fromDateTime: 'yesterday' } } })).status).toBe(400);
			expect((await call(`${gong.baseUrl}/v2/calls?toDateTime=nope`, { auth: basic })).status).toBe(400);
		});
	});

	describe('transcripts', () => {
		it('returns transcripts of ready calls only and follows setTranscriptReady', async () => {
			const pending = gong.calls.find((c) => c.transcript === null) as (typeof gong.calls)[number];
			const ready = gong.calls.find((c) => c.transcript !== null) as (typeof gong.calls)[number];
			const ids = [pending.metaData.id, ready.metaData.id];
			const before = await call(`${gong.baseUrl}/v2/calls/transcript`, {
				auth: basic,
				json: { filter: { callIds: ids } },
			});
			expect(before.body.callTranscripts?.map((t) => t.callId)).toEqual([ready.metaData.id]);
			expect(before.body.callTranscripts?.[0]?.transcript[0]?.sentences[0]?.text).toEqual(expect.any(String));
			gong.setTranscriptReady(pending.metaData.id, true);
			gong.setTranscriptReady(ready.metaData.id, false);
			const after = await call(`${gong.baseUrl}/v2/calls/transcript`, {
				auth: basic,
				json: { filter: { callIds: ids } },
			});
			expect(after.body.callTranscripts?.map((t) => t.callId)).toEqual([pending.metaData.id]);
			gong.setTranscriptReady(pending.metaData.id, false);
			gong.setTranscriptReady(ready.metaData.id, true);
		});
	});

	describe('contentSelector', () => {
		const first = async (contentSelector?: unknown): Promise<ExtensiveCall> => {
			const reply = await call(`${gong.baseUrl}/v2/calls/extensive`, {
				auth: basic,
				json: { filter: { callIds: [gong.calls[3]?.metaData.id] }, contentSelector },
			});
			expect(reply.status).toBe(200);
			return extensiveList(reply.body)[0] as ExtensiveCall;
		};

		it('returns metaData only when nothing is selected', async () => {
			expect(Object.keys(await first())).toEqual(['metaData']);
			expect(Object.keys(await first({ context: 'None', exposedFields: { content: { brief: false } } }))).toEqual([
				'metaData',
			]);
		});

		it('returns exactly the selected parts', async () => {
			const c = await first({ exposedFields: { parties: true, content: { brief: true, keyPoints: true } } });
			expect(Object.keys(c).sort()).toEqual(['content', 'metaData', 'parties']);
			expect(Object.keys(c.content ?? {}).sort()).toEqual(['brief', 'keyPoints']);
			expect(c.parties?.length).toBeGreaterThan(0);

			const all = await first({
				context: 'Extended',
				exposedFields: {
					parties: true,
					media: true,
					content: {
						structure: true,
						topics: true,
						trackers: true,
						trackerOccurrences: true,
						pointsOfInterest: true,
						brief: true,
						outline: true,
						highlights: true,
						callOutcome: true,
						keyPoints: true,
					},
					interaction: { speakers: true, video: true, personInteractionStats: true, questions: true },
					collaboration: { publicComments: true },
				},
			});
			expect(Object.keys(all).sort()).toEqual(
				['collaboration', 'content', 'context', 'interaction', 'media', 'metaData', 'parties'].sort(),
			);
			expect(Object.keys(all.interaction ?? {}).sort()).toEqual(['interactionStats', 'questions', 'speakers', 'video']);
			expect(all.media?.audioUrl).toMatch(/^https:\/\//);
			expect(Array.isArray(all.collaboration?.publicComments)).toBe(true);
			const trackers = all.content?.trackers as { occurrences?: unknown[] }[];
			expect(trackers.every((t) => Array.isArray(t.occurrences))).toBe(true);
			expect(all.context?.[0]?.objects[0]?.fields.length).toBeGreaterThan(1);
		});

		it('leaves tracker occurrences out unless asked and trims Basic context', async () => {
			const c = await first({ context: 'Basic', exposedFields: { content: { trackers: true } } });
			const trackers = c.content?.trackers as Record<string, unknown>[];
			expect(trackers.length).toBeGreaterThan(0);
			expect(trackers.every((t) => !('occurrences' in t))).toBe(true);
			expect(c.context?.[0]?.objects.every((o) => o.fields.every((f) => f.name === 'Name'))).toBe(true);
		});
	});

	describe('users and workspaces', () => {
		it('lists users, gets one by id and 404s an unknown one', async () => {
			const list = await call(`${gong.customerBaseUrl}/v2/users?includeAvatars=true`, { auth: basic });
			expect(list.status).toBe(200);
			expect(list.body.users).toHaveLength(12);
			expect(list.body.records?.cursor).toBeUndefined();
			expect(list.body.users?.[0]?.avatarUrl).toMatch(/^https:/);
			const id = gong.users[2]?.id ?? '';
			const one = await call(`${gong.customerBaseUrl}/v2/users/${id}`, { auth: basic });
			expect(one.body.user?.id).toBe(id);
			expect((await call(`${gong.customerBaseUrl}/v2/users/1`, { auth: basic })).status).toBe(404);
		});
	});

	describe('test controls', () => {
		it('addCall appends a call served by the API', async () => {
			const added = gong.addCall({ metaData: { title: 'Fresh call' } });
			expect(added.metaData.id).toMatch(/^\d{18,19}$/);
			const reply = await call(`${gong.baseUrl}/v2/calls/${added.metaData.id}`, { auth: basic });
			expect(reply.status).toBe(200);
			expect(reply.body.call?.title).toBe('Fresh call');
			expect(gong.calls).toHaveLength(251);
			gong.calls.pop();
		});

		it('failNext injects failures, optionally by path prefix', async () => {
			gong.failNext(2, 503, { path: '/v2/calls' });
			expect((await call(`${gong.baseUrl}/v2/workspaces`, { auth: basic })).status).toBe(200);
			expect((await call(`${gong.baseUrl}/v2/calls/transcript`, { auth: basic, json: { filter: {} } })).status).toBe(
				503,
			);
			expect((await call(`${gong.customerBaseUrl}/v2/calls`, { auth: basic })).status).toBe(503);
			expect((await call(`${gong.baseUrl}/v2/calls`, { auth: basic })).status).toBe(200);
			gong.failNext(1, 429, { retryAfterSeconds: 7 });
			const limited = await call(`${gong.baseUrl}/v2/users`, { auth: basic });
			expect(limited.status).toBe(429);
			expect(limited.headers.get('retry-after')).toBe('7');
		});

		it('gives every response its own requestId', async () => {
			const replies = await Promise.all(
				Array.from({ length: 20 }, () => call(`${gong.baseUrl}/v2/workspaces`, { auth: basic })),
			);
			const ids = new Set(replies.map((r) => r.body.requestId));
			expect(ids.size).toBe(20);
		});
	});

	describe('OAuth', () => {
		it('runs the code flow with single-use codes and single-use refresh tokens', async () => {
			gong.clearLog();
			const authorize = new URL(`${gong.baseUrl}/oauth2/authorize`);
			authorize.search = new URLSearchParams({
				client_id: 'test-client-id',
				redirect_uri: REDIRECT_URI,
				response_type: 'code',
				scope: 'api:calls:read:basic api:users:read',
				state: 'state-123',
			}).toString();
			const consent = await fetch(authorize, { redirect: 'manual' });
			expect(consent.status).toBe(302);
			const location = new URL(consent.headers.get('location') ?? '');
			expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
			expect(location.searchParams.get('state')).toBe('state-123');
			const code = location.searchParams.get('code') ?? '';
			expect(code).not.toBe('');

			const tokenUrl = `${gong.baseUrl}/oauth2/generate-customer-token`;
			const exchange = await call(tokenUrl, {
				auth: clientAuth(),
				form: { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
			});
			expect(exchange.status).toBe(200);
			expect(exchange.body).toMatchObject({
				token_type: 'bearer',
				expires_in: 3600,
				scope: 'api:calls:read:basic api:users:read',
				api_base_url_for_customer: gong.customerBaseUrl,
			});
			const again = await call(tokenUrl, {
				auth: clientAuth(),
				form: { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
			});
			expect(again.status).toBe(400);
			expect(again.body.error).toBe('invalid_grant');

			const first = exchange.body;
			const users = await call(`${gong.customerBaseUrl}/v2/users`, { auth: bearer(first.access_token ?? '') });
			expect(users.status).toBe(200);

			// Grant parameters in the query string work as well as in the form body.
			const refreshed = await call(
				`${tokenUrl}?grant_type=refresh_token&refresh_token=${encodeURIComponent(first.refresh_token ?? '')}`,
				{ method: 'POST', auth: clientAuth() },
			);
			expect(refreshed.status).toBe(200);
			expect(refreshed.body.refresh_token).not.toBe(first.refresh_token);
			expect(refreshed.body.scope).toBe(first.scope);
			const old = await call(`${gong.customerBaseUrl}/v2/users`, { auth: bearer(first.access_token ?? '') });
			expect(old.status).toBe(401);
			const fresh = await call(`${gong.customerBaseUrl}/v2/users`, { auth: bearer(refreshed.body.access_token ?? '') });
			expect(fresh.status).toBe(200);

			const reuse = await call(tokenUrl, {
				auth: clientAuth(),
				form: { grant_type: 'refresh_token', refresh_token: first.refresh_token ?? '' },
			});
			expect(reuse.status).toBe(400);
			expect(reuse.body.error).toBe('invalid_grant');
			expect(typeof reuse.body.error_description).toBe('string');

			const next = await call(tokenUrl, {
				auth: clientAuth(),
				form: { grant_type: 'refresh_token', refresh_token: refreshed.body.refresh_token ?? '' },
			});
			expect(next.status).toBe(200);

			const tokenCalls = gong.log.filter((e) => e.path === '/oauth2/generate-customer-token');
			expect(tokenCalls.map((e) => `${e.host}:${e.auth}:${e.status}`)).toEqual([
				'generic:basic:200',
				'generic:basic:400',
				'generic:basic:200',
				'generic:basic:400',
				'generic:basic:200',
			]);
		});

		it('rejects bad client credentials and scopes the integration does not allow', async () => {
			const bad = await call(`${gong.baseUrl}/oauth2/generate-customer-token`, {
				auth: clientAuth('test-client-id', 'wrong'),
				form: { grant_type: 'refresh_token', refresh_token: 'x' },
			});
			expect(bad.status).toBe(401);
			expect(bad.body.error).toBe('invalid_client');

			const narrow = await GongStandIn.start({ calls: 1, integrationScopes: ['api:calls:read:basic'] });
			try {
				const url = new URL(`${narrow.baseUrl}/oauth2/authorize`);
				url.search = new URLSearchParams({
					client_id: 'test-client-id',
					redirect_uri: REDIRECT_URI,
					response_type: 'code',
					scope: 'api:calls:read:basic api:users:read',
				}).toString();
				const refused = await fetch(url, { redirect: 'manual' });
				expect(refused.status).toBe(400);
				const body = (await refused.json()) as Body;
				expect(body.error_description).toMatch(/insufficient permissions/);
				expect(body.error_description).toMatch(/api:users:read/);
			} finally {
				await narrow.stop();
			}
		});
	});
});

describe('Gong stand-in rate limits', () => {
	it('answers 429 with Retry-After once over the per-second limit, counted over both hosts', async () => {
		const gong = await GongStandIn.start({ calls: 3, rateLimitPerSecond: 3 });
		try {
			const auth = gong.basicAuthHeader();
			const replies = await Promise.all(
				[
					gong.baseUrl,
					gong.customerBaseUrl,
					gong.baseUrl,
					gong.customerBaseUrl,
					gong.baseUrl,
					gong.customerBaseUrl,
				].map((base) => call(`${base}/v2/workspaces`, { auth })),
			);
			const statuses = replies.map((r) => r.status).sort();
			expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
			for (const r of replies.filter((x) => x.status === 429)) {
				expect(r.headers.get('retry-after')).toBe('1');
				expect(r.body.errors).toEqual(['API request limit exceeded']);
				expect(typeof r.body.requestId).toBe('string');
			}
			expect(gong.countStatus(429)).toBe(3);
			// The OAuth token endpoint is not rate-limited.
			const token = await call(`${gong.baseUrl}/oauth2/generate-customer-token`, {
				auth: clientAuth(),
				form: { grant_type: 'refresh_token', refresh_token: gong.issueToken().refresh_token },
			});
			expect(token.status).toBe(200);
			// Requests refused by auth count too.
			gong.resetRateLimits();
			const mixed = await Promise.all([
				call(`${gong.baseUrl}/v2/workspaces`),
				call(`${gong.baseUrl}/v2/workspaces`),
				call(`${gong.baseUrl}/v2/workspaces`),
			]);
			expect(mixed.map((r) => r.status)).toEqual([401, 401, 401]);
			expect((await call(`${gong.baseUrl}/v2/workspaces`, { auth })).status).toBe(429);
		} finally {
			await gong.stop();
		}
	});

	it('answers 429 until midnight UTC once over the daily limit', async () => {
		const gong = await GongStandIn.start({ calls: 3, rateLimitPerSecond: 0, dailyLimit: 2 });
		try {
			const auth = gong.basicAuthHeader();
			expect((await call(`${gong.baseUrl}/v2/workspaces`, { auth })).status).toBe(200);
			expect((await call(`${gong.customerBaseUrl}/v2/workspaces`, { auth })).status).toBe(200);
			const before = Date.now();
			const limited = await call(`${gong.baseUrl}/v2/workspaces`, { auth });
			expect(limited.status).toBe(429);
			const midnight = new Date(before);
			midnight.setUTCHours(24, 0, 0, 0);
			const expected = Math.ceil((midnight.getTime() - before) / 1000);
			const retryAfter = Number(limited.headers.get('retry-after'));
			expect(Math.abs(retryAfter - expected)).toBeLessThanOrEqual(2);
		} finally {
			await gong.stop();
		}
	});

	it('can change the limit at run time', async () => {
		const gong = await GongStandIn.start({ calls: 3, rateLimitPerSecond: 1 });
		try {
			const auth = gong.basicAuthHeader();
			gong.setRateLimit(0);
			const replies = await Promise.all(
				Array.from({ length: 10 }, () => call(`${gong.baseUrl}/v2/workspaces`, { auth })),
			);
			expect(replies.every((r) => r.status === 200)).toBe(true);
		} finally {
			await gong.stop();
		}
	});
});

describe('Gong stand-in latency', () => {
	it('delays responses by latencyMs without timers', async () => {
		const gong = await GongStandIn.start({ calls: 1, rateLimitPerSecond: 0, latencyMs: 120 });
		try {
			const started = Date.now();
			const reply = await call(`${gong.baseUrl}/v2/workspaces`, { auth: gong.basicAuthHeader() });
			expect(reply.status).toBe(200);
			expect(Date.now() - started).toBeGreaterThanOrEqual(100);
		} finally {
			await gong.stop();
		}
	});
});
