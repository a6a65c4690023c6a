import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { LlmStandIn, toolResults, type ChatMessage, type ChatRequest } from './llm-stand-in';

const TOOLS: ChatRequest['tools'] = [
	{ type: 'function', function: { name: 'Search_calls', parameters: { type: 'object', properties: {} } } },
	{ type: 'function', function: { name: 'Get_transcript', parameters: { type: 'object', properties: {} } } },
];

let llm: LlmStandIn;

beforeAll(async () => {
	llm = await LlmStandIn.start({ apiKey: 'sk-test' });
});
afterAll(async () => await llm.stop());
beforeEach(() => {
	llm.clearLog();
	llm.setScript([
		{ toolCalls: [{ name: 'Search_calls', arguments: { fromDateTime: '2026-01-01T00:00:00Z' } }] },
		(request) => ({
			toolCalls: [
				{ name: 'Get_transcript', arguments: { callId: /"id":"(\d+)"/.exec(toolResults(request)[0].content)![1] } },
			],
		}),
		(request) => ({ content: `done: ${toolResults(request).length} results` }),
	]);
});

async function chat(messages: ChatRequest['messages'], extra: Record<string, unknown> = {}, key = 'sk-test') {
	const response = await fetch(`${llm.baseUrl}/chat/completions`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
		body: JSON.stringify({ model: 'stand-in', messages, tools: TOOLS, stream: false, ...extra }),
	});
	return { status: response.status, text: await response.text() };
}

const USER = { role: 'user', content: 'Summarise last week' };
const SEARCH_TURN: ChatMessage = {
	role: 'assistant',
	content: [],
	tool_calls: [
		{
			id: 'call_0_0',
			type: 'function',
			function: { name: 'Search_calls', arguments: '{"fromDateTime":"2026-01-01T00:00:00Z","id":"call_0_0"}' },
		},
	],
};

describe('LLM stand-in (chat completions from a script)', () => {
	it('answers turn by turn, counting tool results, and tolerates how n8n replays the turns', async () => {
		const first = JSON.parse((await chat([USER])).text);
		expect(first.choices[0].finish_reason).toBe('tool_calls');
		expect(first.choices[0].message.tool_calls[0]).toEqual({
			id: 'call_0_0',
			type: 'function',
			function: { name: 'Search_calls', arguments: '{"fromDateTime":"2026-01-01T00:00:00Z"}' },
		});

		const second = JSON.parse(
			(
				await chat([
					USER,
					SEARCH_TURN,
					{ role: 'tool', tool_call_id: 'call_0_0', content: '[{"metaData":{"id":"42"}}]' },
				])
			).text,
		);
		expect(JSON.parse(second.choices[0].message.tool_calls[0].function.arguments)).toEqual({ callId: '42' });

		const third = JSON.parse(
			(
				await chat([
					USER,
					SEARCH_TURN,
					{ role: 'tool', tool_call_id: 'call_0_0', content: '[{"metaData":{"id":"42"}}]' },
					{ role: 'assistant', content: [], tool_calls: [] },
					{ role: 'tool', tool_call_id: 'call_1_0', content: [{ type: 'text', text: '[{"transcript":"A: hi"}]' }] },
				])
			).text,
		);
		expect(third.choices[0]).toMatchObject({
			finish_reason: 'stop',
			message: { role: 'assistant', content: 'done: 2 results' },
		});
		expect(llm.completions().map((entry) => [entry.turn, entry.status])).toEqual([
			[0, 200],
			[1, 200],
			[2, 200],
		]);
		expect(toolResults(llm.completions()[2].body)[1].content).toBe('[{"transcript":"A: hi"}]');
	});

	it('streams the same answer as server-sent events when asked to', async () => {
		const { status, text } = await chat([USER], { stream: true });
		expect(status).toBe(200);
		const events = text.split('\n\n').filter(Boolean);
		expect(events.at(-1)).toBe('data: [DONE]');
		const chunks = events.slice(0, -1).map((event) => JSON.parse(event.replace(/^data: /, '')));
		expect(chunks[0].object).toBe('chat.completion.chunk');
		expect(chunks[0].choices[0].delta.tool_calls[0]).toMatchObject({ index: 0, function: { name: 'Search_calls' } });
		expect(chunks.at(-1).choices[0].finish_reason).toBe('tool_calls');
	});

	it('fails loudly, without a retryable status, on a turn the script lacks or a tool the request does not offer', async () => {
		llm.setScript([{ toolCalls: [{ name: 'Get_users', arguments: {} }] }]);
		const unknownTool = await chat([USER]);
		expect(unknownTool.status).toBe(400);
		expect(JSON.parse(unknownTool.text).error.message).toContain('"Get_users"');
		const noTurn = await chat([USER, SEARCH_TURN, { role: 'tool', tool_call_id: 'call_0_0', content: '[]' }]);
		expect(noTurn.status).toBe(400);
		expect(JSON.parse(noTurn.text).error.message).toContain('no turn 1');
	});

	it('checks the API key and lists a model for the credential test', async () => {
		expect((await chat([USER], {}, 'sk-wrong')).status).toBe(401);
		const models = await fetch(`${llm.baseUrl}/models`, { headers: { authorization: 'Bearer sk-test' } });
		expect(((await models.json()) as { data: Array<{ id: string }> }).data[0].id).toBe('stand-in');
	});
});
