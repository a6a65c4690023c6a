import type { IDataObject, INodeListSearchResult, INodeType, NodeApiError } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GONG_SCOPES, GongStandIn } from './stand-in/gong-stand-in';
import { callAccessOf, grantCallAccess } from './stand-in/routes/call-extras';
import { answeredScorecardsOf } from './stand-in/routes/stats';
import { aiEntitiesOf, setAiCredits } from './stand-in/routes/ai';
import { libraryFoldersOf } from './stand-in/routes/library';
import { flowInstancesOf, flowsOf } from './stand-in/routes/flows';
import { setAuditLogs } from './stand-in/routes/logs';
import { profilesOf } from './stand-in/routes/permissions';
import { parseJson } from '../nodes/shared/transport/json';
import { fastRetries } from './support/faults';
import { accessKeyCredentials, fixture, gongNode, oauthCredentials, runFixture, type Auth } from './support/gong-run';
import { loadOptionsContext, loadPackage } from './support/n8n-harness';
import { briefsOf, scorecardsOf } from './stand-in/routes/settings';

/**
 * Every read operation beyond calls, transcripts and users, run as workflow JSON through n8n-core
 * against the stand-in: both credential types, every record across Gong's pages (checked against
 * the stand-in paged directly, as an oracle), Gong's "nothing found" as an empty result, and a
 * missing OAuth scope named.
 */

const DAY = 86_400_000;
let gong: GongStandIn;
let restore: () => void;

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const today = () => isoDate(Date.now());
const daysAgo = (days: number) => isoDate(Date.now() - days * DAY);

beforeAll(async () => {
	restore = fastRetries();
	// 150 calls over the last 50 days; 30 users; logs over the last month.
	gong = await GongStandIn.start({
		calls: 150,
		users: 30,
		workspaces: 2,
		startDate: new Date(Date.now() - 52 * DAY).toISOString(),
		callIntervalMinutes: 480,
		rateLimitPerSecond: 0,
		dailyLimit: 0,
	});
	setAuditLogs(gong, { logType: 'UserActivityLog', count: 250, from: Date.now() - 30 * DAY, to: Date.now() - DAY });
});
afterAll(async () => {
	restore();
	await gong.stop();
});

interface Oracle {
	method: 'GET' | 'POST';
	path: string;
	qs?: Record<string, string>;
	body?: IDataObject;
	list: string;
}

/** Every record Gong has for a request, paging with plain fetch: what the node must return. */
async function oracle(request: Oracle): Promise<{ records: IDataObject[]; pages: number }> {
	const records: IDataObject[] = [];
	let cursor: string | undefined;
	let pages = 0;
	do {
		const qs = new URLSearchParams({ ...request.qs, ...(cursor && request.method === 'GET' ? { cursor } : {}) });
		const body = request.method === 'POST' ? { ...request.body, ...(cursor ? { cursor } : {}) } : undefined;
		const response = await fetch(`${gong.baseUrl}${request.path}${qs.size ? `?${qs}` : ''}`, {
			method: request.method,
			headers: { authorization: gong.basicAuthHeader(), 'content-type': 'application/json' },
			body: body ? JSON.stringify(body) : undefined,
		});
		pages++;
		if (response.status === 404) break;
		expect(response.status, `${request.path} answers`).toBe(200);
		// Ids beyond 2^53 kept exact (test/json.test.ts checks this parser on its own).
		const answer = parseJson(await response.text()) as IDataObject;
		records.push(...((answer[request.list] as IDataObject[] | undefined) ?? []));
		cursor = (answer.records as IDataObject | undefined)?.cursor as string | undefined;
	} while (cursor);
	return { records, pages };
}

interface Case {
	name: string;
	fixture: string;
	input: () => IDataObject;
	oracle: () => Oracle;
	/** The field that identifies a record. */
	id: string;
	scope: string;
	/** Gong's "nothing found" 404 text for this endpoint, when it has one. */
	empty?: string;
}

const window = () => ({ from: daysAgo(60), to: today() });
const WORKSPACE = () => gong.workspaces[0].id;
const profileWithUsers = () => profilesOf(gong).find((entry) => entry.userIds.length > 0)!;

