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
import { gongApiError, isEmptyResult404, toHttpFailure } from './errors';
import { acquireSlot, noteSuccess, pauseAfterRateLimit } from './throttle';

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

/** Gong's page size: every list endpoint returns 100 records per page. */
export const GONG_PAGE_SIZE = 100;

const MAX_RATE_LIMIT_RETRIES = 6;
const MAX_SERVER_RETRIES = 3;
const SERVER_RETRY_BASE_MS = 1_000;
/** A Retry-After longer than this is the daily quota, not a burst: fail now with a clear message. */
const MAX_RETRY_AFTER_MS = 120_000;
const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENOTFOUND',
]);

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
}

interface Target {
	authentication: GongAuthentication;
	credentialType: string;
	baseUrl: string;
	host: string;
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
	};
}

function retryAfterMs(header: string | undefined): number {
	if (!header) return 1_000;
	const seconds = Number(header);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1_000);
	const date = Date.parse(header);
	return Number.isNaN(date) ? 1_000 : Math.max(0, date - Date.now());
}

/**
 * Sends one request to Gong: authentication through the n8n host (which refreshes OAuth tokens on
 * 401 and stores Gong's single-use refresh token), the per-company host, the rate limit, bounded
 * retries (429 after Retry-After; 5xx and network errors with backoff — every request this package
 * makes is a read), and error mapping. Returns `null` for Gong's "No … found" 404 (an empty result).
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
	};
	if (request.qs && Object.keys(request.qs).length) options.qs = request.qs;
	if (request.body && request.method !== 'GET') options.body = request.body;

	let rateLimitRetries = 0;
	let serverRetries = 0;
	for (;;) {
		const answered = await acquireSlot(target.host);
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				target.credentialType,
				{ ...options },
			)) as T;
			answered();
			noteSuccess(target.host);
			return response;
		} catch (error) {
			answered();
			const failure = toHttpFailure(error);
			if (failure.status === undefined && !RETRYABLE_NETWORK_CODES.has(failure.code ?? '')) {
				// Not an HTTP exchange (e.g. the host asking to reconnect OAuth): keep n8n's own error.
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: request.itemIndex });
			}
			if (failure.status === 429 && rateLimitRetries < MAX_RATE_LIMIT_RETRIES) {
				const waitMs = retryAfterMs(failure.headers['retry-after']);
				if (waitMs <= MAX_RETRY_AFTER_MS) {
					rateLimitRetries++;
					pauseAfterRateLimit(target.host, waitMs);
					continue;
				}
			}
			const transient = failure.status === undefined || failure.status >= 500;
			if (transient && serverRetries < MAX_SERVER_RETRIES) {
				await sleep(SERVER_RETRY_BASE_MS * 2 ** serverRetries);
				serverRetries++;
				continue;
			}
			if (isEmptyResult404(failure)) return null;
			throw gongApiError(this.getNode(), failure, {
				authentication: target.authentication,
				itemIndex: request.itemIndex,
				what: request.what,
			});
		}
	}
}

/**
 * Walks Gong's cursor pagination: the same request again with `cursor` (query on GET, body on
 * POST) until Gong sends no cursor. Yields one page of records at a time so callers can stop early;
 * with `maxPages`, or once the clock passes `until` (epoch ms), requests no further page and
 * returns whether Gong had more.
 */
export async function* gongApiPages<T>(
	this: GongFunctions,
	request: GongRequest,
	listKey: string,
	{ maxPages = Infinity, until = Infinity }: { maxPages?: number; until?: number } = {},
): AsyncGenerator<T[], boolean, undefined> {
	let cursor: string | undefined;
	let pages = 0;
	do {
		const paged: GongRequest = { ...request };
		if (cursor) {
			if (request.method === 'GET') paged.qs = { ...request.qs, cursor };
			else paged.body = { ...request.body, cursor };
		}
		const page = await gongApiRequest.call(this, paged);
		if (!page) return false;
		yield (page[listKey] as T[] | undefined) ?? [];
		cursor = page.records?.cursor;
		if (++pages >= maxPages || Date.now() >= until) return Boolean(cursor);
	} while (cursor);
	return false;
}

/** Collects records across pages; with a limit, stops fetching as soon as it has enough. */
export async function gongApiCollect<T>(
	this: GongFunctions,
	request: GongRequest,
	listKey: string,
	limit?: number,
): Promise<T[]> {
	const records: T[] = [];
	for await (const page of gongApiPages.call(this, request, listKey) as AsyncGenerator<T[], boolean>) {
		records.push(...page);
		if (limit !== undefined && records.length >= limit) return records.slice(0, limit);
	}
	return records;
}
