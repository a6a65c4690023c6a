/**
 * A stand-in for an OpenAI-compatible chat model: a real HTTP server on 127.0.0.1 that speaks the
 * chat-completions API (`POST /v1/chat/completions`, `GET /v1/models`) and answers from a script
 * instead of thinking. n8n's OpenAI Chat Model (credential "Base URL" = `baseUrl`) drives it; an AI
 * Agent above it then calls real tools with the arguments the script chooses.
 *
 * Which turn a request is: the number of `role: "tool"` messages in it (0 → the first answer, 1 →
 * after one tool result, …). n8n replays earlier turns with quirks this stand-in accepts: the
 * assistant's `content` as an empty array, and an extra `id` key in the replayed tool arguments.
 * A request with `stream: true` gets the same answer as server-sent events.
 */
import express, { type Response } from 'express';

export interface ChatToolCall {
	id: string;
	type: 'function';
	function: { name: string; arguments: string };
}

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool' | string;
	/** A string, null, or (as n8n replays an assistant turn) an array of parts. */
	content?: unknown;
	tool_calls?: ChatToolCall[];
	tool_call_id?: string;
}

export interface ChatTool {
	type: 'function';
	function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: ChatTool[];
	stream?: boolean;
	[key: string]: unknown;
}

/** What the model says in one turn: tool calls, or its final text. */
export type LlmAnswer =
	| { toolCalls: Array<{ name: string; arguments: Record<string, unknown>; id?: string }> }
	| { content: string };

/** One scripted turn: a fixed answer, or one computed from the request (e.g. from a tool's result). */
export type LlmTurn = LlmAnswer | ((request: ChatRequest, turn: number) => LlmAnswer);

export interface LlmRequestLogEntry {
	method: string;
	/** Path without the query string. */
	path: string;
	headers: Record<string, string>;
	/** The parsed JSON body; null when there was none. */
	body: ChatRequest | null;
	/** For chat completions: the turn the request was (its count of tool messages). */
	turn?: number;
	/** What the stand-in answered (a scripted answer), or its error text. */
	answer?: LlmAnswer;
	error?: string;
	status: number;
}

export interface LlmStandInOptions {
	script?: LlmTurn[];
	/** The API key the credential must send (`Authorization: Bearer …`); any key if unset. */
	apiKey?: string;
	port?: number;
}

type Server = ReturnType<express.Express['listen']>;

/** The messages of a role in a request. */
export function messagesOf(request: ChatRequest, role: ChatMessage['role']): ChatMessage[] {
	return request.messages.filter((message) => message.role === role);
}

/** A message's content as text: a string, or the text parts of an array; '' for anything else. */
export function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	return content
		.map((part) =>
			typeof part === 'string'
				? part
				: typeof (part as { text?: unknown })?.text === 'string'
					? (part as { text: string }).text
					: '',
		)
		.join('');
}

/** The tool results the request carries, in order: `[{ toolCallId, content }]`. */
export function toolResults(request: ChatRequest): Array<{ toolCallId: string; content: string }> {
	return messagesOf(request, 'tool').map((message) => ({
		toolCallId: message.tool_call_id ?? '',
		content: textOf(message.content),
	}));
}

export class LlmStandIn {
	readonly log: LlmRequestLogEntry[] = [];

	private script: LlmTurn[];

	private server: Server | undefined;

	private url = '';

	private readonly apiKey: string | undefined;

	private constructor(options: LlmStandInOptions) {
		this.script = options.script ?? [];
		this.apiKey = options.apiKey;
	}

	static async start(options: LlmStandInOptions = {}): Promise<LlmStandIn> {
		const standIn = new LlmStandIn(options);
		const app = standIn.buildApp();
		await new Promise<void>((resolve, reject) => {
			const server = app.listen(options.port ?? 0, '127.0.0.1');
			server.once('error', reject);
			server.once('listening', () => {
				const address = server.address();
				if (address === null || typeof address === 'string') {
					reject(new Error('The LLM stand-in did not get a TCP port'));
					return;
				}
				standIn.server = server;
				standIn.url = `http://127.0.0.1:${address.port}/v1`;
				resolve();
			});
		});
		return standIn;
	}

	/** The OpenAI-compatible base URL, `/v1` included (the OpenAI credential's "Base URL"). */
	get baseUrl(): string {
		return this.url;
	}

	/** Replaces the script (and keeps the log). */
	setScript(turns: LlmTurn[]): void {
		this.script = turns;
	}

	clearLog(): void {
		this.log.length = 0;
	}

	/** The chat-completion requests received, in order. */
	completions(): Array<LlmRequestLogEntry & { body: ChatRequest; turn: number }> {
		return this.log.filter(
			(entry): entry is LlmRequestLogEntry & { body: ChatRequest; turn: number } =>
				entry.path.endsWith('/chat/completions') && entry.body !== null && entry.turn !== undefined,
		);
	}

