import express from 'express';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IWebhookFunctions,
	IWorkflowBase,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import readme from '../README.md?raw';
import { GongStandIn } from './stand-in/gong-stand-in';
import { aiEntitiesOf, setAiCredits } from './stand-in/routes/ai';
import { directReportsOf } from './stand-in/routes/coaching';
import { crmIntegrationsOf, setCrmRequestProgress, setNativeCrmIntegration } from './stand-in/routes/crm';
import {
	addProspect,
	flowInstancesOf,
	flowsOf,
	OPEN_FLOW_INSTANCE_STATUSES,
	setBulkAssignmentProgress,
} from './stand-in/routes/flows';
import { libraryFoldersOf } from './stand-in/routes/library';
import { setAuditLogs } from './stand-in/routes/logs';
import { profilesOf } from './stand-in/routes/permissions';
import { briefsOf } from './stand-in/routes/settings';
import { setAnsweredScorecardCount } from './stand-in/routes/stats';
import { tasksOf } from './stand-in/routes/tasks';
import { fastRetries } from './support/faults';
import { accessKeyCredentials, fixture, gongNode, runFixture } from './support/gong-run';
import { loadPackage, pollContext, webhookContext } from './support/n8n-harness';

/**
 * What each operation costs in Gong API requests (Gong allows 10,000 a day per company): every
 * operation of the Gong node, one poll of the Gong Trigger and one delivery to the Gong Webhook
 * Trigger, run as workflows through n8n-core against the stand-in, with the stand-in's request log
 * counted. `COSTS` is the README's table "What each operation costs": the README must show exactly
 * these rows, every operation of the node exactly once, and every row's claim is measured here.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Gong's page size, and its limit of IDs per request on most endpoints. */
const PAGE = 100;

let gong: GongStandIn;
let restore: () => void;

beforeAll(async () => {
	restore = fastRetries();
	// 250 calls over the last ~42 days (3 pages), 120 users (2 pages); no rate limit: nothing is a 429.
	gong = await GongStandIn.start({
		calls: 250,
		users: 120,
		workspaces: 2,
		startDate: new Date(Date.now() - 45 * DAY).toISOString(),
		callIntervalMinutes: 240,
		rateLimitPerSecond: 0,
		dailyLimit: 0,
	});
	setAuditLogs(gong, { logType: 'UserActivityLog', count: 250, from: Date.now() - 30 * DAY, to: Date.now() - DAY });
	setAnsweredScorecardCount(gong, 230);
	setAiCredits(gong, Infinity);
	setCrmRequestProgress(gong, { polls: 0 });
});
afterAll(async () => {
	restore();
	await gong.stop();
});

// ---- running and counting ------------------------------------------------------------------------

interface Measured {
	/** Requests the stand-in received during the run (429s included: there are none without faults). */
	requests: number;
	items: IDataObject[];
	/** How many output items each input item gave. */
	perInput: number[];
	errorMessage?: string;
}

/** Runs a workflow with these input items and counts the API requests it made. */
async function measure(
	workflow: string | IWorkflowBase,
	input: IDataObject[],
	options: { inputItems?: INodeExecutionData[] } = {},
): Promise<Measured> {
	gong.clearLog();
	const { items, errorMessage, output } = await runFixture(gong, workflow, input, options);
	const perInput = (options.inputItems ?? input).map(() => 0);
	for (const item of output('Gong')) {
		const paired = item.pairedItem as { item: number } | undefined;
		if (paired) perInput[paired.item]++;
	}
	return { requests: gong.apiRequests().length, items, perInput, errorMessage };
}

/** A fixture with its Gong node's parameters changed (and Continue On Fail, when asked). */
function changed(name: string, parameters: INodeParameters = {}, continueOnFail = false): IWorkflowBase {
	const workflow = fixture(name);
	const node = gongNode(workflow);
	Object.assign(node.parameters, parameters);
	if (continueOnFail) node.onError = 'continueRegularOutput';
	return workflow;
}

/** A manual trigger → Gong workflow with these Gong parameters (for operations without a fixture). */
function workflowWith(parameters: INodeParameters): IWorkflowBase {
	const workflow = fixture('workspace/get-many');
	gongNode(workflow).parameters = { authentication: 'accessKey', ...parameters };
	return workflow;
}

const pages = (records: number, size = PAGE) => Math.max(1, Math.ceil(records / size));
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const daysAgo = (days: number) => isoDate(Date.now() - days * DAY);
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
let sequence = 0;
const unique = (prefix: string) => `${prefix}-${Date.now()}-${++sequence}`;

/** A recording as n8n holds it in its in-memory binary mode. */
const recording = (): INodeExecutionData['binary'] => ({
	data: {
		data: Buffer.alloc(2048, 7).toString('base64'),
		mimeType: 'audio/mpeg',
		fileName: 'call.mp3',
		fileExtension: 'mp3',
	},
});

// ---- the stand-in's data the scenarios use -------------------------------------------------------

const WORKSPACE = () => gong.workspaces[0].id;
const transcribed = () => gong.calls.filter((call) => call.transcript);
const openInstances = () =>
	flowInstancesOf(gong).filter((instance) => OPEN_FLOW_INSTANCE_STATUSES.includes(instance.flowInstanceStatus));
const companyFlow = () => flowsOf(gong).find((flow) => flow.visibility === 'Company' && !flow.exclusive)!;
const owner = () => gong.users[1].emailAddress;
let prospects = 0;
const newProspect = () => addProspect(gong, `costs${++prospects}`);
const manager = () => gong.users.find((user) => directReportsOf(gong, user.id).length > 0)!;
const entity = () => aiEntitiesOf(gong).find((found) => found.crmEntityType === 'ACCOUNT')!;
const publicFolder = () =>
	libraryFoldersOf(gong).find((folder) => folder.visibility === 'public' && folder.calls.length)!;
const profile = () => profilesOf(gong).find((found) => found.workspaceId === WORKSPACE())!;
/** The user with the most call tasks. */
const busiest = () => {
	const counts = new Map<string, number>();
	for (const task of tasksOf(gong)) counts.set(task.userId, (counts.get(task.userId) ?? 0) + 1);
	return [...counts].sort((a, b) => b[1] - a[1])[0][0];
};
const organizer = () => gong.users[0].emailAddress;
const everyone = { from: daysAgo(60), to: new Date().toISOString() };

/** The active generic CRM integration (registered here when there is none). */
async function integration(): Promise<string> {
	setNativeCrmIntegration(gong, null);
	const active = crmIntegrationsOf(gong).find((entry) => entry.active);
	if (active) return active.integrationId;
	const response = await fetch(`${gong.baseUrl}/v2/crm/integrations`, {
		method: 'PUT',
		headers: { authorization: gong.basicAuthHeader(), 'content-type': 'application/json' },
		body: JSON.stringify({ name: 'Costs CRM', ownerEmail: 'ops@acme.example' }),
	});
	expect(response.status).toBeLessThan(300);
	return crmIntegrationsOf(gong).find((entry) => entry.active)!.integrationId;
}

