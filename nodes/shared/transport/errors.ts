import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { GongAuthentication, GongErrorBody } from '../helpers/interfaces';
import { htmlTitle, requestIdIn } from './answer';
import { isRecord } from '../helpers/guards';
import { parseJson } from './json';

/** What is left of a failed HTTP exchange once n8n's wrappers are peeled off. */
export interface HttpFailure {
	status?: number;
	headers: Record<string, string>;
	body: GongErrorBody;
	/** Network error code (ECONNRESET, ETIMEDOUT...) when no response arrived. */
	code?: string;
}

/** Quotes at most `max` characters of something a user or a server sent. */
export function shorten(text: string, max = 200): string {
	return text.length > max ? `${text.slice(0, max)}… (${text.length.toLocaleString('en-US')} characters)` : text;
}

function parseBody(data: unknown): GongErrorBody {
	if (Buffer.isBuffer(data)) data = data.toString('utf8');
	if (typeof data === 'string') {
		try {
			const parsed = parseJson(data);
			return isRecord(parsed) ? (parsed as GongErrorBody) : { message: shorten(data) };
		} catch {
			const requestId = requestIdIn(data);
			const title = htmlTitle(data);
			const message = title ? `an HTML page ("${title}")` : data.trim() ? shorten(data.trim()) : undefined;
			return { ...(message ? { message } : {}), ...(requestId ? { requestId } : {}) };
		}
	}
	return isRecord(data) ? (data as GongErrorBody) : {};
}

/** Header names in lower case, values as text (axios and n8n 1.x give arrays or numbers sometimes). */
function headersOf(raw: unknown): Record<string, string> {
	const headers: Record<string, string> = {};
	if (isRecord(raw)) {
		for (const [name, value] of Object.entries(raw)) {
			if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
		}
	}
	return headers;
}

/**
 * A non-2xx answer n8n handed back without throwing (`ignoreHttpStatusErrors`): the shape both
 * majors return for `returnFullResponse`, `{ statusCode, headers, body }`.
 */
export function failureFromAnswer(answer: { statusCode: number; headers?: unknown; body?: unknown }): HttpFailure {
	return { status: answer.statusCode, headers: headersOf(answer.headers), body: parseBody(answer.body) };
}

/**
 * What a thrown HTTP error still tells. n8n 2.x wraps the HTTP client's error (NodeApiError around
 * an Axios-style error, sometimes twice): walk the `cause` chain to the response Gong sent. n8n 1.x
 * drops that chain and keeps only `httpCode` ("429", or a network code such as "ECONNRESET"), which
 * is why the transport asks n8n not to throw on HTTP statuses in the first place.
 */
export function toHttpFailure(error: unknown): HttpFailure {
	let current: unknown = error;
	let code: string | undefined;
	let httpCode: string | undefined;
	for (let depth = 0; depth < 6 && isRecord(current); depth++) {
		if (typeof current.code === 'string' && !code) code = current.code;
		if (typeof current.httpCode === 'string' && !httpCode) httpCode = current.httpCode;
		const response = current.response;
		if (isRecord(response) && (typeof response.status === 'number' || typeof response.statusCode === 'number')) {
			return {
				status: (response.status ?? response.statusCode) as number,
				headers: headersOf(response.headers),
				body: parseBody(response.data ?? response.body),
			};
		}
		current = current.cause ?? current.errorResponse;
	}
	if (httpCode && /^[1-5]\d\d$/.test(httpCode)) return { status: Number(httpCode), headers: {}, body: {} };
	return { headers: {}, body: {}, code: code ?? (/^E[A-Z_]+$/.test(httpCode ?? '') ? httpCode : undefined) };
}

export function gongMessage(body: GongErrorBody): string | undefined {
	const said =
		Array.isArray(body.errors) && body.errors.length
			? body.errors.map(String).join('; ')
			: (body.error_description ?? body.message ?? body.error);
	return typeof said === 'string' ? shorten(said, 500) : undefined;
}

/** Gong's "nothing matched" 404, which is an empty result, not a failure. */
const NOTHING_FOUND = /^No \w+ found corresponding to the provided filters/i;

