import { type APIRequestContext, request as playwrightRequest } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { GongStandIn } from './gong-stand-in';
import {
	crmEntitiesOf,
	crmIntegrationsOf,
	crmRequestsOf,
	crmSchemaOf,
	setCrmRequestProgress,
	setCrmUnknownFieldPolicy,
	setNativeCrmIntegration,
} from './routes/crm';
import {
	OPEN_FLOW_INSTANCE_STATUSES,
	type StandInFlow,
	type StandInProspect,
	bulkAssignmentsOf,
	clearProspectFailures,
	failProspectAssignment,
	failProspectCrmOperation,
	flowAssignmentsOf,
	flowInstancesOf,
	flowUnassignmentsOf,
	flowsOf,
	prospectsOf,
	setBulkAssignmentProgress,
} from './routes/flows';
import { PROFILE_FLAGS, type StandInPermissionProfile, profilesOf } from './routes/permissions';
import { dataForEmailAddress, dataForPhoneNumber, privacyErasuresOf } from './routes/privacy';
import type { StandInUser } from './types';

type Body = Record<string, unknown> & { errors?: string[]; requestId?: string };

interface Reply {
	status: number;
	text: string;
	body: Body;
}

function parse(text: string): Body {
	return text ? (JSON.parse(text) as Body) : {};
}

