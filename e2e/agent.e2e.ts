/**
 * The Gong node as an AI tool in a real n8n, both ways n8n uses it:
 * - n8n's AI Agent (examples/gong-agent.workflow.json, run by `n8n execute`) with its OpenAI Chat
 *   Model pointed at a scripted LLM stand-in (test/stand-in/llm-stand-in.ts): the model searches
 *   calls in a date range, reads the transcript of a call it found, and answers. Checked: what the
 *   tools received (the arguments the model filled through `$fromAI`), what Gong was asked, that
 *   the tools' output reached the model, and the agent's answer. A tool error is the model's answer
 *   to read, not a failed execution.
 * - n8n's MCP Server Trigger (published, `n8n start`, bearer auth) exposing the same Gong tools to a
 *   real MCP client (@modelcontextprotocol/sdk): tool names, descriptions and input schemas, and
 *   calls answered with the Gong stand-in's data.
 * Each with the access key and with OAuth2 (an expired access token that n8n refreshes, as in
 * cli.e2e.ts).
 */
import path from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { GongStandIn, type StandInCall } from '../test/stand-in/gong-stand-in';
import { LlmStandIn, toolResults, type ChatRequest } from '../test/stand-in/llm-stand-in';
import { toolDescriptions } from '../nodes/Gong/actions/toolDescriptions';
import { expectedText } from '../test/support/expected';
import {
	accessKeyCredential,
	AGENT_EXAMPLE,
	oauthCredential,
	readExampleFile,
	sampleStandInOptions,
} from './harness/gong';
import { installAsN8nDoes } from './harness/installer';
import {
	executionMs,
	freePort,
	N8nUserFolder,
	N8N_VERSION,
	provisionN8n,
	REPO_ROOT,
	sleep,
	type ExecuteResult,
	type ExecutionRun,
	type ImportedCredential,
	type RunningN8n,
	type WorkflowJson,
	type WorkflowNode,
} from './harness/n8n';
import { packPackage } from './harness/pack';

const MAJOR = Number(N8N_VERSION.split('.')[0]);
const DAY = 86_400_000;
const UNKNOWN_CALL = '1234567';
/** The MCP clients' bearer token: made up per run. */
const MCP_BEARER = `mcp-e2e-${Date.now().toString(36)}`;
const LLM_KEY = 'sk-llm-stand-in';

const CREDENTIALS = { llm: 'llmStandIn000001', mcp: 'mcpBearerAuth001' } as const;
const AUTHS = ['accessKey', 'oAuth2'] as const;
type Auth = (typeof AUTHS)[number];
/** The agent workflow's ID in n8n, per credential type. */
function agentWorkflowId(auth: Auth): string {
	return auth === 'oAuth2' ? 'gongAgentOAuth01' : 'gongAgentAccKey1';
}
const MCP_WORKFLOWS: Record<Auth, { id: string; path: string; webhookId: string }> = {
	accessKey: { id: 'gongMcpAccess001', path: 'gong-access-key', webhookId: '6f1c2a4e-3b5d-4e7f-8a9b-0c1d2e3f4a51' },
	oAuth2: { id: 'gongMcpOAuth0001', path: 'gong-oauth2', webhookId: '6f1c2a4e-3b5d-4e7f-8a9b-0c1d2e3f4a52' },
};
/** The tool names n8n derives from the example's node names. */
const TOOL_NAMES = { search: 'Search_calls', transcript: 'Get_transcript', users: 'Get_users' } as const;
/**
 * Read-side resources the MCP server offers beside the example's tools, each with the node's own
 * tool description (nodes/Gong/actions/toolDescriptions.ts) and nothing for the model to fill.
 */
const READ_SIDE_TOOLS = [
	{ name: 'Get workspaces', resource: 'workspace', operation: 'getAll' },
	{ name: 'Get trackers', resource: 'tracker', operation: 'getAll' },
	{ name: 'Get scorecards', resource: 'scorecard', operation: 'getAll' },
] as const;
const toolNameOf = (nodeName: string) => nodeName.replace(/[^a-zA-Z0-9_-]+/g, '_');
const MCP_TOOL_NAMES = [...Object.values(TOOL_NAMES), ...READ_SIDE_TOOLS.map((tool) => toolNameOf(tool.name))].sort();

let standIn: GongStandIn;
let llm: LlmStandIn;
let folder: N8nUserFolder;
let example: WorkflowJson;
const gongCredentials = {} as Record<Auth, ImportedCredential>;
const timings: Array<{ what: string; ms: number }> = [];

