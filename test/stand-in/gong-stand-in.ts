/**
 * A stand-in for Gong's API v2: a real HTTP server on 127.0.0.1 (two ports: the generic host, like
 * https://api.gong.io + https://app.gong.io, and a per-company host, like https://us-55616.api.gong.io)
 * that imitates what /work/shared/reference/gong-api.md describes: access-key and OAuth auth, scopes,
 * per-company rate limits, cursor pagination, 404-means-empty, single-use refresh tokens.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { DateTime } from 'luxon';

import { GongDataGenerator } from './data';
import { DAY_MS, HttpError, asRecord, bad, compareIds, int64Json, isBlank, queryString, stableStringify } from './http';
import { ROUTES } from './routes';
import type { StandInCall, StandInCallInput, StandInMonologue, StandInUser, StandInWorkspace } from './types';

export type * from './types';
export { mulberry32, COMPANY_DOMAIN, COMPANY_NAME } from './data';

/** Every scope the stand-in knows (the default set of scopes ticked on the integration). */
export const GONG_SCOPES: readonly string[] = [
	'api:calls:read:basic',
	'api:calls:read:extensive',
	'api:calls:read:transcript',
	'api:calls:read:media-url',
	'api:calls:create',
	'api:users:read',
	'api:workspaces:read',
	'api:settings:scorecards:read',
	'api:settings:trackers:read',
	'api:stats:interaction',
	'api:stats:user-actions',
	'api:stats:scorecards',
	'api:crm:get-objects',
	'api:meetings:user:create',
	'api:library:read',
	'api:logs:read',
	'api:stats:user-actions:detailed',
	'api:ai-briefer:read',
	'api:coaching:read',
	'api:call-outcomes:read',
	'api:call-user-access:read',
	'api:flows:read',
	'api:tasks:read',
	'api:permission-profile:read',
	'api:data-privacy:read',
	'api:ai-ask:read',
	'api:call-user-access:write',
	'api:digital-interactions:write',
	'api:meetings:user:update',
	'api:meetings:user:delete',
	'api:meetings:integration:status',
	'api:tasks:write',
	'api:flows:write',
	'api:permission-profile:write',
	'api:data-privacy:delete',
	'api:crm:integrations:read',
	'api:crm:integration:register',
	'api:crm:integration:delete',
	'api:crm:schema',
	'api:crm:upload',
];

export type StandInHost = 'generic' | 'customer';

export interface RequestLogEntry {
	host: StandInHost;
	method: string;
	/** Path without the query string. */
	path: string;
	query: Record<string, unknown>;
	/** Parsed JSON or form body; null when there was none. */
	body: unknown;
	/** Request headers, lower-case names. */
	headers: Record<string, string>;
	/** 0 until answered; -1 for a connection the stand-in dropped, -2 for one it left hanging. */
	status: number;
	/** An `afterWrite` fault's victim: what the route answered (the write took effect) but the client never saw. */
	unsentStatus?: number;
	/** The scheme of the Authorization header, whether or not it was valid. */
	auth: 'basic' | 'bearer' | 'none';
	/** When the request arrived, and when its answer was sent (0 until then), epoch ms. */
	at: number;
	answeredAt: number;
}

export interface StandInOptions {
	/** Generated calls (default 30), deterministic from the seed. */
	calls?: number;
	/** Generated users (default 12). */
	users?: number;
	/** Default 2. */
	workspaces?: number;
	/** Default 42. */
	seed?: number;
	/** First call's start, ISO (default '2026-01-05T09:00:00Z'). Every 10th call shares its predecessor's start. */
	startDate?: string;
	/** Minutes between generated calls (default 37). */
	callIntervalMinutes?: number;
	/** Offset of the timestamps Gong returns, in minutes (default 0: '...Z'). */
	utcOffsetMinutes?: number;
	/** Requests per rolling second over both hosts (default 3); 0 = off. */
	rateLimitPerSecond?: number;
	/** Requests per UTC day (default 10000); 0 = off. */
	dailyLimit?: number;
	accessKey?: string;
	accessKeySecret?: string;
	clientId?: string;
	clientSecret?: string;
	/** Default 3600. */
	accessTokenTtlSeconds?: number;
	/** OAuth access tokens are accepted only on the customer host, like EU tenants (default true). */
	oauthTokensOnlyOnCustomerHost?: boolean;
	/** Scopes ticked on the Gong integration; /oauth2/authorize refuses others (default: GONG_SCOPES). */
	integrationScopes?: string[];
	/** When set, /oauth2/authorize accepts only these redirect URIs (exact match). */
	redirectUris?: string[];
	/** Records per page (default 100, like Gong). */
	pageSize?: number;
	/** Artificial delay before each request is handled (default 0). */
	latencyMs?: number;
	/** Fixed ports on 127.0.0.1 (default: any free port), for a stand-in that outlives one test (`npm run dev`). */
	ports?: { generic?: number; customer?: number };
}

export interface StandInTokenResponse {
	access_token: string;
	refresh_token: string;
	expires_in: number;
	scope: string;
	token_type: 'bearer';
	api_base_url_for_customer: string;
}

