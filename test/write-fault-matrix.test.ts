import { createHash } from 'crypto';

import type { IDataObject, INodeExecutionData, INodeParameters, IWorkflowBase } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { GongStandIn, type StandInFault } from './stand-in/gong-stand-in';
import { callAccessOf } from './stand-in/routes/call-extras';
import { createdCallsOf, mediaOf } from './stand-in/routes/call-writes';
import { digitalInteractionsOf } from './stand-in/routes/digital-interactions';
import {
	OPEN_FLOW_INSTANCE_STATUSES,
	addProspect,
	bulkAssignmentsOf,
	flowInstancesOf,
	flowUnassignmentsOf,
	flowsOf,
	type StandInFlow,
	type StandInProspect,
} from './stand-in/routes/flows';
import { crmIntegrationsOf, crmRequestsOf, setCrmRequestProgress } from './stand-in/routes/crm';
import { meetingsOf } from './stand-in/routes/meetings';
import { profilesOf } from './stand-in/routes/permissions';
import { dataForEmailAddress, privacyErasuresOf } from './stand-in/routes/privacy';
import { tasksOf } from './stand-in/routes/tasks';
import { fastRetries } from './support/faults';
import { fixture, gongNode, runFixture } from './support/gong-run';

/**
 * The README's fault matrix for writes: every write operation × every fault a write can meet,
 * against the stand-in, each cell with a target of its own. What a cell checks is how many times
 * Gong did the write (the stand-in's state, not the request log) and what the user got:
 * - repeatable writes (Gong deduplicates them, or they set a state) are retried like reads;
 * - verified writes (not idempotent) are checked with Gong after an unknown outcome, and sent
 *   again only when Gong did not do them;
 * - unverifiable writes (not idempotent, nothing to check) are never sent twice: after an unknown
 *   outcome they fail saying what to check.
 */

type RetryClass = 'repeatable' | 'verified' | 'unverifiable';

const MAYBE = 'Gong may or may not have done this: check before running it again';

/** One cell's target: the write, run once against a target no other cell touches. */
interface Target {
	/** The request that meets the fault. */
	method: string;
	path: string;
	run(): Promise<{ errorMessage?: string; items: IDataObject[] }>;
	/** How many times Gong did this write to this target, read from the stand-in's state. */
	writes(): number;
	/** What else must hold after a successful run (the stored file is the one sent, the data is gone). */
	done?(): void;
	/** What else must hold after a failed run. */
	undone?(): void;
}

interface Row {
	name: string;
	retry: RetryClass;
	/** The OAuth scope the write needs. */
	scope: string;
	/** A repeat is harmless but counted (a second erasure erases nothing new): success means 1 or more. */
	repeatCounts?: boolean;
	/** Sets up a fresh target (anything it needs runs before the fault is injected). */
	prepare(): Promise<Target>;
}

type Outcome =
	| { ok: true; writes: number; requests: number }
	| { ok: false; error: string; exact: boolean; writes: number; requests: number };

interface Column {
	name: string;
	inject(target: Target, scope: string): void;
	expect(retry: RetryClass, scope: string): Outcome;
}

// ---- the stand-in ---------------------------------------------------------------------------------

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
afterEach(() => gong.clearFaults());

let sequence = 0;
const unique = (prefix: string) => `${prefix}-${Date.now()}-${++sequence}`;

/** The requests of the write itself (method and exact path) sent since `from` (a log length). */
const sent = (target: Target, from: number) =>
	gong.log.slice(from).filter((entry) => entry.method === target.method && entry.path === target.path).length;

/** A one-node workflow (manual trigger → Gong) with these Gong parameters. */
function workflow(parameters: INodeParameters): IWorkflowBase {
	const base = fixture('task/get-many');
	base.name = `${String(parameters.resource)}: ${String(parameters.operation)}`;
	gongNode(base).parameters = { authentication: 'accessKey', ...parameters };
	return base;
}

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** A recording as n8n holds it in its in-memory binary mode. */
function recording(bytes: number) {
	const content = Buffer.alloc(bytes);
	for (let i = 0; i < bytes; i++) content[i] = (i * 31 + 7) % 251;
	return {
		content,
		binary: { data: { data: content.toString('base64'), mimeType: 'audio/mpeg', fileName: 'call.mp3' } },
	};
}