/** What the run data of a tool node holds (only the parts read here). */
interface ToolTask {
	executionStatus?: string;
	error?: { message: string };
	inputOverride?: { ai_tool?: Array<Array<{ json: Record<string, unknown> }>> };
	data?: {
		ai_tool?: Array<Array<{ json: Record<string, unknown> }>>;
		main?: Array<Array<{ json: Record<string, unknown> }> | null>;
	};
}

function tasks(run: ExecutionRun | undefined, node: string): ToolTask[] {
	return (run?.data.resultData.runData[node] ?? []) as unknown as ToolTask[];
}

/** What the model asked a tool node for, and the items the tool answered with. */
function toolCall(run: ExecutionRun | undefined, node: string, index = 0) {
	const task = tasks(run, node)[index];
	return {
		task,
		input: task?.inputOverride?.ai_tool?.[0]?.[0]?.json ?? {},
		output: (task?.data?.ai_tool?.[0] ?? []).map((item) => item.json),
	};
}

function agentOutput(run: ExecutionRun | undefined): unknown {
	const runs = tasks(run, AGENT_EXAMPLE.agent);
	return runs.at(-1)?.data?.main?.[0]?.[0]?.json.output;
}

/** A call item's ID: a compact summary has `id`, Gong's full object `metaData.id`. */
function callIdOf(item: Record<string, unknown>): string {
	return String(item.id ?? (item.metaData as { id?: string } | undefined)?.id);
}

/** The calls the stand-in holds that started in [from, to), in Gong's order. */
function callsBetween(from: string, to: string): StandInCall[] {
	return standIn.calls.filter((call) => {
		const started = Date.parse(call.metaData.started);
		return started >= Date.parse(from) && started < Date.parse(to);
	});
}

/** A transcript as the tool returned it is the stand-in's, speakers named (cut with a note if long). */
function expectTranscriptOf(item: Record<string, unknown>, call: StandInCall): void {
	expect(String(item.callId)).toBe(call.metaData.id);
	const text = String(item.transcript);
	const shown = text.split('\n[Transcript truncated')[0];
	expect(shown.length).toBeGreaterThan(100);
	expect(expectedText(call).startsWith(shown)).toBe(true);
	// Speakers by name, one "Name: text" line per turn.
	const speakers = new Set(call.transcript?.map((monologue) => monologue.speakerId));
	const named = call.parties.filter((party) => speakers.has(party.speakerId ?? '') && party.name);
	expect(named.length).toBeGreaterThan(0);
	expect(named.some((party) => shown.startsWith(`${party.name}: `))).toBe(true);
}

/** The example with its Gong tools on one credential, the model on the LLM stand-in. */
function agentWorkflow(auth: Auth): WorkflowJson {
	const workflow = structuredClone(example);
	for (const node of workflow.nodes) useCredential(node, auth);
	const agent = workflow.nodes.find((node) => node.name === AGENT_EXAMPLE.agent)!;
	// n8n 1.123 has the Agent's typeVersion 3 only (same parameters).
	if (MAJOR < 2) agent.typeVersion = 3;
	const model = workflow.nodes.find((node) => node.name === AGENT_EXAMPLE.model)!;
	model.credentials = { openAiApi: { id: CREDENTIALS.llm, name: 'LLM stand-in' } };
	return { ...workflow, id: agentWorkflowId(auth), name: `Agent (${auth})`, active: false };
}

function useCredential(node: WorkflowNode, auth: Auth): void {
	if (!node.type.startsWith('n8n-nodes-gong.')) return;
	const credential = gongCredentials[auth];
	node.parameters.authentication = auth;
	node.credentials = { [credential.type]: { id: credential.id, name: credential.name } };
}

