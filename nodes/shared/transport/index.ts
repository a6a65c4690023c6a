import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { GongAuthentication, GongResponse } from '../helpers/interfaces';
import { readAnswer, type ExpectedAnswer } from './answer';
import {
	cleanError,
	describeFailure,
	failureFromAnswer,
	gongApiError,
	gongMessage,
	isEmptyResult404,
	missingScope,
	retryAfterMs,
	toHttpFailure,
	unreadableAnswerError,
	uncertainWriteError,
	type HttpFailure,
} from './errors';
import { acquireSlot, pauseAfterRateLimit } from './throttle';
import { countRequest } from './usage';
import { multipartBody, type UploadBody, type UploadFile } from './upload';

export type { UploadFile } from './upload';
export type { HttpFailure } from './errors';

export type GongFunctions =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

/** The credential type behind each Authentication choice. */
export function credentialTypeFor(authentication: GongAuthentication): string {
	return authentication === 'oAuth2' ? 'gongIntegrationOAuth2Api' : 'gongAccessKeyApi';
}

export const DEFAULT_API_BASE_URL = 'https://api.gong.io';

export { GONG_PAGE_SIZE } from './answer';

/**
 * How hard the transport tries. Mutable for the test suite and the benchmark only, which replay
 * hundreds of faults and cannot wait the production back-off each time.
 */
export const retryPolicy = {
	/** 429 answers honoured (after Retry-After) before giving up. */
	rateLimitRetries: 6,
	/** 5xx answers, connection failures, time-outs and unreadable 2xx answers retried. */
	serverRetries: 3,
	/** Back-off before the first such retry; doubles each time. */
	backoffMs: 1_000,
	/** A request with no answer after this long is abandoned (and retried). */
	timeoutMs: 60_000,
	/** A Retry-After longer than this is Gong's daily quota, not a burst: fail now, saying when it resets. */
	maxRetryAfterMs: 120_000,
};

const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENOTFOUND',
	'UND_ERR_SOCKET',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
]);

/** Failures where the request never reached Gong: sending it again cannot do anything twice. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * A write Gong does not recognise when repeated. After an unknown outcome (a 5xx, a time-out, a
 * dropped connection, an answer that could not be read) Gong may have done it, so it is not sent
 * again blindly: `verify` asks Gong whether it happened and returns the answer to use, or
 * `undefined` when it did not (then it is sent again); without `verify` the request fails, telling
 * the user what to `check`.
 */
export interface NotIdempotent {
	/** What the user should look at in Gong before running it again ("the flows of prospects 1, 2"). */
	check: string;
	verify?: () => Promise<GongResponse | undefined>;
}

export interface GongRequest {
	method: IHttpRequestMethods;
	/** Path below the API host, e.g. `/v2/calls/extensive`. */
	endpoint: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** The input item this request serves, so errors point at it. */
	itemIndex?: number;
	/** Names the thing looked up ("Call 123"), for a clear not-found error. */
	what?: string;
	/** What the answer must hold; anything else is unreadable (retried, then an error). */
	expect?: ExpectedAnswer;
	/** Page number (from 1) within a paged listing, for error messages. */
	page?: number;
	/**
	 * Gong's "nothing found" 404 texts for this endpoint: such a 404 is an empty result, any other
	 * 404 an error. Default: the calls and users endpoints' "No … found corresponding to the provided filters".
	 */
	empty?: RegExp;
	/** Per-request time-out, for endpoints that take long by design (Gong's AI generates text). */
	timeoutMs?: number;
	/** Retries after a 5xx, time-out or unreadable answer; fewer where a retry costs (AI credits). */
	serverRetries?: number;
	/** A file sent as multipart/form-data (streamed; `body` is then ignored). */
	upload?: UploadFile;
	/**
	 * Set on a write that must not be repeated blindly. Without it a request is repeatable: a read, a
	 * PUT/DELETE of a state, or a write Gong deduplicates by a key in it (clientUniqueId, eventId,
	 * clientRequestId).
	 */
	notIdempotent?: NotIdempotent;
	/**
	 * Gong's error answers that mean "already done" (the 409 of a repeated event): the answer to
	 * use instead, or `undefined` for a real error. `unknownOutcomeBefore`: an earlier attempt of
	 * this request may have been done by Gong (its answer was lost), so a "used before" may be ours.
	 */
	recover?: (
		failure: HttpFailure,
		attempt: { unknownOutcomeBefore: boolean },
	) => GongResponse | undefined | Promise<GongResponse | undefined>;
}

interface Target {
	authentication: GongAuthentication;
	credentialType: string;
	baseUrl: string;
	host: string;
	/** The company's limit as the credential says; undefined: Gong's default. */
	requestsPerSecond?: number;
}

