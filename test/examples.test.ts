import type { INodeType, IWorkflowBase } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import example from '../examples/call-processed-summary.workflow.json';
import callsExample from '../examples/calls-last-7-days.workflow.json';
import transcriptsExample from '../examples/transcripts-as-text.workflow.json';
import usersExample from '../examples/users.workflow.json';
import { GongStandIn } from './stand-in/gong-stand-in';
import { expectedText } from './support/expected';
import { accessKeyCredentials } from './support/gong-run';
import { loadPackage, pollContext, runWorkflow } from './support/n8n-harness';

/** The README's importable workflow: its Gong Trigger, as written, yields what the next nodes read. */
let gong: GongStandIn;

beforeAll(async () => {
	gong = await GongStandIn.start({ calls: 0, users: 5 });
});
afterAll(async () => await gong.stop());

describe('Example: call processed → transcript → summary', () => {
	it('the Gong Trigger emits the title, participants and plain-text transcript the summary prompt uses', async () => {
		const call = gong.addCall({
			metaData: { started: new Date(Date.now() - 60_000).toISOString(), scope: 'External' },
		});
		const workflow = example as unknown as IWorkflowBase;
		const triggerOnly = { nodes: workflow.nodes.filter((node) => node.name === 'Gong Trigger'), connections: {} };
		const trigger = (await loadPackage()).getNode('gongTrigger').type as INodeType;
		const ctx = await pollContext(triggerOnly, 'Gong Trigger', accessKeyCredentials(gong), {
			mode: 'manual',
			staticData: {},
		});
		const result = await trigger.poll!.call(ctx);
		const json = result![0][0].json as {
			metaData: { id: string; title: string; url: string };
			parties: Array<{ name: string; affiliation: string }>;
			transcript: { transcript: string };
			content: { brief: string; pointsOfInterest: unknown };
		};
		expect(json.metaData.id).toBe(call.metaData.id);
		expect(json.metaData.url).toBe(call.metaData.url);
		expect(json.parties.map((party) => party.name)).toEqual(call.parties.map((party) => party.name));
		expect(json.transcript.transcript.split('\n').length).toBeGreaterThan(1);
		expect(json.content.brief).toBe(call.content.brief);
		expect(json.content.pointsOfInterest).toEqual(call.content.pointsOfInterest);
	});
});

/** The examples `npm run dev` imports, as written, against a company whose calls run up to now. */
describe('Examples for the editor: calls, transcripts, users', () => {
	let company: GongStandIn;
	const DAY = 86_400_000;

	beforeAll(async () => {
		// 10 days of calls, one every 4 hours, the last about an hour ago.
		company = await GongStandIn.start({
			calls: 60,
			users: 8,
			startDate: new Date(Date.now() - 60 * 4 * 3_600_000).toISOString(),
			callIntervalMinutes: 240,
			rateLimitPerSecond: 0,
		});
	});
	afterAll(async () => await company.stop());

	const startedWithin = (days: number) => (call: GongStandIn['calls'][number]) =>
		Date.parse(call.metaData.started) >= Date.now() - days * DAY;

	it('"calls of the last 7 days" returns every call of the last 7 days with participants', async () => {
		const result = await runWorkflow(callsExample as unknown as IWorkflowBase, accessKeyCredentials(company));
		expect(result.errorMessage).toBeUndefined();
		const calls = result
			.output('Get calls of the last 7 days')
			.map((item) => item.json as { metaData: { id: string }; parties: Array<{ name: string }> });
		const expected = company.calls.filter(startedWithin(7));
		expect(expected.length).toBeGreaterThan(30);
		expect(calls.map((call) => call.metaData.id)).toEqual(expected.map((call) => call.metaData.id));
		expect(calls.every((call) => call.parties.length > 1 && call.parties.every((party) => party.name))).toBe(true);
	});

	it('"latest transcripts as text" returns 5 transcripts of the last 3 days with speaker names', async () => {
		const result = await runWorkflow(transcriptsExample as unknown as IWorkflowBase, accessKeyCredentials(company));
		expect(result.errorMessage).toBeUndefined();
		const items = result
			.output('Get transcripts as text')
			.map((item) => item.json as { callId: string; transcript: string });
		expect(items).toHaveLength(5);
		for (const item of items) {
			const call = company.calls.find((candidate) => candidate.metaData.id === item.callId)!;
			expect(startedWithin(3)(call)).toBe(true);
			expect(item.transcript).toBe(expectedText(call));
		}
	});

	it('"every user" returns all users', async () => {
		const result = await runWorkflow(usersExample as unknown as IWorkflowBase, accessKeyCredentials(company));
		expect(result.errorMessage).toBeUndefined();
		const ids = result.output('Get all users').map((item) => (item.json as { id: string }).id);
		expect(ids.sort()).toEqual(company.users.map((user) => user.id).sort());
	});
});
