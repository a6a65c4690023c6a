import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GongStandIn } from './gong-stand-in';
import { callAccessOf, callOutcomesOf, settingsHistoryOf } from './routes/call-extras';
import { COACHING_METRICS, directReportsOf } from './routes/coaching';
import { libraryFoldersOf, setLibraryFolders } from './routes/library';
import { briefsOf, scorecardsOf, setScorecards, trackersOf } from './routes/settings';
import {
	ACTIVITY_METRICS,
	activityOf,
	answeredScorecardsOf,
	setActivity,
	setAnsweredScorecardCount,
	setStatsToday,
} from './routes/stats';

type Json = Record<string, unknown>;

interface Reply {
	status: number;
	text: string;
	body: Json;
}

interface Records {
	totalRecords: number;
	currentPageSize: number;
	currentPageNumber: number;
	cursor?: string;
}

async function call(url: string, init: { auth: string; json?: unknown; method?: string }): Promise<Reply> {
	const headers: Record<string, string> = { Authorization: init.auth };
	let body: string | undefined;
	if (init.json !== undefined) {
		headers['Content-Type'] = 'application/json';
		body = JSON.stringify(init.json);
	}
	const response = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
	const text = await response.text();
	return { status: response.status, text, body: text ? (JSON.parse(text) as Json) : {} };
}

const list = <T = Json>(body: Json, key: string): T[] => (body[key] ?? []) as T[];
const errors = (reply: Reply): string[] => (reply.body.errors ?? []) as string[];
const records = (reply: Reply): Records => reply.body.records as Records;

