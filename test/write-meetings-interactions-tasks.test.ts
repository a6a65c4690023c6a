import type { IDataObject, INodeParameters, IWorkflowBase, NodeApiError } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { GONG_SCOPES, GongStandIn } from './stand-in/gong-stand-in';
import { digitalInteractionsOf } from './stand-in/routes/digital-interactions';
import { meetingsOf, setMeetingsLimitedRelease } from './stand-in/routes/meetings';
import { tasksOf } from './stand-in/routes/tasks';
import { fastRetries } from './support/faults';
import { fixture, gongNode, oauthCredentials, runFixture, type Auth } from './support/gong-run';

/**
 * The Meeting, Digital Interaction and Task → Update writes, run as workflow JSON through n8n-core
 * against the stand-in with both credential types: what Gong received, what the node outputs, a
 * missing scope named, and each write's answer to a repeat and to a lost answer (Create Meeting
 * must not make a second meeting; a digital interaction is sent again and stored once).
 */

const AUTHS: Auth[] = ['accessKey', 'oAuth2'];
let gong: GongStandIn;
let restore: () => void;

beforeAll(async () => {
	restore = fastRetries();
	gong = await GongStandIn.start({ rateLimitPerSecond: 0, dailyLimit: 0 });
});
afterEach(() => {
	gong.clearFaults();
	setMeetingsLimitedRelease(gong, false);
});
afterAll(async () => {
	restore();
	await gong.stop();
});

/** A one-node workflow (manual trigger → Gong) with these Gong parameters. */
function workflow(parameters: INodeParameters, options: { continueOnFail?: boolean } = {}): IWorkflowBase {
	const base = fixture('task/get-many');
	base.name = `${String(parameters.resource)}: ${String(parameters.operation)}`;
	const node = gongNode(base);
	node.parameters = { authentication: 'accessKey', ...parameters };
	if (options.continueOnFail) node.onError = 'continueRegularOutput';
	return base;
}

/** The token of an OAuth integration that lacks one scope. */
const withoutScope = (scope: string) =>
	oauthCredentials(gong, gong.issueToken({ scopes: GONG_SCOPES.filter((granted) => granted !== scope) }));

const requests = (method: string, path: string | RegExp) =>
	gong
		.apiRequests()
		.filter(
			(entry) => entry.method === method && (typeof path === 'string' ? entry.path === path : path.test(entry.path)),
		);

const errorDescription = (run: { run: { data: { resultData: { error?: unknown } } } }) =>
	String((run.run.data.resultData.error as NodeApiError | undefined)?.description ?? '');

const organizer = () => gong.users[0].emailAddress;

// ---- Meeting ---------------------------------------------------------------------------------------

const meetingParameters: INodeParameters = {
	organizerEmail: '={{ $json.organizer }}',
	startTime: '={{ $json.start }}',
	endTime: '={{ $json.end }}',
	title: '={{ $json.title }}',
	invitees: {
		invitee: [
			{ email: '={{ $json.invitee }}', displayName: 'Marge Simpson', firstName: '', lastName: '' },
			{ email: 'homer@globex.example', displayName: '', firstName: 'Homer', lastName: 'Simpson' },
		],
	},
	additionalFields: { externalId: '={{ $json.externalId }}', provider: 'zoom' },
};
const createMeeting = () => workflow({ resource: 'meeting', operation: 'create', ...meetingParameters });
const updateMeeting = () =>
	workflow({ resource: 'meeting', operation: 'update', meetingId: '={{ $json.meetingId }}', ...meetingParameters });
const deleteMeeting = (options: { continueOnFail?: boolean } = {}) =>
	workflow(
		{
			resource: 'meeting',
			operation: 'delete',
			meetingId: '={{ $json.meetingId }}',
			organizerEmail: '={{ $json.organizer }}',
		},
		options,
	);
const integrationStatus = (options: { continueOnFail?: boolean } = {}) =>
	workflow({ resource: 'meeting', operation: 'getIntegrationStatus', emails: '={{ $json.emails }}' }, options);