/** The example's Gong tools behind an MCP Server Trigger (bearer auth) instead of the agent. */
function mcpWorkflow(auth: Auth): WorkflowJson {
	const { id, path: mcpPath, webhookId } = MCP_WORKFLOWS[auth];
	const tools = structuredClone(example.nodes.filter((node) => node.type === 'n8n-nodes-gong.gongTool'));
	READ_SIDE_TOOLS.forEach(({ name, resource, operation }, index) =>
		tools.push({
			id: `read-side-${index}`,
			name,
			type: 'n8n-nodes-gong.gongTool',
			typeVersion: 1,
			position: [200 * index, 400],
			parameters: { authentication: 'accessKey', resource, operation, returnAll: true },
		}),
	);
	for (const node of tools) useCredential(node, auth);
	const trigger: WorkflowNode = {
		id: `mcp-${auth}`,
		name: 'MCP Server Trigger',
		type: '@n8n/n8n-nodes-langchain.mcpTrigger',
		typeVersion: MAJOR < 2 ? 2 : 2.1,
		position: [0, 0],
		webhookId,
		parameters: { path: mcpPath, authentication: 'bearerAuth' },
		credentials: { httpBearerAuth: { id: CREDENTIALS.mcp, name: 'MCP bearer token' } },
	};
	return {
		id,
		name: `MCP server (${auth})`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [trigger, ...tools],
		connections: Object.fromEntries(
			tools.map((tool) => [tool.name, { ai_tool: [[{ node: trigger.name, type: 'ai_tool', index: 0 }]] }]),
		),
	};
}

function toolDescription(node: string): string {
	return String(example.nodes.find((candidate) => candidate.name === node)!.parameters.toolDescription);
}

async function execute(workflowId: string): Promise<ExecuteResult> {
	const result = await folder.execute(workflowId);
	timings.push({
		what: `n8n execute ${workflowId} (${(executionMs(result.run) / 1000).toFixed(2)} s in n8n)`,
		ms: result.ms,
	});
	return result;
}

function expectSuccess(result: ExecuteResult): void {
	expect(result.run?.data.resultData.error?.message, 'the execution failed').toBeUndefined();
	if (result.code !== 0) {
		throw new Error(
			`n8n execute exited with ${result.code}:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`,
		);
	}
}

beforeAll(async () => {
	const started = Date.now();
	const n8n = await provisionN8n();
	const tarball = await packPackage();
	folder = await N8nUserFolder.create(n8n, path.join(REPO_ROOT, '.e2e', 'agent'));
	await installAsN8nDoes(folder, tarball);
	standIn = await GongStandIn.start(sampleStandInOptions());
	llm = await LlmStandIn.start({ apiKey: LLM_KEY });
	example = await readExampleFile(AGENT_EXAMPLE.file);
	gongCredentials.accessKey = accessKeyCredential(standIn);
	// What n8n holds an hour after "Connect my account": an expired access token and its refresh token.
	gongCredentials.oAuth2 = oauthCredential(standIn, { ...standIn.issueToken({ expired: true }) });
	await folder.importCredentials([
		gongCredentials.accessKey,
		gongCredentials.oAuth2,
		{ id: CREDENTIALS.llm, name: 'LLM stand-in', type: 'openAiApi', data: { apiKey: LLM_KEY, url: llm.baseUrl } },
		{ id: CREDENTIALS.mcp, name: 'MCP bearer token', type: 'httpBearerAuth', data: { token: MCP_BEARER } },
	]);
	await folder.importWorkflows([...AUTHS.map(agentWorkflow), ...AUTHS.map(mcpWorkflow)]);
	timings.push({ what: 'set-up (pack, install, imports)', ms: Date.now() - started });
}, 20 * 60_000);

afterAll(async () => {
	await llm?.stop();
	await standIn?.stop();
	if (timings.length) {
		process.stdout.write(
			`\nagent.e2e timings:\n${timings.map((t) => `  ${(t.ms / 1000).toFixed(1).padStart(6)} s  ${t.what}`).join('\n')}\n`,
		);
	}
});