	async stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (!server?.listening) return;
		await new Promise<void>((resolve, reject) => {
			server.close((error) => (error ? reject(error) : resolve()));
			server.closeAllConnections();
		});
	}

	private buildApp(): express.Express {
		const app = express();
		app.disable('x-powered-by');
		app.set('etag', false);
		app.use(express.json({ limit: '20mb' }));
		app.use((req, res, next) => {
			const entry: LlmRequestLogEntry = {
				method: req.method,
				path: req.path,
				headers: Object.fromEntries(
					Object.entries(req.headers).map(([name, value]) => [
						name,
						Array.isArray(value) ? value.join(', ') : (value ?? ''),
					]),
				),
				body:
					req.body && typeof req.body === 'object' && Object.keys(req.body as object).length
						? (req.body as ChatRequest)
						: null,
				status: 0,
			};
			this.log.push(entry);
			res.locals.entry = entry;
			if (this.apiKey !== undefined && req.headers.authorization !== `Bearer ${this.apiKey}`) {
				this.fail(res, 401, 'Incorrect API key provided', 'invalid_request_error');
				return;
			}
			next();
		});
		app.get(/\/models$/, (_req, res) => {
			this.send(res, 200, {
				object: 'list',
				data: [{ id: 'stand-in', object: 'model', created: 0, owned_by: 'stand-in' }],
			});
		});
		app.post(/\/chat\/completions$/, (_req, res) => this.complete(res));
		app.use((req, res) =>
			this.fail(res, 404, `The LLM stand-in has no ${req.method} ${req.path}`, 'invalid_request_error'),
		);
		return app;
	}

	private complete(res: Response): void {
		const entry = res.locals.entry as LlmRequestLogEntry;
		const request = entry.body;
		if (!request || !Array.isArray(request.messages)) {
			this.fail(res, 400, 'The request has no messages', 'invalid_request_error');
			return;
		}
		const turn = messagesOf(request, 'tool').length;
		entry.turn = turn;
		const scripted = this.script[turn];
		if (scripted === undefined) {
			// 400, not 5xx: the OpenAI client would retry a 5xx, and the script will not grow meanwhile.
			this.fail(
				res,
				400,
				`LLM stand-in: the script has no turn ${turn} (it has ${this.script.length})`,
				'invalid_request_error',
			);
			return;
		}
		let answer: LlmAnswer;
		try {
			answer = typeof scripted === 'function' ? scripted(request, turn) : scripted;
		} catch (error) {
			this.fail(res, 400, `LLM stand-in: turn ${turn} failed: ${(error as Error).message}`, 'invalid_request_error');
			return;
		}
		// The agent silently drops a call to a tool it does not have: say so instead.
		const offered = (request.tools ?? []).map((tool) => tool.function.name);
		const unknown = 'toolCalls' in answer ? answer.toolCalls.find((call) => !offered.includes(call.name)) : undefined;
		if (unknown) {
			this.fail(
				res,
				400,
				`LLM stand-in: turn ${turn} calls the tool "${unknown.name}", but the request offers only ${JSON.stringify(offered)}`,
				'invalid_request_error',
			);
			return;
		}
		entry.answer = answer;
		const message: { role: 'assistant'; content: string | null; tool_calls?: ChatToolCall[] } =
			'toolCalls' in answer
				? {
						role: 'assistant',
						content: null,
						tool_calls: answer.toolCalls.map((call, index) => ({
							id: call.id ?? `call_${turn}_${index}`,
							type: 'function',
							function: { name: call.name, arguments: JSON.stringify(call.arguments) },
						})),
					}
				: { role: 'assistant', content: answer.content };
		const finishReason = 'toolCalls' in answer ? 'tool_calls' : 'stop';
		const base = {
			id: `chatcmpl-stand-in-${this.log.length}`,
			created: Math.floor(Date.now() / 1000),
			model: request.model,
		};
		const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
		if (request.stream) {
			const delta = message.tool_calls
				? { ...message, tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })) }
				: message;
			const chunk = (choice: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
				`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, ...choice }], ...extra })}\n\n`;
			entry.status = 200;
			res.status(200).setHeader('content-type', 'text/event-stream');
			res.setHeader('cache-control', 'no-cache');
			res.end(
				chunk({ delta, finish_reason: null }) +
					chunk({ delta: {}, finish_reason: finishReason }, { usage }) +
					'data: [DONE]\n\n',
			);
			return;
		}
		this.send(res, 200, {
			...base,
			object: 'chat.completion',
			choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
			usage,
		});
	}

	private send(res: Response, status: number, body: unknown): void {
		(res.locals.entry as LlmRequestLogEntry).status = status;
		res.status(status).json(body);
	}

	/** OpenAI's error shape. */
	private fail(res: Response, status: number, message: string, type: string): void {
		(res.locals.entry as LlmRequestLogEntry).error = message;
		this.send(res, status, { error: { message, type, param: null, code: null } });
	}
}
