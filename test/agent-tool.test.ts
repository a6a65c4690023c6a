import type { IWorkflowBase } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GONG_SCOPES, GongStandIn } from './stand-in/gong-stand-in';
import { fixture, gongNode, oauthCredentials, runFixture, type Auth } from './support/gong-run';

/**
 * The Gong node as an AI agent's tool (`n8n-nodes-gong.gongTool`, as n8n builds it from the node):
 * a failure is the tool's answer, readable by the agent, and the execution goes on. n8n 1.x would
 * stop the whole execution on a thrown error, and 2.x would hand the agent only the first line.
 */
let gong: GongStandIn;

beforeAll(async () => {
	gong = await GongStandIn.start({ calls: 20, users: 6 });
});
afterAll(async () => await gong.stop());

function asTool(name: string): IWorkflowBase {
	const workflow = fixture(name);
	gongNode(workflow).type = 'n8n-nodes-gong.gongTool';
	return workflow;
}

describe('As an AI tool, errors are the answer', () => {
	for (const auth of ['accessKey', 'oAuth2'] as Auth[]) {
		it(`an unknown call: the agent reads what went wrong and what to do (${auth})`, async () => {
			const run = await runFixture(gong, asTool('call/get-by-id'), [{ callId: '1234567' }], { auth });
			expect(run.errorMessage).toBeUndefined();
			expect(run.items).toHaveLength(1);
			const error = String(run.items[0].error);
			expect(error).toMatch(/^Call 1234567 was not found in Gong /);
			// n8n's description (the fix) is kept, which n8n 2.x's agent would drop.
			expect(error.length).toBeGreaterThan('Call 1234567 was not found in Gong '.length + 10);
			expect(run.output('Gong')[0].pairedItem).toEqual({ item: 0 });
		});
	}

	it('a missing OAuth scope names the scope to add', async () => {
		const token = gong.issueToken({ scopes: GONG_SCOPES.filter((scope) => scope !== 'api:calls:read:extensive') });
		const run = await runFixture(gong, asTool('call/get-by-id'), [{ callId: gong.calls[0].metaData.id }], {
			auth: 'oAuth2',
			credentials: oauthCredentials(gong, token),
		});
		expect(run.errorMessage).toBeUndefined();
		expect(String(run.items[0].error)).toContain('api:calls:read:extensive');
	});

	it('bad input from the agent (a date that is not one) says what was wrong, before any request', async () => {
		const before = gong.apiRequests().length;
		const run = await runFixture(gong, asTool('errors/call-get-many'), [{ from: 'last tuesday', to: '2026-03-01' }]);
		expect(run.errorMessage).toBeUndefined();
		expect(String(run.items[0].error)).toMatch(/last tuesday/);
		expect(gong.apiRequests()).toHaveLength(before);
	});

	it('as a regular node the same error still fails the execution', async () => {
		const run = await runFixture(gong, fixture('call/get-by-id'), [{ callId: '1234567' }]);
		expect(run.errorMessage).toBe('Call 1234567 was not found in Gong');
	});
});

describe('Output sized for a context window', () => {
	const withTranscript = () => gong.calls.find((call) => (call.transcript?.length ?? 0) > 3)!;

	it('a transcript capped by Max Characters is cut at a line end and says so', async () => {
		const call = withTranscript();
		const workflow = fixture('transcript/get-text');
		gongNode(workflow).parameters.options = { maxCharacters: 400 };
		const run = await runFixture(gong, workflow, [{ callId: call.metaData.id }]);
		expect(run.errorMessage).toBeUndefined();
		const [item] = run.items;
		const full = await runFixture(gong, fixture('transcript/get-text'), [{ callId: call.metaData.id }]);
		const whole = String(full.items[0].transcript);
		expect(whole.length).toBeGreaterThan(400);
		expect(item.truncated).toBe(true);
		expect(item.characters).toBe(whole.length);
		const [shown, note] = String(item.transcript).split('\n[Transcript truncated: ');
		expect(shown.length).toBeLessThanOrEqual(400);
		// Whole lines only (these lines are shorter than half the cap), as in the full transcript.
		expect(shown.length).toBeGreaterThan(200);
		expect(whole.startsWith(`${shown}\n`)).toBe(true);
		expect(note).toBe(
			`the first ${shown.length} of ${whole.length} characters are shown; the rest of the call is left out.]`,
		);
		// Without the option, the regular node's output is as before: whole, no new fields.
		expect(full.items[0].truncated).toBeUndefined();
	});

	it('as a tool, a transcript is capped at 20,000 characters unless the author set another cap', async () => {
		const call = withTranscript();
		const run = await runFixture(gong, asTool('transcript/get-text'), [{ callId: call.metaData.id }]);
		expect(run.errorMessage).toBeUndefined();
		// The stand-in's transcripts are shorter than 20,000 characters: whole, and the agent is told so.
		expect(run.items[0]).toMatchObject({ truncated: false });
		expect(run.items[0].characters).toBe(String(run.items[0].transcript).length);
	});

	it('Output → Summary (the default as a tool): a compact call (title, start, participants, brief, next steps), fetched with just that content', async () => {
		const call = gong.calls.find((candidate) => candidate.content?.pointsOfInterest?.actionItems?.length)!;
		gong.clearLog();
		const run = await runFixture(gong, asTool('call/get-by-id'), [{ callId: call.metaData.id }]);
		expect(run.errorMessage).toBeUndefined();
		expect(run.items).toEqual([
			{
				id: call.metaData.id,
				title: call.metaData.title,
				started: call.metaData.started,
				durationSeconds: call.metaData.duration,
				url: call.metaData.url,
				participants: call.parties.map((party) => ({
					name: party.name ?? null,
					email: party.emailAddress ?? null,
					title: party.title ?? null,
					affiliation: party.affiliation ?? 'Unknown',
				})),
				brief: call.content?.brief,
				nextSteps: call.content!.pointsOfInterest!.actionItems!.map((item) => item.snippet),
			},
		]);
		const [request] = gong.apiRequests();
		const exposed = (request.body as { contentSelector: { exposedFields: Record<string, unknown> } }).contentSelector
			.exposedFields;
		expect(exposed).toMatchObject({ parties: true, content: { brief: true, pointsOfInterest: true } });
		expect(JSON.stringify(exposed)).not.toContain('keyPoints');
		// The regular node keeps Gong's full object unless Output is set to Summary.
		const full = await runFixture(gong, fixture('call/get-by-id'), [{ callId: call.metaData.id }]);
		expect(full.items[0].metaData).toBeDefined();
	});
});