export type InjectedFailureStatus = 400 | 401 | 403 | 404 | 409 | 429 | 500 | 502 | 503;

/**
 * What can go wrong between n8n and Gong, as the stand-in can play it:
 * - `status`: Gong's error answer (`{requestId, errors}`), optionally with extra body fields;
 * - `raw`: a 2xx whose body is the given text (cut-off JSON, a gateway's HTML page, nothing);
 * - `alter`: Gong's real answer, changed before it is sent (a page without its cursor or list);
 * - `reset`: the connection is dropped before any answer;
 * - `hang`: no answer for `ms` (then the connection is dropped), like a stalled proxy;
 * - `afterWrite`: the request goes on to its route (a write takes effect), then the answer, whatever it
 *   was, is lost: the client gets `status` (default 500, Gong's `{requestId, errors: ['Internal server
 *   error']}`) or, with `then: 'reset'`, a dropped connection. The log entry's `status` is that 5xx or -1;
 *   `unsentStatus` keeps what the route answered.
 */
export type StandInFault =
	| {
			kind: 'status';
			status: InjectedFailureStatus;
			message?: string;
			retryAfterSeconds?: number;
			extra?: Record<string, unknown>;
	  }
	| { kind: 'raw'; status?: number; body: string; contentType?: string }
	| { kind: 'alter'; alter: (body: Record<string, unknown>) => Record<string, unknown> }
	| { kind: 'reset' }
	| { kind: 'hang'; ms: number }
	| { kind: 'afterWrite'; then: 'status' | 'reset'; status?: 500 | 502 | 503 };

/** The `errors` text of an injected status without its own message. */
const FAULT_MESSAGES: Record<InjectedFailureStatus, string> = {
	400: 'Bad request',
	401: 'Unauthorized',
	403: 'Access denied',
	404: 'Not found',
	409: 'Conflict',
	429: 'API request limit exceeded',
	500: 'Internal server error',
	502: 'Bad gateway',
	503: 'Service temporarily unavailable',
};

type Server = ReturnType<express.Express['listen']>;

interface RequestContext {
	entry: RequestLogEntry;
	host: StandInHost;
	allScopes: boolean;
	scopes: Set<string>;
	/** An `alter` fault to apply to this request's 200 answer. */
	alter?: (body: Record<string, unknown>) => Record<string, unknown>;
	/** An `afterWrite` fault: the route's answer is replaced when it is sent. */
	afterWrite?: Extract<StandInFault, { kind: 'afterWrite' }>;
}

interface AccessTokenRecord {
	scopes: string[];
	expiresAt: number;
	revoked: boolean;
}

interface RefreshTokenRecord {
	scopes: string[];
	accessToken: string;
	used: boolean;
}

interface CodeRecord {
	scopes: string[];
	redirectUri: string;
	used: boolean;
	expiresAt: number;
}

interface InjectedFailure {
	remaining: number;
	/** Matching requests to let through before the fault starts (to break page 2, say). */
	skip: number;
	fault: StandInFault;
	path?: string;
	/** Upper-case HTTP method; undefined matches every method. */
	method?: string;
}

