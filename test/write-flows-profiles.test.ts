import type { IDataObject } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { GONG_SCOPES, GongStandIn } from './stand-in/gong-stand-in';
import {
	OPEN_FLOW_INSTANCE_STATUSES,
	addProspect,
	bulkAssignmentsOf,
	clearProspectFailures,
	failProspectAssignment,
	flowInstancesOf,
	flowsOf,
	prospectsOf,
	setBulkAssignmentProgress,
	type StandInFlow,
	type StandInProspect,
} from './stand-in/routes/flows';
import { profilesOf } from './stand-in/routes/permissions';
import { dataForEmailAddress, privacyErasuresOf } from './stand-in/routes/privacy';
import { fastRetries } from './support/faults';
import { fixture, gongNode, oauthCredentials, runFixture, type Auth } from './support/gong-run';

/**
 * Engage flow, permission profile and data privacy writes as workflow JSON through n8n-core
 * against the stand-in. The writes Gong does not recognise when repeated (assign, bulk assign,
 * unassign by instance, create a profile) are never sent twice blindly: after an answer lost once
 * Gong acted, they are checked with Gong or fail saying what to check.
 */

let gong: GongStandIn;
let restore: () => void;

beforeAll(async () => {
	restore = fastRetries();
	gong = await GongStandIn.start({ calls: 40, users: 8, workspaces: 2, rateLimitPerSecond: 0, dailyLimit: 0 });
});
afterAll(async () => {
	restore();
	await gong.stop();
});
afterEach(() => {
	gong.clearFaults();
	clearProspectFailures(gong);
	setBulkAssignmentProgress(gong, {});
});

const AUTHS: Auth[] = ['accessKey', 'oAuth2'];
const used = new Set<string>();
const openOf = (crmId: string, flowId?: string) =>
	flowInstancesOf(gong).filter(
		(instance) =>
			instance.crmProspectId === crmId &&
			(flowId === undefined || instance.flowId === flowId) &&
			OPEN_FLOW_INSTANCE_STATUSES.includes(instance.flowInstanceStatus),
	);
let added = 0;
/** A prospect in no open flow that no other test used (new CRM contacts when the stand-in's run out). */
function freeProspect(): StandInProspect {
	let found: StandInProspect | undefined = prospectsOf(gong).find(
		(p) => !used.has(p.crmId) && p.emailAddress && !openOf(p.crmId).length,
	);
	found ??= addProspect(gong, `flows${++added}`);
	used.add(found.crmId);
	return found;
}
const companyFlow = (): StandInFlow => flowsOf(gong).find((f) => f.visibility === 'Company' && !f.exclusive)!;
const owner = () => gong.users[1]!.emailAddress;
const requests = (method: string, path: string) =>
	gong.apiRequests().filter((entry) => entry.method === method && entry.path === path);