const callInput = (sourceId: string): IDataObject => ({
	sourceId,
	source: 'none',
	start: '2026-03-02T15:04:00Z',
	host: gong.users[1]!.id,
	prospectName: 'Pat Prospect',
	prospectEmail: 'pat@prospect.example',
	title: 'Discovery with Prospect Inc',
});

// ---- fresh targets ---------------------------------------------------------------------------------

let nextCall = 0;
/** A call and a user without individual access to it, used by no other cell. */
function freshAccess(): { callId: string; userId: string } {
	while (nextCall < gong.calls.length) {
		const callId = gong.calls[nextCall++]!.metaData.id;
		const has = callAccessOf(gong).get(callId) ?? [];
		const user = gong.users.find((candidate) => !has.includes(candidate.id));
		if (user) return { callId, userId: user.id };
	}
	throw new Error('No call left for a fresh Grant Access target');
}

const usedTasks = new Set<string>();
function freshTask() {
	const task = tasksOf(gong).find((candidate) => candidate.status === 'OPEN' && !usedTasks.has(candidate.id));
	if (!task) throw new Error('No open task left');
	usedTasks.add(task.id);
	return task;
}

const usedEmails = new Set<string>();
/** An outside party's address that Gong holds data for and no other cell erases. */
function freshEmail(): string {
	const email = gong.calls
		.flatMap((call) => call.parties)
		.map((party) => party.emailAddress?.toLowerCase())
		.find(
			(address): address is string =>
				address !== undefined &&
				!usedEmails.has(address) &&
				!gong.users.some((user) => user.emailAddress.toLowerCase() === address) &&
				dataForEmailAddress(gong, address).calls.length > 0,
		);
	if (!email) throw new Error('No email address left to erase');
	usedEmails.add(email);
	return email;
}

let contacts = 0;
/** A new CRM contact, in no flow. */
const freshProspect = (): StandInProspect => addProspect(gong, `matrix${++contacts}`);
/** The company's generic CRM integration, registered once (Gong allows one). */
async function crmIntegration(): Promise<string> {
	const active = crmIntegrationsOf(gong).find((integration) => integration.active);
	if (active) return active.integrationId;
	const response = await fetch(`${gong.baseUrl}/v2/crm/integrations`, {
		method: 'PUT',
		headers: { authorization: gong.basicAuthHeader(), 'content-type': 'application/json' },
		body: JSON.stringify({ ownerEmail: gong.users[1]!.emailAddress, name: 'Matrix CRM' }),
	});
	expect(response.status).toBe(200);
	// Processed on receipt: the cells wait for nothing.
	setCrmRequestProgress(gong, { polls: 0 });
	return crmIntegrationsOf(gong).find((integration) => integration.active)!.integrationId;
}

const companyFlow = (): StandInFlow => flowsOf(gong).find((flow) => flow.visibility === 'Company' && !flow.exclusive)!;
const owner = () => gong.users[1]!.emailAddress;
const openInstances = (crmId: string, flowId: string) =>
	flowInstancesOf(gong).filter(
		(instance) =>
			instance.crmProspectId === crmId &&
			instance.flowId === flowId &&
			OPEN_FLOW_INSTANCE_STATUSES.includes(instance.flowInstanceStatus),
	);

// ---- rows: one write operation each ----------------------------------------------------------------