const cases: Case[] = [
	{
		name: 'Workspace → Get Many',
		fixture: 'workspace/get-many',
		input: () => ({}),
		oracle: () => ({ method: 'GET', path: '/v2/workspaces', list: 'workspaces' }),
		id: 'id',
		scope: 'api:workspaces:read',
	},
	{
		name: 'Scorecard → Get Many',
		fixture: 'scorecard/get-many',
		input: () => ({}),
		oracle: () => ({ method: 'GET', path: '/v2/settings/scorecards', list: 'scorecards' }),
		id: 'scorecardId',
		scope: 'api:settings:scorecards:read',
		empty: 'Scorecards not found',
	},
	{
		name: 'Scorecard → Get Many Answered (manual and AI, by call date)',
		fixture: 'scorecard/get-many-answered',
		input: () => ({
			dateType: 'call',
			...window(),
			reviewMethod: 'BOTH',
			output: 'scorecard',
			returnAll: true,
			limit: 1,
		}),
		oracle: () => ({
			method: 'POST',
			path: '/v2/stats/activity/scorecards',
			body: { filter: { callFromDate: window().from, callToDate: window().to, reviewMethod: 'BOTH' } },
			list: 'answeredScorecards',
		}),
		id: 'answeredScorecardId',
		scope: 'api:stats:scorecards',
		empty: 'Answered scorecards not found',
	},
	{
		name: 'Tracker → Get Many',
		fixture: 'tracker/get-many',
		input: () => ({}),
		oracle: () => ({ method: 'GET', path: '/v2/settings/trackers', list: 'keywordTrackers' }),
		id: 'trackerId',
		scope: 'api:settings:trackers:read',
	},
	{
		name: 'Stats → Get User Activity (whole period)',
		fixture: 'stats/user-activity',
		input: () => ({ ...window(), aggregation: 'none', userIds: '', returnAll: true, limit: 1 }),
		oracle: () => ({
			method: 'POST',
			path: '/v2/stats/activity/aggregate',
			body: { filter: { fromDate: window().from, toDate: window().to } },
			list: 'usersAggregateActivityStats',
		}),
		id: 'userId',
		scope: 'api:stats:user-actions',
		empty: 'No stats found for the specified period',
	},
	{
		name: 'Stats → Get User Activity (by week)',
		fixture: 'stats/user-activity',
		input: () => ({ ...window(), aggregation: 'WEEK', userIds: '', returnAll: true, limit: 1 }),
		oracle: () => ({
			method: 'POST',
			path: '/v2/stats/activity/aggregate-by-period',
			body: { filter: { fromDate: window().from, toDate: window().to }, aggregationPeriod: 'WEEK' },
			list: 'usersAggregateActivity',
		}),
		id: 'userId',
		scope: 'api:stats:user-actions',
		empty: 'No stats found for the specified period',
	},
	{
		name: 'Stats → Get Day by Day Activity',
		fixture: 'stats/day-by-day',
		input: () => ({ ...window(), userIds: '' }),
		oracle: () => ({
			method: 'POST',
			path: '/v2/stats/activity/day-by-day',
			body: { filter: { fromDate: window().from, toDate: window().to } },
			list: 'usersDetailedActivities',
		}),
		id: 'userId',
		scope: 'api:stats:user-actions:detailed',
		empty: 'No stats found for the specified period',
	},
	{
		name: 'Stats → Get Interaction Stats',
		fixture: 'stats/interaction',
		input: () => ({ ...window(), userIds: '' }),
		oracle: () => ({
			method: 'POST',
			path: '/v2/stats/interaction',
			body: { filter: { fromDate: window().from, toDate: window().to } },
			list: 'peopleInteractionStats',
		}),
		id: 'userId',
		scope: 'api:stats:interaction',
		empty: 'No stats found for the specified period',
	},
	{
		name: 'Library → Get Many Folders',
		fixture: 'library/get-many-folders',
		input: () => ({ output: 'flat' }),
		oracle: () => ({ method: 'GET', path: '/v2/library/folders', list: 'folders' }),
		id: 'id',
		scope: 'api:library:read',
		empty: 'No folders found',
	},
	{
		name: 'Library → Get Folder Content',
		fixture: 'library/get-folder-content',
		input: () => ({
			folderId: libraryFoldersOf(gong).find((folder) => folder.visibility === 'public' && folder.calls.length)!.id,
		}),
		oracle: () => ({
			method: 'GET',
			path: '/v2/library/folder-content',
			qs: {
				folderId: libraryFoldersOf(gong).find((folder) => folder.visibility === 'public' && folder.calls.length)!.id,
			},
			list: 'calls',
		}),
		id: 'id',
		scope: 'api:library:read',
	},
	{
		name: 'Engage Flow → Get Many',
		fixture: 'engage-flow/get-many',
		input: () => ({ email: gong.users[0].emailAddress, returnAll: true, limit: 1 }),
		oracle: () => ({
			method: 'GET',
			path: '/v2/flows',
			qs: { flowOwnerEmail: gong.users[0].emailAddress },
			list: 'flows',
		}),
		id: 'id',
		scope: 'api:flows:read',
	},
	{
		name: 'Engage Flow → Get Many Folders',
		fixture: 'engage-flow/get-many-folders',
		input: () => ({ email: gong.users[0].emailAddress }),
		oracle: () => ({
			method: 'GET',
			path: '/v2/flows/folders',
			qs: { flowFolderOwnerEmail: gong.users[0].emailAddress },
			list: 'flows',
		}),
		id: 'id',
		scope: 'api:flows:read',
	},
	{
		name: 'Task → Get Many',
		fixture: 'task/get-many',
		input: () => ({ userId: gong.users[1].id, returnAll: true, limit: 1 }),
		oracle: () => ({
			method: 'POST',
			path: '/v2/tasks',
			body: {
				filter: {
					userId: gong.users[1].id,
					types: ['FLOW', 'MANUAL'],
					taskAction: ['CALL'],
					status: ['OPEN', 'DONE', 'DISMISSED'],
				},
			},
			list: 'tasks',
		}),
		id: 'id',
		scope: 'api:tasks:read',
	},
	{
		name: 'Call → Get Many Outcomes',
		fixture: 'call/get-many-outcomes',
		input: () => ({}),
		oracle: () => ({ method: 'GET', path: '/v2/call-outcomes', list: 'outcomes' }),
		id: 'callOutcome',
		scope: 'api:call-outcomes:read',
	},
	{
		name: 'User → Get Settings History',
		fixture: 'user/get-settings-history',
		input: () => ({ userId: gong.users[2].id }),
		oracle: () => ({
			method: 'GET',
			path: `/v2/users/${gong.users[2].id}/settings-history`,
			list: 'userSettingsHistory',
		}),
		id: 'time',
		scope: 'api:users:read',
	},
	{
		name: 'Permission Profile → Get Many',
		fixture: 'permission-profile/get-many',
		input: () => ({ workspaceId: WORKSPACE() }),
		oracle: () => ({
			method: 'GET',
			path: '/v2/all-permission-profiles',
			qs: { workspaceId: WORKSPACE() },
			list: 'profiles',
		}),
		id: 'id',
		scope: 'api:permission-profile:read',
	},
	{
		name: 'Permission Profile → Get Users',
		fixture: 'permission-profile/get-users',
		input: () => ({ profileId: profileWithUsers().id }),
		oracle: () => ({
			method: 'GET',
			path: '/v2/permission-profile/users',
			qs: { profileId: profileWithUsers().id },
			list: 'users',
		}),
		id: 'id',
		scope: 'api:users:read',
	},
	{
		name: 'Audit Log → Get Many (250 entries, 3 pages)',
		fixture: 'audit-log/get-many',
		input: () => ({ logType: 'UserActivityLog', from: daysAgo(40), to: '', returnAll: true, limit: 1 }),
		oracle: () => ({
			method: 'GET',
			path: '/v2/logs',
			qs: { logType: 'UserActivityLog', fromDateTime: `${daysAgo(40)}T00:00:00Z` },
			list: 'logEntries',
		}),
		id: 'eventTime',
		scope: 'api:logs:read',
		empty: 'No logs found for the specified period',
	},
];