describe('Engage Flow → Assign Prospects', () => {
	it.each(AUTHS)('one request for every item; a prospect Gong refuses is output with its reason (%s)', async (auth) => {
		const flow = companyFlow();
		const [a, b] = [freeProspect(), freeProspect()];
		const before = requests('POST', '/v2/flows/prospects/assign').length;
		const run = await runFixture(
			gong,
			'engage-flow/assign-prospects',
			[a.crmId, 'not-a-crm-id', b.crmId].map((crmId) => ({
				flowId: flow.id,
				owner: owner(),
				crmId,
				onFailure: 'output',
			})),
			{ auth },
		);
		expect(run.errorMessage).toBeUndefined();
		expect(run.items).toMatchObject([
			{ crmProspectId: a.crmId, assigned: true, flowId: flow.id, flowInstanceStatus: 'Pending' },
			{ crmProspectId: 'not-a-crm-id', assigned: false, errorCode: 'InvalidArgument' },
			{ crmProspectId: b.crmId, assigned: true },
		]);
		expect(run.output('Gong').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(requests('POST', '/v2/flows/prospects/assign')).toHaveLength(before + 1);
		expect(openOf(a.crmId, flow.id)).toHaveLength(1);
	});

	it('by default a prospect Gong refuses fails its item (Continue On Fail: an error item), the others succeed', async () => {
		const flow = companyFlow();
		const [a, marked] = [freeProspect(), freeProspect()];
		failProspectAssignment(gong, marked.crmId, 'UnexpectedError', 'CRM is unavailable');
		const workflow = fixture('engage-flow/assign-prospects');
		gongNode(workflow).continueOnFail = true;
		const run = await runFixture(
			gong,
			workflow,
			[a.crmId, marked.crmId].map((crmId) => ({ flowId: flow.id, owner: owner(), crmId })),
		);
		expect(run.items[0]).toMatchObject({ crmProspectId: a.crmId, assigned: true });
		expect(run.items[1]!.error).toBe(
			`1 of 1 prospects were not assigned to flow ${flow.id}: ${marked.crmId} (UnexpectedError: CRM is unavailable)`,
		);
		const failed = await runFixture(gong, 'engage-flow/assign-prospects', [
			{ flowId: flow.id, owner: owner(), crmId: marked.crmId },
		]);
		expect(failed.errorMessage).toMatch(/were not assigned/);
	});

	it('150 prospects go in 2 requests (Gong takes 100), each accounted for', async () => {
		const flow = companyFlow();
		const prospects = Array.from({ length: 150 }, () => freeProspect());
		const before = requests('POST', '/v2/flows/prospects/assign').length;
		const run = await runFixture(
			gong,
			'engage-flow/assign-prospects',
			prospects.map((p) => ({ flowId: flow.id, owner: owner(), crmId: p.crmId })),
		);
		expect(run.errorMessage).toBeUndefined();
		expect(run.items).toHaveLength(150);
		expect(run.items.every((item) => item.assigned === true)).toBe(true);
		expect(requests('POST', '/v2/flows/prospects/assign')).toHaveLength(before + 2);
	});

	it.each(['status', 'reset'] as const)(
		'an answer lost after Gong assigned (%s): the prospects’ flows are checked, nothing is assigned twice',
		async (then) => {
			const flow = companyFlow();
			const [a, b] = [freeProspect(), freeProspect()];
			gong.inject({ kind: 'afterWrite', then, status: 500 }, { path: '/v2/flows/prospects/assign', times: 1 });
			const before = requests('POST', '/v2/flows/prospects/assign').length;
			const run = await runFixture(
				gong,
				'engage-flow/assign-prospects',
				[a, b].map((p) => ({ flowId: flow.id, owner: owner(), crmId: p.crmId })),
			);
			expect(run.errorMessage).toBeUndefined();
			expect(run.items).toMatchObject([
				{ crmProspectId: a.crmId, assigned: true },
				{ crmProspectId: b.crmId, assigned: true },
			]);
			expect(requests('POST', '/v2/flows/prospects/assign')).toHaveLength(before + 1);
			expect(openOf(a.crmId, flow.id)).toHaveLength(1);
			expect(openOf(b.crmId, flow.id)).toHaveLength(1);
		},
	);

	it('a 500 before Gong acted: the check finds nothing new, so it is sent again and assigned once', async () => {
		const flow = companyFlow();
		const a = freeProspect();
		gong.inject({ kind: 'status', status: 500 }, { path: '/v2/flows/prospects/assign', times: 1 });
		const run = await runFixture(gong, 'engage-flow/assign-prospects', [
			{ flowId: flow.id, owner: owner(), crmId: a.crmId },
		]);
		expect(run.errorMessage).toBeUndefined();
		expect(run.items[0]).toMatchObject({ assigned: true });
		expect(openOf(a.crmId, flow.id)).toHaveLength(1);
	});

	it('when the check cannot be made either, it fails saying what to check, and is not sent again', async () => {
		const flow = companyFlow();
		const a = freeProspect();
		gong.inject({ kind: 'afterWrite', then: 'status', status: 500 }, { path: '/v2/flows/prospects/assign', times: 1 });
		gong.inject({ kind: 'status', status: 503 }, { path: '/v2/flows/prospects', method: 'POST', times: Infinity });
		const before = requests('POST', '/v2/flows/prospects/assign').length;
		const run = await runFixture(gong, 'engage-flow/assign-prospects', [
			{ flowId: flow.id, owner: owner(), crmId: a.crmId },
		]);
		gong.clearFaults();
		expect(run.errorMessage).toBe('Gong may or may not have done this: check before running it again');
		const description = String((run.run.data.resultData.error as { description?: string }).description);
		expect(description).toContain(`Check the flows of prospects ${a.crmId} (Engage flow ${flow.id}) in Gong`);
		expect(requests('POST', '/v2/flows/prospects/assign')).toHaveLength(before + 1);
		expect(openOf(a.crmId, flow.id)).toHaveLength(1);
	});

	it('an OAuth token without api:flows:write is told which scope to add', async () => {
		const token = gong.issueToken({ scopes: GONG_SCOPES.filter((scope) => scope !== 'api:flows:write') });
		const run = await runFixture(
			gong,
			'engage-flow/assign-prospects',
			[{ flowId: companyFlow().id, owner: owner(), crmId: freeProspect().crmId }],
			{ auth: 'oAuth2', credentials: oauthCredentials(gong, token) },
		);
		expect(run.errorMessage).toBe('Missing Gong permission: api:flows:write');
	});
});

describe('Engage Flow → Bulk Assign', () => {
	it.each(AUTHS)(
		'by CRM ID and by name and email, waits for Gong and outputs each prospect’s result (%s)',
		async (auth) => {
			const flow = companyFlow();
			const [a, b] = [freeProspect(), freeProspect()];
			const before = requests('POST', '/v2/flows/prospects/bulk-assignments').length;
			const run = await runFixture(
				gong,
				'engage-flow/bulk-assign',
				[
					{ flowId: flow.id, owner: owner(), crmId: a.crmId },
					{
						flowId: flow.id,
						owner: owner(),
						firstName: 'Nia',
						lastName: 'New',
						email: `nia.${Date.now()}@new.example`,
					},
					{ flowId: flow.id, owner: owner(), crmId: b.crmId },
				],
				{ auth },
			);
			expect(run.errorMessage).toBeUndefined();
			expect(run.items).toMatchObject([
				{ assigned: true, crmProspectId: a.crmId, status: 'ASSIGNED', bulkAssignmentStatus: 'COMPLETED' },
				{ assigned: true, status: 'ASSIGNED', crmProspectId: expect.stringMatching(/^00Q/) },
				{ assigned: true, crmProspectId: b.crmId },
			]);
			expect(requests('POST', '/v2/flows/prospects/bulk-assignments')).toHaveLength(before + 1);
			expect(openOf(a.crmId, flow.id)).toHaveLength(1);
		},
	);

	it('an answer lost after Gong started the job fails saying what to check; no second job is started', async () => {
		const flow = companyFlow();
		const a = freeProspect();
		const jobs = bulkAssignmentsOf(gong).length;
		gong.inject(
			{ kind: 'afterWrite', then: 'status', status: 502 },
			{ path: '/v2/flows/prospects/bulk-assignments', method: 'POST', times: 1 },
		);
		const run = await runFixture(gong, 'engage-flow/bulk-assign', [
			{ flowId: flow.id, owner: owner(), crmId: a.crmId },
		]);
		expect(run.errorMessage).toBe('Gong may or may not have done this: check before running it again');
		expect(bulkAssignmentsOf(gong)).toHaveLength(jobs + 1);
	});
});

describe('Engage Flow → Unassign', () => {
	function assigned(count: number): { flow: StandInFlow; ids: string[]; crmIds: string[] } {
		const flow = companyFlow();
		const crmIds = Array.from({ length: count }, () => freeProspect().crmId);
		return { flow, crmIds, ids: [] };
	}

	it.each(AUTHS)('by CRM ID from every flow, and again: nothing left, no error (%s)', async (auth) => {
		const { flow, crmIds } = assigned(1);
		await runFixture(gong, 'engage-flow/assign-prospects', [{ flowId: flow.id, owner: owner(), crmId: crmIds[0] }]);
		const run = await runFixture(gong, 'engage-flow/unassign-by-crm-id', [{ crmId: crmIds[0] }], { auth });
		expect(run.errorMessage).toBeUndefined();
		expect(run.items[0]!.unassignedFlowInstanceIds).toHaveLength(1);
		expect(openOf(crmIds[0]!)).toHaveLength(0);
		const again = await runFixture(gong, 'engage-flow/unassign-by-crm-id', [{ crmId: crmIds[0] }], { auth });
		expect(again.items[0]).toMatchObject({ unassignedFlowInstanceIds: [] });
	});

	it('by flow instance IDs: every item in one request; an answer lost after Gong acted is checked, not resent', async () => {
		const { flow, crmIds } = assigned(2);
		const assign = await runFixture(
			gong,
			'engage-flow/assign-prospects',
			crmIds.map((crmId) => ({ flowId: flow.id, owner: owner(), crmId })),
		);
		const ids = assign.items.map((item) => String(item.flowInstanceId));
		gong.inject(
			{ kind: 'afterWrite', then: 'reset' },
			{ path: '/v2/flows/prospects/unassign-flows-by-instance-id', times: 1 },
		);
		const before = requests('POST', '/v2/flows/prospects/unassign-flows-by-instance-id').length;
		const run = await runFixture(
			gong,
			'engage-flow/unassign-by-instance',
			ids.map((id) => ({ ids: id })),
		);
		expect(run.errorMessage).toBeUndefined();
		expect(run.items).toMatchObject([
			{ flowInstanceIds: [ids[0]], unassignedFlowInstanceIds: [ids[0]] },
			{ flowInstanceIds: [ids[1]], unassignedFlowInstanceIds: [ids[1]] },
		]);
		expect(requests('POST', '/v2/flows/prospects/unassign-flows-by-instance-id')).toHaveLength(before + 1);
		for (const crmId of crmIds) expect(openOf(crmId)).toHaveLength(0);
	});

	it('an unknown instance fails only its own item: Gong refuses the whole list, so items are sent one by one', async () => {
		const { flow, crmIds } = assigned(1);
		const assign = await runFixture(gong, 'engage-flow/assign-prospects', [
			{ flowId: flow.id, owner: owner(), crmId: crmIds[0] },
		]);
		const workflow = fixture('engage-flow/unassign-by-instance');
		gongNode(workflow).continueOnFail = true;
		const run = await runFixture(gong, workflow, [
			{ ids: String(assign.items[0]!.flowInstanceId) },
			{ ids: '1234567' },
		]);
		expect(run.items[0]).toMatchObject({ unassignedFlowInstanceIds: [String(assign.items[0]!.flowInstanceId)] });
		expect(run.items[1]!.error).toMatch(/flowInstanceIds does not exist/);
	});
});

describe('Permission Profile → Create / Update', () => {
	const workspaceId = () => gong.workspaces[0]!.id;

	it.each(AUTHS)(
		'creates a profile with its permissions; an update keeps what it does not change (%s)',
		async (auth) => {
			const name = `Contractors ${auth} ${Date.now()}`;
			const create = await runFixture(
				gong,
				'permission-profile/create',
				[
					{
						workspaceId: workspaceId(),
						name,
						description: 'Outside sellers',
						permissions: { callsAccess: { permissionLevel: 'own' }, downloadCallMedia: false, deleteCalls: false },
					},
				],
				{ auth },
			);
			expect(create.errorMessage).toBeUndefined();
			const created = create.items[0]!;
			expect(created).toMatchObject({ name, description: 'Outside sellers', callsAccess: { permissionLevel: 'own' } });
			const profileId = String(created.id);
			const update = await runFixture(
				gong,
				'permission-profile/update',
				[{ profileId, permissions: { downloadCallMedia: true } }],
				{ auth },
			);
			expect(update.errorMessage).toBeUndefined();
			const stored = profilesOf(gong).find((profile) => profile.id === profileId)!;
			expect(stored).toMatchObject({
				name,
				description: 'Outside sellers',
				downloadCallMedia: true,
				callsAccess: { permissionLevel: 'own' },
			});
			expect(
				gong
					.apiRequests()
					.slice(-2)
					.map((entry) => entry.method),
			).toEqual(['GET', 'PUT']);
		},
	);

	it('an answer lost after Gong created it: found by its name, not created twice', async () => {
		const name = `Interns ${Date.now()}`;
		gong.inject(
			{ kind: 'afterWrite', then: 'status', status: 500 },
			{ path: '/v2/permission-profile', method: 'POST', times: 1 },
		);
		const run = await runFixture(gong, 'permission-profile/create', [{ workspaceId: workspaceId(), name }]);
		expect(run.errorMessage).toBeUndefined();
		expect(run.items[0]).toMatchObject({ name });
		expect(profilesOf(gong).filter((profile) => profile.name === name)).toHaveLength(1);
	});

	it("a name the workspace has already is Gong's 422, with its words", async () => {
		const taken = profilesOf(gong).find((profile) => profile.workspaceId === workspaceId())!.name;
		const run = await runFixture(gong, 'permission-profile/create', [{ workspaceId: workspaceId(), name: taken }]);
		expect(run.errorMessage).toContain('already exists in this workspace');
	});
});

describe('Data Privacy → Erase Data (irreversible)', () => {
	const someone = (): string =>
		gong.calls
			.flatMap((call) => call.parties)
			.find(
				(party) =>
					party.affiliation === 'External' &&
					party.emailAddress &&
					!privacyErasuresOf(gong).some((erasure) => erasure.value === party.emailAddress),
			)!.emailAddress!;

	it.each(AUTHS)('erases what Gong holds for an email address once it is typed twice (%s)', async (auth) => {
		const email = someone();
		expect(dataForEmailAddress(gong, email).calls.length).toBeGreaterThan(0);
		const run = await runFixture(gong, 'data-privacy/erase-for-email', [{ email, confirm: email.toUpperCase() }], {
			auth,
		});
		expect(run.errorMessage).toBeUndefined();
		expect(run.items[0]).toMatchObject({ emailAddress: email.toLowerCase(), erasureRequested: true });
		expect(dataForEmailAddress(gong, email).calls).toHaveLength(0);
	});

	it('a confirmation that does not match sends nothing', async () => {
		const before = gong.apiRequests().length;
		const run = await runFixture(gong, 'data-privacy/erase-for-email', [
			{ email: 'jane@acme.com', confirm: 'john@acme.com' },
		]);
		expect(run.errorMessage).toBe('"Confirm Email Address" does not match "Email Address"');
		expect(gong.apiRequests()).toHaveLength(before);
	});

	it('run as an AI tool, it refuses unless the workflow author allowed it', async () => {
		const email = someone();
		const workflow = fixture('data-privacy/erase-for-email');
		const tool = gongNode(workflow);
		tool.type = 'n8n-nodes-gong.gongTool';
		const before = gong.apiRequests().length;
		const refused = await runFixture(gong, workflow, [{ email, confirm: email }]);
		// As a tool, the refusal is the tool's answer, for the agent to read.
		expect(refused.errorMessage).toBeUndefined();
		expect(refused.items).toEqual([
			{
				error:
					'Erasing data is not allowed for an AI agent here The workflow author has not switched on "Allow an AI Agent to Run This" for this Gong node. Nothing was erased.',
			},
		]);
		expect(gong.apiRequests()).toHaveLength(before);
		tool.parameters.allowAsTool = true;
		const allowed = await runFixture(gong, workflow, [{ email, confirm: email }]);
		expect(allowed.errorMessage).toBeUndefined();
	});

	it('a phone number is erased in the form Gong wants (+ and digits)', async () => {
		const before = privacyErasuresOf(gong).length;
		const run = await runFixture(gong, 'data-privacy/erase-for-phone', [
			{ phone: '+1 (415) 555-0100', confirm: '+14155550100' },
		]);
		expect(run.errorMessage).toBeUndefined();
		expect(privacyErasuresOf(gong).slice(before)).toMatchObject([{ kind: 'phoneNumber', value: '+14155550100' }]);
	});

	it('an OAuth token without api:data-privacy:delete is told which scope to add', async () => {
		const token = gong.issueToken({ scopes: GONG_SCOPES.filter((scope) => scope !== 'api:data-privacy:delete') });
		const run = await runFixture(gong, 'data-privacy/erase-for-email', [{ email: 'a@b.co', confirm: 'a@b.co' }], {
			auth: 'oAuth2',
			credentials: oauthCredentials(gong, token),
		});
		expect(run.errorMessage).toBe('Missing Gong permission: api:data-privacy:delete');
	});
});

export type { IDataObject };