async function call(
	url: string,
	init: { method?: string; auth?: string; json?: unknown; form?: FormData; body?: string; contentType?: string } = {},
): Promise<Reply> {
	const headers: Record<string, string> = {};
	if (init.auth) headers.Authorization = init.auth;
	let body: string | FormData | undefined = init.form ?? init.body;
	if (init.json !== undefined) {
		headers['Content-Type'] = 'application/json';
		body = JSON.stringify(init.json);
	}
	if (init.contentType) headers['Content-Type'] = init.contentType;
	const response = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
	const text = await response.text();
	return { status: response.status, text, body: parse(text) };
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

/** Waits without timers (the lint rules forbid setTimeout here too). */
const sleep = (ms: number): Promise<void> =>
	new Promise((resolve) => AbortSignal.timeout(ms).addEventListener('abort', () => resolve(), { once: true }));

interface AssignedItem {
	flowId: string;
	flowName: string;
	crmProspectId: string;
	flowInstanceId: string;
	flowInstanceOwnerEmail: string;
	flowInstanceOwnerFullName: string;
	flowInstanceCreateDate: string;
	flowInstanceStatus: string;
	workspaceId: string;
	exclusive: boolean;
}

interface NotAssignedItem {
	flowId: string;
	crmProspectId: string;
	errorCode: string;
	errorMessage: string;
}

interface BulkResult {
	prospect: Record<string, string>;
	status: string;
	crmId?: string;
	flowInstanceId?: string;
	errorCode?: string;
	errorMessage?: string;
}

describe('Gong stand-in, write side B (flows, permission profiles, data privacy, CRM)', () => {
	let gong: GongStandIn;
	let basic: string;
	/** A Bearer token with none of the scopes these endpoints need. */
	let narrow: string;
	let base: string;
	let owner: StandInUser;
	let api: APIRequestContext;

	beforeAll(async () => {
		gong = await GongStandIn.start({ rateLimitPerSecond: 0 });
		basic = gong.basicAuthHeader();
		narrow = `Bearer ${gong.issueToken({ scopes: ['api:calls:read:basic'] }).access_token}`;
		base = gong.customerBaseUrl;
		owner = gong.users[1] as StandInUser;
		// fetch() cannot send a body on a GET; GET /v2/crm/entities needs one.
		api = await playwrightRequest.newContext();
	});

	afterAll(async () => {
		await api.dispose();
		await gong.stop();
	});

	const bearer = (...scopes: string[]): string => `Bearer ${gong.issueToken({ scopes }).access_token}`;

	async function getWithBody(url: string, auth: string, data?: unknown): Promise<Reply> {
		const response = await api.get(url, { headers: { Authorization: auth }, ...(data === undefined ? {} : { data }) });
		const text = await response.text();
		return { status: response.status(), text, body: parse(text) };
	}

	describe('Engage flows', () => {
		const used = new Set<string>();
		const openOf = (crmId: string) =>
			flowInstancesOf(gong).filter(
				(i) => i.crmProspectId === crmId && OPEN_FLOW_INSTANCE_STATUSES.includes(i.flowInstanceStatus),
			);
		/** A prospect with no open flow instance that no other test has used. */
		const freeProspect = (): StandInProspect => {
			const found = prospectsOf(gong).find((p) => !used.has(p.crmId) && p.emailAddress && !openOf(p.crmId).length);
			if (!found) throw new Error('no free prospect left');
			used.add(found.crmId);
			return found;
		};
		const companyFlow = (exclusive: boolean, skip = 0): StandInFlow =>
			flowsOf(gong).filter((f) => f.visibility === 'Company' && f.exclusive === exclusive)[skip] as StandInFlow;

		afterEach(() => {
			clearProspectFailures(gong);
			setBulkAssignmentProgress(gong, {});
		});

		async function assign(body: Record<string, unknown>, auth = basic, path = 'assign'): Promise<Reply> {
			return call(`${base}/v2/flows/prospects/${path}`, { auth, json: body });
		}

		it('assigns prospects, reporting each failure in prospectsNotAssigned of a 200', async () => {
			const flow = companyFlow(false);
			const [a, b, marked] = [freeProspect(), freeProspect(), freeProspect()];
			failProspectAssignment(gong, marked.crmId, 'UnexpectedError', 'CRM is unavailable');
			const reply = await assign({
				flowId: flow.id,
				crmProspectsIds: [a.crmId, b.crmId, 'not-a-crm-id', marked.crmId, a.crmId],
				flowInstanceOwnerEmail: owner.emailAddress.toUpperCase(),
				flowInstanceDescription: 'Event follow-up',
				overrides: {
					steps: [{ number: 1, subject: 'Hi {{first_name}}' }],
					flowInstanceVariables: [{ name: 'recipient.first_name', value: 'Mike' }],
					coolOffOverride: true,
				},
			});
			expect(reply.status, reply.text).toBe(200);
			expect(reply.body.requestId).toEqual(expect.any(String));
			const assigned = list<AssignedItem>(reply.body, 'prospectsAssigned');
			expect(assigned.map((i) => i.crmProspectId)).toEqual([a.crmId, b.crmId]);
			expect(assigned[0]).toEqual({
				flowId: flow.id,
				flowName: flow.name,
				crmProspectId: a.crmId,
				flowInstanceId: expect.stringMatching(/^\d{19}$/),
				flowInstanceOwnerEmail: owner.emailAddress,
				flowInstanceOwnerFullName: `${owner.firstName} ${owner.lastName}`,
				flowInstanceCreateDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
				flowInstanceStatus: 'Pending',
				workspaceId: flow.workspaceId,
				exclusive: false,
			});
			expect(list<NotAssignedItem>(reply.body, 'prospectsNotAssigned')).toEqual([
				{
					flowId: flow.id,
					crmProspectId: 'not-a-crm-id',
					errorCode: 'InvalidArgument',
					errorMessage: 'Invalid crmId not-a-crm-id',
				},
				{
					flowId: flow.id,
					crmProspectId: marked.crmId,
					errorCode: 'UnexpectedError',
					errorMessage: 'CRM is unavailable',
				},
			]);
			const kept = flowAssignmentsOf(gong).find((x) => x.flowInstanceId === assigned[0]?.flowInstanceId);
			expect(kept).toMatchObject({ via: 'assign', flowInstanceDescription: 'Event follow-up', bulkAssignmentId: null });
			expect(kept?.overrides).toMatchObject({ coolOffOverride: true });

			// The read sees the new instances.
			const read = await call(`${base}/v2/flows/prospects`, { auth: basic, json: { crmProspectsIds: [a.crmId] } });
			expect(list<AssignedItem>(read.body, 'prospectsAssigned')).toEqual([assigned[0]]);

			// Not idempotent: a blind retry reports every prospect as already in the flow.
			const retry = await assign({
				flowId: flow.id,
				crmProspectsIds: [a.crmId, b.crmId],
				flowInstanceOwnerEmail: owner.emailAddress,
			});
			expect(retry.status).toBe(200);
			expect(retry.body.prospectsAssigned).toEqual([]);
			expect(
				list<NotAssignedItem>(retry.body, 'prospectsNotAssigned').map((x) => [x.errorCode, x.errorMessage]),
			).toEqual([
				['InvalidState', 'Prospect is already assigned to this flow'],
				['InvalidState', 'Prospect is already assigned to this flow'],
			]);
			expect(openOf(a.crmId)).toHaveLength(1);
		});

		it('refuses a prospect already in an exclusive flow; the deprecated cool-off path assigns too', async () => {
			const exclusive = companyFlow(true);
			const other = companyFlow(false, 1);
			const p = freeProspect();
			const first = await assign(
				{ flowId: exclusive.id, crmProspectsIds: [p.crmId], flowInstanceOwnerEmail: owner.emailAddress },
				basic,
				'assign/cool-off-override',
			);
			expect(list<AssignedItem>(first.body, 'prospectsAssigned')[0]?.exclusive).toBe(true);
			const second = await assign({
				flowId: other.id,
				crmProspectsIds: [p.crmId],
				flowInstanceOwnerEmail: owner.emailAddress,
			});
			expect(second.status).toBe(200);
			expect(second.body.prospectsNotAssigned).toEqual([
				{
					flowId: other.id,
					crmProspectId: p.crmId,
					errorCode: 'InvalidState',
					errorMessage: `Prospect is already assigned to the exclusive flow '${exclusive.name}'`,
				},
			]);
		});

		it('validates the request: 400s, 404 for an unknown flow or owner, 401 without api:flows:write', async () => {
			const flow = companyFlow(false);
			const ok = { flowId: flow.id, crmProspectsIds: ['x'], flowInstanceOwnerEmail: owner.emailAddress };
			const cases: [Record<string, unknown>, number, string][] = [
				[{ ...ok, flowId: undefined }, 400, 'flowId is required'],
				[{ ...ok, crmProspectsIds: [] }, 400, 'crmProspectsIds is required: an array of 1 to 100 CRM IDs'],
				[
					{ ...ok, crmProspectsIds: Array.from({ length: 101 }, (_, i) => `id${i}`) },
					400,
					'crmProspectsIds must not contain more than 100 CRM IDs, got 101',
				],
				[{ ...ok, flowInstanceOwnerEmail: '' }, 400, 'flowInstanceOwnerEmail is required'],
				[{ ...ok, flowId: '1' }, 404, 'Flow not found'],
				[{ ...ok, flowInstanceOwnerEmail: 'nobody@example.com' }, 404, 'User not found'],
				[
					{ ...ok, overrides: { steps: [{ number: 99 }] } },
					400,
					`overrides.steps[0].number must be a step number of the flow, 1 to ${flow.steps.length}`,
				],
				[
					{ ...ok, overrides: { flowInstanceVariables: [{ name: 'x' }] } },
					400,
					'overrides.flowInstanceVariables[0].value is required and must be a string',
				],
			];
			for (const [body, status, message] of cases) {
				const reply = await assign(body);
				expect(reply.status, message).toBe(status);
				expect(reply.body.errors).toEqual([message]);
			}
			const scope = await assign(ok, bearer('api:flows:read'));
			expect(scope.status).toBe(401);
			expect(scope.body.errors).toEqual([permissionText('api:flows:write')]);
			const granted = await assign(ok, bearer('api:flows:write'));
			expect(granted.status).toBe(200);
		});

		it('runs a bulk assignment asynchronously: 202 PENDING, then IN_PROGRESS, then COMPLETED', async () => {
			const flow = companyFlow(false, 2);
			const [known, byEmail, alreadyIn] = [freeProspect(), freeProspect(), freeProspect()];
			await assign({ flowId: flow.id, crmProspectsIds: [alreadyIn.crmId], flowInstanceOwnerEmail: owner.emailAddress });
			failProspectCrmOperation(gong, 'blocked@litware.example', 'DUPLICATES_DETECTED', 'Duplicate rule blocked');
			const prospects = [
				{ crmId: known.crmId },
				{ firstName: 'Jon', lastName: 'Snow', email: 'jon.snow@northstar.example', companyName: 'Northstar' },
				{ firstName: 'Existing', lastName: 'Person', email: byEmail.emailAddress.toUpperCase() },
				{ firstName: 'Bad', lastName: 'Email', email: 'not-an-email' },
				{ firstName: 'Blocked', lastName: 'Lead', email: 'blocked@litware.example' },
				{ crmId: 'nope' },
				{ crmId: alreadyIn.crmId },
			];
			const submitted = await call(`${base}/v2/flows/prospects/bulk-assignments`, {
				auth: basic,
				json: { flowId: flow.id, flowInstanceOwnerEmail: owner.emailAddress, prospects },
			});
			expect(submitted.status, submitted.text).toBe(202);
			expect(submitted.body).toEqual({
				requestId: expect.any(String),
				id: expect.stringMatching(/^[0-9a-f-]{36}$/),
				status: 'PENDING',
				totalCount: 7,
				processedCount: 0,
				successCount: 0,
				failedCount: 0,
				results: [],
			});
			const url = `${base}/v2/flows/prospects/bulk-assignments/${submitted.body.id as string}`;
			const first = await call(url, { auth: basic });
			expect(first.status).toBe(200);
			expect(first.body).toMatchObject({ status: 'IN_PROGRESS', totalCount: 7, processedCount: 3 });
			const done = await call(url, { auth: basic });
			expect(done.body).toMatchObject({ status: 'COMPLETED', processedCount: 7, successCount: 3, failedCount: 4 });
			const results = list<BulkResult>(done.body, 'results');
			expect(results[0]).toEqual({
				prospect: { crmId: known.crmId },
				status: 'ASSIGNED',
				crmId: known.crmId,
				flowInstanceId: expect.stringMatching(/^\d{19}$/),
			});
			// A prospect without crmId becomes a new CRM lead…
			const lead = prospectsOf(gong).find((p) => p.emailAddress === 'jon.snow@northstar.example');
			expect(lead).toMatchObject({ type: 'LEAD', firstName: 'Jon', lastName: 'Snow', companyName: 'Northstar' });
			expect(results[1]).toMatchObject({ status: 'ASSIGNED', crmId: lead?.crmId });
			expect(lead?.crmId).toMatch(/^00Q[A-Z0-9]{15}$/);
			// …unless the CRM already has someone with that email.
			expect(results[2]).toMatchObject({ status: 'ASSIGNED', crmId: byEmail.crmId });
			expect(results.slice(3).map((r) => [r.status, r.errorCode, r.errorMessage, r.crmId])).toEqual([
				['CRM_OPERATION_FAILED', 'InvalidArgument', 'Invalid email address not-an-email', undefined],
				['CRM_OPERATION_FAILED', 'DUPLICATES_DETECTED', 'Duplicate rule blocked', undefined],
				['FLOW_ASSIGNMENT_FAILED', 'InvalidArgument', 'Invalid crmId nope', 'nope'],
				['FLOW_ASSIGNMENT_FAILED', 'InvalidState', 'Prospect is already assigned to this flow', alreadyIn.crmId],
			]);
			// Finished stays finished, and the reads see the new instances.
			const again = await call(url, { auth: basic });
			expect(again.body.results).toEqual(done.body.results);
			const read = await call(`${base}/v2/flows/prospects`, {
				auth: basic,
				json: { flowInstanceIds: [results[0]?.flowInstanceId] },
			});
			expect(list<AssignedItem>(read.body, 'prospectsAssigned')[0]).toMatchObject({ crmProspectId: known.crmId });
			expect(bulkAssignmentsOf(gong).at(-1)?.status).toBe('COMPLETED');
			expect(flowAssignmentsOf(gong).filter((x) => x.bulkAssignmentId === submitted.body.id)).toHaveLength(3);
		});

		it('follows setBulkAssignmentProgress: at once with polls 0, by time with ms', async () => {
			const flow = companyFlow(false, 3);
			const submit = (crmId: string) =>
				call(`${base}/v2/flows/prospects/bulk-assignments`, {
					auth: basic,
					json: { flowId: flow.id, flowInstanceOwnerEmail: owner.emailAddress, prospects: [{ crmId }] },
				});
			setBulkAssignmentProgress(gong, { polls: 0 });
			const immediate = await submit(freeProspect().crmId);
			expect(immediate.status).toBe(202);
			expect(immediate.body).toMatchObject({ status: 'COMPLETED', processedCount: 1, successCount: 1 });
			setBulkAssignmentProgress(gong, { ms: 300 });
			const timed = await submit(freeProspect().crmId);
			const url = `${base}/v2/flows/prospects/bulk-assignments/${timed.body.id as string}`;
			for (let i = 0; i < 3; i++) expect((await call(url, { auth: basic })).body.status).toBe('IN_PROGRESS');
			await sleep(350);
			// Done by time, read or not: the instance is there before the job is polled again.
			const instances = await call(`${base}/v2/flows/prospects`, {
				auth: basic,
				json: { crmProspectsIds: [bulkAssignmentsOf(gong).at(-1)?.prospects[0]?.crmId] },
			});
			expect(list<AssignedItem>(instances.body, 'prospectsAssigned').map((i) => i.flowId)).toEqual([flow.id]);
			expect((await call(url, { auth: basic })).body).toMatchObject({ status: 'COMPLETED', successCount: 1 });
		});

		it('validates bulk assignments, answers 404 for an unknown job, and checks both scopes', async () => {
			const flow = companyFlow(false);
			const submit = (body: Record<string, unknown>, auth = basic) =>
				call(`${base}/v2/flows/prospects/bulk-assignments`, { auth, json: body });
			const ok = { flowId: flow.id, flowInstanceOwnerEmail: owner.emailAddress, prospects: [{ crmId: 'x' }] };
			const cases: [Record<string, unknown>, number, string][] = [
				[{ ...ok, prospects: [] }, 400, 'prospects is required: an array of 1 to 50 prospects'],
				[
					{ ...ok, prospects: Array.from({ length: 51 }, (_, i) => ({ crmId: `c${i}` })) },
					400,
					'prospects must not contain more than 50 prospects, got 51',
				],
				[
					{ ...ok, prospects: [{ crmId: 'x' }, { firstName: 'Only' }] },
					400,
					'prospects[1]: firstName and lastName are required when crmId is not provided',
				],
				[{ ...ok, flowId: '42' }, 404, 'Flow not found'],
				[{ ...ok, flowInstanceOwnerEmail: 'ghost@example.com' }, 404, 'User not found'],
			];
			for (const [body, status, message] of cases) {
				const reply = await submit(body);
				expect(reply.status, message).toBe(status);
				expect(reply.body.errors).toEqual([message]);
			}
			const unknown = await call(`${base}/v2/flows/prospects/bulk-assignments/does-not-exist`, { auth: basic });
			expect(unknown.status).toBe(404);
			expect(unknown.body.errors).toEqual(['Bulk assignment not found']);
			const writeOnly = bearer('api:flows:write');
			const scopeSubmit = await submit(ok, bearer('api:flows:read'));
			expect(scopeSubmit.body.errors).toEqual([permissionText('api:flows:write')]);
			const accepted = await submit(ok, writeOnly);
			expect(accepted.status).toBe(202);
			const scopeRead = await call(`${base}/v2/flows/prospects/bulk-assignments/${accepted.body.id as string}`, {
				auth: writeOnly,
			});
			expect(scopeRead.status).toBe(401);
			expect(scopeRead.body.errors).toEqual([permissionText('api:flows:read')]);
		});

		it('unassigns by CRM id (all flows or one), idempotently', async () => {
			const [f1, f2] = [companyFlow(false, 4), companyFlow(false, 5)];
			const p = freeProspect();
			for (const flow of [f1, f2]) {
				await assign({ flowId: flow.id, crmProspectsIds: [p.crmId], flowInstanceOwnerEmail: owner.emailAddress });
			}
			const [i1, i2] = openOf(p.crmId).map((i) => i.flowInstanceId);
			const unassign = (body: Record<string, unknown>, auth = basic) =>
				call(`${base}/v2/flows/prospects/unassign-flows-by-crm-id`, { auth, json: body });
			const one = await unassign({ crmProspectId: p.crmId, flowId: f1.id, unassignedByUserEmail: owner.emailAddress });
			expect(one.status, one.text).toBe(200);
			expect(one.body).toEqual({ requestId: expect.any(String), unassignedFlowInstanceIds: [i1] });
			expect(flowUnassignmentsOf(gong).at(-1)).toEqual({
				flowInstanceId: i1,
				via: 'crm-id',
				unassignedByUserId: owner.id,
			});
			const rest = await unassign({ crmProspectId: p.crmId });
			expect(rest.body.unassignedFlowInstanceIds).toEqual([i2]);
			const repeat = await unassign({ crmProspectId: p.crmId });
			expect(repeat.status).toBe(200);
			expect(repeat.body.unassignedFlowInstanceIds).toEqual([]);
			// Gone from the open-instance read; still there, finished, by instance id.
			const open = await call(`${base}/v2/flows/prospects`, { auth: basic, json: { crmProspectsIds: [p.crmId] } });
			expect(open.body.prospectsAssigned).toEqual([]);
			const byId = await call(`${base}/v2/flows/prospects`, { auth: basic, json: { flowInstanceIds: [i1, i2] } });
			expect(list<AssignedItem>(byId.body, 'prospectsAssigned').map((i) => i.flowInstanceStatus)).toEqual([
				'Finished',
				'Finished',
			]);
			const unknownCrm = await unassign({ crmProspectId: 'nobody-here' });
			expect(unknownCrm.body.unassignedFlowInstanceIds).toEqual([]);
			const missing = await unassign({});
			expect([missing.status, missing.body.errors]).toEqual([400, ['crmProspectId is required']]);
			const badFlow = await unassign({ crmProspectId: p.crmId, flowId: '7' });
			expect([badFlow.status, badFlow.body.errors]).toEqual([400, ['Flow not found']]);
			const badUser = await unassign({ crmProspectId: p.crmId, unassignedByUserEmail: 'ghost@example.com' });
			expect([badUser.status, badUser.body.errors]).toEqual([400, ['User not found']]);
			const scope = await unassign({ crmProspectId: p.crmId }, narrow);
			expect([scope.status, scope.body.errors]).toEqual([401, [permissionText('api:flows:write')]]);
		});

		it('unassigns by instance id; one unknown id fails the whole batch with 400', async () => {
			const flow = companyFlow(false, 6);
			const [a, b] = [freeProspect(), freeProspect()];
			await assign({
				flowId: flow.id,
				crmProspectsIds: [a.crmId, b.crmId],
				flowInstanceOwnerEmail: owner.emailAddress,
			});
			const ia = openOf(a.crmId)[0]?.flowInstanceId as string;
			const ib = openOf(b.crmId)[0]?.flowInstanceId as string;
			const finished = flowInstancesOf(gong).find((i) => i.flowInstanceStatus === 'FinishedNoReply');
			const unassign = (body: Record<string, unknown>, auth = basic) =>
				call(`${base}/v2/flows/prospects/unassign-flows-by-instance-id`, { auth, json: body });
			const batch = await unassign({ flowInstanceIds: [ia, '1234567890123456789'] });
			expect(batch.status).toBe(400);
			expect(batch.body.errors).toEqual(['One or more of the given flowInstanceIds does not exist']);
			expect(openOf(a.crmId)).toHaveLength(1);
			const ok = await unassign({ flowInstanceIds: [ia, ib, finished?.flowInstanceId] });
			expect(ok.status).toBe(200);
			// A finished instance is not removed, so it is not reported.
			expect(ok.body.unassignedFlowInstanceIds).toEqual([ia, ib]);
			expect(finished?.flowInstanceStatus).toBe('FinishedNoReply');
			const again = await unassign({ flowInstanceIds: [ia] });
			expect(again.body.unassignedFlowInstanceIds).toEqual([]);
			const tooMany = await unassign({ flowInstanceIds: Array.from({ length: 201 }, (_, i) => String(i + 1)) });
			expect(tooMany.body.errors).toEqual([
				'flowInstanceIds must not contain more than 200 flow instance IDs, got 201',
			]);
			const empty = await unassign({ flowInstanceIds: [] });
			expect(empty.body.errors).toEqual(['flowInstanceIds is required: an array of 1 to 200 flow instance IDs']);
			const scope = await unassign({ flowInstanceIds: [ia] }, bearer('api:flows:read'));
			expect([scope.status, scope.body.errors]).toEqual([401, [permissionText('api:flows:write')]]);
		});
	});

	describe('permission profiles', () => {
		const workspaceId = (): string => gong.workspaces[0]?.id as string;
		const create = (body: unknown, ws: string | undefined = workspaceId(), auth = basic) =>
			call(`${base}/v2/permission-profile?${qs({ workspaceId: ws })}`, { auth, json: body });
		const update = (profileId: string, body: unknown, auth = basic) =>
			call(`${base}/v2/permission-profile?${qs({ profileId })}`, { method: 'PUT', auth, json: body });

		it('creates a profile (what the body leaves out is none/false) that the reads then list', async () => {
			const lead = gong.users.find((u) => u.managerId === null) as StandInUser;
			const reply = await create({
				id: 'ignored',
				name: 'Deal Desk',
				description: 'Approves discounts',
				callsAccess: { permissionLevel: 'managers-team', teamLeadIds: [lead.id] },
				forecastPermissions: { forecastAccess: { permissionLevel: 'all' } },
				scoreCalls: true,
				deals: true,
			});
			expect(reply.status, reply.text).toBe(200);
			const profile = reply.body.profile as Record<string, unknown>;
			expect(profile.id).toMatch(/^\d{19}$/);
			expect(profile).toMatchObject({
				name: 'Deal Desk',
				description: 'Approves discounts',
				callsAccess: { permissionLevel: 'managers-team', teamLeadIds: [lead.id] },
				dealsAccess: { permissionLevel: 'none', teamLeadIds: [] },
				libraryFolderAccess: { permissionLevel: 'none', libraryFolderIds: [], manageStreams: false },
				forecastPermissions: {
					forecastAccess: { permissionLevel: 'all', teamLeadIds: [] },
					forecastEditTargets: { permissionLevel: 'none', teamLeadIds: [] },
				},
				scoreCalls: true,
				deals: true,
				deleteCalls: false,
			});
			for (const flag of PROFILE_FLAGS) expect(typeof profile[flag], flag).toBe('boolean');
			expect(profile).not.toHaveProperty('workspaceId');
			const one = await call(`${base}/v2/permission-profile?profileId=${profile.id as string}`, { auth: basic });
			expect(one.body.profile).toEqual(profile);
			const all = await call(`${base}/v2/all-permission-profiles?workspaceId=${workspaceId()}`, { auth: basic });
			const names = list<{ name: string }>(all.body, 'profiles').map((p) => p.name);
			expect(names).toContain('Deal Desk');
			expect(names).toEqual([...names].sort((x, y) => x.localeCompare(y, 'en', { sensitivity: 'base' })));
			const users = await call(`${base}/v2/permission-profile/users?profileId=${profile.id as string}`, {
				auth: basic,
			});
			expect(users.body.users).toEqual([]);
			// Not idempotent: the same POST again is a duplicate name (in another workspace it is fine).
			const again = await create({ name: 'deal desk' });
			expect(again.status).toBe(422);
			expect(again.body.errors).toEqual([`A permission profile named 'deal desk' already exists in this workspace`]);
			const elsewhere = await create({ name: 'Deal Desk' }, gong.workspaces[1]?.id);
			expect(elsewhere.status).toBe(200);
		});

		it('answers 422 for content it cannot take, 400 for malformed input, 401 without the write scope', async () => {
			const unprocessable: [unknown, string[]][] = [
				[{ description: 'no name' }, ['Permission profile name is required']],
				[
					{ name: 'X1', callsAccess: { permissionLevel: 'everyone' } },
					[
						"Invalid callsAccess.permissionLevel 'everyone': expected one of all, managers-team, report-to-them, own, none",
					],
				],
				[
					{ name: 'X2', dealsAccess: { permissionLevel: 'managers-team', teamLeadIds: ['999'] } },
					['Unknown user IDs in dealsAccess.teamLeadIds: 999'],
				],
				[
					{ name: 'X3', libraryFolderAccess: { permissionLevel: 'specific-folders', libraryFolderIds: ['5'] } },
					['Unknown library folder IDs in libraryFolderAccess.libraryFolderIds: 5'],
				],
				[{ name: 'Sales Rep' }, ["A permission profile named 'Sales Rep' already exists in this workspace"]],
			];
			for (const [body, errors] of unprocessable) {
				const reply = await create(body);
				expect(reply.status, errors[0]).toBe(422);
				expect(reply.body.errors).toEqual(errors);
			}
			const malformed: [unknown, string[]][] = [
				[[], ['The request body must be a JSON object']],
				[{ name: 5, scoreCalls: 'yes' }, ['name must be a string', 'scoreCalls must be true or false']],
				[
					{ name: 'Y', callsAccess: { teamLeadIds: 'abc' } },
					['callsAccess.teamLeadIds must be an array of user ID strings'],
				],
			];
			for (const [body, errors] of malformed) {
				const reply = await create(body);
				expect(reply.status, errors[0]).toBe(400);
				expect(reply.body.errors).toEqual(errors);
			}
			const noWorkspace = await call(`${base}/v2/permission-profile`, { auth: basic, json: { name: 'Z' } });
			expect([noWorkspace.status, noWorkspace.body.errors]).toEqual([400, ['workspaceId is required']]);
			expect((await create({ name: 'Z' }, '123')).body.errors).toEqual(['Workspace not found']);
			const scope = await create({ name: 'Z' }, workspaceId(), bearer('api:permission-profile:read'));
			expect([scope.status, scope.body.errors]).toEqual([401, [permissionText('api:permission-profile:write')]]);
			const granted = await create({ name: 'Z' }, workspaceId(), bearer('api:permission-profile:write'));
			expect(granted.status).toBe(200);
		});

		it('updates a profile by full replace, keeping its id, workspace and users', async () => {
			const target = profilesOf(gong).find(
				(p) => p.workspaceId === workspaceId() && p.userIds.length,
			) as StandInPermissionProfile;
			const users = target.userIds.slice();
			const read = await call(`${base}/v2/permission-profile?profileId=${target.id}`, { auth: basic });
			const before = read.body.profile as Record<string, unknown>;
			expect(PROFILE_FLAGS.some((f) => before[f] === true)).toBe(true);
			// GET, change, PUT the whole profile back.
			const changed = await update(target.id, { ...before, description: 'Edited', coaching: true });
			expect(changed.status, changed.text).toBe(200);
			expect(changed.body.profile).toEqual({ ...before, description: 'Edited', coaching: true });
			// A partial body is a full replace: everything it leaves out is reset.
			const partial = await update(target.id, { name: before.name, scoreCalls: true });
			const after = partial.body.profile as Record<string, unknown>;
			expect(after).toMatchObject({
				id: target.id,
				name: before.name,
				description: '',
				scoreCalls: true,
				coaching: false,
			});
			expect(after.callsAccess).toEqual({ permissionLevel: 'none', teamLeadIds: [] });
			expect(target.userIds).toEqual(users);
			expect(target.workspaceId).toBe(workspaceId());
			const renamed = await update(target.id, { name: 'Administrator' });
			expect([renamed.status, renamed.body.errors]).toEqual([
				422,
				["A permission profile named 'Administrator' already exists in this workspace"],
			]);
			const same = await update(target.id, { name: (before.name as string).toUpperCase() });
			expect(same.status).toBe(200);
			const unknown = await update('1234', { name: 'Q' });
			expect([unknown.status, unknown.body.errors]).toEqual([404, ['Profile not found']]);
			const mismatch = await update(target.id, { id: '1234', name: 'Q' });
			expect([mismatch.status, mismatch.body.errors]).toEqual([
				400,
				[`The profile id in the body ("1234") does not match profileId ${target.id}`],
			]);
			const missing = await call(`${base}/v2/permission-profile`, { method: 'PUT', auth: basic, json: { name: 'Q' } });
			expect(missing.body.errors).toEqual(['profileId is required']);
			const scope = await update(target.id, { name: 'Q' }, narrow);
			expect(scope.status).toBe(401);
		});
	});

	describe('data privacy erase', () => {
		const erase = (kind: 'email-address' | 'phone-number', params: Record<string, string>, auth = basic) =>
			call(`${base}/v2/data-privacy/erase-data-for-${kind}?${qs(params)}`, { method: 'POST', auth });

		it('erases what references an email address from the data-for-* reads, idempotently', async () => {
			const prospect = prospectsOf(gong).find((p) =>
				gong.calls.some((c) => c.parties.some((x) => x.emailAddress === p.emailAddress)),
			) as StandInProspect;
			const email = prospect.emailAddress;
			const before = dataForEmailAddress(gong, email);
			expect(before.calls.length).toBeGreaterThan(0);
			expect(before.customerData[0]?.objects.map((o) => o.externalId)).toContain(prospect.crmId);
			// Someone else on one of those calls.
			const sharedCall = gong.calls.find((c) => c.metaData.id === before.calls[0]?.id);
			const colleague = sharedCall?.parties.find((x) => x.emailAddress && x.emailAddress !== email)?.emailAddress;
			const reply = await erase('email-address', { emailAddress: email.toUpperCase() });
			expect(reply.status, reply.text).toBe(200);
			expect(Object.keys(reply.body)).toEqual(['requestId']);
			const after = await call(`${base}/v2/data-privacy/data-for-email-address?${qs({ emailAddress: email })}`, {
				auth: basic,
			});
			expect(after.body).toMatchObject({
				emails: [],
				calls: [],
				meetings: [],
				customerData: [],
				customerEngagement: [],
			});
			// A deleted call is gone for everyone on it; /v2/calls is left alone.
			if (colleague) {
				const other = dataForEmailAddress(gong, colleague);
				expect(other.calls.map((c) => c.id)).not.toContain(sharedCall?.metaData.id);
			}
			expect(gong.calls.some((c) => c.metaData.id === sharedCall?.metaData.id)).toBe(true);
			const repeat = await erase('email-address', { emailAddress: email });
			expect(repeat.status).toBe(200);
			const erasures = privacyErasuresOf(gong).slice(-2);
			expect(erasures[0]).toMatchObject({ kind: 'emailAddress', value: email.toUpperCase() });
			expect(erasures[0]?.callIds).toEqual(before.calls.map((c) => c.id));
			expect(erasures[0]?.crmIds).toEqual([prospect.crmId]);
			expect(erasures[1]).toMatchObject({ callIds: [], crmIds: [], emailAddresses: [] });
		});

		it('erases the leads/contacts with a phone number (however spelled), with their emails and calls', async () => {
			const erasedIds = new Set(privacyErasuresOf(gong).flatMap((e) => e.crmIds));
			const prospect = prospectsOf(gong).find(
				(p) => p.phoneNumber && !erasedIds.has(p.crmId) && dataForEmailAddress(gong, p.emailAddress).emails.length,
			) as StandInProspect;
			const phone = prospect.phoneNumber as string;
			const before = dataForPhoneNumber(gong, phone);
			expect(before.customerData[0]?.objects.map((o) => o.externalId)).toContain(prospect.crmId);
			const spelled = `+${phone.replace(/\D/g, '').split('').join(' ')}`;
			const reply = await erase('phone-number', { phoneNumber: spelled });
			expect(reply.status, reply.text).toBe(200);
			const after = dataForPhoneNumber(gong, phone);
			expect(after.customerData).toEqual([]);
			expect(after.calls).toEqual([]);
			const byEmail = dataForEmailAddress(gong, prospect.emailAddress);
			expect(byEmail).toMatchObject({ customerData: [], emails: [], calls: [] });
			expect(privacyErasuresOf(gong).at(-1)).toMatchObject({ kind: 'phoneNumber', value: spelled });
		});

		it('rejects a missing or invalid value (400) and a token without api:data-privacy:delete (401)', async () => {
			const cases: [string, Record<string, string>, string][] = [
				['email-address', {}, 'emailAddress is required'],
				['email-address', { emailAddress: 'not-an-email' }, 'Invalid email address: "not-an-email"'],
				['phone-number', {}, 'phoneNumber is required'],
				[
					'phone-number',
					{ phoneNumber: '425 555 2671' },
					'Invalid phone number "425 555 2671": it must start with + and the country code, e.g. +1 425 555 2671',
				],
			];
			for (const [kind, params, message] of cases) {
				const reply = await erase(kind as 'email-address', params);
				expect(reply.status, message).toBe(400);
				expect(reply.body.errors).toEqual([message]);
			}
			const scope = await erase('email-address', { emailAddress: 'a@b.com' }, bearer('api:data-privacy:read'));
			expect([scope.status, scope.body.errors]).toEqual([401, [permissionText('api:data-privacy:delete')]]);
			const granted = await erase('email-address', { emailAddress: 'a@b.com' }, bearer('api:data-privacy:delete'));
			expect(granted.status).toBe(200);
		});
	});

	describe('CRM (generic integration)', () => {
		const integrations = (auth = basic) => call(`${base}/v2/crm/integrations`, { auth });
		const register = (body: unknown, auth = basic) =>
			call(`${base}/v2/crm/integrations`, { method: 'PUT', auth, json: body });
		const remove = (integrationId: string, clientRequestId: string, auth = basic) =>
			call(`${base}/v2/crm/integrations?${qs({ integrationId, clientRequestId })}`, { method: 'DELETE', auth });
		const status = (integrationId: string, clientRequestId: string, auth = basic) =>
			call(`${base}/v2/crm/request-status?${qs({ integrationId, clientRequestId })}`, { auth });
		const schema = (integrationId: string, objectType: string | undefined, fields?: unknown, auth = basic) =>
			call(`${base}/v2/crm/entity-schema?${qs({ integrationId, objectType })}`, {
				auth,
				...(fields === undefined ? {} : { json: fields }),
			});
		const upload = (
			integrationId: string,
			objectType: string,
			clientRequestId: string,
			lines: string[],
			auth = basic,
		) => {
			const form = new FormData();
			form.set('dataFile', new Blob([lines.join('\n')], { type: 'application/x-ndjson' }), 'data.ldjson');
			return call(`${base}/v2/crm/entities?${qs({ integrationId, objectType, clientRequestId })}`, { auth, form });
		};
		const objects = (integrationId: string, objectType: string, ids?: unknown, auth = basic) =>
			getWithBody(`${base}/v2/crm/entities?${qs({ integrationId, objectType })}`, auth, ids);

		/** The integrationId as sent, digit for digit (JSON.parse would round it). */
		const rawIntegrationId = (text: string): string => /"integrationId":(\d+)/.exec(text)?.[1] as string;

		let integrationId: string;

		afterEach(() => {
			setCrmRequestProgress(gong, {});
			setCrmUnknownFieldPolicy(gong, 'ignore');
			setNativeCrmIntegration(gong, null);
		});

		it('registers one integration (an int64 beyond 2^53 as a bare number), 409 for a second', async () => {
			expect((await integrations()).body).toEqual({ requestId: expect.any(String), integrations: [] });
			setNativeCrmIntegration(gong, 'Salesforce');
			const native = await register({ ownerEmail: 'ops@acme.example', name: 'ACME' });
			expect([native.status, native.body.errors]).toEqual([409, ['An active integration already exists']]);
			setNativeCrmIntegration(gong, null);
			const reply = await register({ ownerEmail: 'ops@acme.example', name: 'ACME Sandbox' });
			expect(reply.status, reply.text).toBe(200);
			expect(reply.text).toMatch(/"integrationId":\d{19}[,}]/);
			integrationId = rawIntegrationId(reply.text);
			expect(BigInt(integrationId) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
			expect(crmIntegrationsOf(gong).at(-1)).toMatchObject({ integrationId, active: true, name: 'ACME Sandbox' });
			const listed = await integrations();
			expect(listed.text).toContain(
				`"integrationId":${integrationId},"ownerEmail":"ops@acme.example","name":"ACME Sandbox"`,
			);
			const second = await register({ ownerEmail: 'ops@acme.example', name: 'Again' });
			expect([second.status, second.body.errors]).toEqual([409, ['An active integration already exists']]);
			for (const [body, message] of [
				[{ name: 'x' }, 'ownerEmail is required'],
				[{ ownerEmail: 'nope', name: 'x' }, 'Invalid email address: "nope"'],
				[{ ownerEmail: 'a@b.com' }, 'name is required'],
			] as const) {
				const bad = await register(body);
				expect([bad.status, bad.body.errors]).toEqual([400, [message]]);
			}
			// A client that parsed the id as a JavaScript number sends back another id.
			const rounded = String(Number(integrationId));
			expect(rounded).not.toBe(integrationId);
			const lost = await schema(rounded, 'ACCOUNT');
			expect([lost.status, lost.body.errors]).toEqual([400, [`No active integration with integrationId ${rounded}`]]);
			const scopes: [Promise<Reply>, string][] = [
				[integrations(narrow), 'api:crm:integrations:read'],
				[register({ ownerEmail: 'a@b.com', name: 'x' }, narrow), 'api:crm:integration:register'],
				[remove(integrationId, 'r1', narrow), 'api:crm:integration:delete'],
				[schema(integrationId, 'ACCOUNT', undefined, narrow), 'api:crm:schema'],
				[status(integrationId, 'r1', narrow), 'api:crm:upload'],
				[upload(integrationId, 'ACCOUNT', 'r1', ['{}'], narrow), 'api:crm:upload'],
				[objects(integrationId, 'ACCOUNT', ['1'], narrow), 'api:crm:get-objects'],
			];
			for (const [pending, scope] of scopes) {
				const denied = await pending;
				expect([denied.status, denied.body.errors], scope).toEqual([401, [permissionText(scope)]]);
			}
		});

		it('keeps a schema per object type: every update lists all fields, isDeleted removes one', async () => {
			const fields = [
				{ uniqueName: 'orderId', label: 'ID', type: 'ID', lastModified: '2020-11-11T08:11:34+01:00' },
				{ uniqueName: 'parentAccount', label: 'Main Account', type: 'REFERENCE', referenceTo: 'ACCOUNT' },
				{ uniqueName: 'category', label: 'Category', type: 'PICKLIST', orderedValueList: ['Analyst', 'Customer'] },
				{ uniqueName: 'arr', label: 'ARR', type: 'CURRENCY' },
			];
			const posted = await schema(integrationId, 'ACCOUNT', fields);
			expect(posted.status, posted.text).toBe(201);
			expect(Object.keys(posted.body)).toEqual(['requestId']);
			const read = await schema(integrationId, 'ACCOUNT');
			expect(read.status).toBe(200);
			const selected = read.body.objectTypeToSelectedFields as Record<string, Record<string, unknown>[]>;
			expect(Object.keys(selected)).toEqual(['ACCOUNT']);
			expect(selected.ACCOUNT?.[2]).toEqual({
				name: 'category',
				label: 'Category',
				type: 'PICKLIST',
				lastModified: null,
				isDeleted: false,
				referenceTo: null,
				orderedValueList: ['Analyst', 'Customer'],
			});
			const all = await schema(integrationId, undefined);
			expect(Object.keys(all.body.objectTypeToSelectedFields as object)).toEqual([
				'ACCOUNT',
				'CONTACT',
				'DEAL',
				'LEAD',
			]);
			// One field object on its own is taken as a list of one.
			const single = await schema(integrationId, 'CONTACT', {
				uniqueName: 'nickname',
				label: 'Nickname',
				type: 'STRING',
			});
			expect(single.status).toBe(201);
			expect(crmSchemaOf(gong, integrationId, 'CONTACT').map((f) => f.uniqueName)).toEqual(['nickname']);
			const partial = await schema(integrationId, 'ACCOUNT', [{ uniqueName: 'extra', label: 'Extra', type: 'STRING' }]);
			expect(partial.status).toBe(400);
			expect(partial.body.errors).toEqual([
				'The schema must include all existing ACCOUNT fields (send isDeleted: true to remove one); missing: orderId, parentAccount, category, arr',
			]);
			const invalid = await schema(integrationId, 'ACCOUNT', [
				{ uniqueName: 'a', label: 'A', type: 'TEXT' },
				{ uniqueName: 'b', label: 'B', type: 'PICKLIST' },
				{ uniqueName: 'c', label: 'C', type: 'REFERENCE', referenceTo: 'OPPORTUNITY' },
				{ label: 'No name', type: 'STRING' },
			]);
			expect(invalid.status).toBe(400);
			expect(invalid.body.errors).toEqual([
				`Field 'a': invalid type "TEXT": expected one of DATE, DATETIME, NUMBER, PERCENT, CURRENCY, ID, URL, STRING, BOOLEAN, PHONENUMBER, EMAILADDRESS, PICKLIST, REFERENCE, STRINGARRAY`,
				"Field 'b': orderedValueList is required for a PICKLIST field",
				"Field 'c': referenceTo is required for a REFERENCE field: one of ACCOUNT, CONTACT, DEAL, LEAD, USER",
				'Field #4: uniqueName is required',
			]);
			const lower = await schema(integrationId, 'account');
			expect(lower.body.errors).toEqual([
				'Invalid objectType "account": expected one of ACCOUNT, CONTACT, DEAL, LEAD (case-sensitive)',
			]);
			const notArray = await schema(integrationId, 'ACCOUNT', 'text');
			expect(notArray.status).toBe(400);
		});

		it('accepts an LDJSON upload (201), processes it asynchronously and reports line errors', async () => {
			const lines = [
				JSON.stringify({
					objectId: 'acc-1',
					modifiedDate: '2024-01-03T23:45:57+01:00',
					name: 'PBR',
					domains: ['pbr.com'],
					category: 'Customer',
					arr: 120000,
					notInSchema: 'dropped',
				}),
				JSON.stringify({ modifiedDate: '2024-01-03T23:45:57Z', name: 'No id' }),
				'',
				JSON.stringify({ objectId: 'acc-2', name: 'No date' }),
				'// a comment is not JSON',
				JSON.stringify({ objectId: 'acc-3', modifiedDate: '2024-01-03T23:45:57.123Z' }),
				JSON.stringify({ objectId: 'acc-4', modifiedDate: '2024-01-03T23:45:57Z', category: 'Partner' }),
				JSON.stringify({ objectId: 'acc_5', modifiedDate: '2024-01-03T23:45:57Z', name: 'Second' }),
				'[1, 2]',
			];
			const reply = await upload(integrationId, 'ACCOUNT', 'upload-1', lines);
			expect(reply.status, reply.text).toBe(201);
			expect(reply.body).toEqual({ requestId: expect.any(String), clientRequestId: 'upload-1' });
			// Accepted, not processed: nothing to read until request-status says so.
			expect((await objects(integrationId, 'ACCOUNT', ['acc-1'])).body.crmObjectsMap).toEqual({ 'acc-1': null });
			const first = await status(integrationId, 'upload-1');
			expect(first.body).toEqual({
				requestId: expect.any(String),
				status: 'PENDING',
				totalSuccessCount: 0,
				totalErrorCount: 0,
				errors: [],
			});
			const done = await status(integrationId, 'upload-1');
			expect(done.body).toMatchObject({ status: 'FAILED', totalSuccessCount: 2, totalErrorCount: 6 });
			expect(done.body.errors).toEqual([
				{ line: 2, description: 'Mandatory field [objectId] is missing or empty' },
				{ line: 4, description: 'Mandatory field [modifiedDate] is missing or empty' },
				{ line: 5, description: 'The line is not a valid JSON object' },
				{
					line: 6,
					description:
						'Invalid modifiedDate [2024-01-03T23:45:57.123Z]: expected an ISO-8601 date-time without milliseconds, e.g. 2019-01-03T23:45:57+01:00',
				},
				{ line: 7, description: "Field [category]: 'Partner' is not one of its PICKLIST values" },
				{ line: 9, description: 'The line is not a valid JSON object' },
			]);
			expect(crmRequestsOf(gong).at(-1)?.ignoredFields).toEqual([{ line: 1, fields: ['notInSchema'] }]);
			const read = await objects(integrationId, 'ACCOUNT', ['acc-1', 'acc_5', 'acc-2']);
			expect(read.status, read.text).toBe(200);
			expect(read.body.crmObjectsMap).toEqual({
				'acc-1': {
					objectId: 'acc-1',
					modifiedDate: '2024-01-03T23:45:57+01:00',
					name: 'PBR',
					domains: ['pbr.com'],
					category: 'Customer',
					arr: 120000,
				},
				acc_5: { objectId: 'acc_5', modifiedDate: '2024-01-03T23:45:57Z', name: 'Second' },
				'acc-2': null,
			});
			// A clientRequestId is single-use.
			const reused = await upload(integrationId, 'ACCOUNT', 'upload-1', lines.slice(0, 1));
			expect([reused.status, reused.body.errors]).toEqual([409, ['Client request id has already been used']]);
			const reusedForDelete = await remove(integrationId, 'upload-1');
			expect(reusedForDelete.status).toBe(409);
		});

		it('deletes with isDeleted lines, finishes by polls or time, and can fail unknown fields', async () => {
			setCrmRequestProgress(gong, { polls: 3 });
			const del = await upload(integrationId, 'ACCOUNT', 'upload-2', [
				JSON.stringify({ objectId: 'acc-1', modifiedDate: '2024-02-01T00:00:00Z', isDeleted: true }),
			]);
			expect(del.status).toBe(201);
			const seen: unknown[] = [];
			for (let i = 0; i < 3; i++) seen.push((await status(integrationId, 'upload-2')).body.status);
			expect(seen).toEqual(['PENDING', 'IN_PROGRESS', 'DONE']);
			expect(crmEntitiesOf(gong, integrationId, 'ACCOUNT').has('acc-1')).toBe(false);
			expect((await objects(integrationId, 'ACCOUNT', ['acc-1'])).body.crmObjectsMap).toEqual({ 'acc-1': null });

			setCrmRequestProgress(gong, { ms: 200 });
			setCrmUnknownFieldPolicy(gong, 'error');
			const users = await upload(integrationId, 'BUSINESS_USER', 'upload_3', [
				JSON.stringify({
					objectId: 'u1',
					emailAddress: 'john.doe@acme.com',
					modifiedDate: '2019-01-03T23:45:57+01:00',
				}),
				JSON.stringify({ objectId: 'u2', modifiedDate: '2019-01-03T23:45:57+01:00' }),
				JSON.stringify({ objectId: 'u3', emailAddress: 'a@b.com', modifiedDate: '2019-01-03T23:45:57Z', team: 'x' }),
			]);
			expect(users.status).toBe(201);
			expect((await status(integrationId, 'upload_3')).body.status).toBe('PENDING');
			await sleep(250);
			// Finished by time, polled or not: the read sees it first.
			expect(crmEntitiesOf(gong, integrationId, 'BUSINESS_USER').size).toBe(0);
			await objects(integrationId, 'ACCOUNT', ['x']);
			expect([...crmEntitiesOf(gong, integrationId, 'BUSINESS_USER').keys()]).toEqual(['u1']);
			const timed = await status(integrationId, 'upload_3');
			expect(timed.body).toMatchObject({ status: 'FAILED', totalSuccessCount: 1, totalErrorCount: 2 });
			expect(timed.body.errors).toEqual([
				{ line: 2, description: 'Mandatory field [emailAddress] is missing or empty' },
				{
					line: 3,
					description: 'Unknown field [team]: it is not in the BUSINESS_USER schema (POST /v2/crm/entity-schema)',
				},
			]);

			setCrmRequestProgress(gong, { polls: 0 });
			const stages = await upload(integrationId, 'STAGE', 'stages-1', [
				JSON.stringify({ objectId: 'discovery', name: 'Discovery', isActive: true, sortOrder: 1 }),
			]);
			expect(stages.status).toBe(201);
			expect((await status(integrationId, 'stages-1')).body).toMatchObject({
				status: 'DONE',
				totalSuccessCount: 1,
				totalErrorCount: 0,
				errors: [],
			});
			const empty = await upload(integrationId, 'LEAD', 'empty-1', ['', '']);
			expect(empty.status).toBe(201);
			expect((await status(integrationId, 'empty-1')).body).toMatchObject({
				status: 'FAILED',
				errors: [{ line: 0, description: 'The file is empty' }],
			});
		});

		it('validates uploads and reads: 400s, 415 without multipart or without a JSON body', async () => {
			const bad = await upload(integrationId, 'ACCOUNT', 'has space', ['{}']);
			expect(bad.body.errors).toEqual([
				'Invalid clientRequestId "has space": only letters, digits, dashes and underscores are allowed',
			]);
			const type = await upload(integrationId, 'OPPORTUNITY', 'x1', ['{}']);
			expect(type.body.errors).toEqual([
				'Invalid objectType "OPPORTUNITY": expected one of ACCOUNT, CONTACT, DEAL, LEAD, BUSINESS_USER, STAGE (case-sensitive)',
			]);
			const json = await call(
				`${base}/v2/crm/entities?${qs({ integrationId, objectType: 'ACCOUNT', clientRequestId: 'x2' })}`,
				{
					auth: basic,
					json: [{ objectId: '1' }],
				},
			);
			expect([json.status, json.body.errors]).toEqual([415, ['Unsupported Media Type']]);
			const form = new FormData();
			form.set('file', new Blob(['{}']), 'data.ldjson');
			const noPart = await call(
				`${base}/v2/crm/entities?${qs({ integrationId, objectType: 'ACCOUNT', clientRequestId: 'x3' })}`,
				{ auth: basic, form },
			);
			expect([noPart.status, noPart.body.errors]).toEqual([
				400,
				["dataFile is required: a multipart part named 'dataFile' with the LDJSON file"],
			]);
			const noBody = await objects(integrationId, 'ACCOUNT');
			expect([noBody.status, noBody.body.errors]).toEqual([415, ['Unsupported Media Type']]);
			const notIds = await objects(integrationId, 'ACCOUNT', { ids: ['1'] });
			expect(notIds.body.errors).toEqual(['The request body must be a JSON array of CRM object ID strings']);
			const stage = await objects(integrationId, 'STAGE', ['discovery']);
			expect(stage.status).toBe(400);
			const many = await objects(
				integrationId,
				'ACCOUNT',
				Array.from({ length: 120 }, (_, i) => `id-${i}`),
			);
			expect(Object.keys(many.body.crmObjectsMap as object)).toHaveLength(100);
			const unknown = await status(integrationId, 'never-sent');
			expect([unknown.status, unknown.body.errors]).toEqual([
				400,
				[`No request with clientRequestId 'never-sent' for integrationId ${integrationId}`],
			]);
			const noIntegration = await status('', 'x');
			expect(noIntegration.body.errors).toEqual(['integrationId is required']);
		});

		it('deletes the integration (201, a retry with the same clientRequestId too), then allows a new one', async () => {
			const deleted = await remove(integrationId, 'delete-1');
			expect(deleted.status, deleted.text).toBe(201);
			expect(deleted.body).toEqual({ requestId: expect.any(String), clientRequestId: 'delete-1' });
			expect((await integrations()).body.integrations).toEqual([]);
			const retry = await remove(integrationId, 'delete-1');
			expect([retry.status, retry.body.clientRequestId]).toEqual([201, 'delete-1']);
			const fresh = await remove(integrationId, 'delete-2');
			expect([fresh.status, fresh.body.errors]).toEqual([
				400,
				[`No active integration with integrationId ${integrationId}`],
			]);
			// The delete request is polled like an upload.
			expect((await status(integrationId, 'delete-1')).body.status).toBe('PENDING');
			expect((await status(integrationId, 'delete-1')).body).toMatchObject({ status: 'DONE', errors: [] });
			expect(crmEntitiesOf(gong, integrationId, 'ACCOUNT').size).toBe(0);
			const gone = await schema(integrationId, 'ACCOUNT');
			expect(gone.status).toBe(400);
			const again = await register({ ownerEmail: 'ops@acme.example', name: 'ACME Production' });
			expect(again.status).toBe(200);
			expect(rawIntegrationId(again.text)).not.toBe(integrationId);
			expect(crmIntegrationsOf(gong).map((i) => i.active)).toEqual([false, true]);
		});
	});
});