export function getAuthentication(ctx: GongFunctions): GongAuthentication {
	return ctx.getNode().parameters.authentication === 'oAuth2' ? 'oAuth2' : 'accessKey';
}

function normalizeBaseUrl(ctx: GongFunctions, raw: string, itemIndex?: number): URL {
	const trimmed = raw.trim().replace(/\/+$/, '').replace(/\/v2$/, '');
	try {
		const url = new URL(trimmed);
		if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError('protocol');
		return url;
	} catch {
		throw new NodeOperationError(ctx.getNode(), `The credential's Base URL "${trimmed}" is not a valid URL`, {
			description:
				"Use your company's Gong API host as shown on Gong's API page, for example https://us-55616.api.gong.io.",
			itemIndex,
		});
	}
}

/**
 * The host is per company. OAuth tokens name it (`api_base_url_for_customer`) and EU/APAC tokens
 * are rejected anywhere else, so the token's host wins over the credential's override.
 */
async function resolveTarget(ctx: GongFunctions, itemIndex?: number): Promise<Target> {
	const authentication = getAuthentication(ctx);
	const credentialType = credentialTypeFor(authentication);
	const credentials = await ctx.getCredentials(credentialType);
	let raw: string | undefined;
	if (authentication === 'oAuth2') {
		const tokenData = credentials.oauthTokenData as IDataObject | undefined;
		raw = (tokenData?.api_base_url_for_customer as string | undefined) || (credentials.baseUrl as string | undefined);
	} else {
		raw = credentials.baseUrl as string | undefined;
	}
	const url = normalizeBaseUrl(ctx, raw || DEFAULT_API_BASE_URL, itemIndex);
	return {
		authentication,
		credentialType,
		baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}`,
		host: url.host,
		requestsPerSecond: rateLimitOf(credentials.requestsPerSecond),
	};
}

/** The credential's Requests per Second: a whole number from 1; anything else means Gong's default. */
function rateLimitOf(raw: unknown): number | undefined {
	const value = typeof raw === 'string' ? Number(raw) : raw;
	return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : undefined;
}

/** "POST /v2/calls/extensive, page 3": which request an error is about. */
export function describeRequest(request: GongRequest): string {
	return `${request.method} ${request.endpoint}${request.page ? `, page ${request.page}` : ''}`;
}

interface FullResponse {
	body?: unknown;
	headers?: unknown;
	statusCode?: number;
}

/** One request's outcome: a 2xx answer, or an HTTP failure (an error status or no answer at all). */
type Exchange = { response: FullResponse; failure?: undefined } | { failure: HttpFailure };

/**
 * Sends one request to Gong: authentication through the n8n host (which refreshes OAuth tokens on
 * 401 and stores Gong's single-use refresh token), the per-company host, the rate limit, bounded
 * retries (429 after Retry-After; 5xx, network errors, time-outs and unreadable answers with
 * back-off — every request this package makes is a read), the answer checked against what the
 * endpoint must return, and error mapping. Returns `null` for Gong's "No … found" 404 (an empty
 * result); never an answer it could not read.
 */
export async function gongApiRequest<T extends GongResponse = GongResponse>(
	this: GongFunctions,
	request: GongRequest,
): Promise<T | null> {
	const target = await resolveTarget(this, request.itemIndex);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${target.baseUrl}${request.endpoint}`,
		json: true,
		// The raw text, parsed here: the HTTP client would hand a broken body over as a string.
		encoding: 'text',
		returnFullResponse: true,
		timeout: request.timeoutMs ?? retryPolicy.timeoutMs,
	};
	if (request.qs && Object.keys(request.qs).length) options.qs = request.qs;
	if (request.body && request.method !== 'GET') options.body = request.body;

	/** When the last attempt started: a 429 tells the throttle how many of ours Gong took before it. */
	let startedAt = 0;
	/**
	 * Error statuses come back as answers, not thrown (`ignoreHttpStatusErrors`): n8n 1.x throws an
	 * error without Gong's status text, headers or body (no Retry-After, no "No calls found", no
	 * missing scope), n8n 2.x one that has them; an answer is the same on both. `throwOn401` is for
	 * OAuth2's second try, where n8n must see the 401 thrown to refresh the token.
	 */
	const exchange = async (throwOn401 = false, probe = false): Promise<Exchange> => {
		const ticket = await acquireSlot(target.host, target.requestsPerSecond);
		let status: number | undefined;
		let upload: UploadBody | undefined;
		try {
			const attempt: IHttpRequestOptions = { ...options, ignoreHttpStatusErrors: !throwOn401 };
			if (request.upload && probe) {
				// Only to let n8n refresh the token: a multipart body without the file, which Gong
				// refuses (400) and n8n can send twice; the file follows with the new token.
				attempt.headers = { 'Content-Type': 'multipart/form-data; boundary=n8n-nodes-gong' };
				attempt.body = Buffer.from('--n8n-nodes-gong--\r\n');
			} else if (request.upload) {
				upload = await multipartBody(request.upload);
				attempt.headers = upload.headers;
				attempt.body = upload.body;
				// The redirect-following HTTP client keeps every byte sent, to send it again after a
				// redirect: a 1.5 GB recording would end up in memory. Gong's API does not redirect.
				attempt.disableFollowRedirect = true;
			}
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				target.credentialType,
				attempt,
			)) as FullResponse;
			status = response.statusCode ?? 200;
			if (status >= 200 && status < 300) return { response };
			return { failure: failureFromAnswer({ ...response, statusCode: status }) };
		} catch (error) {
			const failure = toHttpFailure(error);
			status = failure.status;
			if (failure.status === undefined && !RETRYABLE_NETWORK_CODES.has(failure.code ?? '')) {
				// Not an HTTP exchange (TLS, protocol, the host asking to reconnect OAuth): n8n's error
				// keeps the request (and its credentials) in its cause chain, so only its words go on.
				throw cleanError(this.getNode(), error, request.itemIndex);
			}
			return { failure };
		} finally {
			if (upload && !Buffer.isBuffer(upload.body)) upload.body.destroy();
			ticket.done(status);
			countRequest(this, status);
			startedAt = ticket.startedAt;
		}
	};

	let rateLimitRetries = 0;
	let serverRetries = 0;
	let refreshTried = false;
	let unknownOutcomeBefore = false;
	const backOff = async (): Promise<boolean> => {
		if (serverRetries >= (request.serverRetries ?? retryPolicy.serverRetries)) return false;
		await sleep(retryPolicy.backoffMs * 2 ** serverRetries);
		serverRetries++;
		return true;
	};
	/**
	 * After a non-idempotent write's unknown outcome: Gong's answer when `verify` finds it done,
	 * `undefined` to send it again (it did not happen), or an error saying what to check.
	 */
	const settle = async (once: NotIdempotent, what: string, requestId?: string): Promise<GongResponse | undefined> => {
		const uncertain = (verifyFailed?: string) =>
			uncertainWriteError(this.getNode(), {
				request: describeRequest(request),
				what,
				check: once.check,
				verifyFailed,
				requestId,
				itemIndex: request.itemIndex,
			});
		if (!once.verify) throw uncertain();
		let found: GongResponse | undefined;
		try {
			found = await once.verify();
		} catch (error) {
			throw uncertain(error instanceof Error ? error.message : String(error));
		}
		return found;
	};
	for (;;) {
		let result = await exchange();
		const unauthorized = result.failure?.status === 401 ? result.failure : undefined;
		if (
			unauthorized &&
			target.authentication === 'oAuth2' &&
			!refreshTried &&
			!missingScope(gongMessage(unauthorized.body))
		) {
			// An expired access token: once per request, the same request in the mode where n8n
			// refreshes the token on 401, stores Gong's new single-use refresh token and tries again.
			// (A missing scope is not: a refreshed token carries the same scopes.)
			refreshTried = true;
			const first = unauthorized;
			// A streamed file cannot be sent twice within n8n's refresh: refresh with a probe, then send it.
			result = await exchange(true, Boolean(request.upload));
			if (request.upload && result.failure?.status !== 401) result = await exchange();
			// n8n 1.x keeps no body on a thrown 401: Gong's words (a missing scope) are in the first one.
			if (result.failure?.status === 401 && !gongMessage(result.failure.body)) result = { failure: first };
		}
		if (result.failure) {
			const failure = result.failure;
			if (failure.status === 429 && rateLimitRetries < retryPolicy.rateLimitRetries) {
				// Without a readable Retry-After, a second.
				const waitMs = retryAfterMs(failure.headers['retry-after']) ?? 1_000;
				if (waitMs <= retryPolicy.maxRetryAfterMs) {
					rateLimitRetries++;
					pauseAfterRateLimit(target.host, waitMs, startedAt);
					continue;
				}
			}
			const recovered =
				failure.status !== undefined ? await request.recover?.(failure, { unknownOutcomeBefore }) : undefined;
			if (recovered) {
				return recovered as T;
			}
			// "No … found" after a cursor promised more is not an empty result: the listing broke off.
			const brokenOff = isEmptyResult404(failure, request.empty) && (request.page ?? 1) > 1;
			const transient = failure.status === undefined || failure.status >= 500 || brokenOff;
			const unknownOutcome = transient && !NOT_SENT_CODES.has(failure.code ?? '');
			if (unknownOutcome) unknownOutcomeBefore = true;
			if (unknownOutcome && request.notIdempotent) {
				const settled = await settle(request.notIdempotent, describeFailure(failure), failure.body.requestId);
				if (settled) return settled as T;
				// Verified as not done: sending it again is safe; out of retries, Gong's error below.
				if (await backOff()) continue;
			} else if (transient && (await backOff())) continue;
			if (brokenOff) {
				throw unreadableAnswerError(this.getNode(), {
					request: describeRequest(request),
					status: 404,
					problem: `"${gongMessage(failure.body) ?? 'nothing found'}", although the page before promised more`,
					requestId: failure.body.requestId,
					retries: serverRetries,
					itemIndex: request.itemIndex,
				});
			}
			if (isEmptyResult404(failure, request.empty)) return null;
			throw gongApiError(this.getNode(), failure, {
				authentication: target.authentication,
				itemIndex: request.itemIndex,
				what: request.what,
				request: describeRequest(request),
				retries: failure.status === 429 ? rateLimitRetries : serverRetries,
				maxRetryAfterMs: retryPolicy.maxRetryAfterMs,
			});
		}
		const { response } = result;
		const answer = readAnswer(response.body, request.expect);
		if (answer.ok) {
			return answer.body as T;
		}
		unknownOutcomeBefore = true;
		if (request.notIdempotent) {
			// A 2xx: Gong did it, but what it answered is unknown; only `verify` can tell.
			const said = `${response.statusCode ?? 200} with ${answer.problem}`;
			const settled = await settle(request.notIdempotent, said, answer.requestId);
			if (settled) return settled as T;
		}
		if (await backOff()) continue;
		throw unreadableAnswerError(this.getNode(), {
			request: describeRequest(request),
			status: response.statusCode ?? 200,
			problem: answer.problem,
			requestId: answer.requestId,
			retries: serverRetries,
			itemIndex: request.itemIndex,
		});
	}
}

