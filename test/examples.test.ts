import type { IDataObject, INode, INodeType, IWorkflowBase } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import example from '../examples/call-processed-summary.workflow.json';
import agentExample from '../examples/gong-agent.workflow.json';
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

/**
 * The AI-agent example: an agent with an OpenAI chat model and three Gong tools whose inputs the
 * model fills through $fromAI. Here each tool runs on its own with what a model would send (n8n reads
 * $fromAI from the input item); e2e/agent.e2e.ts runs the whole agent in a real n8n.
 */
describe('Example: an AI agent with the Gong tools', () => {
	let company: GongStandIn;
	const nodes = (agentExample as unknown as IWorkflowBase).nodes;
	const tool = (name: string) => nodes.find((node) => node.name === name)!;

	beforeAll(async () => {
		company = await GongStandIn.start({
			calls: 30,
			users: 6,
			startDate: new Date(Date.now() - 30 * 6 * 3_600_000).toISOString(),
			callIntervalMinutes: 360,
			rateLimitPerSecond: 0,
		});
	});
	afterAll(async () => await company.stop());

	async function runTool(name: string, input: IDataObject) {
		const trigger = nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger')!;
		const workflow = {
			nodes: [trigger, { ...tool(name), name: 'Tool' } as INode],
			connections: { [trigger.name]: { main: [[{ node: 'Tool', type: 'main' as const, index: 0 }]] } },
		};
		const result = await runWorkflow(workflow, accessKeyCredentials(company), { input: [input] });
		expect(result.errorMessage).toBeUndefined();
		return result.output('Tool').map((item) => item.json);
	}

	it('is an agent with a chat model and the three Gong tools, each described for the model', () => {
		const connections = (agentExample as unknown as IWorkflowBase).connections;
		const agent = nodes.find((node) => node.type === '@n8n/n8n-nodes-langchain.agent')!;
		expect(agent.parameters.promptType).toBe('define');
		expect(connections['OpenAI Chat Model'].ai_languageModel[0]![0].node).toBe(agent.name);
		const tools = nodes.filter((node) => node.type === 'n8n-nodes-gong.gongTool');
		expect(tools.map((node) => node.name)).toEqual(['Search calls', 'Get transcript', 'Get users']);
		for (const node of tools) {
			expect(connections[node.name].ai_tool[0]![0]).toEqual({ node: agent.name, type: 'ai_tool', index: 0 });
			expect(String(node.parameters.toolDescription).length).toBeGreaterThan(40);
		}
		const fromAi = JSON.stringify(tools.map((node) => node.parameters)).match(/\$fromAI\('\w+'/g);
		expect(fromAi).toEqual(["$fromAI('limit'", "$fromAI('fromDateTime'", "$fromAI('toDateTime'", "$fromAI('callId'"]);
	});

	it('"Search calls" returns the calls of the date range the model asks for, up to its limit', async () => {
		const from = new Date(Date.now() - 4 * 86_400_000).toISOString();
		const to = new Date(Date.now() - 2 * 86_400_000).toISOString();
		const calls = await runTool('Search calls', { fromDateTime: from, toDateTime: to, limit: 3 });
		const expected = company.calls.filter(
			(call) =>
				Date.parse(call.metaData.started) >= Date.parse(from) && Date.parse(call.metaData.started) < Date.parse(to),
		);
		expect(expected.length).toBeGreaterThan(3);
		expect(calls.map((call) => call.id ?? (call.metaData as { id: string }).id)).toEqual(
			expected.slice(0, 3).map((call) => call.metaData.id),
		);
	});

	it('"Get transcript" returns the transcript as text with speaker names, by call ID or Gong URL', async () => {
		const call = company.calls[3];
		for (const callId of [call.metaData.id, call.metaData.url]) {
			const [item] = await runTool('Get transcript', { callId });
			expect(item.callId).toBe(call.metaData.id);
			expect(expectedText(call).startsWith(String(item.transcript).split('\n[Transcript truncated')[0])).toBe(true);
		}
	});

	it('"Get users" returns every user', async () => {
		const users = await runTool('Get users', {});
		expect(users.map((user) => user.id).sort()).toEqual(company.users.map((user) => user.id).sort());
	});
});