const meetingParameters: INodeParameters = {
	organizerEmail: '={{ $json.organizer }}',
	startTime: '2026-03-02T16:00:00Z',
	endTime: '2026-03-02T16:45:00Z',
	title: 'Pilot kickoff',
	invitees: { invitee: [{ email: 'marge@globex.example', displayName: 'Marge', firstName: '', lastName: '' }] },
	additionalFields: {},
};
const meetingWorkflow = (operation: string, parameters: INodeParameters = {}) =>
	workflowWith({ resource: 'meeting', operation, ...parameters });

/** Meetings made through the stand-in's API, for Update and Delete. */
async function newMeetings(count: number): Promise<string[]> {
	const { items, errorMessage } = await measure(
		meetingWorkflow('create', meetingParameters),
		range(count).map(() => ({ organizer: organizer() })),
	);
	expect(errorMessage).toBeUndefined();
	return items.map((item) => String(item.meetingId));
}

/** Calls registered without a recording, for Upload Media. */
async function callsWithoutRecording(count: number): Promise<string[]> {
	const { items, errorMessage } = await measure(
		'call/create',
		range(count).map(() => callInput({ source: 'none' })),
	);
	expect(errorMessage).toBeUndefined();
	return items.map((item) => String(item.callId));
}

function callInput(overrides: IDataObject = {}): IDataObject {
	return {
		sourceId: unique('dialer'),
		start: '2026-03-02T15:04:00Z',
		host: gong.users[1].id,
		prospectName: 'Pat Prospect',
		prospectEmail: 'pat@prospect.example',
		title: 'Discovery',
		...overrides,
	};
}

const withRecording = (input: IDataObject[]): INodeExecutionData[] =>
	input.map((json) => ({ json, binary: recording() }));

const interaction = () =>
	workflowWith({
		resource: 'digitalInteraction',
		operation: 'create',
		eventId: '={{ $json.eventId }}',
		timestamp: '2026-03-02T10:04:00-05:00',
		eventType: 'page viewed',
		contentTitle: 'Pricing',
		person: { name: 'Marge Simpson', email: 'marge@globex.example', companyName: 'Globex' },
		additionalFields: {},
	});

const crm = (operation: string, parameters: INodeParameters) =>
	workflowWith({ resource: 'crm', operation, ...parameters });

// ---- the costs -----------------------------------------------------------------------------------

interface Scenario {
	/** What is run, e.g. "3 items". */
	what: string;
	run: () => Promise<Measured>;
	/** The request count the row's claim gives for what was run. */
	expected: (measured: Measured) => number;
	/** The run fails on purpose (Continue On Fail items, or a look-up that ends in an error). */
	fails?: boolean;
	/** Checks that the run exercises the claim (e.g. really reads more than one page). */
	exercises?: (measured: Measured) => void;
}

interface Cost {
	/** "Resource → Operation" as the node names them, or a trigger's event. */
	op: string;
	/** The README's "Requests" cell. */
	requests: string;
	/** The README's "Notes" cell. */
	notes: string;
	scenarios: Scenario[];
}

const moreThan = (pagesAtLeast: number) => (measured: Measured) =>
	expect(measured.items.length, 'records over several pages').toBeGreaterThan((pagesAtLeast - 1) * PAGE);

/** k items, one request each. */
const perItem = (what: string, run: (k: number) => Promise<Measured>, k = 2, each = 1): Scenario => ({
	what: `${k} ${what}`,
	run: async () => await run(k),
	expected: () => k * each,
});

const LISTING = 'for each input item';

