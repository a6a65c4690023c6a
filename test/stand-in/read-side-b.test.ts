import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GongStandIn } from './gong-stand-in';
import { aiCreditsOf, aiEntitiesOf, setAiCredits } from './routes/ai';
import {
	OPEN_FLOW_INSTANCE_STATUSES,
	flowFoldersOf,
	flowInstancesOf,
	flowsOf,
	flowsVisibleTo,
	prospectsOf,
} from './routes/flows';
import { EMPTY_LOGS, logEntriesOf, setAuditLogs } from './routes/logs';
import { PROFILE_FLAGS, profileDto, profilesOf } from './routes/permissions';
import { tasksOf } from './routes/tasks';
import type { StandInUser } from './types';

interface Records {
	totalRecords: number;
	currentPageSize: number;
	currentPageNumber: number;
	cursor?: string;
}

type Body = Record<string, unknown> & { records?: Records; errors?: string[]; requestId?: string };

interface Reply {
	status: number;
	headers: Headers;
	text: string;
	body: Body;
}

async function call(url: string, init: { method?: string; auth?: string; json?: unknown } = {}): Promise<Reply> {
	const headers: Record<string, string> = {};
	if (init.auth) headers.Authorization = init.auth;
	let body: string | undefined;
	if (init.json !== undefined) {
		headers['Content-Type'] = 'application/json';
		body = JSON.stringify(init.json);
	}
	const response = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
	const text = await response.text();
	return { status: response.status, headers: response.headers, text, body: text ? (JSON.parse(text) as Body) : {} };
}

function list<T>(body: Body, key: string): T[] {
	const value = body[key];
	if (!Array.isArray(value)) throw new Error(`no list '${key}' in ${JSON.stringify(body).slice(0, 200)}`);
	return value as T[];
}

const qs = (params: Record<string, string | undefined>): string => {
	const search = new URLSearchParams();
	for (const [k, v] of Object.entries(params)) if (v !== undefined) search.set(k, v);
	return search.toString();
};

const permissionText = (scope: string): string => `You don't have permission to use '${scope}' in your app.`;

interface FlowItem {
	id: string;
	name: string;
	folderId?: string;
	folderName?: string;
	visibility: string;
	creationDate: string;
	exclusive?: boolean;
}