const ROWS: Row[] = [
	{
		name: 'Call → Create',
		retry: 'repeatable',
		scope: 'api:calls:create',
		prepare: async () => {
			const sourceId = unique('dialer');
			return {
				method: 'POST',
				path: '/v2/calls',
				run: async () => await runFixture(gong, 'call/create', [callInput(sourceId)]),
				writes: () => createdCallsOf(gong).filter((call) => call.clientUniqueId === sourceId).length,
			};
		},
	},
	{
		name: 'Call → Upload Media',
		retry: 'repeatable',
		scope: 'api:calls:create',
		prepare: async () => {
			const created = await runFixture(gong, 'call/create', [callInput(unique('dialer'))]);
			expect(created.errorMessage).toBeUndefined();
			const callId = String(created.items[0]!.callId);
			const file = recording(16 * 1024);
			const items: INodeExecutionData[] = [{ json: { callId }, binary: file.binary }];
			return {
				method: 'PUT',
				path: `/v2/calls/${callId}/media`,
				run: async () => await runFixture(gong, 'call/upload-media', [{ callId }], { inputItems: items }),
				// One recording per call: `uploads` also counts the repeats Gong refused.
				writes: () => (mediaOf(gong, callId) ? 1 : 0),
				done: () => expect(mediaOf(gong, callId)?.sha256, 'the stored file is the one sent').toBe(sha256(file.content)),
			};
		},
	},
	{
		name: 'Call → Grant Access',
		retry: 'repeatable',
		scope: 'api:call-user-access:write',
		prepare: async () => {
			const { callId, userId } = freshAccess();
			return {
				method: 'PUT',
				path: '/v2/calls/users-access',
				run: async () => await runFixture(gong, 'call/grant-access', [{ callId, userIds: [userId] }]),
				writes: () => (callAccessOf(gong).get(callId) ?? []).filter((id) => id === userId).length,
			};
		},
	},
	{
		name: 'Digital Interaction → Create',
		retry: 'repeatable',
		scope: 'api:digital-interactions:write',
		prepare: async () => {
			const eventId = unique('evt');
			const create = workflow({
				resource: 'digitalInteraction',
				operation: 'create',
				eventId: '={{ $json.eventId }}',
				timestamp: '2026-03-02T10:04:00-05:00',
				eventType: 'page viewed',
				contentTitle: 'Pricing',
				person: { name: 'Marge Simpson', email: 'marge@globex.example', companyName: 'Globex' },
				additionalFields: { contentUrl: 'https://www.acme.example/pricing' },
			});
			return {
				method: 'POST',
				path: '/v2/digital-interaction',
				run: async () => await runFixture(gong, create, [{ eventId }]),
				writes: () => digitalInteractionsOf(gong).filter((event) => event.eventId === eventId).length,
			};
		},
	},
	{
		name: 'Task → Update',
		retry: 'repeatable',
		scope: 'api:tasks:write',
		prepare: async () => {
			const task = freshTask();
			const update = workflow({
				resource: 'task',
				operation: 'update',
				taskId: '={{ $json.taskId }}',
				userId: { __rl: true, mode: 'id', value: '={{ $json.userId }}' },
				updateFields: { status: 'DONE' },
			});
			return {
				method: 'PATCH',
				path: `/v2/tasks/${task.id}`,
				run: async () => await runFixture(gong, update, [{ taskId: task.id, userId: task.userId }]),
				// A state: done or not.
				writes: () => (tasksOf(gong).find((found) => found.id === task.id)?.status === 'DONE' ? 1 : 0),
			};
		},
	},
	{
		name: 'Data Privacy → Erase Data for Email Address',
		retry: 'repeatable',
		scope: 'api:data-privacy:delete',
		repeatCounts: true,
		prepare: async () => {
			const email = freshEmail();
			return {
				method: 'POST',
				path: '/v2/data-privacy/erase-data-for-email-address',
				run: async () => await runFixture(gong, 'data-privacy/erase-for-email', [{ email, confirm: email }]),
				writes: () => privacyErasuresOf(gong).filter((erasure) => erasure.value.toLowerCase() === email).length,
				done: () => expect(dataForEmailAddress(gong, email).calls, 'the data is gone').toHaveLength(0),
				undone: () =>
					expect(dataForEmailAddress(gong, email).calls.length, 'the data is still there').toBeGreaterThan(0),
			};
		},
	},
	{
		name: 'Engage Flow → Assign Prospects',
		retry: 'verified',
		scope: 'api:flows:write',
		prepare: async () => {
			const flow = companyFlow();
			const { crmId } = freshProspect();
			return {
				method: 'POST',
				path: '/v2/flows/prospects/assign',
				run: async () =>
					await runFixture(gong, 'engage-flow/assign-prospects', [{ flowId: flow.id, owner: owner(), crmId }]),
				writes: () => openInstances(crmId, flow.id).length,
			};
		},
	},
	{
		name: 'Engage Flow → Unassign by flow instance IDs',
		retry: 'verified',
		scope: 'api:flows:write',
		prepare: async () => {
			const flow = companyFlow();
			const { crmId } = freshProspect();
			const assigned = await runFixture(gong, 'engage-flow/assign-prospects', [
				{ flowId: flow.id, owner: owner(), crmId },
			]);
			expect(assigned.errorMessage).toBeUndefined();
			const id = String(assigned.items[0]!.flowInstanceId);
			return {
				method: 'POST',
				path: '/v2/flows/prospects/unassign-flows-by-instance-id',
				run: async () => await runFixture(gong, 'engage-flow/unassign-by-instance', [{ ids: id }]),
				writes: () => flowUnassignmentsOf(gong).filter((gone) => gone.flowInstanceId === id).length,
			};
		},
	},
	{
		name: 'Permission Profile → Create',
		retry: 'verified',
		scope: 'api:permission-profile:write',
		prepare: async () => {
			const name = unique('Matrix profile');
			return {
				method: 'POST',
				path: '/v2/permission-profile',
				run: async () =>
					await runFixture(gong, 'permission-profile/create', [{ workspaceId: gong.workspaces[0]!.id, name }]),
				writes: () => profilesOf(gong).filter((profile) => profile.name === name).length,
			};
		},
	},
	{
		name: 'CRM → Upload Entities',
		retry: 'repeatable',
		scope: 'api:crm:upload',
		prepare: async () => {
			const integrationId = await crmIntegration();
			const clientRequestId = unique('matrix-upload').replace(/[^A-Za-z0-9_-]/g, '-');
			return {
				method: 'POST',
				path: '/v2/crm/entities',
				run: async () =>
					await runFixture(
						gong,
						workflow({
							resource: 'crm',
							operation: 'uploadEntities',
							integrationId: { __rl: true, mode: 'id', value: integrationId },
							objectType: 'ACCOUNT',
							source: 'items',
							options: { clientRequestId },
						}),
						[{ objectId: clientRequestId, modifiedDate: '2026-03-01T10:00:00Z', name: 'Matrix account' }],
					),
				writes: () => crmRequestsOf(gong).filter((request) => request.clientRequestId === clientRequestId).length,
			};
		},
	},
	{
		name: 'Engage Flow → Bulk Assign',
		retry: 'unverifiable',
		scope: 'api:flows:write',
		prepare: async () => {
			const flow = companyFlow();
			const { crmId } = freshProspect();
			return {
				method: 'POST',
				path: '/v2/flows/prospects/bulk-assignments',
				run: async () =>
					await runFixture(gong, 'engage-flow/bulk-assign', [{ flowId: flow.id, owner: owner(), crmId }]),
				writes: () => bulkAssignmentsOf(gong).filter((job) => job.prospects.some((p) => p.crmId === crmId)).length,
			};
		},
	},
	{
		name: 'Meeting → Create',
		retry: 'unverifiable',
		scope: 'api:meetings:user:create',
		prepare: async () => {
			const title = unique('Globex pilot kickoff');
			const create = workflow({
				resource: 'meeting',
				operation: 'create',
				organizerEmail: '={{ $json.organizer }}',
				startTime: '2026-03-02T16:00:00+01:00',
				endTime: '2026-03-02T16:45:00+01:00',
				title: '={{ $json.title }}',
				invitees: { invitee: [{ email: 'marge@globex.example', displayName: 'Marge Simpson' }] },
				additionalFields: {},
			});
			return {
				method: 'POST',
				path: '/v2/meetings',
				run: async () => await runFixture(gong, create, [{ organizer: gong.users[0]!.emailAddress, title }]),
				writes: () => meetingsOf(gong).filter((meeting) => meeting.title === title).length,
			};
		},
	},
];