describe(`n8n ${N8N_VERSION}'s AI Agent with the Gong tools (examples/${AGENT_EXAMPLE.file}), run by \`n8n execute\``, () => {
	for (const auth of AUTHS) {
		it(`searches last week's calls, reads a transcript, and answers with what the tools returned (${auth})`, async () => {
			const to = new Date().toISOString();
			const from = new Date(Date.now() - 7 * DAY).toISOString();
			let picked: StandInCall | undefined;
			let answer = '';
			llm.setScript([
				{ toolCalls: [{ name: TOOL_NAMES.search, arguments: { fromDateTime: from, toDateTime: to, limit: 5 } }] },
				(request) => {
					// The first call of the search result the stand-in has; by its Gong URL with OAuth2.
					const found = toolResults(request)[0].content;
					picked = standIn.calls.find((call) => found.includes(`"${call.metaData.id}"`));
					if (!picked) throw new Error(`no call of the stand-in in the search result: ${found.slice(0, 300)}`);
					const callId = auth === 'oAuth2' ? picked.metaData.url : picked.metaData.id;
					return { toolCalls: [{ name: TOOL_NAMES.transcript, arguments: { callId } }] };
				},
				(request) => {
					const [transcript] = JSON.parse(toolResults(request)[1].content) as Array<{ transcript: string }>;
					const speakers = [...new Set(transcript.transcript.split('\n').map((line) => line.split(': ')[0]))];
					answer = `Last week: "${picked!.metaData.title}" with ${speakers.join(', ')}.`;
					return { content: answer };
				},
			]);
			llm.clearLog();
			standIn.clearLog();

			const result = await execute(agentWorkflowId(auth));
			expectSuccess(result);

			// The model saw the three Gong tools, as described in the workflow, with the $fromAI parameters.
			const completions = llm.completions();
			expect(completions.map((entry) => [entry.turn, entry.status])).toEqual([
				[0, 200],
				[1, 200],
				[2, 200],
			]);
			const offered = completions[0].body.tools ?? [];
			expect(offered.map((tool) => tool.function.name).sort()).toEqual(Object.values(TOOL_NAMES).sort());
			const schema = (name: string) => offered.find((tool) => tool.function.name === name)!.function;
			expect(schema(TOOL_NAMES.search).description).toBe(toolDescription(AGENT_EXAMPLE.tools.search));
			expect(schema(TOOL_NAMES.transcript).description).toBe(toolDescription(AGENT_EXAMPLE.tools.transcript));
			const searchParameters = schema(TOOL_NAMES.search).parameters as {
				properties: Record<string, { type: string; description: string }>;
				required: string[];
			};
			expect(Object.keys(searchParameters.properties).sort()).toEqual(['fromDateTime', 'limit', 'toDateTime']);
			expect(searchParameters.properties.fromDateTime).toMatchObject({ type: 'string' });
			expect(searchParameters.properties.fromDateTime.description).toContain('ISO 8601');
			expect(searchParameters.properties.limit.type).toBe('number');
			expect(searchParameters.required.sort()).toEqual(['fromDateTime', 'toDateTime']);
			expect((schema(TOOL_NAMES.transcript).parameters as { required: string[] }).required).toEqual(['callId']);

			// The search tool got the model's arguments, and Gong the date range.
			const search = toolCall(result.run, AGENT_EXAMPLE.tools.search);
			expect(search.input).toMatchObject({ fromDateTime: from, toDateTime: to, limit: 5 });
			const requests = standIn.apiRequests();
			expect(requests.every((entry) => entry.auth === (auth === 'accessKey' ? 'basic' : 'bearer'))).toBe(true);
			const searchRequest = requests.find((entry) => entry.path === '/v2/calls/extensive')!;
			const filter = (searchRequest.body as { filter: { fromDateTime: string; toDateTime: string } }).filter;
			expect(Date.parse(filter.fromDateTime)).toBe(Date.parse(from));
			expect(Date.parse(filter.toDateTime)).toBe(Date.parse(to));
			expect(search.output.map(callIdOf)).toEqual(
				callsBetween(from, to)
					.slice(0, 5)
					.map((call) => call.metaData.id),
			);

			// The transcript tool got the call the model picked (by URL with OAuth2), and Gong its ID.
			const transcript = toolCall(result.run, AGENT_EXAMPLE.tools.transcript);
			expect(transcript.input).toMatchObject({
				callId: auth === 'oAuth2' ? picked!.metaData.url : picked!.metaData.id,
			});
			const transcriptRequest = requests.find((entry) => entry.path === '/v2/calls/transcript')!;
			expect((transcriptRequest.body as { filter: { callIds: string[] } }).filter.callIds).toEqual([
				picked!.metaData.id,
			]);
			expect(transcript.output).toHaveLength(1);
			expectTranscriptOf(transcript.output[0], picked!);
			expect(tasks(result.run, AGENT_EXAMPLE.tools.users)).toHaveLength(0);

			// What the tools returned is what the model read, turn by turn.
			expect(JSON.parse(toolResults(completions[1].body)[0].content)).toEqual(search.output);
			const finalTurn = toolResults(completions[2].body);
			expect(finalTurn).toHaveLength(2);
			expect(JSON.parse(finalTurn[1].content)).toEqual(transcript.output);

			expect(agentOutput(result.run)).toBe(answer);
			expect(answer).toContain(picked!.metaData.title);
		});
	}

	it('a call the model gets wrong: the execution goes on, and the model reads what went wrong and what to do', async () => {
		let answer = '';
		llm.setScript([
			{ toolCalls: [{ name: TOOL_NAMES.transcript, arguments: { callId: UNKNOWN_CALL } }] },
			(request: ChatRequest) => {
				answer = `Sorry: ${toolResults(request)[0].content}`;
				return { content: answer };
			},
		]);
		llm.clearLog();

		const result = await execute(agentWorkflowId('accessKey'));
		expectSuccess(result);
		const transcript = toolCall(result.run, AGENT_EXAMPLE.tools.transcript);
		expect(transcript.input).toMatchObject({ callId: UNKNOWN_CALL });
		expect(transcript.output).toHaveLength(1);
		const error = String(transcript.output[0].error);
		// The message and n8n's description (the fix), which n8n's agent alone would drop.
		expect(error).toMatch(new RegExp(`^Call ${UNKNOWN_CALL} was not found in Gong \\S`));
		expect(error).toContain('Check the call ID');
		const completions = llm.completions();
		expect(completions).toHaveLength(2);
		expect(JSON.parse(toolResults(completions[1].body)[0].content)).toEqual([{ error }]);
		expect(agentOutput(result.run)).toBe(answer);
	});
});