export const COSTS: Cost[] = [
	{
		op: 'AI → Ask About an Entity',
		requests: '1 per item',
		notes: 'Spends Gong AI credits too. A 5xx or time-out is retried once at most (spending credits again).',
		scenarios: [
			perItem('items', async (k) =>
				measure(
					'ai/ask',
					range(k).map(() => ({
						workspaceId: WORKSPACE(),
						type: 'ACCOUNT',
						id: entity().crmEntityId,
						period: 'LAST_90DAYS',
						question: 'Who decides?',
					})),
				),
			),
			{
				what: '1 item, Gong failing with 503 every time',
				run: async () => {
					gong.inject({ kind: 'status', status: 503 }, { path: '/v2/entities/ask-entity', times: Infinity });
					try {
						return await measure('ai/ask', [
							{
								workspaceId: WORKSPACE(),
								type: 'ACCOUNT',
								id: entity().crmEntityId,
								period: 'LAST_90DAYS',
								question: 'Who decides?',
							},
						]);
					} finally {
						gong.clearFaults();
					}
				},
				expected: () => 1 + 1,
				fails: true,
			},
		],
	},
	{
		op: 'AI → Get Account/Deal Brief',
		requests: '1 per item',
		notes: 'As Ask: spends AI credits, retried once at most.',
		scenarios: [
			perItem('items', async (k) =>
				measure(
					'ai/get-brief',
					range(k).map(() => ({
						workspaceId: WORKSPACE(),
						type: 'ACCOUNT',
						id: entity().crmEntityId,
						period: 'THIS_QUARTER',
						briefName: briefsOf(gong).find((brief) => brief.workspaceId === WORKSPACE())!.briefName,
					})),
				),
			),
		],
	},
	{
		op: 'Audit Log → Get Many',
		requests: `1 per 100 entries (at least 1), ${LISTING}`,
		notes: 'A Limit stops at the page that reaches it.',
		scenarios: [
			{
				what: '250 entries, Return All',
				run: async () =>
					await measure('audit-log/get-many', [
						{ logType: 'UserActivityLog', from: daysAgo(40), to: '', returnAll: true, limit: 1 },
					]),
				expected: (m) => pages(m.items.length),
				exercises: moreThan(3),
			},
			{
				what: 'Limit 10',
				run: async () =>
					await measure('audit-log/get-many', [
						{ logType: 'UserActivityLog', from: daysAgo(40), to: '', returnAll: false, limit: 10 },
					]),
				expected: () => 1,
			},
		],
	},
	{
		op: 'Call → Create',
		requests: '1 per item; 2 with the recording from a binary field',
		notes:
			'When Gong refuses a repeated Call ID in Source System without naming the call: +1 per 100 calls started within ± 15 min (GET /v2/calls, to find it).',
		scenarios: [
			perItem('items, no recording', async (k) =>
				measure(
					'call/create',
					range(k).map(() => callInput({ source: 'none' })),
				),
			),
			{
				what: '2 items with a recording',
				run: async () => {
					const input = range(2).map(() => callInput());
					return await measure('call/create', input, { inputItems: withRecording(input) });
				},
				expected: () => 4,
			},
			{
				what: 'a repeated item with a recording (Gong: 409 without the call ID)',
				run: async () => {
					const input = [callInput()];
					await measure('call/create', input, { inputItems: withRecording(input) });
					return await measure('call/create', input, { inputItems: withRecording(input) });
				},
				expected: () => 3,
				exercises: (m) => expect(m.items[0]).toMatchObject({ outcome: 'alreadyExisted' }),
			},
		],
	},
	{
		op: 'Call → Get',
		requests: '1 per 100 calls',
		notes: "All items' calls together (one group per different Call Content to Include).",
		scenarios: [
			{
				what: '3 items',
				run: async () =>
					await measure(
						'call/get-by-id',
						gong.calls.slice(0, 3).map((call) => ({ callId: call.metaData.id })),
					),
				expected: () => 1,
			},
			{
				what: '150 items',
				run: async () =>
					await measure(
						'call/get-by-id',
						gong.calls.slice(0, 150).map((call) => ({ callId: call.metaData.id })),
					),
				expected: () => 2,
			},
			{
				what: '4 items, two different content choices',
				run: async () =>
					await measure(
						changed('call/get-by-id', { include: '={{ $json.include }}' }),
						gong.calls
							.slice(0, 4)
							.map((call, i) => ({ callId: call.metaData.id, include: i % 2 ? ['parties'] : ['brief'] })),
					),
				expected: () => 2,
			},
		],
	},
	{
		op: 'Call → Get Access',
		requests: '1 per 100 calls',
		notes: "All items' calls together.",
		scenarios: [
			{
				what: '150 items',
				run: async () =>
					await measure(
						'call/get-access',
						gong.calls.slice(0, 150).map((call) => ({ callId: call.metaData.id })),
					),
				expected: () => 2,
			},
		],
	},
	{
		op: 'Call → Get Many',
		requests: `1 per 100 calls (at least 1), ${LISTING}`,
		notes: 'A Limit stops at the page that reaches it.',
		scenarios: [
			{
				what: '250 calls, Return All',
				run: async () => await measure('call/get-many-all', [everyone]),
				expected: (m) => pages(m.items.length),
				exercises: moreThan(3),
			},
			{
				what: 'Limit 120',
				run: async () => await measure('call/get-many-limit', [{}]),
				expected: () => 2,
			},
			{
				what: '2 items, 30 calls each',
				run: async () =>
					await measure(
						'call/get-many-all',
						[0, 1].map((i) => ({
							from: gong.calls[i * 30].metaData.started,
							to: gong.calls[i * 30 + 30].metaData.started,
						})),
					),
				expected: () => 2,
			},
		],
	},
	{
		op: 'Call → Get Many Outcomes',
		requests: '1 per item',
		notes: 'Gong returns them all at once.',
		scenarios: [
			perItem('items', async (k) =>
				measure(
					'call/get-many-outcomes',
					range(k).map(() => ({})),
				),
			),
		],
	},
	{
		op: 'Call → Grant Access',
		requests: '1 per 100 items',
		notes: 'A list Gong refuses whole (an unknown call) is sent again item by item: +1 per item of that list.',
		scenarios: [
			{
				what: '3 items',
				run: async () =>
					await measure(
						'call/grant-access',
						gong.calls.slice(0, 3).map((call) => ({ callId: call.metaData.id, userIds: gong.users[3].id })),
					),
				expected: () => 1,
			},
			{
				what: '120 items',
				run: async () =>
					await measure(
						'call/grant-access',
						gong.calls.slice(0, 120).map((call) => ({ callId: call.metaData.id, userIds: gong.users[3].id })),
					),
				expected: () => 2,
			},
			{
				what: '3 items, one with an unknown call (Continue On Fail)',
				run: async () =>
					await measure(changed('call/grant-access', {}, true), [
						...gong.calls.slice(0, 2).map((call) => ({ callId: call.metaData.id, userIds: gong.users[3].id })),
						{ callId: '1234567890123456789', userIds: gong.users[3].id },
					]),
				expected: () => 1 + 3,
				exercises: (m) => expect(m.items[2]).toHaveProperty('error'),
			},
		],
	},
	{
		op: 'Call → Remove Access',
		requests: '1 per 100 items',
		notes: 'As Grant Access.',
		scenarios: [
			{
				what: '3 items',
				run: async () =>
					await measure(
						'call/remove-access',
						gong.calls.slice(0, 3).map((call) => ({ callId: call.metaData.id, userIds: gong.users[3].id })),
					),
				expected: () => 1,
			},
		],
	},
	{
		op: 'Call → Upload Media',
		requests: '1 per item',
		notes: '',
		scenarios: [
			{
				what: '2 items',
				run: async () => {
					const input = (await callsWithoutRecording(2)).map((callId) => ({ callId }));
					return await measure('call/upload-media', input, { inputItems: withRecording(input) });
				},
				expected: () => 2,
			},
		],
	},
	{
		op: 'Coaching → Get',
		requests: '1 per item',
		notes: '',
		scenarios: [
			perItem('items', async (k) =>
				measure(
					'coaching/get',
					range(k).map(() => ({
						workspaceId: WORKSPACE(),
						managerId: manager().id,
						from: `${daysAgo(60)}T00:00:00Z`,
						to: `${daysAgo(0)}T00:00:00Z`,
					})),
				),
			),
		],
	},
	{
		op: 'CRM → Delete Integration',
		requests: '1 per item',
		notes: '',
		scenarios: [
			{
				what: '1 item',
				run: async () => {
					const integrationId = await integration();
					return await measure(crm('deleteIntegration', { integrationId: byId(integrationId) }), [{}]);
				},
				expected: () => 1,
			},
		],
	},
	{
		op: 'CRM → Get Integrations',
		requests: '1 per item',
		notes: '',
		scenarios: [
			perItem('items', async (k) =>
				measure(
					crm('getIntegrations', {}),
					range(k).map(() => ({})),
				),
			),
		],
	},
	{
		op: 'CRM → Get Request Status',
		requests: '1 per item',
		notes: '',
		scenarios: [
			{
				what: '2 items',
				run: async () => {
					const integrationId = await integration();
					const upload = await measure(
						crm('uploadEntities', {
							integrationId: byId(integrationId),
							objectType: 'ACCOUNT',
							source: 'items',
							waitForProcessing: false,
							options: { clientRequestId: unique('status') },
						}),
						[{ objectId: 'acct-1', modifiedDate: '2026-03-01T10:00:00Z', name: 'Acme' }],
					);
					const clientRequestId = String(upload.items[0].clientRequestId);
					return await measure(crm('getRequestStatus', { integrationId: byId(integrationId), clientRequestId }), [
						{},
						{},
					]);
				},
				expected: () => 2,
			},
		],
	},
	{
		op: 'CRM → Get Schema',
		requests: '1 per item',
		notes: '',
		scenarios: [
			{
				what: '2 items',
				run: async () => {
					const integrationId = await integration();
					return await measure(crm('getSchema', { integrationId: byId(integrationId), objectType: 'ACCOUNT' }), [
						{},
						{},
					]);
				},
				expected: () => 2,
			},
		],
	},
	{
		op: 'CRM → Register Integration',
		requests: '1 per item',
		notes: '+1 (the integrations list) when Gong answers 409 or the answer is lost.',
		scenarios: [
			{
				what: '1 item',
				run: async () => {
					for (const active of crmIntegrationsOf(gong).filter((entry) => entry.active)) {
						await measure(
							crm('deleteIntegration', {
								integrationId: byId(active.integrationId),
								options: { clientRequestId: unique('delete') },
							}),
							[{}],
						);
					}
					return await measure(crm('registerIntegration', { name: 'Costs CRM', ownerEmail: 'ops@acme.example' }), [{}]);
				},
				expected: () => 1,
			},
			{
				what: '1 item, an integration registered already (409)',
				run: async () => {
					await integration();
					return await measure(crm('registerIntegration', { name: 'Other CRM', ownerEmail: 'it@acme.example' }), [{}]);
				},
				expected: () => 2,
				fails: true,
			},
		],
	},
	{
		op: 'CRM → Upload Entities',
		requests: '1 per upload + 1 per status read while waiting (every 2 s, growing to 10 s)',
		notes:
			'From input items: one upload for all items; from binary files: one per item. Wait for Processing reads the status at once and then until Gong is done.',
		scenarios: [
			{
				what: '3 items, not waiting',
				run: async () => {
					const integrationId = await integration();
					return await measure(
						crm('uploadEntities', {
							integrationId: byId(integrationId),
							objectType: 'ACCOUNT',
							source: 'items',
							waitForProcessing: false,
							options: { clientRequestId: unique('upload') },
						}),
						range(3).map((i) => ({ objectId: `acct-${i}`, modifiedDate: '2026-03-01T10:00:00Z', name: `A${i}` })),
					);
				},
				expected: () => 1,
			},
			{
				what: '3 items, waiting while Gong needs 3 status reads',
				run: async () => {
					const integrationId = await integration();
					setCrmRequestProgress(gong, { polls: 3 });
					try {
						return await measure(
							crm('uploadEntities', {
								integrationId: byId(integrationId),
								objectType: 'ACCOUNT',
								source: 'items',
								options: { clientRequestId: unique('upload') },
							}),
							range(3).map((i) => ({ objectId: `acct-${i}`, modifiedDate: '2026-03-01T10:00:00Z', name: `A${i}` })),
						);
					} finally {
						setCrmRequestProgress(gong, { polls: 0 });
					}
				},
				expected: () => 1 + 3,
			},
		],
	},
	{
		op: 'CRM → Upload Schema',
		requests: '1 per item',
		notes: '',
		scenarios: [
			{
				what: '2 items',
				run: async () => {
					const integrationId = await integration();
					return await measure(
						crm('uploadSchema', {
							integrationId: byId(integrationId),
							objectType: 'ACCOUNT',
							fieldsSource: 'fields',
							fields: { field: [{ uniqueName: 'tier', label: 'Tier', type: 'STRING' }] },
						}),
						[{}, {}],
					);
				},
				expected: () => 2,
			},
		],
	},
	{
		op: 'Data Privacy → Erase Data for Email Address (Irreversible)',
		requests: '1 per item',
		notes: '',
		scenarios: [
			perItem('items', async (k) =>
				measure(
					'data-privacy/erase-for-email',
					range(k).map((i) => ({ email: `gone${i}@example.com`, confirm: `gone${i}@example.com` })),
				),
			),
		],
	},
	{
		op: 'Data Privacy → Erase Data for Phone Number (Irreversible)',
		requests: '1 per item',
		notes: '',
		scenarios: [
			perItem('items', async (k) =>
				measure(
					'data-privacy/erase-for-phone',
					range(k).map((i) => ({ phone: `+1 415 555 010${i}`, confirm: `+1 415 555 010${i}` })),
				),
			),
		],
	},
	{
		op: 'Data Privacy → Get Data for Email Address',
		requests: '1 per item',
		notes: '',
		scenarios: [
			perItem('items', async (k) =>
				measure(
					'data-privacy/get-for-email',
					range(k).map((i) => ({ email: gong.users[i].emailAddress })),
				),
			),
		],
	},
	{
		op: 'Data Privacy → Get Data for Phone Number',
		requests: '1 per item',
		notes: '',
		scenarios: [
			perItem('items', async (k) =>
				measure(
					'data-privacy/get-for-phone',
					range(k).map(() => ({ phone: '+1 415 555 0100' })),
				),
			),
		],
	},
	{
		op: 'Digital Interaction → Create',
		requests: '1 per item',
		notes: '',
		scenarios: [
			perItem('items', async (k) =>
				measure(
					interaction(),
					range(k).map(() => ({ eventId: unique('evt') })),
				),
			),
		],
	},
	{
		op: 'Engage Flow → Assign Prospects',
		requests: '1 per 100 CRM prospect IDs',
		notes:
			"All items' IDs together, one group per flow and settings. After a lost answer: +1 per 100 IDs (their flows are read to see whether Gong did it).",
		scenarios: [
			{
				what: '3 items',
				run: async () =>
					await measure(
						'engage-flow/assign-prospects',
						range(3).map(() => ({ flowId: companyFlow().id, owner: owner(), crmId: newProspect().crmId })),
					),
				expected: () => 1,
			},
			{
				what: '120 items',
				run: async () =>
					await measure(
						'engage-flow/assign-prospects',
						range(120).map(() => ({
							flowId: companyFlow().id,
							owner: owner(),
							crmId: newProspect().crmId,
							onFailure: 'output',
						})),
					),
				expected: () => 2,
			},
			{
				what: '2 items, the answer lost after Gong acted',
				run: async () => {
					gong.inject(
						{ kind: 'afterWrite', then: 'status', status: 500 },
						{ path: '/v2/flows/prospects/assign', times: 1 },
					);
					try {
						return await measure(
							'engage-flow/assign-prospects',
							range(2).map(() => ({ flowId: companyFlow().id, owner: owner(), crmId: newProspect().crmId })),
						);
					} finally {
						gong.clearFaults();
					}
				},
				expected: () => 1 + 1,
			},
		],
	},
	{
		op: 'Engage Flow → Bulk Assign',
		requests: '1 per 50 items + 1 per status read while waiting (every 2 s, growing to 10 s)',
		notes: 'Items of the same flow and owner together. Never sent again after a lost answer.',
		scenarios: [
			{
				what: '3 items, waiting while Gong needs 2 status reads',
				run: async () => {
					setBulkAssignmentProgress(gong, { polls: 2 });
					return await measure(
						'engage-flow/bulk-assign',
						range(3).map(() => ({ flowId: companyFlow().id, owner: owner(), crmId: newProspect().crmId })),
					);
				},
				expected: () => 1 + 2,
			},
			{
				what: '1 item, the answer lost after Gong acted',
				run: async () => {
					gong.inject(
						{ kind: 'afterWrite', then: 'status', status: 500 },
						{ path: '/v2/flows/prospects/bulk-assignments', method: 'POST', times: 1 },
					);
					try {
						return await measure('engage-flow/bulk-assign', [
							{ flowId: companyFlow().id, owner: owner(), crmId: newProspect().crmId },
						]);
					} finally {
						gong.clearFaults();
					}
				},
				expected: () => 1,
				fails: true,
			},
			{
				what: '60 items, not waiting',
				run: async () =>
					await measure(
						changed('engage-flow/bulk-assign', { waitForCompletion: false }),
						range(60).map(() => ({ flowId: companyFlow().id, owner: owner(), crmId: newProspect().crmId })),
					),
				expected: () => 2,
			},
		],
	},
	{
		op: 'Engage Flow → Get Many',
		requests: `1 per 100 flows (at least 1), ${LISTING}`,
		notes: '',
		scenarios: [
			{
				what: "a user's flows, Return All",
				run: async () =>
					await measure('engage-flow/get-many', [{ email: gong.users[0].emailAddress, returnAll: true, limit: 1 }]),
				expected: (m) => pages(m.items.length),
				exercises: moreThan(2),
			},
		],
	},
	{
		op: 'Engage Flow → Get Many Folders',
		requests: `1 per 100 folders (at least 1), ${LISTING}`,
		notes: '',
		scenarios: [
			{
				what: "2 items, a user's folders",
				run: async () =>
					await measure('engage-flow/get-many-folders', [
						{ email: gong.users[0].emailAddress },
						{ email: gong.users[1].emailAddress },
					]),
				expected: () => 2,
			},
		],
	},
	{
		op: "Engage Flow → Get Prospects' Flows",
		requests: '1 per 100 IDs',
		notes: "All items' IDs together.",
		scenarios: [
			{
				what: '150 items',
				run: async () =>
					await measure(
						'engage-flow/get-prospect-flows',
						range(150).map((i) => ({ id: `003COSTS${String(i).padStart(10, '0')}` })),
					),
				expected: () => 2,
			},
		],
	},
	{
		op: 'Engage Flow → Get Steps',
		requests: '1 per 20 flows',
		notes: "All items' flows together (Gong takes 20 per request).",
		scenarios: [
			{
				what: '25 items',
				run: async () =>
					await measure(
						'engage-flow/get-steps',
						flowsOf(gong)
							.slice(0, 25)
							.map((flow) => ({ flowId: flow.id })),
					),
				expected: () => 2,
			},
		],
	},
	{
		op: 'Engage Flow → Unassign',
		requests: 'by CRM ID: 1 per item; by flow instance IDs: 1 per 200 IDs',
		notes:
			'By instance IDs: items together, up to 200 IDs per request (an item holding more goes alone); a list Gong refuses whole is sent again item by item; after a lost answer +1 per 100 IDs (read back).',
		scenarios: [
			{
				what: '2 items by CRM ID',
				run: async () =>
					await measure(
						'engage-flow/unassign-by-crm-id',
						range(2).map(() => ({ crmId: newProspect().crmId })),
					),
				expected: () => 2,
			},
			{
				what: '3 items by flow instance ID',
				run: async () =>
					await measure(
						'engage-flow/unassign-by-instance',
						openInstances()
							.slice(0, 3)
							.map((instance) => ({ ids: instance.flowInstanceId })),
					),
				expected: () => 1,
			},
			{
				// Packed 160 + 80; the unknown IDs make Gong refuse the 160 whole, so those 2 items go alone.
				what: '3 items of 80 unknown instance IDs each (240 in all: 160 + 80), Continue On Fail',
				run: async () =>
					await measure(
						changed('engage-flow/unassign-by-instance', {}, true),
						range(3)
							.map((item) =>
								range(80)
									.map((i) => `9${String(item * 100 + i).padStart(18, '0')}`)
									.join(','),
							)
							.map((ids) => ({ ids })),
					),
				expected: () => 1 + 2 + 1,
				fails: true,
			},
			{
				what: '2 items by flow instance ID, the answer lost after Gong acted',
				run: async () => {
					const ids = openInstances()
						.slice(0, 2)
						.map((instance) => instance.flowInstanceId);
					gong.inject(
						{ kind: 'afterWrite', then: 'reset' },
						{ path: '/v2/flows/prospects/unassign-flows-by-instance-id', times: 1 },
					);
					try {
						return await measure(
							'engage-flow/unassign-by-instance',
							ids.map((id) => ({ ids: id })),
						);
					} finally {
						gong.clearFaults();
					}
				},
				expected: () => 1 + 1,
			},
		],
	},
	{
		op: 'Library → Get Folder Content',
		requests: '1 per item',
		notes: '',
		scenarios: [
			perItem('items', async (k) =>
				measure(
					'library/get-folder-content',
					range(k).map(() => ({ folderId: publicFolder().id })),
				),
			),
		],
	},
	{
		op: 'Library → Get Many Folders',
		requests: '1 per item',
		notes: 'Gong returns them all at once.',
		scenarios: [
			perItem('items', async (k) =>
				measure(
					'library/get-many-folders',
					range(k).map(() => ({ output: 'flat' })),
				),
			),
		],
	},
	{
		op: 'Meeting → Create',
		requests: '1 per item',
		notes: 'Never sent again after a lost answer.',
		scenarios: [
			perItem('items', async (k) =>
				measure(
					meetingWorkflow('create', meetingParameters),
					range(k).map(() => ({ organizer: organizer() })),
				),
			),
			{
				what: '1 item, the answer lost after Gong acted',
				run: async () => {
					gong.inject({ kind: 'afterWrite', then: 'status', status: 500 }, { path: '/v2/meetings', times: 1 });
					try {
						return await measure(meetingWorkflow('create', meetingParameters), [{ organizer: organizer() }]);
					} finally {
						gong.clearFaults();
					}
				},
				expected: () => 1,
				fails: true,
			},
		],
	},
	{
		op: 'Meeting → Delete',
		requests: '1 per item',
		notes: '',
		scenarios: [
			{
				what: '2 items',
				run: async () => {
					const ids = await newMeetings(2);
					return await measure(
						meetingWorkflow('delete', {
							meetingId: '={{ $json.meetingId }}',
							organizerEmail: '={{ $json.organizer }}',
						}),
						ids.map((meetingId) => ({ meetingId, organizer: organizer() })),
					);
				},
				expected: () => 2,
			},
		],
	},
	{
		op: 'Meeting → Get Integration Status',
		requests: '1 per 100 email addresses',
		notes: "All items' addresses together, each once.",
		scenarios: [
			{
				what: '3 items, 110 different addresses',
				run: async () =>
					await measure(
						meetingWorkflow('getIntegrationStatus', { emails: '={{ $json.emails }}' }),
						[gong.users.slice(0, 60), gong.users.slice(50, 110), gong.users.slice(0, 10)].map((users) => ({
							emails: users.map((user) => user.emailAddress).join(','),
						})),
					),
				expected: () => 2,
			},
		],
	},
	{
		op: 'Meeting → Update',
		requests: '1 per item',
		notes: '',
		scenarios: [
			{
				what: '2 items',
				run: async () => {
					const ids = await newMeetings(2);
					return await measure(
						meetingWorkflow('update', { meetingId: '={{ $json.meetingId }}', ...meetingParameters }),
						ids.map((meetingId) => ({ meetingId, organizer: organizer() })),
					);
				},
				expected: () => 2,
			},
		],
	},
	{
		op: 'Permission Profile → Create',
		requests: '1 per item; 2 with Copy Permissions From',
		notes: "After a lost answer: +1 (the workspace's profiles, to find it by name).",
		scenarios: [
			perItem('items', async (k) =>
				measure(
					'permission-profile/create',
					range(k).map(() => ({ workspaceId: WORKSPACE(), name: unique('Costs') })),
				),
			),
			{
				what: '2 items copying permissions from a profile',
				run: async () =>
					await measure(
						changed('permission-profile/create', {
							options: { description: '', baseProfileId: '={{ $json.base }}' },
						}),
						range(2).map(() => ({ workspaceId: WORKSPACE(), name: unique('Copied'), base: profile().id })),
					),
				expected: () => 4,
			},
			{
				what: '1 item, the answer lost after Gong acted',
				run: async () => {
					gong.inject(
						{ kind: 'afterWrite', then: 'status', status: 500 },
						{ path: '/v2/permission-profile', method: 'POST', times: 1 },
					);
					try {
						return await measure('permission-profile/create', [{ workspaceId: WORKSPACE(), name: unique('Lost') }]);
					} finally {
						gong.clearFaults();
					}
				},
				expected: () => 2,
			},
		],
	},
	{
		op: 'Permission Profile → Get',
		requests: '1 per item',
		notes: '',
		scenarios: [
			perItem('items', async (k) =>
				measure(
					'permission-profile/get',
					range(k).map(() => ({ profileId: profile().id })),
				),
			),
		],
	},
	{
		op: 'Permission Profile → Get Many',
		requests: '1 per item',
		notes: 'Gong returns them all at once.',
		scenarios: [
			perItem('items', async (k) =>
				measure(
					'permission-profile/get-many',
					range(k).map(() => ({ workspaceId: WORKSPACE() })),
				),
			),
		],
	},
	{
		op: 'Permission Profile → Get Users',
		requests: '1 per item',
		notes: '',
		scenarios: [
			perItem('items', async (k) =>
				measure(
					'permission-profile/get-users',
					range(k).map(() => ({ profileId: profile().id })),
				),
			),
		],
	},
	{
		op: 'Permission Profile → Update',
		requests: '2 per item',
		notes: 'Reads the profile, then writes it whole (Gong replaces a profile).',
		scenarios: [
			{
				what: '2 items',
				run: async () => {
					const created = await measure(
						'permission-profile/create',
						range(2).map(() => ({ workspaceId: WORKSPACE(), name: unique('Updated') })),
					);
					return await measure(
						'permission-profile/update',
						created.items.map((item) => ({ profileId: String(item.id), permissions: { downloadCallMedia: true } })),
					);
				},
				expected: () => 4,
			},
		],
	},
	{
		op: 'Scorecard → Get Many',
		requests: '1 per item',
		notes: 'Gong returns them all at once.',
		scenarios: [
			perItem('items', async (k) =>
				measure(
					'scorecard/get-many',
					range(k).map(() => ({})),
				),
			),
		],
	},
	{
		op: 'Scorecard → Get Many Answered',
		requests: `1 per 100 answered scorecards (at least 1), ${LISTING}`,
		notes: 'A Limit stops at the page that reaches it.',
		scenarios: [
			{
				what: '230 answered scorecards, Return All',
				run: async () =>
					await measure('scorecard/get-many-answered', [
						{
							dateType: 'call',
							from: daysAgo(400),
							to: daysAgo(0),
							reviewMethod: 'BOTH',
							output: 'scorecard',
							returnAll: true,
							limit: 1,
						},
					]),
				expected: (m) => pages(m.items.length),
				exercises: moreThan(3),
			},
		],
	},
	...(
		[
			['Stat → Get Day by Day Activity', 'stats/day-by-day', {}, true],
			// Only users with calls have interaction stats: fewer than a page here.
			['Stat → Get Interaction Stats', 'stats/interaction', {}, false],
			['Stat → Get User Activity', 'stats/user-activity', { aggregation: 'none', returnAll: true, limit: 1 }, true],
		] as const
	).map(
		([op, name, extra, paged]): Cost => ({
			op,
			requests: `1 per 100 users (at least 1), ${LISTING}`,
			notes: 'One item per user with activity.',
			scenarios: [
				{
					what: 'every user, Return All',
					run: async () => await measure(name, [{ from: daysAgo(60), to: daysAgo(0), userIds: '', ...extra }]),
					expected: (m) => pages(m.items.length),
					exercises: paged ? moreThan(2) : undefined,
				},
			],
		}),
	),
	{
		op: 'Task → Get Many',
		requests: `1 per 100 tasks (at least 1), ${LISTING}`,
		notes: '',
		scenarios: [
			{
				what: "2 items, a user's tasks",
				run: async () =>
					await measure(
						'task/get-many',
						[busiest(), gong.users[2].id].map((userId) => ({ userId, returnAll: true, limit: 1 })),
					),
				expected: (m) => m.perInput.reduce((sum, records) => sum + pages(records), 0),
				exercises: (m) => expect(Math.max(...m.perInput), 'a user with several pages of tasks').toBeGreaterThan(PAGE),
			},
		],
	},
	{
		op: 'Task → Update',
		requests: '1 per item',
		notes: '',
		scenarios: [
			perItem('items', async (k) =>
				measure(
					workflowWith({
						resource: 'task',
						operation: 'update',
						taskId: '={{ $json.taskId }}',
						userId: { __rl: true, mode: 'id', value: '={{ $json.userId }}' },
						updateFields: { priority: 'HIGH' },
					}),
					tasksOf(gong)
						.filter((task) => task.status === 'OPEN')
						.slice(0, k)
						.map((task) => ({ taskId: task.id, userId: task.userId })),
				),
			),
		],
	},
	{
		op: 'Tracker → Get Many',
		requests: '1 per item',
		notes: 'Gong returns them all at once.',
		scenarios: [
			perItem('items', async (k) =>
				measure(
					'tracker/get-many',
					range(k).map(() => ({})),
				),
			),
		],
	},
	{
		op: 'Transcript → Get',
		requests: '2 per 100 calls',
		notes: "All items' calls together: the transcripts, then the calls' participants (the speakers' names).",
		scenarios: [
			{
				what: '3 items',
				run: async () =>
					await measure(
						'transcript/get-text',
						transcribed()
							.slice(0, 3)
							.map((call) => ({ callId: call.metaData.id })),
					),
				expected: () => 2,
			},
			{
				what: '150 items',
				run: async () =>
					await measure(
						'transcript/get-structured',
						transcribed()
							.slice(0, 150)
							.map((call) => ({ callId: call.metaData.id })),
					),
				expected: () => 4,
			},
		],
	},
	{
		op: 'Transcript → Get Many',
		requests: `2 per 100 transcripts (at least 1), ${LISTING}`,
		notes: "Each page of transcripts, then its calls' participants. A Limit stops at the page that reaches it.",
		scenarios: [
			{
				what: 'every transcript, Return All',
				run: async () => await measure('transcript/get-many', [everyone]),
				expected: (m) => 2 * pages(m.items.length),
				exercises: moreThan(3),
			},
			{
				what: 'Limit 30',
				run: async () =>
					await measure('transcript/get-many-limit', [
						{
							callIds: transcribed()
								.slice(0, 60)
								.map((call) => call.metaData.id)
								.join(','),
						},
					]),
				expected: () => 2,
			},
		],
	},
	{
		op: 'User → Get',
		requests: '1 per item',
		notes: '',
		scenarios: [
			perItem('items', async (k) =>
				measure(
					'user/get',
					range(k).map((i) => ({ userId: gong.users[i].id })),
				),
			),
		],
	},
	{
		op: 'User → Get Many',
		requests: `1 per 100 users (at least 1), ${LISTING}`,
		notes: 'A Limit stops at the page that reaches it.',
		scenarios: [
			{
				what: '120 users, Return All',
				run: async () => await measure('user/get-many', [{}]),
				expected: (m) => pages(m.items.length),
				exercises: moreThan(2),
			},
			{
				what: '2 items, Limit 5',
				run: async () =>
					await measure(
						'user/get-many-filtered',
						[0, 1].map(() => ({ from: daysAgo(3650), userIds: gong.users.slice(0, 10).map((user) => user.id) })),
					),
				expected: () => 2,
			},
		],
	},
	{
		op: 'User → Get Settings History',
		requests: '1 per item',
		notes: '',
		scenarios: [
			perItem('items', async (k) =>
				measure(
					'user/get-settings-history',
					range(k).map((i) => ({ userId: gong.users[i].id })),
				),
			),
		],
	},
	{
		op: 'Workspace → Get Many',
		requests: '1 per item',
		notes: 'Gong returns them all at once.',
		scenarios: [
			perItem('items', async (k) =>
				measure(
					'workspace/get-many',
					range(k).map(() => ({})),
				),
			),
		],
	},
];