describe('Gong stand-in, read side B (flows, tasks, permissions, logs, privacy, AI)', () => {
	let gong: GongStandIn;
	let basic: string;
	/** A Bearer token with no scope these endpoints need (only calls:read:basic). */
	let narrow: string;
	let base: string;
	let owner: StandInUser;

	beforeAll(async () => {
		gong = await GongStandIn.start({ rateLimitPerSecond: 0 });
		basic = gong.basicAuthHeader();
		narrow = `Bearer ${gong.issueToken({ scopes: ['api:calls:read:basic'] }).access_token}`;
		base = gong.customerBaseUrl;
		owner = gong.users[1] as StandInUser;
	});

	afterAll(async () => {
		await gong.stop();
	});

	async function getAll<T>(
		path: string,
		params: Record<string, string | undefined>,
		key: string,
	): Promise<{ items: T[]; pages: Records[] }> {
		const items: T[] = [];
		const pages: Records[] = [];
		let cursor: string | undefined;
		do {
			const reply = await call(`${base}${path}?${qs({ ...params, cursor })}`, { auth: basic });
			expect(reply.status, reply.text).toBe(200);
			const records = reply.body.records as Records;
			pages.push(records);
			items.push(...list<T>(reply.body, key));
			cursor = records.cursor;
		} while (cursor);
		return { items, pages };
	}

	describe('Engage flows', () => {
		it('lists company flows plus the owner’s personal and shared ones, paged by query cursor', async () => {
			expect(flowsOf(gong).length).toBeGreaterThanOrEqual(240);
			const expected = flowsVisibleTo(gong, owner);
			expect(expected.length).toBeGreaterThan(100);
			const { items, pages } = await getAll<FlowItem>('/v2/flows', { flowOwnerEmail: owner.emailAddress }, 'flows');
			expect(pages[0]?.currentPageSize).toBe(100);
			expect(pages.length).toBe(Math.ceil(expected.length / 100));
			expect(pages.every((p) => p.totalRecords === expected.length)).toBe(true);
			expect(items.map((f) => f.id)).toEqual(expected.map((f) => f.id));
			const visibilities = new Set(items.map((f) => f.visibility));
			expect([...visibilities].sort()).toEqual(['Company', 'Personal', 'Shared']);
			const first = items[0] as FlowItem;
			expect(Object.keys(first).sort()).toEqual(
				['creationDate', 'exclusive', 'folderId', 'folderName', 'id', 'name', 'visibility'].sort(),
			);
			expect(first.id).toMatch(/^\d{19}$/);
			// Another user's personal flows are not in the list.
			const others = flowsOf(gong).filter((f) => f.visibility === 'Personal' && f.ownerUserId !== owner.id);
			expect(items.some((f) => others.some((o) => o.id === f.id))).toBe(false);
		});

		it('filters by workspace and folder, and caps mostRecentlyAssigned at 20', async () => {
			const workspaceId = gong.workspaces[0]?.id as string;
			const byWorkspace = await getAll<FlowItem>(
				'/v2/flows',
				{ flowOwnerEmail: owner.emailAddress, workspaceId },
				'flows',
			);
			expect(byWorkspace.items.length).toBeGreaterThan(0);
			const ids = new Set(
				flowsOf(gong)
					.filter((f) => f.workspaceId === workspaceId)
					.map((f) => f.id),
			);
			expect(byWorkspace.items.every((f) => ids.has(f.id))).toBe(true);
			const folderId = byWorkspace.items[0]?.folderId as string;
			const byFolder = await getAll<FlowItem>('/v2/flows', { flowOwnerEmail: owner.emailAddress, folderId }, 'flows');
			expect(byFolder.items.length).toBeGreaterThan(0);
			expect(byFolder.items.every((f) => f.folderId === folderId)).toBe(true);
			const recent = await call(
				`${base}/v2/flows?${qs({ flowOwnerEmail: owner.emailAddress, mostRecentlyAssigned: 'true' })}`,
				{ auth: basic },
			);
			expect(recent.status).toBe(200);
			const recentFlows = list<FlowItem>(recent.body, 'flows');
			expect(recentFlows.length).toBeGreaterThan(0);
			expect(recentFlows.length).toBeLessThanOrEqual(20);
		});

		it('answers an empty folder with 200 and no flows (the spec documents no 404 here)', async () => {
			const reply = await call(`${base}/v2/flows?${qs({ flowOwnerEmail: owner.emailAddress, folderId: '1' })}`, {
				auth: basic,
			});
			expect(reply.status).toBe(200);
			expect(reply.body.flows).toEqual([]);
			expect(reply.body.records?.totalRecords).toBe(0);
		});

		it('rejects a missing owner (400), an unknown owner (404) and a missing scope (401)', async () => {
			const missing = await call(`${base}/v2/flows`, { auth: basic });
			expect(missing.status).toBe(400);
			expect(missing.body.errors).toEqual(['flowOwnerEmail is required']);
			const unknown = await call(`${base}/v2/flows?flowOwnerEmail=nobody%40example.com`, { auth: basic });
			expect(unknown.status).toBe(404);
			expect(unknown.body.errors).toEqual(['User not found']);
			const badFolder = await call(`${base}/v2/flows?${qs({ flowOwnerEmail: owner.emailAddress, folderId: 'abc' })}`, {
				auth: basic,
			});
			expect(badFolder.status).toBe(400);
			const scope = await call(`${base}/v2/flows?${qs({ flowOwnerEmail: owner.emailAddress })}`, { auth: narrow });
			expect(scope.status).toBe(401);
			expect(scope.body.errors).toEqual([permissionText('api:flows:read')]);
		});

		it('lists folders under the `flows` key, with parentId narrowing to a folder and its children', async () => {
			const reply = await call(`${base}/v2/flows/folders?${qs({ flowFolderOwnerEmail: owner.emailAddress })}`, {
				auth: basic,
			});
			expect(reply.status).toBe(200);
			const folders = list<FlowItem>(reply.body, 'flows');
			const visible = flowFoldersOf(gong).filter(
				(f) =>
					f.visibility === 'Company' ||
					f.ownerUserId === owner.id ||
					(f.visibility === 'Shared' && f.sharedWithUserIds.includes(owner.id)),
			);
			expect(folders.map((f) => f.id)).toEqual(visible.map((f) => f.id));
			const parent = flowFoldersOf(gong).find((f) => flowFoldersOf(gong).some((c) => c.parentId === f.id));
			expect(parent).toBeDefined();
			const narrowed = await call(
				`${base}/v2/flows/folders?${qs({ flowFolderOwnerEmail: owner.emailAddress, parentId: parent?.id })}`,
				{ auth: basic },
			);
			const children = list<FlowItem>(narrowed.body, 'flows');
			expect(children[0]?.id).toBe(parent?.id);
			expect(children.length).toBeGreaterThan(1);
			expect(children.slice(1).every((c) => c.folderId === parent?.id && c.folderName === parent?.name)).toBe(true);
			const missing = await call(`${base}/v2/flows/folders`, { auth: basic });
			expect(missing.status).toBe(400);
			expect(missing.body.errors).toEqual(['flowFolderOwnerEmail is required']);
			const unknown = await call(`${base}/v2/flows/folders?flowFolderOwnerEmail=x%40y.com`, { auth: basic });
			expect(unknown.status).toBe(404);
			expect(unknown.body.errors).toEqual(['User not found']);
			const scope = await call(`${base}/v2/flows/folders?${qs({ flowFolderOwnerEmail: owner.emailAddress })}`, {
				auth: narrow,
			});
			expect(scope.status).toBe(401);
		});

		it('returns flows with their description and 1-based steps; ≤ 20 ids; 404 for an unknown flow', async () => {
			const wanted = flowsOf(gong).slice(0, 20);
			const reply = await call(`${base}/v2/flows/steps`, { auth: basic, json: { flowIds: wanted.map((f) => f.id) } });
			expect(reply.status).toBe(200);
			const flows = list<{
				id: string;
				description: string;
				steps: { stepOrder: number; action: string; subject?: string; isReply: boolean }[];
			}>(reply.body, 'flows');
			expect(flows.map((f) => f.id)).toEqual(wanted.map((f) => f.id));
			for (const flow of flows) {
				expect(flow.description.length).toBeGreaterThan(0);
				expect(flow.steps.map((s) => s.stepOrder)).toEqual(flow.steps.map((_, i) => i + 1));
				for (const step of flow.steps) {
					expect(['SEND_EMAIL', 'AUTO_SEND_EMAIL'].includes(step.action)).toBe(step.subject !== undefined);
				}
			}
			const tooMany = await call(`${base}/v2/flows/steps`, {
				auth: basic,
				json: {
					flowIds: flowsOf(gong)
						.slice(0, 21)
						.map((f) => f.id),
				},
			});
			expect(tooMany.status).toBe(400);
			expect(tooMany.body.errors?.[0]).toMatch(/not contain more than 20/);
			const unknown = await call(`${base}/v2/flows/steps`, {
				auth: basic,
				json: { flowIds: [wanted[0]?.id, '1234567890123456789'] },
			});
			expect(unknown.status).toBe(404);
			expect(unknown.body.errors).toEqual(['Flow not found']);
			const missing = await call(`${base}/v2/flows/steps`, { auth: basic, json: {} });
			expect(missing.status).toBe(400);
			const scope = await call(`${base}/v2/flows/steps`, { auth: narrow, json: { flowIds: [wanted[0]?.id] } });
			expect(scope.status).toBe(401);
			expect(scope.body.errors).toEqual([permissionText('api:flows:read')]);
		});

		it('lists prospects’ open flow instances by CRM id, and any instance by instance id', async () => {
			const instances = flowInstancesOf(gong);
			const finished = instances.find((i) => !OPEN_FLOW_INSTANCE_STATUSES.includes(i.flowInstanceStatus));
			expect(finished).toBeDefined();
			const prospect = finished?.crmProspectId as string;
			const byCrm = await call(`${base}/v2/flows/prospects`, { auth: basic, json: { crmProspectsIds: [prospect] } });
			expect(byCrm.status).toBe(200);
			const assigned = list<{ crmProspectId: string; flowInstanceStatus: string; flowInstanceId: string }>(
				byCrm.body,
				'prospectsAssigned',
			);
			const open = instances.filter(
				(i) => i.crmProspectId === prospect && OPEN_FLOW_INSTANCE_STATUSES.includes(i.flowInstanceStatus),
			);
			expect(assigned.map((a) => a.flowInstanceId)).toEqual(open.map((i) => i.flowInstanceId));
			const byInstance = await call(`${base}/v2/flows/prospects`, {
				auth: basic,
				json: { flowInstanceIds: [finished?.flowInstanceId, '42'] },
			});
			expect(byInstance.status).toBe(200);
			expect(byInstance.body.prospectsAssigned).toEqual([finished]);
			const both = await call(`${base}/v2/flows/prospects`, {
				auth: basic,
				json: { crmProspectsIds: [prospect], flowInstanceIds: ['1'] },
			});
			expect(both.status).toBe(400);
			const neither = await call(`${base}/v2/flows/prospects`, { auth: basic, json: {} });
			expect(neither.status).toBe(400);
			expect(prospectsOf(gong).length).toBeGreaterThanOrEqual(60);
		});
	});

	describe('tasks', () => {
		const filterFor = (userId: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
			userId,
			types: ['FLOW', 'MANUAL'],
			taskAction: ['CALL'],
			status: ['OPEN'],
			...extra,
		});

		it('pages a busy user’s open call tasks with the body cursor, with int64 ids and crmType', async () => {
			const expected = tasksOf(gong).filter((t) => t.userId === owner.id && t.status === 'OPEN');
			expect(expected.length).toBeGreaterThan(100);
			const ids: string[] = [];
			const pages: Records[] = [];
			let cursor: string | undefined;
			do {
				const reply = await call(`${base}/v2/tasks`, { auth: basic, json: { filter: filterFor(owner.id), cursor } });
				expect(reply.status, reply.text).toBe(200);
				expect(reply.body.crmType).toBe('SALESFORCE');
				// int64 ids go out as bare JSON numbers: read them from the text.
				expect(reply.text).toMatch(/"id":\d{19}[,}]/);
				expect(reply.text).toMatch(new RegExp(`"userId":${owner.id}[,}]`));
				ids.push(...[...reply.text.matchAll(/\{"id":(\d+),"userId":/g)].map((m) => m[1] as string));
				const records = reply.body.records as Records;
				pages.push(records);
				cursor = records.cursor;
			} while (cursor);
			expect(pages.length).toBe(2);
			expect(pages[0]?.currentPageSize).toBe(100);
			expect(new Set(ids)).toEqual(new Set(expected.map((t) => t.id)));
			const reply = await call(`${base}/v2/tasks`, { auth: basic, json: { filter: filterFor(owner.id) } });
			const first = list<Record<string, unknown>>(reply.body, 'tasks')[0] as Record<string, unknown>;
			expect(first.actions).toEqual(['CALL']);
			expect(first.status).toBe('OPEN');
			expect(first.contact).toMatchObject({ type: expect.stringMatching(/^(CONTACT|LEAD)$/) as unknown });
		});

		it('answers 200 with no tasks when nothing matches (no 404 in the spec)', async () => {
			const otherWorkspace = gong.workspaces.find(
				(w) => !tasksOf(gong).some((t) => t.userId === owner.id && t.workspaceId === w.id),
			);
			expect(otherWorkspace).toBeDefined();
			const reply = await call(`${base}/v2/tasks`, {
				auth: basic,
				json: { filter: filterFor(owner.id, { workspaceId: otherWorkspace?.id }) },
			});
			expect(reply.status).toBe(200);
			expect(reply.body.tasks).toEqual([]);
			expect(reply.body.crmType).toBe('SALESFORCE');
		});

		it('rejects missing filter fields (400), an unknown user (404) and a missing scope (401)', async () => {
			const noFilter = await call(`${base}/v2/tasks`, { auth: basic, json: {} });
			expect(noFilter.status).toBe(400);
			const noUser = await call(`${base}/v2/tasks`, { auth: basic, json: { filter: filterFor('', {}) } });
			expect(noUser.status).toBe(400);
			expect(noUser.body.errors).toEqual(['filter.userId is required']);
			for (const key of ['types', 'taskAction', 'status']) {
				const filter = filterFor(owner.id);
				delete filter[key];
				const reply = await call(`${base}/v2/tasks`, { auth: basic, json: { filter } });
				expect(reply.status).toBe(400);
				expect(reply.body.errors?.[0]).toMatch(new RegExp(`^filter\\.${key} is required`));
			}
			const badStatus = await call(`${base}/v2/tasks`, {
				auth: basic,
				json: { filter: filterFor(owner.id, { status: ['CLOSED'] }) },
			});
			expect(badStatus.status).toBe(400);
			const unknown = await call(`${base}/v2/tasks`, {
				auth: basic,
				json: { filter: filterFor('1234567890123456789') },
			});
			expect(unknown.status).toBe(404);
			expect(unknown.body.errors).toEqual(['User not found']);
			const scope = await call(`${base}/v2/tasks`, { auth: narrow, json: { filter: filterFor(owner.id) } });
			expect(scope.status).toBe(401);
			expect(scope.body.errors).toEqual([permissionText('api:tasks:read')]);
		});
	});

	describe('permission profiles', () => {
		it('lists a workspace’s profiles alphabetically with the PermissionProfileDTO shape', async () => {
			const workspaceId = gong.workspaces[0]?.id as string;
			const reply = await call(`${base}/v2/all-permission-profiles?workspaceId=${workspaceId}`, { auth: basic });
			expect(reply.status).toBe(200);
			const profiles = list<Record<string, unknown>>(reply.body, 'profiles');
			const names = profiles.map((p) => p.name as string);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			expect(names).toEqual(
				profilesOf(gong)
					.filter((p) => p.workspaceId === workspaceId)
					.map((p) => p.name)
					.sort((a, b) => a.localeCompare(b)),
			);
			const admin = profiles.find((p) => p.name === 'Administrator') as Record<string, unknown>;
			for (const flag of PROFILE_FLAGS) expect(admin[flag]).toBe(true);
			expect(admin.callsAccess).toEqual({ permissionLevel: 'all', teamLeadIds: [] });
			expect(admin).toHaveProperty('forecastPermissions.forecastAccess.permissionLevel', 'all');
			expect(admin).toHaveProperty('libraryFolderAccess.permissionLevel', 'all');
			expect(admin).not.toHaveProperty('workspaceId');
			const missing = await call(`${base}/v2/all-permission-profiles`, { auth: basic });
			expect(missing.status).toBe(400);
			expect(missing.body.errors).toEqual(['workspaceId is required']);
			const scope = await call(`${base}/v2/all-permission-profiles?workspaceId=${workspaceId}`, { auth: narrow });
			expect(scope.status).toBe(401);
			expect(scope.body.errors).toEqual([permissionText('api:permission-profile:read')]);
		});

		it('gets one profile (404 "Profile not found" when unknown) and its users', async () => {
			const withUsers = profilesOf(gong).find((p) => p.userIds.length > 1);
			expect(withUsers).toBeDefined();
			const id = withUsers?.id as string;
			const reply = await call(`${base}/v2/permission-profile?profileId=${id}`, { auth: basic });
			expect(reply.status).toBe(200);
			expect(reply.body.profile).toEqual(withUsers ? profileDto(withUsers) : undefined);
			expect(reply.body.profile).not.toHaveProperty('userIds');
			const unknown = await call(`${base}/v2/permission-profile?profileId=1234567890123456789`, { auth: basic });
			expect(unknown.status).toBe(404);
			expect(unknown.body.errors).toEqual(['Profile not found']);
			const missing = await call(`${base}/v2/permission-profile`, { auth: basic });
			expect(missing.status).toBe(400);
			expect(missing.body.errors).toEqual(['profileId is required']);

			const users = await call(`${base}/v2/permission-profile/users?profileId=${id}`, { auth: basic });
			expect(users.status).toBe(200);
			const expected = (withUsers?.userIds ?? []).map((userId) => {
				const user = gong.users.find((u) => u.id === userId) as StandInUser;
				return { id: user.id, fullName: `${user.firstName} ${user.lastName}`, emailAddress: user.emailAddress };
			});
			expect(users.body.users).toEqual(expected);
			const empty = profilesOf(gong).find((p) => p.userIds.length === 0);
			const none = await call(`${base}/v2/permission-profile/users?profileId=${empty?.id ?? ''}`, {
				auth: basic,
			});
			expect(none.status).toBe(200);
			expect(none.body.users).toEqual([]);
			for (const query of ['', '?profileId=', '?profileId=abc', '?profileId=1234567890123456789']) {
				const bad = await call(`${base}/v2/permission-profile/users${query}`, { auth: basic });
				expect(bad.status).toBe(400);
				expect(bad.body.errors).toEqual(['Bad request']);
			}
			const scope = await call(`${base}/v2/permission-profile/users?profileId=${id}`, { auth: narrow });
			expect(scope.status).toBe(401);
			expect(scope.body.errors).toEqual([permissionText('api:users:read')]);
		});
	});

	describe('audit logs', () => {
		it('pages the generated AccessLog entries by query cursor', async () => {
			const entries = logEntriesOf(gong, 'AccessLog');
			expect(entries.length).toBeGreaterThan(100);
			const { items, pages } = await getAll<{ eventTime: string; userId?: string; logRecord: Record<string, unknown> }>(
				'/v2/logs',
				{ logType: 'AccessLog', fromDateTime: '2020-01-01T00:00:00Z' },
				'logEntries',
			);
			expect(pages.map((p) => p.currentPageSize)).toEqual([100, 100, entries.length - 200]);
			expect(items).toEqual(entries);
			expect(items[0]?.logRecord).toHaveProperty('ipAddress');
		});

		it('serves setAuditLogs entries evenly spread over the period (5,000 in a month)', async () => {
			const from = '2026-03-01T00:00:00Z';
			const to = '2026-03-31T00:00:00Z';
			const entries = setAuditLogs(gong, { logType: 'UserActivityLog', count: 5000, from, to });
			expect(entries).toHaveLength(5000);
			expect(entries[0]?.eventTime).toBe(from);
			const step = (Date.parse(to) - Date.parse(from)) / 5000;
			expect(Date.parse(entries[4999]?.eventTime ?? '')).toBe(Date.parse(from) + Math.floor(4999 * step));
			expect(logEntriesOf(gong, 'UserActivityLog')).toBe(entries);
			// Half the month: 2,500 entries, 25 pages.
			const { items, pages } = await getAll<{ eventTime: string }>(
				'/v2/logs',
				{ logType: 'UserActivityLog', fromDateTime: from, toDateTime: '2026-03-16T00:00:00Z' },
				'logEntries',
			);
			expect(items).toHaveLength(2500);
			expect(pages).toHaveLength(25);
			expect(pages.every((p) => p.totalRecords === 2500)).toBe(true);
		});

		it('answers 404 "No logs found for the specified period" when nothing matches', async () => {
			const reply = await call(
				`${base}/v2/logs?${qs({ logType: 'UserActivityLog', fromDateTime: '2027-01-01T00:00:00Z' })}`,
				{ auth: basic },
			);
			expect(reply.status).toBe(404);
			expect(reply.body.errors).toEqual([EMPTY_LOGS]);
			setAuditLogs(gong, {
				logType: 'UserCallPlay',
				count: 0,
				from: '2026-01-01T00:00:00Z',
				to: '2026-02-01T00:00:00Z',
			});
			const empty = await call(
				`${base}/v2/logs?${qs({ logType: 'UserCallPlay', fromDateTime: '2020-01-01T00:00:00Z' })}`,
				{
					auth: basic,
				},
			);
			expect(empty.status).toBe(404);
		});

		it('rejects a bad logType or date (400) and a missing scope (401)', async () => {
			for (const params of [
				{ fromDateTime: '2026-01-01T00:00:00Z' },
				{ logType: 'CallLog', fromDateTime: '2026-01-01T00:00:00Z' },
				{ logType: 'AccessLog' },
				{ logType: 'AccessLog', fromDateTime: 'yesterday' },
				{ logType: 'AccessLog', fromDateTime: '2026-02-01T00:00:00Z', toDateTime: '2026-01-01T00:00:00Z' },
			]) {
				const reply = await call(`${base}/v2/logs?${qs(params)}`, { auth: basic });
				expect(reply.status, JSON.stringify(params)).toBe(400);
			}
			const missingFrom = await call(`${base}/v2/logs?logType=AccessLog`, { auth: basic });
			expect(missingFrom.body.errors).toEqual(['fromDateTime is required']);
			const scope = await call(
				`${base}/v2/logs?${qs({ logType: 'AccessLog', fromDateTime: '2026-01-01T00:00:00Z' })}`,
				{
					auth: narrow,
				},
			);
			expect(scope.status).toBe(401);
			expect(scope.body.errors).toEqual([permissionText('api:logs:read')]);
		});
	});

	describe('data privacy', () => {
		it('finds the calls, CRM records and emails referencing an email address', async () => {
			const party = gong.calls.flatMap((c) => c.parties).find((p) => p.affiliation === 'External' && p.emailAddress);
			const email = party?.emailAddress as string;
			const reply = await call(
				`${base}/v2/data-privacy/data-for-email-address?${qs({ emailAddress: email.toUpperCase() })}`,
				{
					auth: basic,
				},
			);
			expect(reply.status).toBe(200);
			const calls = list<{ id: string; status: string; externalSystems: unknown[] }>(reply.body, 'calls');
			const expected = gong.calls
				.filter((c) => c.parties.some((p) => p.emailAddress === email))
				.map((c) => c.metaData.id);
			expect(calls.map((c) => c.id)).toEqual(expected);
			expect(calls[0]?.status).toBe('COMPLETED');
			const customerData = list<{ system: string; objects: { externalId: string }[] }>(reply.body, 'customerData');
			const prospect = prospectsOf(gong).find((p) => p.emailAddress === email);
			expect(customerData[0]?.objects[0]?.externalId).toBe(prospect?.crmId);
			for (const key of ['emails', 'meetings', 'customerEngagement']) expect(Array.isArray(reply.body[key])).toBe(true);
		});

		it('answers 200 with empty lists for an address Gong does not know', async () => {
			const reply = await call(`${base}/v2/data-privacy/data-for-email-address?emailAddress=nobody%40nowhere.example`, {
				auth: basic,
			});
			expect(reply.status).toBe(200);
			expect(reply.body).toMatchObject({
				emails: [],
				calls: [],
				meetings: [],
				customerData: [],
				customerEngagement: [],
			});
		});

		it('matches a phone number however it is spelled, after the + and country code', async () => {
			const party = gong.calls.flatMap((c) => c.parties).find((p) => p.affiliation === 'External' && p.phoneNumber);
			const phone = party?.phoneNumber as string;
			const digits = phone.replace(/\D/g, '');
			const spelled = `+${digits.slice(0, 1)} (${digits.slice(1, 4)}) ${digits.slice(4, 7)}-${digits.slice(7)}`;
			const reply = await call(`${base}/v2/data-privacy/data-for-phone-number?${qs({ phoneNumber: spelled })}`, {
				auth: basic,
			});
			expect(reply.status).toBe(200);
			expect(reply.body.suppliedPhoneNumber).toBe(spelled);
			expect(reply.body.matchingPhoneNumbers).toEqual([phone]);
			expect(reply.body.emailAddresses).toEqual([party?.emailAddress?.toLowerCase()]);
			const calls = list<{ id: string }>(reply.body, 'calls');
			expect(calls.length).toBeGreaterThan(0);
			expect(reply.body).not.toHaveProperty('customerEngagement');
			const unknown = await call(
				`${base}/v2/data-privacy/data-for-phone-number?${qs({ phoneNumber: '+49 30 1234567' })}`,
				{
					auth: basic,
				},
			);
			expect(unknown.status).toBe(200);
			expect(unknown.body).toMatchObject({ calls: [], emails: [], matchingPhoneNumbers: [], emailAddresses: [] });
		});

		it('rejects a number without + and country code (400), a missing value (400) and a missing scope (401)', async () => {
			for (const phoneNumber of ['312 555 1234', '(312) 555-1234', '+', '+0 555 1234']) {
				const reply = await call(`${base}/v2/data-privacy/data-for-phone-number?${qs({ phoneNumber })}`, {
					auth: basic,
				});
				expect(reply.status, phoneNumber).toBe(400);
			}
			// An unencoded + arrives as a space: the stand-in sees no + (as Gong would).
			const unencoded = await call(`${base}/v2/data-privacy/data-for-phone-number?phoneNumber=+13125551234`, {
				auth: basic,
			});
			expect(unencoded.status).toBe(400);
			const missingPhone = await call(`${base}/v2/data-privacy/data-for-phone-number`, { auth: basic });
			expect(missingPhone.body.errors).toEqual(['phoneNumber is required']);
			const missingEmail = await call(`${base}/v2/data-privacy/data-for-email-address`, { auth: basic });
			expect(missingEmail.status).toBe(400);
			expect(missingEmail.body.errors).toEqual(['emailAddress is required']);
			const scope = await call(`${base}/v2/data-privacy/data-for-email-address?emailAddress=a%40b.com`, {
				auth: narrow,
			});
			expect(scope.status).toBe(401);
			expect(scope.body.errors).toEqual([permissionText('api:data-privacy:read')]);
		});
	});

	describe('AI brief and ask-anything', () => {
		const accountQuery = (): Record<string, string> => {
			const first = gong.calls[0];
			const account = aiEntitiesOf(gong).find(
				(e) =>
					e.crmEntityType === 'ACCOUNT' &&
					first?.context.some((s) => s.objects.some((o) => o.objectId === e.crmEntityId)),
			);
			return {
				workspaceId: first?.metaData.workspaceId ?? '',
				crmEntityType: 'ACCOUNT',
				crmEntityId: account?.crmEntityId ?? '',
				timePeriod: 'ALL_CONVERSATIONS',
			};
		};

		it('generates a brief for an account from its calls', async () => {
			const reply = await call(
				`${base}/v2/entities/get-brief?${qs({ ...accountQuery(), briefName: 'Account overview' })}`,
				{
					auth: basic,
				},
			);
			expect(reply.status, reply.text).toBe(200);
			expect(reply.body.numOfCallsSearched).toBeGreaterThan(0);
			expect(typeof reply.body.numOfEmailsSearched).toBe('number');
			const sections = list<{ title: string; briefSectionType: string; sectionSummary: string[] }>(
				reply.body,
				'briefSections',
			);
			expect(sections.map((s) => s.briefSectionType)).toContain('Conversations');
			const found = sections[0] as unknown as { conversationFindings: { callFindings: { call: { id: string } }[] } };
			const callIds = new Set(gong.calls.map((c) => c.metaData.id));
			expect(found.conversationFindings.callFindings.length).toBeGreaterThan(0);
			expect(found.conversationFindings.callFindings.every((f) => callIds.has(f.call.id))).toBe(true);
			const custom = await call(
				`${base}/v2/entities/get-brief?${qs({ ...accountQuery(), timePeriod: 'CUSTOM_RANGE', fromDateTime: '2030-01-01T00:00:00Z', briefName: 'Account overview' })}`,
				{ auth: basic },
			);
			expect(custom.status).toBe(200);
			expect(custom.body.numOfCallsSearched).toBe(0);
		});

		it('answers a question about an entity', async () => {
			const reply = await call(
				`${base}/v2/entities/ask-entity?${qs({ ...accountQuery(), question: 'What was the last activity on that account?' })}`,
				{ auth: basic },
			);
			expect(reply.status, reply.text).toBe(200);
			const answer = list<{ answerItems: string[]; callFindings: unknown[]; emailFindings: unknown[] }>(
				reply.body,
				'answer',
			);
			expect(answer[0]?.answerItems.length).toBeGreaterThan(0);
			expect(answer[0]?.callFindings.length).toBeGreaterThan(0);
			expect(reply.body.numOfCallsSearched).toBeLessThanOrEqual(60);
		});

		it('rejects bad input (400), an unknown brief (404), a POST (405) and missing scopes (401)', async () => {
			const base400 = accountQuery();
			for (const params of [
				{ ...base400, workspaceId: undefined, briefName: 'Account overview' },
				{ ...base400, crmEntityType: 'COMPANY', briefName: 'Account overview' },
				{ ...base400, crmEntityId: undefined, briefName: 'Account overview' },
				{ ...base400, timePeriod: 'LAST_WEEK', briefName: 'Account overview' },
				{ ...base400, timePeriod: 'CUSTOM_RANGE', briefName: 'Account overview' },
				{ ...base400 },
			]) {
				const reply = await call(`${base}/v2/entities/get-brief?${qs(params)}`, { auth: basic });
				expect(reply.status, JSON.stringify(params)).toBe(400);
			}
			const custom = await call(
				`${base}/v2/entities/get-brief?${qs({ ...base400, timePeriod: 'CUSTOM_RANGE', briefName: 'Account overview' })}`,
				{ auth: basic },
			);
			expect(custom.body.errors).toEqual(['fromDateTime is required when timePeriod is CUSTOM_RANGE']);
			const noQuestion = await call(`${base}/v2/entities/ask-entity?${qs(base400)}`, { auth: basic });
			expect(noQuestion.status).toBe(400);
			expect(noQuestion.body.errors).toEqual(['question is required']);
			const unknownBrief = await call(`${base}/v2/entities/get-brief?${qs({ ...base400, briefName: 'Nope' })}`, {
				auth: basic,
			});
			expect(unknownBrief.status).toBe(404);
			expect(unknownBrief.body.errors).toEqual(['Brief not found']);
			for (const path of ['/v2/entities/get-brief', '/v2/entities/ask-entity']) {
				const post = await call(`${base}${path}`, { auth: basic, json: { ...base400, question: 'Hi?' } });
				expect(post.status).toBe(405);
				expect(post.body.errors).toEqual(['Method Not Allowed']);
			}
			const briefScope = await call(
				`${base}/v2/entities/get-brief?${qs({ ...base400, briefName: 'Account overview' })}`,
				{
					auth: narrow,
				},
			);
			expect(briefScope.status).toBe(401);
			expect(briefScope.body.errors).toEqual([permissionText('api:ai-briefer:read')]);
			const askScope = await call(`${base}/v2/entities/ask-entity?${qs({ ...base400, question: 'Hi?' })}`, {
				auth: narrow,
			});
			expect(askScope.status).toBe(401);
			expect(askScope.body.errors).toEqual([permissionText('api:ai-ask:read')]);
		});

		it('answers 402 "Payment Required" once the credits set with setAiCredits are spent', async () => {
			setAiCredits(gong, 2);
			try {
				const url = `${base}/v2/entities/ask-entity?${qs({ ...accountQuery(), question: 'Who is the champion?' })}`;
				expect((await call(url, { auth: basic })).status).toBe(200);
				expect((await call(url, { auth: basic })).status).toBe(200);
				const spent = await call(url, { auth: basic });
				expect(spent.status).toBe(402);
				expect(spent.body.errors).toEqual(['Payment Required']);
				expect(aiCreditsOf(gong)).toEqual({ limit: 2, used: 2, remaining: 0 });
			} finally {
				setAiCredits(gong, Number.POSITIVE_INFINITY);
			}
			const again = await call(`${base}/v2/entities/ask-entity?${qs({ ...accountQuery(), question: 'Again?' })}`, {
				auth: basic,
			});
			expect(again.status).toBe(200);
		});
	});
});