describe(`n8n ${N8N_VERSION}'s MCP Server Trigger with the Gong tools, for a real MCP client`, () => {
	let n8n: RunningN8n;

	beforeAll(async () => {
		const started = Date.now();
		for (const auth of AUTHS) await folder.publishWorkflow(MCP_WORKFLOWS[auth].id);
		n8n = await folder.start(await freePort());
		// The webhook routes are mounted a little after n8n reports itself ready: until then, 404.
		const deadline = Date.now() + 60_000;
		for (const auth of AUTHS) {
			for (;;) {
				const response = await fetch(mcpUrl(auth), { method: 'POST' });
				if (response.status !== 404) break;
				if (Date.now() > deadline)
					throw new Error(`${mcpUrl(auth)} still answers 404:\n${n8n.output.slice(-30).join('\n')}`);
				await sleep(250);
			}
		}
		timings.push({ what: 'n8n start until the MCP routes answer', ms: Date.now() - started });
	}, 5 * 60_000);

	afterAll(async () => await n8n?.stop());

	function mcpUrl(auth: Auth): URL {
		return new URL(`${n8n.url}/mcp/${MCP_WORKFLOWS[auth].path}`);
	}

	async function connect(auth: Auth, transport: 'streamable' | 'sse' = 'streamable'): Promise<Client> {
		const headers = { Authorization: `Bearer ${MCP_BEARER}` };
		const client = new Client({ name: 'gong-e2e', version: '1.0.0' });
		await client.connect(
			transport === 'streamable'
				? new StreamableHTTPClientTransport(mcpUrl(auth), { requestInit: { headers } })
				: new SSEClientTransport(mcpUrl(auth), {
						requestInit: { headers },
						eventSourceInit: {
							fetch: (url, init) => fetch(url, { ...init, headers: { ...init?.headers, ...headers } }),
						},
					}),
		);
		return client;
	}

	/** A tool call's answer: the JSON array of the items the Gong node put out. */
	async function callTool(client: Client, name: string, args: Record<string, unknown>) {
		const result = (await client.callTool({ name, arguments: args })) as {
			content: Array<{ type: string; text: string }>;
			isError?: boolean;
		};
		expect(result.content[0].type).toBe('text');
		return { ...result, text: result.content[0].text };
	}

	it('refuses a client without the bearer token', async () => {
		const response = await fetch(mcpUrl('accessKey'), {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
			body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: {} }),
		});
		expect(response.status).toBe(403);
	});

	for (const auth of AUTHS) {
		it(`lists the Gong tools and answers "calls between dates", "transcript of call X" and "users" from Gong (${auth}, Streamable HTTP)`, async () => {
			const client = await connect(auth);
			try {
				expect(client.getServerVersion()?.name).toBe('MCP_Server_Trigger');
				const { tools } = await client.listTools();
				expect(tools.map((tool) => tool.name).sort()).toEqual(MCP_TOOL_NAMES);
				const tool = (name: string) => tools.find((candidate) => candidate.name === name)!;
				for (const [key, name] of Object.entries(TOOL_NAMES)) {
					expect(tool(name).description).toBe(toolDescription(AGENT_EXAMPLE.tools[key as keyof typeof TOOL_NAMES]));
				}
				for (const { name, resource, operation } of READ_SIDE_TOOLS) {
					// The node's own description for the operation, not n8n's "<action> in Gong".
					const described = toolDescriptions[resource] as Record<string, string>;
					expect(tool(toolNameOf(name)).description).toBe(described[operation]);
					const answer = await callTool(client, toolNameOf(name), {});
					expect(answer.isError, answer.text).toBeFalsy();
					expect(Array.isArray(JSON.parse(answer.text))).toBe(true);
				}
				const workspaces = await callTool(client, toolNameOf('Get workspaces'), {});
				expect((JSON.parse(workspaces.text) as Array<{ id: string }>).map((workspace) => workspace.id).sort()).toEqual(
					standIn.workspaces.map((workspace) => workspace.id).sort(),
				);
				const searchSchema = tool(TOOL_NAMES.search).inputSchema as {
					properties: Record<string, { type: string; description?: string; default?: unknown }>;
					required?: string[];
				};
				expect(Object.keys(searchSchema.properties).sort()).toEqual(['fromDateTime', 'limit', 'toDateTime']);
				expect(searchSchema.properties.toDateTime.type).toBe('string');
				expect(searchSchema.properties.toDateTime.description).toContain('ISO 8601');
				expect(searchSchema.properties.limit).toMatchObject({ type: 'number', default: 10 });
				expect(searchSchema.required?.sort()).toEqual(['fromDateTime', 'toDateTime']);
				const transcriptSchema = tool(TOOL_NAMES.transcript).inputSchema as {
					properties: Record<string, { type: string; description?: string }>;
					required?: string[];
				};
				expect(transcriptSchema.required).toEqual(['callId']);
				expect(transcriptSchema.properties.callId.type).toBe('string');
				expect(Object.keys(tool(TOOL_NAMES.users).inputSchema.properties ?? {})).toEqual([]);

				standIn.clearLog();
				const to = new Date(Date.now() - 2 * DAY).toISOString();
				const from = new Date(Date.now() - 4 * DAY).toISOString();
				const calls = await callTool(client, TOOL_NAMES.search, { fromDateTime: from, toDateTime: to, limit: 3 });
				expect(calls.isError).toBeFalsy();
				const expected = callsBetween(from, to).slice(0, 3);
				expect((JSON.parse(calls.text) as Array<Record<string, unknown>>).map(callIdOf)).toEqual(
					expected.map((call) => call.metaData.id),
				);

				const call = expected[1];
				const transcript = await callTool(client, TOOL_NAMES.transcript, {
					callId: auth === 'oAuth2' ? call.metaData.url : call.metaData.id,
				});
				expect(transcript.isError).toBeFalsy();
				const items = JSON.parse(transcript.text) as Array<Record<string, unknown>>;
				expect(items).toHaveLength(1);
				expectTranscriptOf(items[0], call);

				const users = await callTool(client, TOOL_NAMES.users, {});
				expect((JSON.parse(users.text) as Array<{ id: string }>).map((user) => user.id).sort()).toEqual(
					standIn.users.map((user) => user.id).sort(),
				);

				const requests = standIn.apiRequests();
				expect(requests.map((entry) => entry.path)).toEqual(
					expect.arrayContaining(['/v2/calls/extensive', '/v2/calls/transcript', '/v2/users']),
				);
				expect(requests.every((entry) => entry.auth === (auth === 'accessKey' ? 'basic' : 'bearer'))).toBe(true);
				const filter = (requests[0].body as { filter: { fromDateTime: string; toDateTime: string } }).filter;
				expect([Date.parse(filter.fromDateTime), Date.parse(filter.toDateTime)]).toEqual([
					Date.parse(from),
					Date.parse(to),
				]);

				// A wrong call ID: readable text for the client, with what to do.
				const unknown = await callTool(client, TOOL_NAMES.transcript, { callId: UNKNOWN_CALL });
				expect(unknown.text).toContain(`Call ${UNKNOWN_CALL} was not found in Gong`);
				expect(unknown.text).toContain('Check the call ID');
			} finally {
				await client.close();
			}
		});
	}

	it('serves the legacy SSE transport too', async () => {
		const client = await connect('accessKey', 'sse');
		try {
			const { tools } = await client.listTools();
			expect(tools.map((tool) => tool.name).sort()).toEqual(MCP_TOOL_NAMES);
			const users = await callTool(client, TOOL_NAMES.users, {});
			expect(JSON.parse(users.text)).toHaveLength(standIn.users.length);
		} finally {
			await client.close();
		}
	});
});