// ---- columns: one fault each -----------------------------------------------------------------------

/** `fault` on the write's own request (its method and path), `times` times. */
const play = (target: Target, fault: StandInFault, times = 1) =>
	gong.inject(fault, { path: target.path, method: target.method, times });
const success = (requests: number): Outcome => ({ ok: true, writes: 1, requests });
const failure = (error: string, writes: number, requests: number, exact = true): Outcome => ({
	ok: false,
	error,
	exact,
	writes,
	requests,
});
/** Gong's answer is lost after it did the write. */
const lostAfterWrite = (retry: RetryClass): Outcome =>
	retry === 'repeatable'
		? // Sent again: Gong recognises the repeat.
			success(2)
		: retry === 'verified'
			? // Gong is asked, says it was done: not sent again.
				success(1)
			: failure(MAYBE, 1, 1);

const COLUMNS: Column[] = [
	{
		name: '429 with Retry-After 1, once',
		inject: (target) => play(target, { kind: 'status', status: 429, retryAfterSeconds: 1 }),
		expect: () => success(2),
	},
	{
		name: '500 before Gong acts, once',
		inject: (target) => play(target, { kind: 'status', status: 500 }),
		// Verified: Gong is asked, finds nothing, and it is sent again.
		expect: (retry) => (retry === 'unverifiable' ? failure(MAYBE, 0, 1) : success(2)),
	},
	{
		name: '500 after Gong acted, once',
		inject: (target) => play(target, { kind: 'afterWrite', then: 'status', status: 500 }),
		expect: lostAfterWrite,
	},
	{
		name: 'connection dropped after Gong acted, once',
		inject: (target) => play(target, { kind: 'afterWrite', then: 'reset' }),
		expect: lostAfterWrite,
	},
	{
		name: '503 every time',
		inject: (target) => play(target, { kind: 'status', status: 503 }, Infinity),
		// The first try and 3 retries (verified: each after Gong said it was not done).
		expect: (retry) =>
			retry === 'unverifiable' ? failure(MAYBE, 0, 1) : failure('Gong had a server error (503)', 0, 4),
	},
	{
		name: '400 bad request',
		inject: (target) => play(target, { kind: 'status', status: 400, message: 'Bad request' }),
		expect: () => failure('Gong rejected the request', 0, 1, false),
	},
	{
		name: '401 missing scope',
		inject: (target, scope) =>
			play(target, {
				kind: 'status',
				status: 401,
				message: `You don't have permission to use '${scope}' in your app.`,
			}),
		expect: (_retry, scope) => failure(`Missing Gong permission: ${scope}`, 0, 1),
	},
];