describe('Gong stand-in: read side A (settings, stats, library, coaching, call extras)', () => {
	let gong: GongStandIn;
	let basic: string;
	const get = (path: string): Promise<Reply> => call(`${gong.baseUrl}${path}`, { auth: basic });
	const post = (path: string, json: unknown): Promise<Reply> => call(`${gong.baseUrl}${path}`, { auth: basic, json });

	beforeAll(async () => {
		gong = await GongStandIn.start({ calls: 250, rateLimitPerSecond: 0 });
		basic = gong.basicAuthHeader();
	});

	afterAll(async () => {
		await gong.stop();
	});

	/** Follows records.cursor through every page of a POST endpoint. */
	async function allPages(
		target: GongStandIn,
		path: string,
		body: Json,
		listKey: string,
	): Promise<{ items: Json[]; pages: Records[] }> {
		const items: Json[] = [];
		const pages: Records[] = [];
		let cursor: string | undefined;
		do {
			const reply = await call(`${target.baseUrl}${path}`, {
				auth: target.basicAuthHeader(),
				json: cursor ? { ...body, cursor } : body,
			});
			expect(reply.status, reply.text).toBe(200);
			pages.push(records(reply));
			items.push(...list(reply.body, listKey));
			cursor = records(reply).cursor;
		} while (cursor);
		return { items, pages };
	}

	describe('missing scope', () => {
		const cases: [string, string, string, unknown?][] = [
			['GET', '/v2/settings/scorecards', 'api:settings:scorecards:read'],
			['GET', '/v2/settings/trackers', 'api:settings:trackers:read'],
			['GET', '/v2/settings/briefs', 'api:ai-briefer:read'],
			['POST', '/v2/stats/activity/aggregate', 'api:stats:user-actions', { filter: {} }],
			['POST', '/v2/stats/activity/aggregate-by-period', 'api:stats:user-actions', { filter: {} }],
			['POST', '/v2/stats/activity/day-by-day', 'api:stats:user-actions:detailed', { filter: {} }],
			['POST', '/v2/stats/interaction', 'api:stats:interaction', { filter: {} }],
			['POST', '/v2/stats/activity/scorecards', 'api:stats:scorecards', { filter: {} }],
			['GET', '/v2/library/folders', 'api:library:read'],
			['GET', '/v2/library/folder-content?folderId=1', 'api:library:read'],
			['GET', '/v2/coaching', 'api:coaching:read'],
			['GET', '/v2/call-outcomes', 'api:call-outcomes:read'],
			['POST', '/v2/calls/users-access', 'api:call-user-access:read', { filter: { callIds: ['1'] } }],
			['GET', '/v2/users/1/settings-history', 'api:users:read'],
		];
		it.each(cases)('%s %s needs %s (401)', async (method, path, scope, json) => {
			const token = gong.issueToken({ scopes: ['api:calls:read:basic'] }).access_token;
			const reply = await call(`${gong.customerBaseUrl}${path}`, { method, auth: `Bearer ${token}`, json });
			expect(reply.status).toBe(401);
			expect(errors(reply)).toEqual([`You don't have permission to use '${scope}' in your app.`]);
		});

		it('answers with the scope granted', async () => {
			const token = gong.issueToken({ scopes: ['api:call-outcomes:read'] }).access_token;
			const reply = await call(`${gong.customerBaseUrl}/v2/call-outcomes`, { auth: `Bearer ${token}` });
			expect(reply.status).toBe(200);
		});
	});

	describe('settings', () => {
		it('GET /v2/settings/scorecards returns scorecards with questions, int64 ids as bare numbers', async () => {
			const reply = await get('/v2/settings/scorecards');
			expect(reply.status).toBe(200);
			const scorecards = list(reply.body, 'scorecards');
			expect(scorecards).toHaveLength(scorecardsOf(gong).length);
			expect(scorecards.length).toBeGreaterThanOrEqual(3);
			const first = scorecardsOf(gong)[0];
			expect(first?.scorecardId).toMatch(/^\d{15,19}$/);
			expect(reply.text).toContain(`"scorecardId":${first?.scorecardId ?? ''},`);
			expect(reply.text).toContain(`"questionId":${first?.questions[0]?.questionId ?? ''},`);
			expect(reply.text).toContain(`"workspaceId":${first?.workspaceId ?? ''},`);
			const ids = scorecardsOf(gong).flatMap((s) => [s.scorecardId, ...s.questions.map((q) => q.questionId)]);
			expect(ids.some((id) => BigInt(id) > BigInt(Number.MAX_SAFE_INTEGER))).toBe(true);
			const question = (scorecards[0]?.questions as Json[])[0] as Json;
			expect(Object.keys(question).sort()).toEqual(
				[
					'answerGuide',
					'answerOptions',
					'isOverall',
					'maxRange',
					'minRange',
					'questionId',
					'questionRevisionId',
					'questionText',
					'questionType',
				].sort(),
			);
			expect(scorecardsOf(gong).some((s) => s.reviewMethod === 'AUTOMATIC')).toBe(true);
			expect(scorecardsOf(gong).every((s) => s.questions.filter((q) => q.isOverall).length === 1)).toBe(true);
		});

		it('GET /v2/settings/scorecards answers 404 when there are none', async () => {
			const other = await GongStandIn.start({ calls: 3, rateLimitPerSecond: 0 });
			try {
				setScorecards(other, []);
				const reply = await call(`${other.baseUrl}/v2/settings/scorecards`, { auth: other.basicAuthHeader() });
				expect(reply.status).toBe(404);
				expect(errors(reply)).toEqual(['Scorecards not found']);
			} finally {
				await other.stop();
			}
		});

		it('GET /v2/settings/trackers lists every workspace, or one, and 404s an unknown one', async () => {
			const all = await get('/v2/settings/trackers');
			expect(all.status).toBe(200);
			expect(list(all.body, 'keywordTrackers')).toHaveLength(trackersOf(gong).length);
			const ws = gong.workspaces[1]?.id ?? '';
			const one = await get(`/v2/settings/trackers?workspaceId=${ws}`);
			const trackers = list(one.body, 'keywordTrackers');
			expect(trackers.length).toBeGreaterThan(0);
			expect(trackers.every((t) => t.workspaceId === ws)).toBe(true);
			expect(Object.keys(trackers[0] ?? {})).toEqual(
				expect.arrayContaining([
					'trackerId',
					'trackerName',
					'languageKeywords',
					'affiliation',
					'saidAt',
					'filterQuery',
				]),
			);
			// The first workspace's keyword trackers keep the ids the calls' content.trackers carry.
			const callTrackerIds = new Set(gong.calls.flatMap((c) => c.content.trackers.map((t) => t.id)));
			expect(trackersOf(gong).some((t) => callTrackerIds.has(t.trackerId))).toBe(true);
			const unknown = await get('/v2/settings/trackers?workspaceId=1234567890123456');
			expect(unknown.status).toBe(404);
			expect(errors(unknown)).toEqual(['Workspace not found']);
			expect((await get('/v2/settings/trackers?workspaceId=abc')).status).toBe(400);
		});

		it('GET /v2/settings/briefs lists briefs, filters by workspace and 404s an unknown one', async () => {
			const all = await get('/v2/settings/briefs');
			expect(all.status).toBe(200);
			expect(list(all.body, 'briefs')).toHaveLength(briefsOf(gong).length);
			expect(new Set(briefsOf(gong).map((b) => b.status))).toEqual(new Set(['Published', 'Not published']));
			const ws = gong.workspaces[0]?.id ?? '';
			const one = await get(`/v2/settings/briefs?workspaceId=${ws}`);
			expect(list(one.body, 'briefs').every((b) => b.workspaceId === ws)).toBe(true);
			const unknown = await get('/v2/settings/briefs?workspaceId=999999999999999');
			expect(unknown.status).toBe(404);
			expect(errors(unknown)).toEqual(['Workspace not found']);
		});
	});

	describe('stats', () => {
		const filter = { fromDate: '2026-01-01', toDate: '2026-02-01' };

		it('generates activity per user per day from the calls', () => {
			const rows = activityOf(gong);
			expect(rows.length).toBeGreaterThan(10);
			const hosted = rows.flatMap((r) => r.callsAsHost);
			expect(new Set(hosted)).toEqual(new Set(gong.calls.map((c) => c.metaData.id)));
			for (const row of rows) {
				expect(row.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
				for (const id of row.callsAsHost) {
					const c = gong.calls.find((x) => x.metaData.id === id);
					expect(c?.metaData.primaryUserId).toBe(row.userId);
					expect(c?.metaData.started.slice(0, 10)).toBe(row.date);
				}
			}
			// Managers listen to their reports' calls.
			const manager = gong.users[0]?.id;
			expect(rows.filter((r) => r.userId === manager).flatMap((r) => r.othersCallsListenedTo).length).toBeGreaterThan(
				5,
			);
		});

		it('POST /v2/stats/activity/aggregate sums the activity per user', async () => {
			const reply = await post('/v2/stats/activity/aggregate', { filter });
			expect(reply.status, reply.text).toBe(200);
			expect(reply.body.fromDateTime).toBe('2026-01-01T00:00:00Z');
			expect(reply.body.toDateTime).toBe('2026-02-01T00:00:00Z');
			expect(reply.body.timeZone).toBe('UTC');
			const stats = list(reply.body, 'usersAggregateActivityStats');
			expect(stats.length).toBeGreaterThan(0);
			expect(records(reply).totalRecords).toBe(stats.length);
			for (const s of stats) {
				const rows = activityOf(gong).filter((r) => r.userId === s.userId);
				const counts = s.userAggregateActivityStats as Record<string, number>;
				expect(Object.keys(counts).sort()).toEqual([...ACTIVITY_METRICS].sort());
				expect(counts.callsAsHost).toBe(rows.reduce((n, r) => n + r.callsAsHost.length, 0));
				expect(s.userEmailAddress).toBe(gong.users.find((u) => u.id === s.userId)?.emailAddress);
			}
		});

		it('pages users with the cursor in the body', async () => {
			const small = await GongStandIn.start({ calls: 60, pageSize: 5, rateLimitPerSecond: 0 });
			try {
				const userIds = small.users.map((u) => u.id);
				const paths: [string, string, Json][] = [
					['/v2/stats/activity/aggregate', 'usersAggregateActivityStats', {}],
					['/v2/stats/activity/aggregate-by-period', 'usersAggregateActivity', { aggregationPeriod: 'MONTH' }],
					['/v2/stats/activity/day-by-day', 'usersDetailedActivities', {}],
					['/v2/stats/interaction', 'peopleInteractionStats', {}],
				];
				for (const [path, key, extra] of paths) {
					const { items, pages } = await allPages(small, path, { filter: { ...filter, userIds }, ...extra }, key);
					expect(pages.map((p) => p.currentPageSize)).toEqual([5, 5, 2]);
					expect(pages.map((p) => p.currentPageNumber)).toEqual([0, 1, 2]);
					expect(items.map((i) => i.userId)).toEqual(userIds);
				}
				// A cursor belongs to its request.
				const first = await call(`${small.baseUrl}/v2/stats/activity/aggregate`, {
					auth: small.basicAuthHeader(),
					json: { filter: { ...filter, userIds } },
				});
				const mismatch = await call(`${small.baseUrl}/v2/stats/activity/aggregate`, {
					auth: small.basicAuthHeader(),
					json: { filter: { ...filter, toDate: '2026-01-31', userIds }, cursor: records(first).cursor },
				});
				expect(mismatch.status).toBe(400);
				// Answered scorecards page too.
				const { items, pages } = await allPages(
					small,
					'/v2/stats/activity/scorecards',
					{ filter: { reviewMethod: 'BOTH' } },
					'answeredScorecards',
				);
				expect(items).toHaveLength(answeredScorecardsOf(small).length);
				expect(pages.length).toBe(Math.ceil(items.length / 5));
			} finally {
				await small.stop();
			}
		});

		it('POST /v2/stats/activity/aggregate-by-period splits the range into periods (weeks from Monday)', async () => {
			const body = { filter: { fromDate: '2026-01-01', toDate: '2026-01-20' }, aggregationPeriod: 'WEEK' };
			const reply = await post('/v2/stats/activity/aggregate-by-period', body);
			expect(reply.status, reply.text).toBe(200);
			const users = list(reply.body, 'usersAggregateActivity');
			const periods = users[0]?.userAggregateActivity as Json[];
			expect(periods.map((p) => [p.fromDate, p.toDate])).toEqual([
				['2026-01-01T00:00:00Z', '2026-01-05T00:00:00Z'],
				['2026-01-05T00:00:00Z', '2026-01-12T00:00:00Z'],
				['2026-01-12T00:00:00Z', '2026-01-19T00:00:00Z'],
				['2026-01-19T00:00:00Z', '2026-01-20T00:00:00Z'],
			]);
			const aggregate = await post('/v2/stats/activity/aggregate', { filter: body.filter });
			for (const u of users) {
				const total = list(aggregate.body, 'usersAggregateActivityStats').find((a) => a.userId === u.userId);
				const sum = (u.userAggregateActivity as Json[]).reduce((n, p) => n + (p.callsAsHost as number), 0);
				expect(sum).toBe((total?.userAggregateActivityStats as Json).callsAsHost);
			}
			const quarter = await post('/v2/stats/activity/aggregate-by-period', {
				filter: { fromDate: '2025-11-15', toDate: '2026-02-01' },
				aggregationPeriod: 'QUARTER',
			});
			expect(
				((list(quarter.body, 'usersAggregateActivity')[0]?.userAggregateActivity ?? []) as Json[]).map(
					(p) => p.fromDate,
				),
			).toEqual(['2025-11-15T00:00:00Z', '2026-01-01T00:00:00Z']);
			const missing = await post('/v2/stats/activity/aggregate-by-period', { filter: body.filter });
			expect(missing.status).toBe(400);
			expect(errors(missing)[0]).toContain('aggregationPeriod');
			const wrong = await post('/v2/stats/activity/aggregate-by-period', { ...body, aggregationPeriod: 'FORTNIGHT' });
			expect(wrong.status).toBe(400);
		});

		it('POST /v2/stats/activity/day-by-day lists call ids per metric for every day', async () => {
			const reply = await post('/v2/stats/activity/day-by-day', {
				filter: { fromDate: '2026-01-05', toDate: '2026-01-09' },
			});
			expect(reply.status, reply.text).toBe(200);
			const users = list(reply.body, 'usersDetailedActivities');
			expect(users.length).toBeGreaterThan(0);
			for (const u of users) {
				const days = u.userDailyActivityStats as Json[];
				expect(days.map((d) => d.fromDate)).toEqual([
					'2026-01-05T00:00:00Z',
					'2026-01-06T00:00:00Z',
					'2026-01-07T00:00:00Z',
					'2026-01-08T00:00:00Z',
				]);
				for (const d of days) {
					for (const metric of ACTIVITY_METRICS) {
						expect(Array.isArray(d[metric])).toBe(true);
						for (const id of d[metric] as unknown[]) expect(id).toMatch(/^\d+$/);
					}
					const day = (d.fromDate as string).slice(0, 10);
					const row = activityOf(gong).find((r) => r.userId === u.userId && r.date === day);
					expect(d.callsAsHost).toEqual(row?.callsAsHost ?? []);
				}
			}
		});

		it('POST /v2/stats/interaction returns the five interaction stats of users who hosted calls', async () => {
			const reply = await post('/v2/stats/interaction', { filter });
			expect(reply.status, reply.text).toBe(200);
			expect(reply.body.timeZone).toBe('UTC');
			const people = list(reply.body, 'peopleInteractionStats');
			const hosts = new Set(gong.calls.map((c) => c.metaData.primaryUserId));
			expect(new Set(people.map((p) => p.userId))).toEqual(hosts);
			const stats = people[0]?.personInteractionStats as { name: string; value: number }[];
			expect(stats.map((s) => s.name)).toEqual([
				'Longest Monologue',
				'Longest Customer Story',
				'Interactivity',
				'Patience',
				'Question Rate',
			]);
			expect(stats.every((s) => typeof s.value === 'number')).toBe(true);
		});

		it('answers 400 for bad dates and 404 for unknown users or an empty period', async () => {
			const paths = [
				'/v2/stats/activity/aggregate',
				'/v2/stats/activity/day-by-day',
				'/v2/stats/interaction',
				'/v2/stats/activity/aggregate-by-period',
			];
			for (const path of paths) {
				const send = (f: Json): Promise<Reply> => post(path, { filter: f, aggregationPeriod: 'DAY' });
				const malformed = await send({ fromDate: '2026-1-5', toDate: '2026-02-01' });
				expect(malformed.status).toBe(400);
				expect(errors(malformed)[0]).toContain('YYYY-MM-DD');
				expect((await send({ fromDate: '2026-02-30', toDate: '2026-03-05' })).status).toBe(400);
				expect((await send({ fromDate: '2026-01-05T00:00:00Z', toDate: '2026-02-01' })).status).toBe(400);
				const reversed = await send({ fromDate: '2026-02-01', toDate: '2026-02-01' });
				expect(reversed.status).toBe(400);
				expect(errors(reversed)[0]).toContain('fromDate must be before toDate');
				const future = await send({ fromDate: '2026-01-01', toDate: '2099-01-01' });
				expect(future.status).toBe(400);
				expect(errors(future)[0]).toContain('must not be later than today');
				const missing = await send({ fromDate: '2026-01-01' });
				expect(missing.status).toBe(400);
				expect(errors(missing)[0]).toContain('toDate');
				expect((await post(path, { aggregationPeriod: 'DAY' })).status).toBe(400);
				const unknown = await send({ ...filter, userIds: ['1234567890123456789'] });
				expect(unknown.status).toBe(404);
				expect(errors(unknown)).toEqual(['User not found']);
				const empty = await send({ fromDate: '2025-01-01', toDate: '2025-02-01' });
				expect(empty.status).toBe(404);
				expect(errors(empty)).toEqual(['No stats found for the specified period']);
			}
		});

		it('checks toDate against a pinned today and treats toDate = today as allowed', async () => {
			const other = await GongStandIn.start({ calls: 10, rateLimitPerSecond: 0 });
			try {
				setStatsToday(other, '2026-01-06');
				const send = (toDate: string): Promise<Reply> =>
					call(`${other.baseUrl}/v2/stats/activity/aggregate`, {
						auth: other.basicAuthHeader(),
						json: { filter: { fromDate: '2026-01-01', toDate } },
					});
				expect((await send('2026-01-06')).status).toBe(200);
				const later = await send('2026-01-07');
				expect(later.status).toBe(400);
				expect(errors(later)).toEqual(['toDate 2026-01-07 must not be later than today (2026-01-06, UTC)']);
				setActivity(other, []);
				expect(errors(await send('2026-01-06'))).toEqual(['No stats found for the specified period']);
			} finally {
				await other.stop();
			}
		});

		it('POST /v2/stats/activity/scorecards: MANUAL by default, filters, int64 ids as bare numbers', async () => {
			const all = answeredScorecardsOf(gong);
			const manual = all.filter((a) => a.reviewMethod === 'MANUAL');
			expect(manual.length).toBeGreaterThan(0);
			expect(all.length).toBeGreaterThan(manual.length);
			const byDefault = await allPages(gong, '/v2/stats/activity/scorecards', { filter: {} }, 'answeredScorecards');
			expect(byDefault.items).toHaveLength(manual.length);
			const both = await allPages(
				gong,
				'/v2/stats/activity/scorecards',
				{ filter: { reviewMethod: 'BOTH' } },
				'answeredScorecards',
			);
			expect(both.items).toHaveLength(all.length);
			const auto = await post('/v2/stats/activity/scorecards', { filter: { reviewMethod: 'AUTOMATIC' } });
			expect(
				list(auto.body, 'answeredScorecards').every((a) => a.reviewMethod === 'AUTOMATIC' && a.reviewerUserId === null),
			).toBe(true);

			const first = manual[0];
			const raw = await post('/v2/stats/activity/scorecards', {
				filter: { scorecardIds: [first?.scorecardId], reviewedUserIds: [first?.reviewedUserId] },
			});
			expect(raw.status).toBe(200);
			expect(raw.text).toContain(`"answeredScorecardId":${first?.answeredScorecardId ?? ''},`);
			expect(raw.text).toContain(`"callId":${first?.callId ?? ''},`);
			expect(raw.text).toContain(`"reviewedUserId":${first?.reviewedUserId ?? ''},`);
			expect(raw.text).toContain(`"questionId":${first?.answers[0]?.questionId ?? ''},`);
			const items = list(raw.body, 'answeredScorecards');
			expect(items.length).toBeGreaterThan(0);
			const answers = items[0]?.answers as Json[];
			expect(Object.keys(answers[0] ?? {}).sort()).toEqual(
				[
					'answerText',
					'isOverall',
					'notApplicable',
					'questionId',
					'questionRevisionId',
					'score',
					'selectedOptions',
				].sort(),
			);
			const ids = new Set(gong.calls.map((c) => c.metaData.id));
			expect(all.every((a) => ids.has(a.callId))).toBe(true);

			const byCallDate = await post('/v2/stats/activity/scorecards', {
				filter: { callFromDate: '2026-01-06', callToDate: '2026-01-07', reviewMethod: 'BOTH' },
			});
			expect(
				list(byCallDate.body, 'answeredScorecards').every((a) => (a.callStartTime as string).startsWith('2026-01-06')),
			).toBe(true);

			const none = await post('/v2/stats/activity/scorecards', { filter: { reviewToDate: '2020-01-01' } });
			expect(none.status).toBe(404);
			expect(errors(none)).toEqual(['Answered scorecards not found']);
			const badDate = await post('/v2/stats/activity/scorecards', { filter: { callFromDate: '01/06/2026' } });
			expect(badDate.status).toBe(400);
			expect(errors(badDate)[0]).toContain('YYYY-MM-DD');
			const reversed = await post('/v2/stats/activity/scorecards', {
				filter: { reviewFromDate: '2026-02-01', reviewToDate: '2026-01-01' },
			});
			expect(reversed.status).toBe(400);
			expect(errors(reversed)[0]).toContain('reviewFromDate must be before reviewToDate');
			expect((await post('/v2/stats/activity/scorecards', { filter: { reviewMethod: 'AI' } })).status).toBe(400);
			expect((await post('/v2/stats/activity/scorecards', {})).status).toBe(400);
		});

		it('setAnsweredScorecardCount makes 2,000 answered scorecards over one quarter, paged 100 at a time', async () => {
			const other = await GongStandIn.start({ calls: 300, callIntervalMinutes: 400, rateLimitPerSecond: 0 });
			try {
				const made = setAnsweredScorecardCount(other, 2000);
				expect(made).toHaveLength(2000);
				expect(new Set(made.map((a) => a.answeredScorecardId)).size).toBe(2000);
				const times = made.map((a) => Date.parse(a.reviewTime));
				expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse('2026-01-01T00:00:00Z'));
				expect(Math.max(...times)).toBeLessThan(Date.parse('2026-04-01T00:00:00Z'));
				const months = new Set(made.map((a) => a.reviewTime.slice(0, 7)));
				expect(months).toEqual(new Set(['2026-01', '2026-02', '2026-03']));
				const { items, pages } = await allPages(
					other,
					'/v2/stats/activity/scorecards',
					{ filter: { reviewFromDate: '2026-01-01', reviewToDate: '2026-04-01' } },
					'answeredScorecards',
				);
				expect(items).toHaveLength(2000);
				expect(pages).toHaveLength(20);
				expect(pages.every((p) => p.totalRecords === 2000)).toBe(true);
				// With the default 30 calls (all on 5-6 January) they still stay inside 2026-Q1.
				const small = await GongStandIn.start({ rateLimitPerSecond: 0 });
				try {
					const spread = setAnsweredScorecardCount(small, 2000).map((a) => a.reviewTime.slice(0, 7));
					expect(new Set(spread)).toEqual(new Set(['2026-01', '2026-02', '2026-03']));
					expect(setAnsweredScorecardCount(small, 10, { reviewMethod: 'MIXED' }).map((a) => a.reviewMethod)).toContain(
						'AUTOMATIC',
					);
				} finally {
					await small.stop();
				}
			} finally {
				await other.stop();
			}
		});
	});

	describe('library', () => {
		it('GET /v2/library/folders returns a flat list of public folders, nested a few levels', async () => {
			const reply = await get('/v2/library/folders');
			expect(reply.status).toBe(200);
			const folders = list<{ id: string; name: string; parentFolderId: string | null; createdBy: string }>(
				reply.body,
				'folders',
			);
			const publicFolders = libraryFoldersOf(gong).filter((f) => f.visibility === 'public');
			expect(folders.map((f) => f.id)).toEqual(publicFolders.map((f) => f.id));
			expect(libraryFoldersOf(gong).length).toBeGreaterThan(folders.length);
			expect(folders.some((f) => f.parentFolderId === null)).toBe(true);
			const byId = new Map(folders.map((f) => [f.id, f]));
			const depth = (id: string | null): number => (id === null ? 0 : 1 + depth(byId.get(id)?.parentFolderId ?? null));
			expect(Math.max(...folders.map((f) => depth(f.id)))).toBeGreaterThanOrEqual(3);
			for (const f of folders) {
				expect(f.parentFolderId === null || byId.has(f.parentFolderId)).toBe(true);
				expect(Object.keys(f).sort()).toEqual(['createdBy', 'id', 'name', 'parentFolderId', 'updated']);
			}
			const ws = gong.workspaces[0]?.id ?? '';
			const one = await get(`/v2/library/folders?workspaceId=${ws}`);
			expect(list(one.body, 'folders').length).toBe(publicFolders.filter((f) => f.workspaceId === ws).length);
			const unknown = await get('/v2/library/folders?workspaceId=123456789012345');
			expect(unknown.status).toBe(404);
			expect(errors(unknown)).toEqual(['No folders found']);
			expect((await get('/v2/library/folders?workspaceId=x1')).status).toBe(400);
		});

		it('GET /v2/library/folder-content returns the folder and its calls', async () => {
			const folder = libraryFoldersOf(gong).find((f) => f.visibility === 'public' && f.calls.length > 0);
			expect(folder).toBeDefined();
			const reply = await get(`/v2/library/folder-content?folderId=${folder?.id ?? ''}`);
			expect(reply.status).toBe(200);
			expect(reply.body.id).toBe(folder?.id);
			expect(reply.body.name).toBe(folder?.name);
			const calls = list(reply.body, 'calls');
			expect(calls).toHaveLength(folder?.calls.length ?? -1);
			for (const c of calls) {
				const source = gong.calls.find((x) => x.metaData.id === c.id);
				expect(source?.metaData.url).toBe(c.url);
				expect(Object.keys(c).sort()).toEqual(['addedBy', 'created', 'id', 'note', 'snippet', 'title', 'url']);
				const snippet = c.snippet as { fromSec: number; toSec: number };
				expect(snippet.toSec).toBeGreaterThan(snippet.fromSec);
				expect(snippet.toSec).toBeLessThanOrEqual(source?.metaData.duration ?? 0);
			}
			const hidden = libraryFoldersOf(gong).find((f) => f.visibility === 'private');
			const privateReply = await get(`/v2/library/folder-content?folderId=${hidden?.id ?? ''}`);
			expect(privateReply.status).toBe(404);
			const unknown = await get('/v2/library/folder-content?folderId=123456789012345');
			expect(unknown.status).toBe(404);
			expect(errors(unknown)).toEqual(['Folder not found']);
			const missing = await get('/v2/library/folder-content');
			expect(missing.status).toBe(400);
			expect(errors(missing)).toEqual(['folderId is required']);
			expect((await get('/v2/library/folder-content?folderId=abc')).status).toBe(400);
		});

		it('answers 404 "No folders found" when the library is empty', async () => {
			const other = await GongStandIn.start({ calls: 3, rateLimitPerSecond: 0 });
			try {
				setLibraryFolders(other, []);
				const reply = await call(`${other.baseUrl}/v2/library/folders`, { auth: other.basicAuthHeader() });
				expect(reply.status).toBe(404);
				expect(errors(reply)).toEqual(['No folders found']);
			} finally {
				await other.stop();
			}
		});
	});

	describe('coaching', () => {
		const query = (params: Record<string, string>): string => `/v2/coaching?${new URLSearchParams(params).toString()}`;

		it('GET /v2/coaching returns the manager and a metrics entry per direct report', async () => {
			const manager = gong.users[0];
			const params = {
				'workspace-id': gong.workspaces[0]?.id ?? '',
				'manager-id': manager?.id ?? '',
				from: '2026-01-01T00:00:00Z',
				to: '2026-02-01T00:00:00Z',
			};
			const reply = await get(query(params));
			expect(reply.status, reply.text).toBe(200);
			const data = list(reply.body, 'coachingData');
			expect(data).toHaveLength(1);
			expect((data[0]?.manager as Json).id).toBe(manager?.id);
			expect(Object.keys(data[0]?.manager as Json).sort()).toEqual([
				'emailAddress',
				'firstName',
				'id',
				'lastName',
				'title',
			]);
			const reports = data[0]?.directReportsMetrics as { report: Json; metrics: Record<string, string[]> }[];
			expect(reports.map((r) => r.report.id)).toEqual(directReportsOf(gong, manager?.id ?? '').map((u) => u.id));
			expect(reports.length).toBe(gong.users.length - 1);
			let total = 0;
			for (const r of reports) {
				expect(Object.keys(r.metrics)).toEqual([...COACHING_METRICS]);
				for (const ids of Object.values(r.metrics)) {
					total += ids.length;
					for (const id of ids) {
						expect(gong.calls.find((c) => c.metaData.id === id)?.metaData.primaryUserId).toBe(r.report.id);
					}
				}
			}
			expect(total).toBeGreaterThan(0);
			// Nothing in an empty range.
			const before = await get(query({ ...params, from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z' }));
			const empty = (list(before.body, 'coachingData')[0]?.directReportsMetrics ?? []) as { metrics: Json }[];
			expect(empty.every((r) => Object.values(r.metrics).every((ids) => (ids as unknown[]).length === 0))).toBe(true);
		});

		it('answers 400 naming a missing parameter, 404 for an unknown manager', async () => {
			const params = {
				'workspace-id': gong.workspaces[0]?.id ?? '',
				'manager-id': gong.users[0]?.id ?? '',
				from: '2026-01-01T00:00:00Z',
				to: '2026-02-01T00:00:00Z',
			};
			for (const name of ['workspace-id', 'manager-id', 'from', 'to'] as const) {
				const rest: Record<string, string> = { ...params };
				delete rest[name];
				const reply = await get(query(rest));
				expect(reply.status).toBe(400);
				expect(errors(reply)).toEqual([`'${name}' is required`]);
			}
			const camel = await get(
				`/v2/coaching?workspaceId=${params['workspace-id']}&managerId=${params['manager-id']}&from=${params.from}&to=${params.to}`,
			);
			expect(camel.status).toBe(400);
			const unknown = await get(query({ ...params, 'manager-id': '1234567890123456789' }));
			expect(unknown.status).toBe(404);
			expect(errors(unknown)).toEqual(['Manager not found']);
			expect((await get(query({ ...params, from: 'yesterday' }))).status).toBe(400);
			expect((await get(query({ ...params, to: params.from }))).status).toBe(400);
			expect((await get(query({ ...params, 'manager-id': 'abc' }))).status).toBe(400);
			const workspace = await get(query({ ...params, 'workspace-id': '123456789012345' }));
			expect(workspace.status).toBe(404);
			expect(errors(workspace)).toEqual(['Workspace not found']);
		});
	});

	describe('call extras', () => {
		it('GET /v2/call-outcomes lists the dialer outcomes', async () => {
			const reply = await get('/v2/call-outcomes');
			expect(reply.status).toBe(200);
			const outcomes = list(reply.body, 'outcomes');
			expect(outcomes).toEqual(callOutcomesOf(gong));
			expect(Object.keys(outcomes[0] ?? {}).sort()).toEqual(
				['automation', 'callOutcome', 'category', 'connectStatus', 'displayOrder', 'sentiment', 'todoAction'].sort(),
			);
			const names = new Set(outcomes.map((o) => o.callOutcome));
			for (const c of gong.calls) if (c.content.callOutcome) expect(names.has(c.content.callOutcome.name)).toBe(true);
		});

		it('POST /v2/calls/users-access lists individual access per requested call', async () => {
			const [granted] = [...callAccessOf(gong).entries()];
			expect(granted).toBeDefined();
			const plain = gong.calls.find((c) => !callAccessOf(gong).has(c.metaData.id))?.metaData.id ?? '';
			const reply = await post('/v2/calls/users-access', { filter: { callIds: [granted?.[0], plain] } });
			expect(reply.status, reply.text).toBe(200);
			expect(reply.body.callAccessList).toEqual([
				{ callId: granted?.[0], users: (granted?.[1] ?? []).map((userId) => ({ userId })) },
				{ callId: plain, users: [] },
			]);
			const unknown = await post('/v2/calls/users-access', { filter: { callIds: [plain, '1234567890123456789'] } });
			expect(unknown.status).toBe(400);
			expect(errors(unknown)).toEqual(['Some calls not found']);
			expect((await post('/v2/calls/users-access', { filter: {} })).status).toBe(400);
			expect((await post('/v2/calls/users-access', { filter: { callIds: [] } })).status).toBe(400);
			expect((await post('/v2/calls/users-access', { filter: { callIds: ['abc'] } })).status).toBe(400);
			expect((await post('/v2/calls/users-access', {})).status).toBe(400);
		});

		it('GET /v2/users/{id}/settings-history returns the history, 404 for an unknown user', async () => {
			const user = gong.users.find((u) => !u.active) ?? gong.users[0];
			const reply = await get(`/v2/users/${user?.id ?? ''}/settings-history`);
			expect(reply.status).toBe(200);
			const history = list<{ setting: string; value: boolean; time: string }>(reply.body, 'userSettingsHistory');
			expect(history).toEqual(settingsHistoryOf(gong, user?.id ?? ''));
			expect(history.length).toBeGreaterThan(0);
			const times = history.map((h) => Date.parse(h.time));
			expect(times).toEqual([...times].sort((a, b) => a - b));
			if (user && !user.active) expect(history.at(-1)).toMatchObject({ setting: 'active', value: false });
			// /v2/users/{id} still answers.
			expect((await get(`/v2/users/${user?.id ?? ''}`)).status).toBe(200);
			const unknown = await get('/v2/users/1234567890123456789/settings-history');
			expect(unknown.status).toBe(404);
			expect(errors(unknown)).toEqual(['User not found']);
			expect((await get('/v2/users/abc/settings-history')).status).toBe(400);
		});
	});

	it('generates the same data for the same stand-in options', async () => {
		const a = await GongStandIn.start({ calls: 20, rateLimitPerSecond: 0 });
		const b = await GongStandIn.start({ calls: 20, rateLimitPerSecond: 0 });
		try {
			expect(JSON.stringify(scorecardsOf(a))).toBe(JSON.stringify(scorecardsOf(b)));
			expect(JSON.stringify(activityOf(a))).toBe(JSON.stringify(activityOf(b)));
			expect(JSON.stringify(answeredScorecardsOf(a))).toBe(JSON.stringify(answeredScorecardsOf(b)));
			expect(JSON.stringify(libraryFoldersOf(a))).toBe(JSON.stringify(libraryFoldersOf(b)));
			expect(JSON.stringify([...callAccessOf(a)])).toBe(JSON.stringify([...callAccessOf(b)]));
		} finally {
			await Promise.all([a.stop(), b.stop()]);
		}
	});
});