// ---- the triggers --------------------------------------------------------------------------------

/** The Gong Trigger's rows: one poll (n8n's schedule) of each event, on a Gong of its own. */
const TRIGGER_COSTS: Array<Omit<Cost, 'scenarios'>> = [
	{
		op: 'Gong Trigger: New Call (one poll)',
		requests: '1 per 100 calls started in the look-back window (at least 1, at most 10)',
		notes:
			'Every poll reads the whole window again (Look Back, default 6 h), however few calls are new: mind it with frequent polls.',
	},
	{
		op: 'Gong Trigger: Transcript Ready (one poll)',
		requests: 'as New Call + 1 per 100 calls not emitted yet + 1 per 100 waiting calls that left the window',
		notes:
			'The calls not emitted yet (new ones and those still waiting for a transcript) are asked for their transcripts; waiting calls that left the window are read by ID first. Fetch Test Event (either event) reads the last day, then 7, then 30 days until it finds a call: 3 requests when there is none.',
	},
	{
		op: 'Gong Webhook Trigger (one delivery)',
		requests: 'none; 1 with Attach Transcript',
		notes: "The transcript's speakers are named from the webhook's own participants.",
	},
];

function renderRow(cost: Omit<Cost, 'scenarios'>): string {
	return `| ${cost.op} | ${cost.requests} |${cost.notes ? ` ${cost.notes} ` : ' '}|`;
}