const meetingInput = (overrides: IDataObject = {}): IDataObject => ({
	organizer: organizer(),
	// Given with an offset: Gong gets UTC.
	start: '2026-03-02T16:00:00+01:00',
	end: '2026-03-02T16:45:00+01:00',
	title: 'Globex pilot kickoff',
	invitee: 'marge@globex.example',
	externalId: 'cal-88213',
	...overrides,
});

/** A meeting made through the node, for Update and Delete. */
async function newMeetingId(): Promise<string> {
	const { items, errorMessage } = await runFixture(gong, createMeeting(), [meetingInput()]);
	expect(errorMessage).toBeUndefined();
	return String(items[0].meetingId);
}

describe('Meeting', () => {
	it.each(AUTHS)(
		'Create: Gong gets the whole meeting; the output has the join URL and who to invite (%s)',
		async (auth) => {
			gong.clearLog();
			const before = meetingsOf(gong).length;
			const { items, errorMessage, output } = await runFixture(gong, createMeeting(), [meetingInput()], { auth });
			expect(errorMessage).toBeUndefined();
			const [sent] = requests('POST', '/v2/meetings');
			expect(sent.body).toEqual({
				organizerEmail: organizer(),
				startTime: '2026-03-02T15:00:00Z',
				endTime: '2026-03-02T15:45:00Z',
				title: 'Globex pilot kickoff',
				invitees: [
					{ email: 'marge@globex.example', displayName: 'Marge Simpson' },
					{ email: 'homer@globex.example', firstName: 'Homer', lastName: 'Simpson' },
				],
				externalId: 'cal-88213',
				provider: 'zoom',
			});
			expect(meetingsOf(gong)).toHaveLength(before + 1);
			const stored = meetingsOf(gong).at(-1)!;
			expect(items).toEqual([
				{
					meetingId: stored.meetingId,
					meetingUrl: stored.meetingUrl,
					additionalInvitees: [{ displayName: 'Gong Assistant', email: 'assistant@gong.io' }],
					requestId: expect.any(String) as string,
				},
			]);
			expect(output('Gong')[0].pairedItem).toEqual({ item: 0 });
		},
	);

	it.each(AUTHS)('Update: Gong gets the whole meeting again and replaces it (%s)', async (auth) => {
		const meetingId = await newMeetingId();
		gong.clearLog();
		const workflowJson = updateMeeting();
		gongNode(workflowJson).parameters.invitees = { invitee: [{ email: '={{ $json.invitee }}' }] };
		gongNode(workflowJson).parameters.additionalFields = {};
		const { items, errorMessage } = await runFixture(
			gong,
			workflowJson,
			[meetingInput({ meetingId, title: '', end: '2026-03-02T17:00:00+01:00' })],
			{ auth },
		);
		expect(errorMessage).toBeUndefined();
		const [sent] = requests('PUT', `/v2/meetings/${meetingId}`);
		expect(sent.body).toEqual({
			organizerEmail: organizer(),
			startTime: '2026-03-02T15:00:00Z',
			endTime: '2026-03-02T16:00:00Z',
			invitees: [{ email: 'marge@globex.example' }],
		});
		expect(items).toEqual([{ meetingId, requestId: expect.any(String) as string }]);
		// Replaced, not merged: the title, external ID and provider left out are gone.
		expect(meetingsOf(gong).find((meeting) => meeting.meetingId === meetingId)).toMatchObject({
			title: null,
			externalId: null,
			provider: null,
			endTime: '2026-03-02T16:00:00Z',
			invitees: [{ email: 'marge@globex.example' }],
		});
	});

	it('Update: an unknown meeting is a clear not-found error', async () => {
		const { errorMessage } = await runFixture(gong, updateMeeting(), [meetingInput({ meetingId: '123456789' })]);
		expect(errorMessage).toBe(`Meeting 123456789 (organizer ${organizer()}) was not found in Gong`);
	});

	it.each(AUTHS)('Delete: the meeting is gone; deleting it again is done, alreadyDeleted (%s)', async (auth) => {
		const meetingId = await newMeetingId();
		gong.clearLog();
		const first = await runFixture(gong, deleteMeeting(), [{ meetingId, organizer: organizer() }], { auth });
		expect(first.errorMessage).toBeUndefined();
		expect(requests('DELETE', `/v2/meetings/${meetingId}`)[0].body).toEqual({ organizerEmail: organizer() });
		expect(first.items).toEqual([
			{ meetingId, deleted: true, alreadyDeleted: false, requestId: expect.any(String) as string },
		]);
		expect(meetingsOf(gong).some((meeting) => meeting.meetingId === meetingId)).toBe(false);
		const again = await runFixture(gong, deleteMeeting(), [{ meetingId, organizer: organizer() }], { auth });
		expect(again.errorMessage).toBeUndefined();
		expect(again.items).toEqual([
			{ meetingId, deleted: true, alreadyDeleted: true, requestId: expect.any(String) as string },
		]);
	});

	it('Delete: a 404 that is not Gong\'s "no meeting found" stays an error', async () => {
		const meetingId = await newMeetingId();
		gong.inject({ kind: 'status', status: 404, message: 'Not found' }, { path: '/v2/meetings/', method: 'DELETE' });
		const { errorMessage } = await runFixture(gong, deleteMeeting(), [{ meetingId, organizer: organizer() }]);
		expect(errorMessage).toBe('Gong found nothing: Not found');
		expect(meetingsOf(gong).some((meeting) => meeting.meetingId === meetingId)).toBe(true);
	});

	it.each(AUTHS)(
		'Get Integration Status: the emails of all items in one request, one output item per email, paired (%s)',
		async (auth) => {
			const [a, b] = [gong.users[1].emailAddress, gong.users[2].emailAddress];
			gong.clearLog();
			const { items, output, errorMessage } = await runFixture(
				gong,
				integrationStatus(),
				[{ emails: `${a}, ${b}` }, { emails: ['nobody@globex.example', b.toUpperCase()] }, { emails: a }],
				{ auth },
			);
			expect(errorMessage).toBeUndefined();
			const sent = requests('POST', '/v2/meetings/integration/status');
			expect(sent).toHaveLength(1);
			expect(sent[0].body).toEqual({ emails: [a, b, 'nobody@globex.example'] });
			expect(items.map((item) => [item.email, item.exists])).toEqual([
				[a, true],
				[b, true],
				['nobody@globex.example', false],
				[b, true],
				[a, true],
			]);
			expect(items[0]).toMatchObject({ valid: true });
			expect(output('Gong').map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 0 },
				{ item: 1 },
				{ item: 1 },
				{ item: 2 },
			]);
		},
	);

	it('Get Integration Status: 100 emails per request; Continue On Fail keeps the other items', async () => {
		const many = Array.from({ length: 150 }, (_, index) => `person${index}@globex.example`);
		gong.clearLog();
		const { items, output, errorMessage } = await runFixture(gong, integrationStatus({ continueOnFail: true }), [
			{ emails: many.slice(0, 80) },
			{ emails: 'not-an-email' },
			{ emails: many.slice(80) },
		]);
		expect(errorMessage).toBeUndefined();
		const sent = requests('POST', '/v2/meetings/integration/status');
		expect(sent.map((entry) => (entry.body as { emails: string[] }).emails.length)).toEqual([100, 50]);
		expect(items).toHaveLength(151);
		expect(items[80]).toMatchObject({ error: '"not-an-email" in "Emails" is not an email address' });
		expect(output('Gong')[80].pairedItem).toEqual({ item: 1 });
		expect(output('Gong')[81].pairedItem).toEqual({ item: 2 });
		expect(items[150]).toMatchObject({ email: many[149], exists: false });
	});

	it.each([
		['Create', createMeeting, () => [meetingInput()], 'api:meetings:user:create'],
		['Update', updateMeeting, () => [meetingInput({ meetingId: '123456789' })], 'api:meetings:user:update'],
		['Delete', deleteMeeting, () => [{ meetingId: '123456789', organizer: organizer() }], 'api:meetings:user:delete'],
		['Get Integration Status', integrationStatus, () => [{ emails: organizer() }], 'api:meetings:integration:status'],
	] as const)('%s names the missing OAuth scope', async (_name, build, input, scope) => {
		const { errorMessage } = await runFixture(gong, build(), input(), {
			auth: 'oAuth2',
			credentials: withoutScope(scope),
		});
		expect(errorMessage).toBe(`Missing Gong permission: ${scope}`);
	});

	it.each(AUTHS)('Create: a company without the limited release gets its own message (%s)', async (auth) => {
		setMeetingsLimitedRelease(gong, true);
		const before = meetingsOf(gong).length;
		const result = await runFixture(gong, createMeeting(), [meetingInput()], { auth });
		expect(result.errorMessage).toBe('This Gong API is in limited release and not enabled for this company (403)');
		expect(errorDescription(result)).toMatch(/Gong account team or Gong support/);
		expect(meetingsOf(gong)).toHaveLength(before);
	});

	it.each(AUTHS)(
		'Create: a 500 after Gong made the meeting is not sent again: "may or may not", one meeting (%s)',
		async (auth) => {
			const before = meetingsOf(gong).length;
			gong.clearLog();
			gong.inject({ kind: 'afterWrite', then: 'status' }, { path: '/v2/meetings', method: 'POST' });
			const result = await runFixture(gong, createMeeting(), [meetingInput()], { auth });
			expect(result.errorMessage).toBe('Gong may or may not have done this: check before running it again');
			expect(errorDescription(result)).toContain(
				`Check whether ${organizer()} has a meeting "Globex pilot kickoff" at 2026-03-02T15:00:00Z, external ID cal-88213`,
			);
			const sent = requests('POST', '/v2/meetings');
			expect(sent.map((entry) => [entry.status, entry.unsentStatus])).toEqual([[500, 200]]);
			expect(meetingsOf(gong)).toHaveLength(before + 1);
		},
	);

	it('Create: times and emails are checked before anything is sent', async () => {
		gong.clearLog();
		const reversed = await runFixture(gong, createMeeting(), [meetingInput({ end: '2026-03-02T15:30:00+01:00' })]);
		expect(reversed.errorMessage).toBe(
			'"End Time" (2026-03-02T14:30:00Z) is not after "Start Time" (2026-03-02T15:00:00Z)',
		);
		const badInvitee = await runFixture(gong, createMeeting(), [meetingInput({ invitee: 'marge' })]);
		expect(badInvitee.errorMessage).toBe('"marge" in "Invitee 1 Email" is not an email address');
		const noStart = await runFixture(gong, createMeeting(), [meetingInput({ start: '' })]);
		expect(noStart.errorMessage).toBe('"Start Time" is empty');
		expect(gong.apiRequests()).toHaveLength(0);
	});
});