describe('Destructive and credit-spending operations are not offered to an agent unless the author allows it', () => {
	const byId = (value: string) => ({ __rl: true, mode: 'id', value });
	/** Each operation with parameters that pass n8n's own checks (required fields set). */
	const gated: Array<{ action: string; parameters: Record<string, unknown>; nothing?: string }> = [
		{
			action: 'Erasing data',
			parameters: {
				resource: 'dataPrivacy',
				operation: 'eraseForEmail',
				emailAddress: 'a@b.co',
				confirmation: 'a@b.co',
			},
			nothing: 'Nothing was erased.',
		},
		{
			action: 'Deleting meetings',
			parameters: { resource: 'meeting', operation: 'delete', meetingId: '123', organizerEmail: 'a@b.co' },
		},
		{
			action: 'Deleting a CRM integration',
			parameters: { resource: 'crm', operation: 'deleteIntegration', integrationId: byId('123') },
		},
		{
			action: 'Unassigning prospects',
			parameters: {
				resource: 'engageFlow',
				operation: 'unassign',
				unassignBy: 'crmId',
				crmProspectId: '1',
				scope: 'all',
			},
		},
		{
			action: 'Removing access to calls',
			parameters: { resource: 'call', operation: 'removeAccess', callId: byId('123'), userIds: ['1'] },
		},
		{
			action: 'Asking Gong AI (it spends AI credits)',
			parameters: {
				resource: 'ai',
				operation: 'ask',
				workspaceId: byId('1'),
				crmEntityType: 'Account',
				crmEntityId: '1',
				question: 'What?',
			},
		},
		{
			action: 'Getting a Gong AI brief (it spends AI credits)',
			parameters: {
				resource: 'ai',
				operation: 'getBrief',
				workspaceId: byId('1'),
				crmEntityType: 'Account',
				crmEntityId: '1',
				briefName: { __rl: true, mode: 'name', value: 'Brief' },
			},
		},
	];
	const workflowFor = (parameters: Record<string, unknown>, tool: boolean, allow?: boolean): IWorkflowBase => {
		const workflow = fixture('call/get-by-id');
		const node = gongNode(workflow);
		if (tool) node.type = 'n8n-nodes-gong.gongTool';
		node.parameters = { authentication: 'accessKey', ...parameters, ...(allow ? { allowAsTool: true } : {}) };
		return workflow;
	};

	for (const { action, parameters, nothing } of gated) {
		it(`${String(parameters.resource)} → ${String(parameters.operation)}`, async () => {
			const before = gong.apiRequests().length;
			const refused = await runFixture(gong, workflowFor(parameters, true), [{}]);
			expect(refused.errorMessage).toBeUndefined();
			expect(String(refused.items[0].error)).toBe(
				`${action} is not allowed for an AI agent here The workflow author has not switched on "Allow an AI Agent to Run This" for this Gong node. ${nothing ?? 'Nothing was sent to Gong.'}`,
			);
			expect(gong.apiRequests()).toHaveLength(before);
			// Allowed, or as a regular node: no refusal (whatever Gong answers next).
			const allowed = await runFixture(gong, workflowFor(parameters, true, true), [{}]);
			expect(JSON.stringify(allowed.items)).not.toContain('not allowed for an AI agent');
			const regular = await runFixture(gong, workflowFor(parameters, false), [{}]);
			expect(regular.errorMessage ?? '').not.toContain('not allowed for an AI agent');
		});
	}
});