/** The table the README must hold between its request-costs markers. */
export function renderTable(): string {
	return [
		'| Resource → Operation | Requests | Notes |',
		'|---|---|---|',
		...[...COSTS, ...TRIGGER_COSTS].map(renderRow),
	].join('\n');
}

// ---- the README ----------------------------------------------------------------------------------

const START = '<!-- request-costs:start -->';
const END = '<!-- request-costs:end -->';

function readmeTable(): string[] {
	const start = readme.indexOf(START);
	const end = readme.indexOf(END);
	expect(start, 'the README has the request-costs markers').toBeGreaterThan(-1);
	expect(end).toBeGreaterThan(start);
	return readme
		.slice(start + START.length, end)
		.split('\n')
		.filter((line) => line.startsWith('|'));
}

/** "Resource → Operation" for every operation the node offers, as its panel names them. */
async function nodeOperations(): Promise<string[]> {
	const { description } = (await loadPackage()).getNode('gong').type as unknown as {
		description: {
			properties: Array<{
				name: string;
				options?: Array<{ name: string; value: string }>;
				displayOptions?: { show?: { resource?: string[] } };
			}>;
		};
	};
	const resources = description.properties.find((property) => property.name === 'resource')!.options!;
	return description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) => {
			const resource = resources.find((option) => option.value === property.displayOptions!.show!.resource![0])!;
			return property.options!.map((option) => `${resource.name} → ${option.name}`);
		});
}