// ---- Digital Interaction ---------------------------------------------------------------------------

const interaction = (parameters: INodeParameters = {}) =>
	workflow({
		resource: 'digitalInteraction',
		operation: 'create',
		eventId: '={{ $json.eventId }}',
		timestamp: '={{ $json.timestamp }}',
		eventType: 'page viewed',
		contentTitle: '={{ $json.title }}',
		person: {
			name: '={{ $json.name }}',
			email: '={{ $json.email }}',
			companyName: 'Globex',
			companyDomain: 'globex.example',
		},
		additionalFields: {
			contentUrl: 'https://www.acme.example/pricing',
			contentLabels: 'pricing, enterprise',
			sourceSystemName: 'n8n',
			sessionId: '={{ $json.session }}',
			device: 'PC',
			customFields: {
				field: [
					{ name: 'Seconds on page', value: '42', dataType: 'DURATION' },
					{ name: 'Plan', value: 'Enterprise', dataType: 'STRING' },
				],
			},
		},
		...parameters,
	});

let eventSeq = 0;
const eventInput = (overrides: IDataObject = {}): IDataObject => ({
	eventId: `evt-${Date.now()}-${++eventSeq}`,
	timestamp: '2026-03-02T10:04:00-05:00',
	title: 'Pricing',
	name: 'Marge Simpson',
	email: 'marge@globex.example',
	session: 'sess-1',
	...overrides,
});
const stored = (eventId: unknown) => digitalInteractionsOf(gong).filter((event) => event.eventId === eventId);