/** Whether a 404 is the endpoint's "nothing found" (an empty result), judged by Gong's text. */
export function isEmptyResult404(failure: HttpFailure, empty: RegExp = NOTHING_FOUND): boolean {
	return failure.status === 404 && empty.test(gongMessage(failure.body) ?? '');
}

/** The scope a Gong permission error names ("You don't have permission to use 'api:…' in your app."). */
export function missingScope(said: string | undefined): string | undefined {
	return /'(api:[a-z0-9:_-]+)'/i.exec(said ?? '')?.[1];
}

const credentialAdvice: Record<GongAuthentication, string> = {
	accessKey:
		"Check the Access Key and Access Key Secret, and that the credential's Base URL is your company's API host (Gong → Admin center → Ecosystem → API shows it, e.g. https://us-55616.api.gong.io).",
	oAuth2:
		'Reconnect the Gong Integration OAuth2 credential. If it keeps failing, a Gong technical administrator should check that the integration is still enabled.',
};

function scopeAdvice(authentication: GongAuthentication, scope: string): string {
	return authentication === 'oAuth2'
		? `Nothing is wrong with the connection itself: do not reconnect for this alone. A Gong technical administrator must tick ${scope} on the Gong integration (Admin center → Ecosystem → API → Integrations); then add ${scope} to the credential's Scope field and reconnect once, so the new token carries it.`
		: `A Gong technical administrator must give this access key the ${scope} permission (Admin center → Ecosystem → API), or use a credential that has it.`;
}

export interface ErrorContext {
	authentication: GongAuthentication;
	itemIndex?: number;
	what?: string;
	/** Which request failed ("POST /v2/calls/extensive, page 2"). */
	request?: string;
	/** How often this request was retried before giving up. */
	retries?: number;
	/** A Retry-After above this was not waited for (the daily quota). */
	maxRetryAfterMs?: number;
}

/** A request that got no answer in time (the HTTP client's time-out codes). */
function timedOut(failure: HttpFailure): boolean {
	return failure.code === 'ECONNABORTED' || /TIMEOUT|TIMEDOUT/.test(failure.code ?? '');
}

/** Gong's Retry-After (seconds, or an HTTP date) in milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined): number | undefined {
	if (!header) return undefined;
	const seconds = Number(header);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1_000);
	const date = Date.parse(header);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function duration(seconds: number): string {
	const hours = Math.floor(seconds / 3600);
	const minutes = Math.ceil((seconds % 3600) / 60);
	return hours ? `${hours} h ${minutes} min` : `${minutes} min`;
}

function times(count: number): string {
	return count === 1 ? 'once' : `${count} times`;
}

/**
 * Turns a Gong error response into a NodeApiError that keeps Gong's message and request id and
 * says what to do. Built from Gong's body only, so no request header (and no secret) can leak.
 */