describe('README: what each operation costs', () => {
	it('the README table is exactly the measured costs below, row for row', () => {
		expect(readmeTable().join('\n')).toBe(renderTable());
	});

	it('every operation of the node has exactly one row, and no row names an operation the node lacks', async () => {
		const operations = await nodeOperations();
		expect(operations).toHaveLength(56);
		const rows = readmeTable()
			.slice(2)
			.map((line) => line.split('|')[1].trim());
		const nodeRows = rows.filter((op) => !op.startsWith('Gong '));
		expect([...nodeRows].sort()).toEqual([...operations].sort());
		expect(new Set(rows).size).toBe(rows.length);
		expect(COSTS.map((cost) => cost.op).sort()).toEqual([...operations].sort());
	});
});

// ---- the measurements ----------------------------------------------------------------------------

describe.each(COSTS)('$op: $requests', (cost) => {
	it.each(cost.scenarios)('$what', async (scenario) => {
		const measured = await scenario.run();
		if (!scenario.fails) expect(measured.errorMessage).toBeUndefined();
		scenario.exercises?.(measured);
		expect(measured.requests, `${cost.op}, ${scenario.what}`).toBe(scenario.expected(measured));
	});
});

describe('Retries are extra requests', () => {
	const get = async () =>
		await measure(
			'call/get-by-id',
			gong.calls.slice(0, 3).map((call) => ({ callId: call.metaData.id })),
		);

	it('a 429 is waited for and sent again: +1 request', async () => {
		gong.inject({ kind: 'status', status: 429, retryAfterSeconds: 0 }, { path: '/v2/calls/extensive', times: 1 });
		const measured = await get();
		expect(measured.errorMessage).toBeUndefined();
		expect(measured.requests).toBe(2);
	});

	it('a 503 twice: +2 requests; on every attempt: 1 + 3 retries, then the error', async () => {
		gong.inject({ kind: 'status', status: 503 }, { path: '/v2/calls/extensive', times: 2 });
		const twice = await get();
		expect(twice.errorMessage).toBeUndefined();
		expect(twice.requests).toBe(3);
		gong.inject({ kind: 'status', status: 503 }, { path: '/v2/calls/extensive', times: Infinity });
		const always = await get();
		gong.clearFaults();
		expect(always.errorMessage).toBe('Gong had a server error (503)');
		expect(always.requests).toBe(4);
	});
});