const ids = (records: IDataObject[], field: string) => records.map((record) => String(record[field]));

describe.each(cases)('$name', (testCase) => {
	it.each<Auth>(['accessKey', 'oAuth2'])('returns every record Gong has, across its pages (%s)', async (auth) => {
		const expected = await oracle(testCase.oracle());
		expect(expected.records.length, 'the stand-in has data for this case').toBeGreaterThan(0);
		gong.clearLog();
		const { items, errorMessage } = await runFixture(gong, testCase.fixture, [testCase.input()], { auth });
		expect(errorMessage).toBeUndefined();
		expect(ids(items, testCase.id)).toEqual(ids(expected.records, testCase.id));
		// As many requests as Gong has pages: none repeated, none extra.
		const path = testCase.oracle().path;
		expect(gong.log.filter((entry) => entry.path === path)).toHaveLength(expected.pages);
	});

	it('names the missing OAuth scope', async () => {
		const token = gong.issueToken({ scopes: GONG_SCOPES.filter((scope) => scope !== testCase.scope) });
		const { errorMessage } = await runFixture(gong, testCase.fixture, [testCase.input()], {
			auth: 'oAuth2',
			credentials: oauthCredentials(gong, token),
		});
		expect(errorMessage).toBe(`Missing Gong permission: ${testCase.scope}`);
	});
});