/**
 * Walks Gong's cursor pagination: the same request again with `cursor` (query on GET, body on
 * POST) until Gong sends no cursor. Every page is checked to hold `listKey` (and each record to
 * pass `record`). Yields one page of records at a time so callers can stop early; with `maxPages`,
 * or once the clock passes `until` (epoch ms), requests no further page and returns whether Gong
 * had more.
 */
export async function* gongApiPages<T>(
	this: GongFunctions,
	request: GongRequest,
	listKey: string,
	{
		maxPages = Infinity,
		until = Infinity,
		record,
	}: { maxPages?: number; until?: number; record?: ExpectedAnswer['record'] } = {},
): AsyncGenerator<T[], boolean, undefined> {
	let cursor: string | undefined;
	let pages = 0;
	let seen = 0;
	do {
		const paged: GongRequest = { ...request, page: pages + 1, expect: { list: listKey, record, seenBefore: seen } };
		if (cursor) {
			if (request.method === 'GET') paged.qs = { ...request.qs, cursor };
			else paged.body = { ...request.body, cursor };
		}
		const page = await gongApiRequest.call(this, paged);
		// Gong's "No … found" 404: on the first page an empty listing, later one that ended.
		if (!page) return false;
		const records = page[listKey] as T[];
		seen += records.length;
		yield records;
		cursor = page.records?.cursor;
		if (++pages >= maxPages || Date.now() >= until) return Boolean(cursor);
	} while (cursor);
	return false;
}

/**
 * One page of a GET listing at Gong's query cursor: a picker shows a page at a time and hands
 * Gong's cursor back as its pagination token.
 */
export async function gongApiPage<T>(
	this: GongFunctions,
	request: GongRequest,
	listKey: string,
	cursor?: string,
	record?: ExpectedAnswer['record'],
): Promise<{ records: T[]; cursor?: string }> {
	const page = await gongApiRequest.call(this, {
		...request,
		qs: cursor ? { ...request.qs, cursor } : request.qs,
		expect: { list: listKey, record },
	});
	return { records: (page?.[listKey] ?? []) as T[], cursor: page?.records?.cursor };
}

/** Collects records across pages; with a limit, stops fetching as soon as it has enough. */
export async function gongApiCollect<T>(
	this: GongFunctions,
	request: GongRequest,
	listKey: string,
	limit?: number,
	record?: ExpectedAnswer['record'],
): Promise<T[]> {
	const records: T[] = [];
	const pages = gongApiPages.call(this, request, listKey, { record }) as AsyncGenerator<T[], boolean>;
	for await (const page of pages) {
		records.push(...page);
		if (limit !== undefined && records.length >= limit) return records.slice(0, limit);
	}
	return records;
}