// ---- the triggers, measured ----------------------------------------------------------------------

describe('Gong Trigger: one poll', () => {
	let own: GongStandIn;
	let trigger: INodeType;
	beforeAll(async () => {
		own = await GongStandIn.start({ calls: 0, users: 6, rateLimitPerSecond: 0, dailyLimit: 0 });
		trigger = (await loadPackage()).getNode('gongTrigger').type as INodeType;
	});
	afterAll(async () => await own.stop());

	const iso = (msAgo: number) => new Date(Math.floor((Date.now() - msAgo) / 1000) * 1000).toISOString();

	async function poll(name: string, staticData: IDataObject): Promise<number> {
		own.clearLog();
		const ctx = await pollContext(fixture(name), 'Gong Trigger', accessKeyCredentials(own), {
			mode: 'trigger',
			staticData,
		});
		await trigger.poll!.call(ctx);
		return own.apiRequests().length;
	}

	it('New Call: 1 per 100 calls in the look-back window, on every poll, however few are new', async () => {
		const calls = range(150).map((i) => own.addCall({ metaData: { started: iso(5 * HOUR - i * 60_000) } }));
		const staticData: IDataObject = {};
		expect(await poll('trigger/new-call', staticData)).toBe(pages(150));
		expect(await poll('trigger/new-call', staticData)).toBe(pages(150));
		own.addCall({ metaData: { started: iso(60_000) } });
		expect(await poll('trigger/new-call', staticData)).toBe(pages(151));
		expect(calls).toHaveLength(150);
	});

	it('Transcript Ready: + 1 per 100 calls not emitted yet, + 1 per 100 waiting calls that left the window', async () => {
		const staticData: IDataObject = {};
		const waiting = range(20).map(() => own.addCall({ metaData: { started: iso(HOUR) } }));
		for (const call of waiting) own.setTranscriptReady(call.metaData.id, false);
		// 171 calls in the window now (the 151 of the test before, and these 20): all are candidates at first.
		expect(await poll('trigger/transcript-ready', staticData)).toBe(pages(171) + pages(171));
		// Then only the 20 still waiting for a transcript are asked again.
		expect(await poll('trigger/transcript-ready', staticData)).toBe(pages(171) + pages(20));
		// A waiting call that has left the window is read by ID, then asked for its transcript.
		const old = own.addCall({ metaData: { started: iso(3 * DAY) } });
		own.setTranscriptReady(old.metaData.id, false);
		const state = (staticData['node:Gong Trigger'] as IDataObject).gong as { pending: Record<string, string> };
		state.pending[old.metaData.id] = old.metaData.started;
		expect(await poll('trigger/transcript-ready', staticData)).toBe(pages(171) + 1 + pages(21));
	});
});