describe.each(cases.filter((testCase) => testCase.empty))('$name', (testCase) => {
	it.runIf(testCase.empty)(
		'takes Gong\'s "nothing found" as an empty result, and another 404 as an error',
		async () => {
			const path = testCase.oracle().path;
			gong.inject({ kind: 'status', status: 404, message: testCase.empty }, { path, times: 1 });
			const empty = await runFixture(gong, testCase.fixture, [testCase.input()]);
			expect(empty.errorMessage).toBeUndefined();
			expect(empty.items).toEqual([]);
			gong.inject({ kind: 'status', status: 404, message: 'Something else was not found' }, { path, times: 1 });
			const other = await runFixture(gong, testCase.fixture, [testCase.input()]);
			expect(other.errorMessage).toMatch(/not found/i);
			gong.clearFaults();
		},
	);
});

/** The operations that look things up rather than list them: both credentials and the scope. */
const lookups: Array<{ name: string; fixture: string; input: () => IDataObject[]; scope: string }> = [
	{
		name: 'Call → Get Access',
		fixture: 'call/get-access',
		input: () => [{ callId: gong.calls[0].metaData.id }],
		scope: 'api:call-user-access:read',
	},
	{
		name: 'Engage Flow → Get Steps',
		fixture: 'engage-flow/get-steps',
		input: () => [{ flowId: flowsOf(gong)[0].id }],
		scope: 'api:flows:read',
	},
	{
		name: "Engage Flow → Get Prospects' Flows",
		fixture: 'engage-flow/get-prospect-flows',
		input: () => [
			{
				id: flowInstancesOf(gong).find((i) => ['Pending', 'Running', 'Paused'].includes(i.flowInstanceStatus))!
					.crmProspectId,
			},
		],
		scope: 'api:flows:read',
	},
	{
		name: 'Permission Profile → Get',
		fixture: 'permission-profile/get',
		input: () => [{ profileId: profileWithUsers().id }],
		scope: 'api:permission-profile:read',
	},
	{
		name: 'Coaching → Get',
		fixture: 'coaching/get',
		input: () => [
			{
				workspaceId: WORKSPACE(),
				managerId: gong.users.find((user) => gong.users.some((other) => other.managerId === user.id))!.id,
				from: `${daysAgo(60)}T00:00:00Z`,
				to: `${today()}T00:00:00Z`,
			},
		],
		scope: 'api:coaching:read',
	},
	{
		name: 'Data Privacy → Get Data for Email Address',
		fixture: 'data-privacy/get-for-email',
		input: () => [{ email: gong.users[0].emailAddress }],
		scope: 'api:data-privacy:read',
	},
	{
		name: 'Data Privacy → Get Data for Phone Number',
		fixture: 'data-privacy/get-for-phone',
		input: () => [{ phone: '+1 415 555 0100' }],
		scope: 'api:data-privacy:read',
	},
	{
		name: 'AI → Ask About an Entity',
		fixture: 'ai/ask',
		input: () => [
			{
				workspaceId: WORKSPACE(),
				type: 'ACCOUNT',
				id: aiEntitiesOf(gong).find((entity) => entity.crmEntityType === 'ACCOUNT')!.crmEntityId,
				period: 'LAST_90DAYS',
				question: 'Who are the decision makers?',
			},
		],
		scope: 'api:ai-ask:read',
	},
	{
		name: 'AI → Get Account/Deal Brief',
		fixture: 'ai/get-brief',
		input: () => [
			{
				workspaceId: WORKSPACE(),
				type: 'ACCOUNT',
				id: aiEntitiesOf(gong).find((entity) => entity.crmEntityType === 'ACCOUNT')!.crmEntityId,
				period: 'THIS_QUARTER',
				briefName: briefsOf(gong).find((brief) => brief.workspaceId === WORKSPACE())!.briefName,
			},
		],
		scope: 'api:ai-briefer:read',
	},
];