export function gongApiError(node: INode, failure: HttpFailure, context: ErrorContext): NodeApiError {
	const { status, body } = failure;
	const said = gongMessage(body);
	const requestId = body.requestId;
	const scope = status === 401 || status === 403 ? missingScope(said) : undefined;
	const retries = context.retries ?? 0;
	let message: string;
	let advice = '';
	switch (true) {
		case scope !== undefined:
			message = `Missing Gong permission: ${scope}`;
			advice = scopeAdvice(context.authentication, scope!);
			break;
		case status === 400:
			message = `Gong rejected the request: ${said ?? 'bad request'}`;
			advice = 'Check the values of this item that went into the request.';
			break;
		case status === 401:
			message = 'Gong rejected the credential (401 Unauthorized)';
			advice = credentialAdvice[context.authentication];
			break;
		case status === 403 && /limited release/i.test(said ?? ''):
			message = 'This Gong API is in limited release and not enabled for this company (403)';
			advice =
				'Nothing is wrong with the credential or its scopes: Gong enables this API per company. Ask your Gong account team or Gong support to enable it.';
			break;
		case status === 403:
			message = 'Gong refused the request: insufficient permissions (403)';
			advice =
				'The credential works, but Gong does not let it do this. A Gong technical administrator can check the permissions of the API key or integration, and of the user it acts for.';
			break;
		case status === 402:
			message = 'Gong refused the request: no AI credits left (402 Payment Required)';
			advice =
				"Gong's AI operations spend the company's Gong AI credits; this company has none left, or its licence does not include this feature. A Gong administrator can check the company's credits and licences.";
			break;
		case status === 404:
			message = context.what ? `${context.what} was not found in Gong` : `Gong found nothing: ${said ?? 'not found'}`;
			advice = context.what
				? 'Check the ID. Private calls, and records outside the workspaces this credential can see, are not returned.'
				: '';
			break;
		case status === 409:
			message = `Gong refused the request as a conflict (409)${said ? `: ${said}` : ''}`;
			advice = [
				body.userFacingError,
				body.fixUrl ? `How to fix it: ${body.fixUrl}` : '',
				body.helpUrl ? `More: ${body.helpUrl}` : '',
			]
				.filter((part): part is string => typeof part === 'string' && part !== '')
				.join(' ');
			break;
		case status === 429: {
			const waitMs = retryAfterMs(failure.headers['retry-after']);
			const waitSeconds = waitMs === undefined ? undefined : Math.round(waitMs / 1000);
			if (waitSeconds !== undefined && waitSeconds * 1000 > (context.maxRetryAfterMs ?? Infinity)) {
				const resetsAt = new Date(Date.now() + waitSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
				message = "Gong's daily API limit is used up";
				advice = `Gong allows 10,000 requests a day per company by default, and asked to wait ${duration(waitSeconds)}: the limit resets at about ${resetsAt}. Nothing was retried, so that the workflow does not hang for hours; run it again after that, or ask Gong to raise the limit.`;
			} else {
				message = `Gong's API rate limit was still exceeded after ${retries} ${retries === 1 ? 'retry' : 'retries'}`;
				advice = `Gong allows 3 requests per second per company by default; every request waited for Gong's Retry-After${waitSeconds !== undefined ? ` (last ${waitSeconds} s)` : ''}. Other tools using the same Gong company share that limit: run this workflow less often or at another time, or ask Gong to raise the limit.`;
			}
			break;
		}
		case status !== undefined && status >= 500:
			message = `Gong had a server error (${status})`;
			advice = `Gong could not answer${retries ? `, also after retrying ${times(retries)}` : ''}; try again later.`;
			break;
		case status === undefined && timedOut(failure):
			message = 'Gong did not answer in time';
			advice = `The request timed out${retries ? `, also after retrying ${times(retries)}` : ''}. Gong may be slow or unreachable from this machine; try again later.`;
			break;
		case status === undefined:
			// The code stays out of the message: n8n rewrites messages that contain one.
			message = 'Could not reach Gong';
			advice = `The connection failed${failure.code ? ` (${failure.code})` : ''}${retries ? `, also after retrying ${times(retries)}` : ''}. Check the credential's Base URL and this machine's network.`;
			break;
		default:
			message = `Gong answered ${status}${said ? `: ${said}` : ''}`;
	}
	const description = [
		said && status !== 400 && status !== 409 ? `Gong said: "${said}".` : '',
		advice,
		context.request ? `Request: ${context.request}.` : '',
		requestId ? `Gong request ID: ${requestId}` : '',
	]
		.filter(Boolean)
		.join(' ');
	return apiError(node, {
		message,
		description,
		status,
		requestId: body.requestId,
		errors: body.errors,
		itemIndex: context.itemIndex,
	});
}

/** A NodeApiError with our words, Gong's status, request id and errors kept (no request, no secret). */
export function apiError(
	node: INode,
	details: {
		message: string;
		description: string;
		status?: number;
		requestId?: string;
		errors?: string[];
		itemIndex?: number;
	},
): NodeApiError {
	const { message, description, status, requestId } = details;
	const errorResponse: JsonObject = {
		message,
		description,
		httpCode: status === undefined ? null : String(status),
		requestId: requestId ?? null,
		errors: details.errors ?? null,
	};
	const error = new NodeApiError(node, errorResponse, {
		message,
		description,
		httpCode: status === undefined ? undefined : String(status),
		itemIndex: details.itemIndex,
	});
	if (requestId) error.context.requestId = requestId;
	return error;
}

/** A 2xx answer that does not hold what the endpoint must return, also after retrying. */
export function unreadableAnswerError(
	node: INode,
	details: {
		request: string;
		status: number;
		problem: string;
		requestId?: string;
		retries: number;
		itemIndex?: number;
	},
): NodeApiError {
	const description = [
		`${details.request} answered ${details.status} with ${details.problem}${details.retries ? `, also after retrying ${times(details.retries)}` : ''}.`,
		'Nothing from this request was used, so no data is silently missing. A proxy or gateway between n8n and Gong often causes this (a cut-off body, an error page); try again later.',
		details.requestId ? `Gong request ID: ${details.requestId}` : '',
	]
		.filter(Boolean)
		.join(' ');
	return apiError(node, {
		message: "Gong's answer could not be read",
		description,
		status: details.status,
		requestId: details.requestId,
		itemIndex: details.itemIndex,
	});
}

/** What an unknown outcome looked like, for an error message ("500 "Internal server error"", "no answer"). */
export function describeFailure(failure: HttpFailure): string {
	if (failure.status !== undefined) {
		const said = gongMessage(failure.body);
		return `${failure.status}${said ? ` ("${said}")` : ''}`;
	}
	return timedOut(failure)
		? 'no answer in time'
		: `no answer (the connection failed${failure.code ? `: ${failure.code}` : ''})`;
}

/**
 * A write whose outcome is unknown (Gong failed or went silent after it may have acted) and that
 * cannot be repeated safely: the user must look before running it again.
 */
export function uncertainWriteError(
	node: INode,
	details: {
		request: string;
		/** What came back ("500 ("Internal server error")", "no answer in time"). */
		what: string;
		check: string;
		/** Why asking Gong whether it happened failed too. */
		verifyFailed?: string;
		requestId?: string;
		itemIndex?: number;
	},
): NodeApiError {
	const description = [
		`${details.request} got ${details.what}, so Gong may or may not have done it.`,
		details.verifyFailed ? `Asking Gong whether it did failed too: ${details.verifyFailed}.` : '',
		`It was not sent again, because doing it twice would not be the same as doing it once. Check ${details.check} in Gong before running this item again.`,
		details.requestId ? `Gong request ID: ${details.requestId}` : '',
	]
		.filter(Boolean)
		.join(' ');
	return apiError(node, {
		message: 'Gong may or may not have done this: check before running it again',
		description,
		requestId: details.requestId,
		itemIndex: details.itemIndex,
	});
}

/**
 * A fresh error with only the words of a non-HTTP failure (TLS, protocol, OAuth reconnect). n8n's
 * own error carries the HTTP client's request config, with the access key or bearer token, in its
 * cause chain; nothing of it is kept.
 */
export function cleanError(node: INode, error: unknown, itemIndex?: number): NodeOperationError {
	let original: unknown = error;
	let code: string | undefined;
	// The innermost message is the one that says what happened (n8n's wrappers say "request failed").
	for (let depth = 0; depth < 6 && isRecord(original); depth++) {
		if (typeof original.code === 'string') code ??= original.code;
		if (!isRecord(original.cause)) break;
		original = original.cause;
	}
	const outer = isRecord(error) ? error : {};
	const text = (value: unknown) => (typeof value === 'string' && value ? shorten(value, 300) : undefined);
	const message =
		text(outer.message) ?? text(isRecord(original) ? original.message : undefined) ?? 'The request to Gong failed';
	const tls = /CERT|SSL|TLS|EPROTO|ERR_SSL/i.test(`${code ?? ''} ${message}`);
	const description =
		text(outer.description) ??
		(tls
			? `The secure connection to Gong failed${code ? ` (${code})` : ''}. Check the credential's Base URL (it must be your company's https:// Gong API host) and any proxy between n8n and Gong.`
			: `The request to Gong failed${code ? ` (${code})` : ''} before Gong answered.`);
	return new NodeOperationError(node, message, { description, itemIndex });
}