describe('Digital Interaction', () => {
	it.each(AUTHS)('Create: Gong gets the event as described; output alreadyReported false (%s)', async (auth) => {
		const input = eventInput();
		gong.clearLog();
		const { items, output, errorMessage } = await runFixture(gong, interaction(), [input], { auth });
		expect(errorMessage).toBeUndefined();
		const [sent] = requests('POST', '/v2/digital-interaction');
		expect(sent.body).toEqual({
			eventId: input.eventId,
			timestamp: '2026-03-02T15:04:00Z',
			eventType: 'page viewed',
			content: {
				contentTitle: 'Pricing',
				contentUrl: 'https://www.acme.example/pricing',
				contentLabel: ['pricing', 'enterprise'],
			},
			person: {
				name: 'Marge Simpson',
				email: 'marge@globex.example',
				company: { name: 'Globex', domain: 'globex.example' },
			},
			sourceSystemName: 'n8n',
			sessionId: 'sess-1',
			device: 'PC',
			customFields: [
				{ name: 'Seconds on page', value: '42', dataType: 'DURATION' },
				{ name: 'Plan', value: 'Enterprise', dataType: 'STRING' },
			],
		});
		expect(items).toEqual([
			{ eventId: input.eventId, alreadyReported: false, requestId: expect.any(String) as string },
		]);
		expect(output('Gong')[0].pairedItem).toEqual({ item: 0 });
		expect(stored(input.eventId)).toHaveLength(1);
	});

	it.each(AUTHS)(
		'Create twice with the same Event ID: the second is alreadyReported, one event stored (%s)',
		async (auth) => {
			const input = eventInput();
			const first = await runFixture(gong, interaction(), [input], { auth });
			const second = await runFixture(gong, interaction(), [input], { auth });
			expect(first.items[0]).toMatchObject({ eventId: input.eventId, alreadyReported: false });
			expect(second.errorMessage).toBeUndefined();
			expect(second.items[0]).toMatchObject({ eventId: input.eventId, alreadyReported: true });
			expect(stored(input.eventId)).toHaveLength(1);
		},
	);

	it.each(AUTHS)(
		'Create after a 500 that came after Gong stored it: sent again, success, one event (%s)',
		async (auth) => {
			const input = eventInput();
			gong.clearLog();
			gong.inject({ kind: 'afterWrite', then: 'status' }, { path: '/v2/digital-interaction', method: 'POST' });
			const { items, errorMessage } = await runFixture(gong, interaction(), [input], { auth });
			expect(errorMessage).toBeUndefined();
			expect(requests('POST', '/v2/digital-interaction').map((entry) => entry.status)).toEqual([500, 409]);
			expect(items[0]).toMatchObject({ eventId: input.eventId, alreadyReported: true });
			expect(stored(input.eventId)).toHaveLength(1);
		},
	);

	it('Create: a 409 other than "already reported" stays an error', async () => {
		gong.inject({ kind: 'status', status: 409, message: 'Conflict' }, { path: '/v2/digital-interaction' });
		const { errorMessage } = await runFixture(gong, interaction(), [eventInput()]);
		expect(errorMessage).toBe('Gong refused the request as a conflict (409): Conflict');
	});

	it('Create: a Tracking ID instead of a person; both, or neither, refused before sending', async () => {
		const byTracking = interaction({ person: {} });
		const extra = gongNode(byTracking).parameters.additionalFields as IDataObject;
		extra.trackingId = 'trk-42';
		const input = eventInput();
		gong.clearLog();
		const tracked = await runFixture(gong, byTracking, [input]);
		expect(tracked.errorMessage).toBeUndefined();
		const body = requests('POST', '/v2/digital-interaction')[0].body as IDataObject;
		expect(body.trackingId).toBe('trk-42');
		expect(body).not.toHaveProperty('person');

		const both = interaction();
		(gongNode(both).parameters.additionalFields as IDataObject).trackingId = 'trk-42';
		gong.clearLog();
		const refused = await runFixture(gong, both, [eventInput()]);
		expect(refused.errorMessage).toBe('Both the person and a Tracking ID are given');
		const nobody = await runFixture(gong, interaction({ person: {} }), [eventInput()]);
		expect(nobody.errorMessage).toBe('No person and no Tracking ID');
		const noEventId = await runFixture(gong, interaction(), [eventInput({ eventId: '' })]);
		expect(noEventId.errorMessage).toBe('"Event ID" is empty');
		expect(gong.apiRequests()).toHaveLength(0);
	});

	it('Create names the missing OAuth scope', async () => {
		const { errorMessage } = await runFixture(gong, interaction(), [eventInput()], {
			auth: 'oAuth2',
			credentials: withoutScope('api:digital-interactions:write'),
		});
		expect(errorMessage).toBe('Missing Gong permission: api:digital-interactions:write');
	});
});