describe.each(lookups)('$name', (lookup) => {
	it.each<Auth>(['accessKey', 'oAuth2'])('answers one item per input item (%s)', async (auth) => {
		const { items, errorMessage } = await runFixture(gong, lookup.fixture, lookup.input(), { auth });
		expect(errorMessage).toBeUndefined();
		expect(items.length).toBeGreaterThan(0);
	});

	it('names the missing OAuth scope', async () => {
		const token = gong.issueToken({ scopes: GONG_SCOPES.filter((scope) => scope !== lookup.scope) });
		const { errorMessage } = await runFixture(gong, lookup.fixture, lookup.input(), {
			auth: 'oAuth2',
			credentials: oauthCredentials(gong, token),
		});
		expect(errorMessage).toBe(`Missing Gong permission: ${lookup.scope}`);
	});
});

describe('Read side: behaviour beyond the listing', () => {
	it('answered scorecards: int64 ids arrive exact (beyond 2^53), and "One Item per Answer" flattens them', async () => {
		const input = { dateType: 'call', ...window(), reviewMethod: 'BOTH', returnAll: true, limit: 1 };
		const perCard = await runFixture(gong, 'scorecard/get-many-answered', [{ ...input, output: 'scorecard' }]);
		const stored = answeredScorecardsOf(gong);
		const big = stored.find((card) => BigInt(card.answeredScorecardId) > BigInt(Number.MAX_SAFE_INTEGER));
		expect(big, 'the stand-in sends ids beyond 2^53').toBeDefined();
		const received = perCard.items.find((item) => item.answeredScorecardId === big!.answeredScorecardId);
		expect(received).toMatchObject({ answeredScorecardId: big!.answeredScorecardId, scorecardId: big!.scorecardId });
		expect(typeof received!.scorecardId).toBe('string');

		const perAnswer = await runFixture(gong, 'scorecard/get-many-answered', [{ ...input, output: 'answer' }]);
		const answers = perCard.items.flatMap((item) => item.answers as IDataObject[]);
		expect(perAnswer.items).toHaveLength(answers.length);
		expect(perAnswer.items[0]).toMatchObject({
			answeredScorecardId: perCard.items[0].answeredScorecardId,
			questionId: answers[0].questionId,
		});
		expect(perAnswer.items[0]).not.toHaveProperty('answers');
	});

	it('answered scorecards: a limit stops fetching early', async () => {
		gong.clearLog();
		const { items } = await runFixture(gong, 'scorecard/get-many-answered', [
			{ dateType: 'call', ...window(), reviewMethod: 'BOTH', output: 'scorecard', returnAll: false, limit: 5 },
		]);
		expect(items).toHaveLength(5);
		expect(gong.log.filter((entry) => entry.path === '/v2/stats/activity/scorecards')).toHaveLength(1);
	});

	it('stats: dates are checked before any request (future end, end not after start)', async () => {
		gong.clearLog();
		const future = await runFixture(gong, 'stats/user-activity', [
			{ from: daysAgo(10), to: isoDate(Date.now() + 3 * DAY), aggregation: 'none', userIds: '', returnAll: true },
		]);
		expect(future.errorMessage).toMatch(/^"To Date" \(\d{4}-\d\d-\d\d\) is in the future$/);
		const reversed = await runFixture(gong, 'stats/day-by-day', [{ from: today(), to: daysAgo(3), userIds: '' }]);
		expect(reversed.errorMessage).toMatch(/^"From Date" \(.+\) is not before "To Date"/);
		expect(gong.log.filter((entry) => entry.path.startsWith('/v2/stats'))).toHaveLength(0);
	});

	it('library: the folder tree nests every folder under its parent', async () => {
		const flat = await runFixture(gong, 'library/get-many-folders', [{ output: 'flat' }]);
		const tree = await runFixture(gong, 'library/get-many-folders', [{ output: 'tree' }]);
		const count = (nodes: IDataObject[]): number =>
			nodes.reduce((sum, node) => sum + 1 + count((node.folders as IDataObject[]) ?? []), 0);
		expect(count(tree.items)).toBe(flat.items.length);
		expect(tree.items.every((root) => !root.parentFolderId)).toBe(true);
	});

	it('library: an unknown folder is a clear not-found error', async () => {
		const { errorMessage } = await runFixture(gong, 'library/get-folder-content', [{ folderId: '123456789' }]);
		expect(errorMessage).toBe('Library folder 123456789 was not found in Gong');
	});

	it('flows: steps of 25 flows (one per item) take 2 requests (20 per request), each item its own flow', async () => {
		const flows = flowsOf(gong).slice(0, 25);
		gong.clearLog();
		const { items, errorMessage } = await runFixture(
			gong,
			'engage-flow/get-steps',
			flows.map((flow) => ({ flowId: flow.id })),
		);
		expect(errorMessage).toBeUndefined();
		expect(items.map((item) => String(item.id))).toEqual(flows.map((flow) => flow.id));
		expect(items[0].steps).toBeInstanceOf(Array);
		expect(gong.log.filter((entry) => entry.path === '/v2/flows/steps')).toHaveLength(2);
	});

	it('flows: the steps of an unknown flow are a clear not-found error', async () => {
		const { errorMessage } = await runFixture(gong, 'engage-flow/get-steps', [{ flowId: '123456789' }]);
		expect(errorMessage).toBe('Flow 123456789 was not found in Gong');
	});

	it("flows: prospects' flows for many items in one request, each item its own instances", async () => {
		const instances = flowInstancesOf(gong).filter((instance) =>
			['Pending', 'Running', 'Paused'].includes(instance.flowInstanceStatus),
		);
		const prospects = [...new Set(instances.map((instance) => instance.crmProspectId))].slice(0, 3);
		gong.clearLog();
		const { items, run } = await runFixture(
			gong,
			'engage-flow/get-prospect-flows',
			prospects.map((id) => ({ id })),
		);
		expect(gong.log.filter((entry) => entry.path === '/v2/flows/prospects')).toHaveLength(1);
		expect(items.map((item) => item.crmProspectId)).toEqual(
			prospects.flatMap((id) => instances.filter((instance) => instance.crmProspectId === id).map(() => id)),
		);
		const paired = run.data.resultData.runData.Gong[0].data!.main[0]!.map((item) => item.pairedItem);
		expect(paired[0]).toEqual({ item: 0 });
	});

	it('call access: many calls in one request; a call nobody was given has no users', async () => {
		const granted = callAccessOf(gong);
		const first = gong.calls[0];
		const second = gong.calls.find((call) => !granted.get(call.metaData.id)?.length && call !== first)!;
		grantCallAccess(gong, first.metaData.id, [gong.users[3].id]);
		gong.clearLog();
		const { items } = await runFixture(gong, 'call/get-access', [
			{ callId: first.metaData.id },
			{ callId: second.metaData.id },
		]);
		expect(gong.log.filter((entry) => entry.path === '/v2/calls/users-access')).toHaveLength(1);
		expect(items[0]).toMatchObject({ callId: first.metaData.id });
		expect((items[0].users as IDataObject[]).map((user) => String(user.userId))).toContain(gong.users[3].id);
		expect(items[1]).toMatchObject({ callId: second.metaData.id, users: [] });
	});

	it('permission profile: Get returns the whole profile; an unknown one is not found', async () => {
		const profile = profileWithUsers();
		const { items } = await runFixture(gong, 'permission-profile/get', [{ profileId: profile.id }]);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ id: profile.id, name: profile.name });
		const missing = await runFixture(gong, 'permission-profile/get', [{ profileId: '123456789' }]);
		expect(missing.errorMessage).toBe('Permission profile 123456789 was not found in Gong');
	});

	it('user settings history: an unknown user is not found', async () => {
		const { errorMessage } = await runFixture(gong, 'user/get-settings-history', [{ userId: '123456789' }]);
		expect(errorMessage).toBe('User 123456789 was not found in Gong');
	});

	it('audit logs: a limit stops after the first page', async () => {
		gong.clearLog();
		const { items } = await runFixture(gong, 'audit-log/get-many', [
			{ logType: 'UserActivityLog', from: daysAgo(40), to: '', returnAll: false, limit: 10 },
		]);
		expect(items).toHaveLength(10);
		expect(gong.log.filter((entry) => entry.path === '/v2/logs')).toHaveLength(1);
	});

	it('audit logs: From as a date from an expression ($now…) works; a From left empty or an unknown log type is refused first', async () => {
		const workflow = fixture('audit-log/get-many');
		gongNode(workflow).parameters.fromDateTime = '={{ $now.minus({ days: 40 }) }}';
		const fromExpression = await runFixture(gong, workflow, [
			{ logType: 'UserActivityLog', to: '', returnAll: false, limit: 10 },
		]);
		expect(fromExpression.errorMessage).toBeUndefined();
		expect(fromExpression.items).toHaveLength(10);
		gong.clearLog();
		const noFrom = await runFixture(gong, 'audit-log/get-many', [
			{ logType: 'UserActivityLog', from: '', to: '', returnAll: true },
		]);
		expect(noFrom.errorMessage).toBe('"From" is empty');
		const badType = await runFixture(gong, 'audit-log/get-many', [
			{ logType: 'Everything', from: daysAgo(40), to: '', returnAll: true },
		]);
		expect(badType.errorMessage).toBe('"Everything" in "Log Type" is not one of its options');
		expect(gong.apiRequests()).toHaveLength(0);
	});

	it("coaching: a manager's direct reports for a workspace and period", async () => {
		const manager = gong.users.find((user) => gong.users.some((other) => other.managerId === user.id))!;
		const { items, errorMessage } = await runFixture(gong, 'coaching/get', [
			{ workspaceId: WORKSPACE(), managerId: manager.id, from: `${daysAgo(60)}T00:00:00Z`, to: `${today()}T00:00:00Z` },
		]);
		expect(errorMessage).toBeUndefined();
		expect(items).toHaveLength(1);
		expect((items[0].manager as IDataObject).id).toBe(manager.id);
		expect(items[0].directReportsMetrics).toBeInstanceOf(Array);
	});

	it('data privacy: what Gong holds for an email address and a phone number; bad input refused before asking', async () => {
		const party = gong.calls
			.flatMap((call) => call.parties)
			.find((p) => p.emailAddress && p.affiliation === 'External')!;
		const byEmail = await runFixture(gong, 'data-privacy/get-for-email', [{ email: party.emailAddress }]);
		expect(byEmail.errorMessage).toBeUndefined();
		expect(byEmail.items[0]).toMatchObject({ emailAddress: party.emailAddress });
		expect((byEmail.items[0].calls as IDataObject[]).length).toBeGreaterThan(0);
		gong.clearLog();
		const badPhone = await runFixture(gong, 'data-privacy/get-for-phone', [{ phone: '415 555 0100' }]);
		expect(badPhone.errorMessage).toBe('"415 555 0100" in "Phone Number" is not a phone number with a country code');
		expect(gong.log).toHaveLength(0);
	});

	it('AI: a question is answered; with no credits left, 402 is explained', async () => {
		const input = {
			workspaceId: WORKSPACE(),
			type: 'ACCOUNT',
			id: aiEntitiesOf(gong).find((entity) => entity.crmEntityType === 'ACCOUNT')!.crmEntityId,
			period: 'LAST_90DAYS',
			question: 'What did they say about pricing?',
		};
		const answered = await runFixture(gong, 'ai/ask', [input]);
		expect(answered.errorMessage).toBeUndefined();
		expect(answered.items[0]).toMatchObject({ question: input.question, crmEntityType: 'ACCOUNT' });
		setAiCredits(gong, 0);
		const refused = await runFixture(gong, 'ai/ask', [input]);
		setAiCredits(gong, Infinity);
		expect(refused.errorMessage).toBe('Gong refused the request: no AI credits left (402 Payment Required)');
		expect(String((refused.run.data.resultData.error as NodeApiError).description)).toMatch(/credits/);
	});
});