describe('Gong Trigger: a poll reads at most 10 pages', () => {
	it('1,050 calls in the window: 10 requests, the rest on the next poll', async () => {
		const own = await GongStandIn.start({ calls: 0, users: 3, rateLimitPerSecond: 0, dailyLimit: 0 });
		try {
			const trigger = (await loadPackage()).getNode('gongTrigger').type as INodeType;
			for (const i of range(1050)) {
				own.addCall({ metaData: { started: new Date(Date.now() - 5 * HOUR + i * 10_000).toISOString() } });
			}
			const ctx = await pollContext(fixture('trigger/new-call'), 'Gong Trigger', accessKeyCredentials(own), {
				mode: 'trigger',
				staticData: {},
			});
			await trigger.poll!.call(ctx);
			expect(own.apiRequests()).toHaveLength(10);
		} finally {
			await own.stop();
		}
	});

	it('Fetch Test Event with no call in the last 30 days: 3 requests (1, 7 and 30 days)', async () => {
		const own = await GongStandIn.start({ calls: 0, users: 3, rateLimitPerSecond: 0, dailyLimit: 0 });
		try {
			const trigger = (await loadPackage()).getNode('gongTrigger').type as INodeType;
			for (const name of ['trigger/new-call', 'trigger/transcript-ready']) {
				own.clearLog();
				const ctx = await pollContext(fixture(name), 'Gong Trigger', accessKeyCredentials(own), {
					mode: 'manual',
					staticData: {},
				});
				expect(await trigger.poll!.call(ctx)).toBeNull();
				expect(own.apiRequests(), name).toHaveLength(3);
			}
		} finally {
			await own.stop();
		}
	});
});

describe('Gong Webhook Trigger: one delivery', () => {
	let server: ReturnType<express.Express['listen']>;
	let base = '';
	let workflow: IWorkflowBase;
	let credentials: Record<string, ICredentialDataDecryptedObject> = {};
	const urlKey = String(fixture('webhook/url-key').nodes[0].parameters.urlKey);

	beforeAll(async () => {
		const trigger = (await loadPackage()).getNode('gongWebhookTrigger').type as INodeType;
		const app = express();
		app.use(express.raw({ type: '*/*' }), async (req, res) => {
			const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
			req.rawBody = raw;
			req.body = JSON.parse(raw.toString('utf8')) as unknown;
			const ctx = await webhookContext(workflow, 'Gong Webhook Trigger', credentials, {
				req,
				res,
				webhookBaseUrl: base,
			});
			const result = await trigger.webhook!.call(ctx as unknown as IWebhookFunctions);
			if (!res.headersSent) res.status(200).json(result.workflowData ?? {});
		});
		server = app.listen(0, '127.0.0.1');
		await new Promise<void>((resolve) => server.once('listening', () => resolve()));
		const address = server.address();
		if (address === null || typeof address === 'string') throw new Error('no TCP port');
		base = `http://127.0.0.1:${address.port}`;
	});
	afterAll(async () => await new Promise<void>((resolve) => server.close(() => resolve())));

	async function deliver(name: string): Promise<number> {
		workflow = fixture(name);
		const node = workflow.nodes[0];
		node.parameters.authentication = 'accessKey';
		node.credentials = { gongAccessKeyApi: { id: '1', name: 'Gong account' } };
		credentials = accessKeyCredentials(gong);
		const call = structuredClone(transcribed()[0]) as Partial<(typeof gong.calls)[number]>;
		delete call.transcript;
		gong.clearLog();
		const response = await fetch(`${base}/webhook/${String(node.webhookId)}/webhook?key=${urlKey}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ callData: call, isTest: false }),
		});
		expect(response.status).toBe(200);
		// The node answers Gong before it fetches the transcript: wait until it has.
		for (let i = 0; i < 50 && name.includes('transcript') && gong.apiRequests().length === 0; i++) {
			await sleep(10);
		}
		return gong.apiRequests().length;
	}

	it('without Attach Transcript: no request; with it: 1', async () => {
		expect(await deliver('webhook/url-key')).toBe(0);
		expect(await deliver('webhook/url-key-transcript-structured')).toBe(1);
	});
});