// ---- Task → Update ---------------------------------------------------------------------------------

const taskUpdate = (updateFields: INodeParameters, options: { continueOnFail?: boolean } = {}) =>
	workflow(
		{
			resource: 'task',
			operation: 'update',
			taskId: '={{ $json.taskId }}',
			userId: { __rl: true, mode: 'id', value: '={{ $json.userId }}' },
			updateFields,
		},
		options,
	);

const openTasks = () => tasksOf(gong).filter((task) => task.status === 'OPEN');

describe('Task → Update', () => {
	it.each(AUTHS)('sends the owner and the changes; outputs the task as Gong now has it (%s)', async (auth) => {
		const task = openTasks()[0];
		gong.clearLog();
		const { items, output, errorMessage } = await runFixture(
			gong,
			taskUpdate({ status: 'DONE', dueDate: '={{ $json.due }}', priority: 'HIGH' }),
			[{ taskId: task.id, userId: task.userId, due: '2026-04-01T11:00:00+02:00' }],
			{ auth },
		);
		expect(errorMessage).toBeUndefined();
		const [sent] = requests('PATCH', `/v2/tasks/${task.id}`);
		expect(sent.body).toEqual({
			userId: task.userId,
			status: 'DONE',
			dueDate: '2026-04-01T09:00:00Z',
			priority: 'HIGH',
		});
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			id: task.id,
			userId: task.userId,
			status: 'DONE',
			dueDate: '2026-04-01T09:00:00Z',
			priority: { name: 'high' },
		});
		expect(output('Gong')[0].pairedItem).toEqual({ item: 0 });
		expect(tasksOf(gong).find((found) => found.id === task.id)).toMatchObject({ status: 'DONE' });
	});

	it('an unknown task is a clear not-found error', async () => {
		const { errorMessage } = await runFixture(gong, taskUpdate({ status: 'DONE' }), [
			{ taskId: '123456789', userId: gong.users[0].id },
		]);
		expect(errorMessage).toBe('Task 123456789 was not found in Gong');
	});

	it('names the missing OAuth scope', async () => {
		const task = openTasks()[0];
		const { errorMessage } = await runFixture(
			gong,
			taskUpdate({ status: 'DISMISSED' }),
			[{ taskId: task.id, userId: task.userId }],
			{ auth: 'oAuth2', credentials: withoutScope('api:tasks:write') },
		);
		expect(errorMessage).toBe('Missing Gong permission: api:tasks:write');
	});

	it('Continue On Fail: one error item per failed input item, paired; the others are updated', async () => {
		const [first, second] = openTasks();
		gong.clearLog();
		const { output, errorMessage } = await runFixture(
			gong,
			taskUpdate({ status: 'DISMISSED' }, { continueOnFail: true }),
			[
				{ taskId: first.id, userId: first.userId },
				{ taskId: '123456789', userId: first.userId },
				{ taskId: 'task-7', userId: first.userId },
				{ taskId: second.id, userId: second.userId },
			],
		);
		expect(errorMessage).toBeUndefined();
		const items = output('Gong');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(items[0].json).toMatchObject({ id: first.id, status: 'DISMISSED' });
		expect(items[1].json).toMatchObject({ error: 'Task 123456789 was not found in Gong', httpCode: '404' });
		expect(items[2].json).toMatchObject({ error: '"task-7" in "Task ID" is not a Gong ID' });
		expect(items[3].json).toMatchObject({ id: second.id, status: 'DISMISSED' });
		// The bad ID never reached Gong.
		expect(requests('PATCH', /^\/v2\/tasks\//)).toHaveLength(3);
	});

	it('nothing to update is refused before sending', async () => {
		const task = openTasks()[0];
		gong.clearLog();
		const { errorMessage } = await runFixture(gong, taskUpdate({}), [{ taskId: task.id, userId: task.userId }]);
		expect(errorMessage).toBe('Nothing to update');
		expect(gong.apiRequests()).toHaveLength(0);
	});
});