function parseBasic(header: string | undefined): { user: string; password: string } | undefined {
	const match = /^\s*Basic\s+(\S+)\s*$/i.exec(header ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return undefined;
	return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function safeDecode(value: string): string {
	try {
		return decodeURIComponent(value.replace(/\+/g, ' '));
	} catch {
		return value;
	}
}

function sameSecret(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

export class GongStandIn {
	readonly calls: StandInCall[] = [];

	readonly users: StandInUser[];

	readonly workspaces: StandInWorkspace[];

	readonly log: RequestLogEntry[] = [];

	private readonly generator: GongDataGenerator;

	private readonly hiddenTranscripts = new Map<string, StandInMonologue[]>();

	private readonly contexts = new WeakMap<Request, RequestContext>();

	private readonly accessTokens = new Map<string, AccessTokenRecord>();

	private readonly refreshTokens = new Map<string, RefreshTokenRecord>();

	private readonly codes = new Map<string, CodeRecord>();

	private readonly failures: InjectedFailure[] = [];

	private readonly pendingDelays = new Set<AbortSignal>();

	private readonly cursorSecret = randomBytes(32);

	private readonly accessKey: string;

	private readonly accessKeySecret: string;

	private readonly clientId: string;

	private readonly clientSecret: string;

	private readonly accessTokenTtlSeconds: number;

	private readonly oauthTokensOnlyOnCustomerHost: boolean;

	private readonly integrationScopes: string[];

	private readonly redirectUris: string[] | undefined;

	private readonly pageSize: number;

	private rateLimitPerSecond: number;

	private dailyLimit: number;

	private latencyMs: number;

	private hits: number[] = [];

	private day = -1;

	private dailyCount = 0;

	private requestSeq = 0;

	private genericServer: Server | undefined;

	private customerServer: Server | undefined;

	private genericUrl = '';

	private customerUrl = '';

	private stopped = false;

	private constructor(options: StandInOptions) {
		this.accessKey = options.accessKey ?? 'test-access-key';
		this.accessKeySecret = options.accessKeySecret ?? 'test-access-key-secret';
		this.clientId = options.clientId ?? 'test-client-id';
		this.clientSecret = options.clientSecret ?? 'test-client-secret';
		this.accessTokenTtlSeconds = options.accessTokenTtlSeconds ?? 3600;
		this.oauthTokensOnlyOnCustomerHost = options.oauthTokensOnlyOnCustomerHost ?? true;
		this.integrationScopes = [...(options.integrationScopes ?? GONG_SCOPES)];
		this.redirectUris = options.redirectUris ? [...options.redirectUris] : undefined;
		this.pageSize = Math.max(1, options.pageSize ?? 100);
		this.rateLimitPerSecond = options.rateLimitPerSecond ?? 3;
		this.dailyLimit = options.dailyLimit ?? 10_000;
		this.latencyMs = options.latencyMs ?? 0;

		const startMs = Date.parse(options.startDate ?? '2026-01-05T09:00:00Z');
		if (Number.isNaN(startMs)) throw new Error(`Invalid startDate: ${options.startDate ?? ''}`);
		const intervalMs = (options.callIntervalMinutes ?? 37) * 60_000;
		this.generator = new GongDataGenerator(options.seed ?? 42, options.utcOffsetMinutes ?? 0);
		this.workspaces = this.generator.workspaces(options.workspaces ?? 2);
		this.users = this.generator.users(options.users ?? 12, this.workspaces, startMs);
		let previousStart = startMs;
		const count = options.calls ?? 30;
		for (let i = 0; i < count; i++) {
			// Every 10th call starts at exactly the same moment as the one before it.
			const startedMs = i % 10 === 9 ? previousStart : startMs + i * intervalMs;
			previousStart = startedMs;
			const { call, transcript } = this.generator.call(
				{ startedMs, transcriptReady: i % 10 !== 6, unknownSpeaker: i % 8 === 4 },
				this.users,
				this.workspaces,
			);
			this.calls.push(call);
			this.hiddenTranscripts.set(call.metaData.id, transcript);
		}
		// Keep `calls` in the API's order (started, then id): ties are ordered by id, as Gong does.
		this.calls.sort(
			(a, b) =>
				Date.parse(a.metaData.started) - Date.parse(b.metaData.started) || compareIds(a.metaData.id, b.metaData.id),
		);
	}

	static async start(options: StandInOptions = {}): Promise<GongStandIn> {
		const standIn = new GongStandIn(options);
		const generic = await standIn.listen(standIn.buildApp('generic'), options.ports?.generic);
		standIn.genericServer = generic.server;
		standIn.genericUrl = generic.url;
		const customer = await standIn
			.listen(standIn.buildApp('customer'), options.ports?.customer)
			.catch(async (error: unknown) => {
				await standIn.stop();
				return Promise.reject(error);
			});
		standIn.customerServer = customer.server;
		standIn.customerUrl = customer.url;
		return standIn;
	}

	/** The generic host (like https://api.gong.io), which also serves /oauth2/* (like https://app.gong.io). */
	get baseUrl(): string {
		return this.genericUrl;
	}

	/** The per-company host returned as api_base_url_for_customer. */
	get customerBaseUrl(): string {
		return this.customerUrl;
	}

	/** `Basic base64(accessKey:accessKeySecret)` for the configured access key. */
	basicAuthHeader(): string {
		return `Basic ${Buffer.from(`${this.accessKey}:${this.accessKeySecret}`).toString('base64')}`;
	}

	/**
	 * The Gong API requests in the log (/v2/…, not OAuth): what tests, the benchmark and e2e count.
	 * `without429` leaves out the answers of 429 (the rate limit's refusals); `until` (epoch ms) keeps
	 * those that arrived by then.
	 */
	apiRequests(options: { without429?: boolean; until?: number } = {}): RequestLogEntry[] {
		const until = options.until ?? Infinity;
		return this.log.filter(
			(entry) => entry.path.startsWith('/v2/') && entry.at <= until && !(options.without429 && entry.status === 429),
		);
	}

	count(filter?: (entry: RequestLogEntry) => boolean): number {
		return filter ? this.log.filter(filter).length : this.log.length;
	}

	countStatus(status: number): number {
		return this.count((e) => e.status === status);
	}

	clearLog(): void {
		this.log.length = 0;
	}

	/** Appends a new call (default: started now, transcript ready) and returns it. */
	addCall(partial: StandInCallInput = {}): StandInCall {
		const startedMs = partial.metaData?.started
			? Date.parse(partial.metaData.started)
			: Math.floor(Date.now() / 1000) * 1000;
		if (Number.isNaN(startedMs)) throw new Error(`Invalid started: ${partial.metaData?.started ?? ''}`);
		const { call, transcript } = this.generator.call(
			{ startedMs, transcriptReady: true, unknownSpeaker: false },
			this.users,
			this.workspaces,
		);
		if (partial.metaData?.id) this.generator.reserveId(partial.metaData.id);
		const id = partial.metaData?.id ?? call.metaData.id;
		const merged: StandInCall = {
			metaData: {
				...call.metaData,
				url: `https://app.gong.io/call?id=${id}`,
				...partial.metaData,
				started: partial.metaData?.started ?? call.metaData.started,
			},
			parties: partial.parties ?? call.parties,
			content: { ...call.content, ...partial.content },
			context: partial.context ?? call.context,
			interaction: { ...call.interaction, ...partial.interaction },
			collaboration: partial.collaboration ?? call.collaboration,
			media: partial.media ?? call.media,
			transcript: partial.transcript === undefined ? transcript : partial.transcript,
		};
		if (this.calls.some((c) => c.metaData.id === id)) throw new Error(`Duplicate call id ${id}`);
		this.calls.push(merged);
		this.hiddenTranscripts.set(id, merged.transcript ?? transcript);
		return merged;
	}

	/** A call whose transcript is not ready is left out of /v2/calls/transcript. */
	setTranscriptReady(callId: string, ready: boolean): void {
		const call = this.calls.find((c) => c.metaData.id === callId);
		if (!call) throw new Error(`Unknown call id ${callId}`);
		if (ready) {
			if (call.transcript) return;
			call.transcript = this.hiddenTranscripts.get(callId) ?? this.generator.transcript(call.parties, false);
		} else {
			if (call.transcript) this.hiddenTranscripts.set(callId, call.transcript);
			call.transcript = null;
		}
	}

	/** Mints an access/refresh token pair directly, as the token endpoint would. */
	issueToken(opts: { scopes?: string[]; expired?: boolean } = {}): StandInTokenResponse {
		return this.mintTokens(opts.scopes ?? this.integrationScopes, opts.expired ?? false);
	}

	/** Expires one access token, or every access token issued so far. */
	expireAccessTokens(accessToken?: string): void {
		const past = Date.now() - 1000;
		if (accessToken !== undefined) {
			const record = this.accessTokens.get(accessToken);
			if (record) record.expiresAt = past;
			return;
		}
		for (const record of this.accessTokens.values()) record.expiresAt = past;
	}

	/** The next `n` API requests (whose path starts with opts.path, when given) fail with `status`. */
	failNext(
		n: number,
		status: InjectedFailureStatus,
		opts: { retryAfterSeconds?: number; path?: string; message?: string } = {},
	): void {
		const { path, ...rest } = opts;
		this.inject({ kind: 'status', status, ...rest }, { times: n, path });
	}

	/**
	 * The next `times` API requests (whose path starts with `path` and whose method is `method`, when
	 * given; after letting `skip` of them through) meet `fault`. `times: Infinity` keeps it until
	 * `clearFaults()`. `method` breaks `POST /v2/calls` without breaking `GET /v2/calls`.
	 */
	inject(fault: StandInFault, opts: { times?: number; path?: string; skip?: number; method?: string } = {}): void {
		const times = opts.times ?? 1;
		if (times > 0) {
			this.failures.push({
				remaining: times,
				skip: opts.skip ?? 0,
				fault,
				path: opts.path,
				method: opts.method?.toUpperCase(),
			});
		}
	}

	clearFaults(): void {
		this.failures.length = 0;
	}

	setRateLimit(perSecond: number): void {
		this.rateLimitPerSecond = perSecond;
	}

	setDailyLimit(perDay: number): void {
		this.dailyLimit = perDay;
	}

	/** Forgets the requests counted so far (per-second window and daily count). */
	resetRateLimits(): void {
		this.hits = [];
		this.dailyCount = 0;
	}

	setLatency(ms: number): void {
		this.latencyMs = ms;
	}

	async stop(): Promise<void> {
		if (this.stopped) return;
		this.stopped = true;
		await Promise.all([this.closeServer(this.genericServer), this.closeServer(this.customerServer)]);
	}

	// ---- server plumbing -------------------------------------------------------------------------

	private listen(app: express.Express, port = 0): Promise<{ server: Server; url: string }> {
		return new Promise((resolve, reject) => {
			const server = app.listen(port, '127.0.0.1');
			server.once('error', reject);
			server.once('listening', () => {
				const address = server.address();
				if (address === null || typeof address === 'string') {
					reject(new Error('The stand-in did not get a TCP port'));
					return;
				}
				resolve({ server, url: `http://127.0.0.1:${address.port}` });
			});
		});
	}

	private closeServer(server: Server | undefined): Promise<void> {
		if (!server?.listening) return Promise.resolve();
		return new Promise((resolve, reject) => {
			server.close((error) => (error ? reject(error) : resolve()));
			server.closeAllConnections();
		});
	}

	private buildApp(host: StandInHost): express.Express {
		const app = express();
		app.disable('x-powered-by');
		app.set('etag', false);
		app.use((req, res, next) => this.begin(req, res, next, host));
		app.use(async (_req, _res, next) => {
			if (this.latencyMs > 0) await this.delay(this.latencyMs);
			next();
		});
		app.use(express.json({ limit: '10mb' }));
		app.use(express.urlencoded({ extended: false }));
		app.use((req, _res, next) => {
			this.ctx(req).entry.body = (req.body as unknown) ?? null;
			next();
		});
		if (host === 'generic') {
			app.get('/oauth2/authorize', (req, res) => this.authorize(req, res));
			app.post('/oauth2/generate-customer-token', (req, res) => this.token(req, res));
		}
		app.use((req, res, next) => this.gate(req, res, next));
		// One file per Gong resource in routes/: a new endpoint is a new route there.
		for (const register of ROUTES) register(app, this);
		app.use((req, res) => this.fail(req, res, 404, [`No such endpoint: ${req.method} ${req.path}`]));
		app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => this.onError(error, req, res));
		return app;
	}

	private begin(req: Request, res: Response, next: NextFunction, host: StandInHost): void {
		const scheme = /^\s*(\S+)/.exec(req.get('authorization') ?? '')?.[1]?.toLowerCase();
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(req.headers)) {
			if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
		}
		const entry: RequestLogEntry = {
			host,
			method: req.method,
			path: req.path,
			query: { ...(req.query as Record<string, unknown>) },
			body: null,
			headers,
			status: 0,
			auth: scheme === 'basic' ? 'basic' : scheme === 'bearer' ? 'bearer' : 'none',
			at: Date.now(),
			answeredAt: 0,
		};
		this.log.push(entry);
		this.contexts.set(req, { entry, host, allScopes: false, scopes: new Set() });
		res.on('finish', () => {
			if (!entry.status) entry.status = res.statusCode;
			entry.answeredAt = Date.now();
		});
		next();
	}

	private ctx(req: Request): RequestContext {
		const context = this.contexts.get(req);
		if (!context) throw new Error('request without context');
		return context;
	}

	/** Waits without timers: AbortSignal.timeout fires after `ms`. */
	private delay(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const signal = AbortSignal.timeout(ms);
			this.pendingDelays.add(signal);
			signal.addEventListener(
				'abort',
				() => {
					this.pendingDelays.delete(signal);
					resolve();
				},
				{ once: true },
			);
		});
	}

	private requestId(): string {
		const random = randomBytes(8).readBigUInt64BE().toString(36);
		return `${random}${(this.requestSeq++).toString(36).padStart(4, '0')}`.slice(-19);
	}

	send(
		req: Request,
		res: Response,
		status: number,
		body: Record<string, unknown>,
		headers: Record<string, string> = {},
	): void {
		const context = this.contexts.get(req);
		const lost = context?.afterWrite;
		if (context && lost) {
			// The route did its work; the answer dies on the way back (a proxy's 5xx or a dropped connection).
			context.afterWrite = undefined;
			context.entry.unsentStatus = status;
			if (lost.then === 'reset') {
				context.entry.status = -1;
				req.socket.destroy();
				return;
			}
			const lostStatus = lost.status ?? 500;
			this.send(req, res, lostStatus, { errors: [FAULT_MESSAGES[lostStatus]] });
			return;
		}
		if (context) context.entry.status = status;
		res.set(headers);
		const answer = { requestId: this.requestId(), ...body };
		const sent = status === 200 && context?.alter ? context.alter(answer) : answer;
		// int64() values go out as bare JSON numbers, however many digits, as Gong sends int64 ids.
		res.status(status).type('application/json').send(int64Json(sent));
	}

	fail(req: Request, res: Response, status: number, errors: string[], headers: Record<string, string> = {}): void {
		this.send(req, res, status, { errors }, headers);
	}

	private onError(error: unknown, req: Request, res: Response): void {
		if (res.headersSent) return;
		if (error instanceof HttpError) {
			this.fail(req, res, error.status, error.errors);
			return;
		}
		const record = asRecord(error);
		if (record?.type === 'entity.parse.failed') {
			this.fail(req, res, 400, ['Malformed JSON in request body']);
			return;
		}
		if (typeof record?.status === 'number' && record.status >= 400 && record.status < 500) {
			this.fail(req, res, record.status, [error instanceof Error ? error.message : 'Bad request']);
			return;
		}
		this.fail(req, res, 500, [`Internal error: ${error instanceof Error ? error.message : String(error)}`]);
	}

	// ---- limits, failures, auth ------------------------------------------------------------------

	/** Counts the request; returns why it is refused when over a limit. */
	private checkRateLimit(): { retryAfter: number; message: string } | undefined {
		const now = Date.now();
		const day = Math.floor(now / DAY_MS);
		if (day !== this.day) {
			this.day = day;
			this.dailyCount = 0;
		}
		while (this.hits.length && (this.hits[0] as number) <= now - 1000) this.hits.shift();
		if (this.dailyLimit > 0 && this.dailyCount >= this.dailyLimit) {
			return {
				retryAfter: Math.max(1, Math.ceil(((day + 1) * DAY_MS - now) / 1000)),
				message: 'API daily request limit exceeded',
			};
		}
		if (this.rateLimitPerSecond > 0 && this.hits.length >= this.rateLimitPerSecond) {
			const oldest = this.hits[0] as number;
			return {
				retryAfter: Math.max(1, Math.ceil((oldest + 1000 - now) / 1000)),
				message: 'API request limit exceeded',
			};
		}
		this.hits.push(now);
		this.dailyCount++;
		return undefined;
	}

	private takeFailure(method: string, path: string): InjectedFailure | undefined {
		const index = this.failures.findIndex(
			(f) => (f.path === undefined || path.startsWith(f.path)) && (f.method === undefined || f.method === method),
		);
		if (index < 0) return undefined;
		const failure = this.failures[index] as InjectedFailure;
		if (failure.skip > 0) {
			failure.skip--;
			return undefined;
		}
		failure.remaining--;
		if (failure.remaining <= 0) this.failures.splice(index, 1);
		return failure;
	}

	/** Plays an injected fault; returns false when the request should go on (an `alter` fault). */
	private playFault(req: Request, res: Response, fault: StandInFault): boolean {
		const context = this.ctx(req);
		switch (fault.kind) {
			case 'alter':
				context.alter = fault.alter;
				return false;
			case 'afterWrite':
				context.afterWrite = fault;
				return false;
			case 'reset':
				context.entry.status = -1;
				req.socket.destroy();
				return true;
			case 'hang':
				context.entry.status = -2;
				void this.delay(fault.ms).then(() => req.socket.destroy());
				return true;
			case 'raw':
				context.entry.status = fault.status ?? 200;
				res
					.status(fault.status ?? 200)
					.type(fault.contentType ?? 'application/json')
					.send(fault.body);
				return true;
			case 'status': {
				const headers: Record<string, string> = {};
				if (fault.status === 429 || fault.retryAfterSeconds !== undefined) {
					headers['Retry-After'] = String(fault.retryAfterSeconds ?? 1);
				}
				const message = fault.message ?? FAULT_MESSAGES[fault.status];
				this.send(req, res, fault.status, { errors: [message], ...fault.extra }, headers);
				return true;
			}
		}
	}

	private authenticate(
		req: Request,
		host: StandInHost,
	): { ok: true; all: boolean; scopes: string[] } | { ok: false; message: string } {
		const header = req.get('authorization');
		if (!header) return { ok: false, message: 'Missing Authorization header' };
		const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(header);
		if (!match) return { ok: false, message: 'Malformed Authorization header' };
		const scheme = (match[1] as string).toLowerCase();
		const value = match[2] as string;
		if (scheme === 'basic') {
			const credentials = parseBasic(header);
			if (
				credentials &&
				sameSecret(credentials.user, this.accessKey) &&
				sameSecret(credentials.password, this.accessKeySecret)
			) {
				return { ok: true, all: true, scopes: [] };
			}
			return { ok: false, message: 'Invalid access key or access key secret' };
		}
		if (scheme === 'bearer') {
			const record = this.accessTokens.get(value);
			if (!record) return { ok: false, message: 'access token is invalid' };
			if (record.revoked) return { ok: false, message: 'access token has been revoked' };
			if (Date.now() >= record.expiresAt) return { ok: false, message: 'access token has expired' };
			// EU/APAC tenants: a token works only on the company's own host.
			if (this.oauthTokensOnlyOnCustomerHost && host === 'generic') {
				return { ok: false, message: 'access token has been revoked' };
			}
			return { ok: true, all: false, scopes: record.scopes };
		}
		return { ok: false, message: `Unsupported authorization scheme '${match[1] as string}'` };
	}

	/** Every API request: rate limit (counted over both hosts), injected failures, then auth. */
	private gate(req: Request, res: Response, next: NextFunction): void {
		const context = this.ctx(req);
		const limited = this.checkRateLimit();
		if (limited) {
			this.fail(req, res, 429, [limited.message], { 'Retry-After': String(limited.retryAfter) });
			return;
		}
		const failure = this.takeFailure(req.method, req.path);
		if (failure && this.playFault(req, res, failure.fault)) return;
		const result = this.authenticate(req, context.host);
		if (!result.ok) {
			this.fail(req, res, 401, [result.message]);
			return;
		}
		context.allScopes = result.all;
		context.scopes = new Set(result.scopes);
		next();
	}

	requireScope(req: Request, res: Response, scope: string): boolean {
		const context = this.ctx(req);
		if (context.allScopes || context.scopes.has(scope)) return true;
		// Live Gong answers a scope the integration was not granted with 401, not 403.
		this.fail(req, res, 401, [`You don't have permission to use '${scope}' in your app.`]);
		return false;
	}

	// ---- OAuth -----------------------------------------------------------------------------------

	private mintTokens(scopes: string[], expired: boolean): StandInTokenResponse {
		const now = Date.now();
		const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url');
		const payload = Buffer.from(
			JSON.stringify({ jti: randomBytes(12).toString('hex'), iat: Math.floor(now / 1000), scp: scopes }),
		).toString('base64url');
		const accessToken = `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
		const refreshToken = randomBytes(32).toString('base64url');
		this.accessTokens.set(accessToken, {
			scopes: [...scopes],
			expiresAt: expired ? now - 1000 : now + this.accessTokenTtlSeconds * 1000,
			revoked: false,
		});
		this.refreshTokens.set(refreshToken, { scopes: [...scopes], accessToken, used: false });
		return {
			access_token: accessToken,
			refresh_token: refreshToken,
			expires_in: expired ? 0 : this.accessTokenTtlSeconds,
			scope: scopes.join(' '),
			token_type: 'bearer',
			api_base_url_for_customer: this.customerUrl,
		};
	}

	private oauthError(req: Request, res: Response, status: number, error: string, description: string): void {
		this.send(req, res, status, { error, error_description: description });
	}

	private authorize(req: Request, res: Response): void {
		const clientId = queryString(req.query.client_id);
		const redirectUri = queryString(req.query.redirect_uri);
		const responseType = queryString(req.query.response_type);
		const scope = queryString(req.query.scope);
		const state = queryString(req.query.state);
		if (clientId !== this.clientId) {
			this.oauthError(req, res, 400, 'invalid_client', 'Unknown client_id');
			return;
		}
		if (!redirectUri) {
			this.oauthError(req, res, 400, 'invalid_request', 'redirect_uri is required');
			return;
		}
		let target: URL;
		try {
			target = new URL(redirectUri);
		} catch {
			this.oauthError(req, res, 400, 'invalid_request', `redirect_uri is not a URL: ${redirectUri}`);
			return;
		}
		if (this.redirectUris && !this.redirectUris.includes(redirectUri)) {
			this.oauthError(req, res, 400, 'invalid_request', 'redirect_uri does not match the integration');
			return;
		}
		if (responseType !== 'code') {
			this.oauthError(req, res, 400, 'unsupported_response_type', "response_type must be 'code'");
			return;
		}
		const scopes = scope ? scope.split(/[\s,]+/).filter(Boolean) : [...this.integrationScopes];
		const refused = scopes.filter((s) => !this.integrationScopes.includes(s));
		if (refused.length) {
			this.oauthError(
				req,
				res,
				400,
				'invalid_scope',
				`insufficient permissions: the integration does not allow ${refused.join(', ')}`,
			);
			return;
		}
		const code = randomBytes(24).toString('base64url');
		this.codes.set(code, { scopes, redirectUri, used: false, expiresAt: Date.now() + 10 * 60_000 });
		target.searchParams.set('code', code);
		if (state !== undefined) target.searchParams.set('state', state);
		this.ctx(req).entry.status = 302;
		res.redirect(302, target.toString());
	}

	private token(req: Request, res: Response): void {
		const credentials = parseBasic(req.get('authorization'));
		const clientOk =
			credentials !== undefined &&
			(credentials.user === this.clientId || safeDecode(credentials.user) === this.clientId) &&
			(credentials.password === this.clientSecret || safeDecode(credentials.password) === this.clientSecret);
		if (!clientOk) {
			this.oauthError(req, res, 401, 'invalid_client', 'Client authentication failed');
			return;
		}
		// Grant parameters: query string and form (or JSON) body alike.
		const params: Record<string, string> = {};
		for (const source of [asRecord(req.query), asRecord(req.body)]) {
			for (const [key, value] of Object.entries(source ?? {})) {
				const text = queryString(value);
				if (text !== undefined) params[key] = text;
			}
		}
		res.set('Cache-Control', 'no-store');
		if (params.grant_type === 'authorization_code') {
			const code = params.code ? this.codes.get(params.code) : undefined;
			if (!code || code.used) {
				this.oauthError(req, res, 400, 'invalid_grant', 'The authorization code is invalid or has already been used');
				return;
			}
			code.used = true;
			if (Date.now() > code.expiresAt) {
				this.oauthError(req, res, 400, 'invalid_grant', 'The authorization code has expired');
				return;
			}
			if (params.redirect_uri !== undefined && params.redirect_uri !== code.redirectUri) {
				this.oauthError(req, res, 400, 'invalid_grant', 'redirect_uri does not match the authorization request');
				return;
			}
			this.send(req, res, 200, { ...this.mintTokens(code.scopes, false) });
			return;
		}
		if (params.grant_type === 'refresh_token') {
			const record = params.refresh_token ? this.refreshTokens.get(params.refresh_token) : undefined;
			if (!record) {
				this.oauthError(req, res, 400, 'invalid_grant', 'The refresh token is invalid');
				return;
			}
			if (record.used) {
				this.oauthError(req, res, 400, 'invalid_grant', 'The refresh token has already been used');
				return;
			}
			// Single-use: the old refresh token and its access token die with this refresh.
			record.used = true;
			const previous = this.accessTokens.get(record.accessToken);
			if (previous) previous.revoked = true;
			this.send(req, res, 200, { ...this.mintTokens(record.scopes, false) });
			return;
		}
		this.oauthError(
			req,
			res,
			400,
			'unsupported_grant_type',
			`grant_type must be authorization_code or refresh_token, got '${params.grant_type ?? ''}'`,
		);
	}

	// ---- pagination ------------------------------------------------------------------------------

	private filterHash(endpoint: string, filterKey: unknown): string {
		return createHash('sha256')
			.update(`${endpoint}\n${stableStringify(filterKey)}`)
			.digest('base64url')
			.slice(0, 22);
	}

	private encodeCursor(endpoint: string, filterKey: unknown, offset: number): string {
		const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
		const payload = Buffer.from(
			JSON.stringify({
				o: offset,
				e: endpoint,
				h: this.filterHash(endpoint, filterKey),
				iat: Math.floor(Date.now() / 1000),
			}),
		).toString('base64url');
		const signature = createHmac('sha256', this.cursorSecret).update(`${header}.${payload}`).digest('base64url');
		return `${header}.${payload}.${signature}`;
	}

	private decodeCursor(cursor: string): { o: number; e: string; h: string } | undefined {
		const parts = cursor.split('.');
		if (parts.length !== 3) return undefined;
		const [header, payload, signature] = parts as [string, string, string];
		const expected = createHmac('sha256', this.cursorSecret).update(`${header}.${payload}`).digest('base64url');
		if (!sameSecret(signature, expected)) return undefined;
		let decoded: unknown;
		try {
			decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
		} catch {
			return undefined;
		}
		const record = asRecord(decoded);
		if (!record || typeof record.o !== 'number' || typeof record.e !== 'string' || typeof record.h !== 'string') {
			return undefined;
		}
		return { o: record.o, e: record.e, h: record.h };
	}

	paginate<T>(
		req: Request,
		res: Response,
		args: {
			endpoint: string;
			filterKey: unknown;
			cursor: unknown;
			items: T[];
			listKey: string;
			/** Gong's 404 text for nothing found; null where Gong answers an empty page instead. */
			emptyMessage: string | null;
			map: (item: T) => unknown;
			/** Top-level fields Gong sends beside the list on every page (a time zone, a CRM type). */
			extra?: Record<string, unknown>;
		},
	): void {
		let offset = 0;
		if (!isBlank(args.cursor)) {
			if (typeof args.cursor !== 'string') throw bad('cursor must be a string');
			const cursor = this.decodeCursor(args.cursor);
			if (!cursor) throw bad('Invalid cursor');
			if (cursor.e !== args.endpoint || cursor.h !== this.filterHash(args.endpoint, args.filterKey)) {
				throw bad('The cursor does not match this request: repeat the same request with the cursor added');
			}
			offset = cursor.o;
		}
		if (offset >= args.items.length) {
			if (args.emptyMessage !== null || offset > 0) {
				throw new HttpError(404, [args.emptyMessage ?? 'No records found for the given cursor']);
			}
			this.send(req, res, 200, {
				records: { totalRecords: 0, currentPageSize: 0, currentPageNumber: 0 },
				[args.listKey]: [],
				...args.extra,
			});
			return;
		}
		const page = args.items.slice(offset, offset + this.pageSize);
		const records: Record<string, unknown> = {
			totalRecords: args.items.length,
			currentPageSize: page.length,
			currentPageNumber: Math.floor(offset / this.pageSize),
		};
		if (offset + page.length < args.items.length) {
			records.cursor = this.encodeCursor(args.endpoint, args.filterKey, offset + page.length);
		}
		this.send(req, res, 200, { records, [args.listKey]: page.map(args.map), ...args.extra });
	}

	// ---- validation ------------------------------------------------------------------------------

	parseDate(value: unknown, name: string): number | undefined {
		if (isBlank(value)) return undefined;
		if (typeof value !== 'string') throw bad(`${name} must be an ISO-8601 date-time string`);
		const parsed = DateTime.fromISO(value, { zone: 'utc' });
		if (!parsed.isValid) {
			throw bad(`Invalid ${name} '${value}': expected ISO-8601, e.g. 2018-02-18T02:30:00-07:00`);
		}
		return parsed.toMillis();
	}

	parseIdList(value: unknown, name: string): Set<string> | undefined {
		if (value === undefined || value === null) return undefined;
		if (!Array.isArray(value)) throw bad(`${name} must be an array of numeric ID strings`);
		for (const id of value) {
			if (typeof id !== 'string' || !/^\d{1,20}$/.test(id)) {
				throw bad(`${name} must contain only numeric ID strings, got ${JSON.stringify(id)}`);
			}
		}
		return new Set(value as string[]);
	}

	parseWorkspaceId(value: unknown): string | undefined {
		if (isBlank(value)) return undefined;
		if (typeof value !== 'string' || !/^\d{1,20}$/.test(value)) {
			throw bad(`workspaceId must be a numeric ID string, got ${JSON.stringify(value)}`);
		}
		return value;
	}

	requireFilter(body: unknown): { body: Record<string, unknown>; filter: Record<string, unknown> } {
		const record = asRecord(body);
		if (!record) throw bad('The request body must be a JSON object');
		const filter = asRecord(record.filter);
		if (!filter) throw bad("'filter' is required and must be an object");
		return { body: record, filter };
	}
}