describe('Read side: the pickers', () => {
	/** A picker as the editor calls it while `parameters` are set on the node of `fixtureName`. */
	async function search(
		fixtureName: string,
		method: string,
		parameters: IDataObject = {},
		filter?: string,
	): Promise<INodeListSearchResult> {
		const workflow = fixture(fixtureName);
		Object.assign(gongNode(workflow).parameters, parameters);
		const methods = ((await loadPackage()).getNode('gong').type as INodeType).methods!;
		const ctx = await loadOptionsContext(workflow, 'Gong', accessKeyCredentials(gong));
		return await methods.listSearch![method].call(ctx, filter);
	}

	it('scorecards by name, filtered', async () => {
		const all = await search('scorecard/get-many', 'searchScorecards');
		expect(all.results.map((result) => result.value)).toEqual(scorecardsOf(gong).map((card) => card.scorecardId));
		const name = scorecardsOf(gong)[0].scorecardName;
		const some = await search('scorecard/get-many', 'searchScorecards', {}, name.slice(0, 6));
		expect(some.results.map((result) => result.value)).toContain(scorecardsOf(gong)[0].scorecardId);
	});

	it('library folders as paths, public ones only', async () => {
		const { results } = await search('library/get-folder-content', 'searchLibraryFolders');
		const publicFolders = libraryFoldersOf(gong).filter((folder) => folder.visibility === 'public');
		expect(results.map((result) => result.value).sort()).toEqual(publicFolders.map((folder) => folder.id).sort());
		const nested = publicFolders.find((folder) => folder.parentFolderId)!;
		const parent = publicFolders.find((folder) => folder.id === nested.parentFolderId)!;
		expect(results.find((result) => result.value === nested.id)!.name).toContain(`${parent.name} / ${nested.name}`);
	});

	it('flows for the Flow Owner Email set on the node, a page at a time; without it, a clear error', async () => {
		const email = gong.users[0].emailAddress;
		const first = await search('engage-flow/get-steps', 'searchFlows', { flowOwnerEmail: email });
		expect(first.results.length).toBe(100);
		expect(first.paginationToken).toBeTruthy();
		await expect(search('engage-flow/get-steps', 'searchFlows', { flowOwnerEmail: '' })).rejects.toThrow(
			'Set "Flow Owner Email" first',
		);
	});

	it('briefs by name, and permission profiles of the Workspace set on the node', async () => {
		const briefs = await search('ai/get-brief', 'searchBriefs', {
			workspaceId: { __rl: true, mode: 'id', value: WORKSPACE() },
		});
		expect(briefs.results.map((result) => result.value).sort()).toEqual(
			briefsOf(gong)
				.filter((brief) => brief.workspaceId === WORKSPACE())
				.map((brief) => brief.briefName)
				.sort(),
		);
		const profiles = await search('permission-profile/get', 'searchPermissionProfiles', {
			workspaceId: { __rl: true, mode: 'list', value: WORKSPACE() },
		});
		expect(profiles.results.map((result) => result.value).sort()).toEqual(
			profilesOf(gong)
				.filter((profile) => profile.workspaceId === WORKSPACE())
				.map((profile) => profile.id)
				.sort(),
		);
	});
});