// ---- the matrix ------------------------------------------------------------------------------------

function title(row: Row, column: Column): string {
	const outcome = column.expect(row.retry, row.scope);
	const written =
		outcome.writes === 0 ? 'not written' : outcome.ok && row.repeatCounts ? 'written once or more' : 'written once';
	const what = outcome.ok
		? 'succeeds'
		: outcome.error === MAYBE
			? 'fails saying what to check'
			: `fails: "${outcome.error}${outcome.exact ? '' : '…'}"`;
	return `${row.name} × ${column.name}: ${what}, ${written}`;
}

const CELLS = ROWS.flatMap((row) => COLUMNS.map((column) => [title(row, column), row, column] as const));

describe('Write fault matrix', () => {
	it.each(CELLS)('%s', async (_title, row, column) => {
		const expected = column.expect(row.retry, row.scope);
		const target = await row.prepare();
		expect(target.writes(), 'a fresh target').toBe(0);
		const from = gong.log.length;
		column.inject(target, row.scope);
		const result = await target.run();
		gong.clearFaults();
		const requests = sent(target, from);
		const writes = target.writes();
		if (expected.ok) {
			expect(result.errorMessage).toBeUndefined();
			expect(result.items).toHaveLength(1);
			if (row.repeatCounts) expect(writes).toBeGreaterThanOrEqual(1);
			else expect(writes, 'times Gong did it').toBe(expected.writes);
			target.done?.();
		} else {
			if (expected.exact) expect(result.errorMessage).toBe(expected.error);
			else expect(result.errorMessage).toMatch(new RegExp(`^${expected.error}`));
			expect(writes, 'times Gong did it').toBe(expected.writes);
			if (expected.writes === 0) target.undone?.();
		}
		// Never sent twice where a repeat cannot be told from a new write; never retried after a 4xx.
		expect(requests, `requests of ${target.method} ${target.path}`).toBe(expected.requests);
	});
});
