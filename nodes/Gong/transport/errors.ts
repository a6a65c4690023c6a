import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { GongAuthentication, GongErrorBody } from '../helpers/interfaces';

/** What is left of a failed HTTP exchange once n8n's wrappers are peeled off. */
export interface HttpFailure {
	status?: number;
	headers: Record<string, string>;
	body: GongErrorBody;
	/** Network error code (ECONNRESET, ETIMEDOUT...) when no response arrived. */
	code?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null;
}

function parseBody(data: unknown): GongErrorBody {
	if (typeof data === 'string') {
		try {
			const parsed: unknown = JSON.parse(data);
			return isRecord(parsed) ? (parsed as GongErrorBody) : { message: data };
		} catch {
			return data ? { message: data.slice(0, 500) } : {};
		}
	}
	return isRecord(data) ? (data as GongErrorBody) : {};
}

/**
 * n8n wraps HTTP errors (NodeApiError around an Axios-style error, sometimes twice); walk the
 * `cause` chain to the response Gong actually sent.
 */
export function toHttpFailure(error: unknown): HttpFailure {
	let current: unknown = error;
	let code: string | undefined;
	for (let depth = 0; depth < 6 && isRecord(current); depth++) {
		if (typeof current.code === 'string' && !code) code = current.code;
		const response = current.response;
		if (isRecord(response) && (typeof response.status === 'number' || typeof response.statusCode === 'number')) {
			const headers: Record<string, string> = {};
			if (isRecord(response.headers)) {
				for (const [name, value] of Object.entries(response.headers)) {
					if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
				}
			}
			return {
				status: (response.status ?? response.statusCode) as number,
				headers,
				body: parseBody(response.data ?? response.body),
			};
		}
		current = current.cause ?? current.errorResponse;
	}
	return { headers: {}, body: {}, code };
}

export function gongMessage(body: GongErrorBody): string | undefined {
	if (Array.isArray(body.errors) && body.errors.length) return body.errors.join('; ');
	return body.error_description ?? body.message ?? body.error;
}

/** Gong's "nothing matched" 404, which is an empty result, not a failure. */
export function isEmptyResult404(failure: HttpFailure): boolean {
	return failure.status === 404 && /^No \w+ found corresponding to the provided filters/i.test(gongMessage(failure.body) ?? '');
}

const credentialAdvice: Record<GongAuthentication, string> = {
	accessKey:
		"Check the Access Key and Access Key Secret, and that the credential's Base URL is your company's API host (Gong → Admin center → Ecosystem → API shows it, e.g. https://us-55616.api.gong.io).",
	oAuth2:
		'Reconnect the Gong Integration OAuth2 credential. If it keeps failing, a Gong technical administrator should check that the integration is still enabled.',
};

/**
 * Turns a Gong error response into a NodeApiError that keeps Gong's message and request id and
 * says what to do. Built from Gong's body only, so no request header (and no secret) can leak.
 */
export function gongApiError(
	node: INode,
	failure: HttpFailure,
	context: { authentication: GongAuthentication; itemIndex?: number; what?: string },
): NodeApiError {
	const { status, body } = failure;
	const said = gongMessage(body);
	const requestId = body.requestId;
	let message: string;
	let advice = '';
	switch (true) {
		case status === 400:
			message = `Gong rejected the request: ${said ?? 'bad request'}`;
			break;
		case status === 401:
			message = 'Gong rejected the credential (401 Unauthorized)';
			advice = credentialAdvice[context.authentication];
			break;
		case status === 403: {
			const scope = /'(api:[^']+)'/.exec(said ?? '')?.[1];
			message = scope
				? `Missing Gong permission: ${scope}`
				: 'Gong refused the request: insufficient permissions (403)';
			advice =
				context.authentication === 'oAuth2'
					? `A Gong technical administrator must tick ${scope ?? 'the missing scope'} on the Gong integration (Admin center → Ecosystem → API → Integrations); then add it to the credential's Scope field and reconnect.`
					: `A Gong technical administrator must grant ${scope ?? 'the missing permission'} to this access key (Admin center → Ecosystem → API).`;
			break;
		}
		case status === 404:
			message = context.what ? `${context.what} was not found in Gong` : `Gong found nothing: ${said ?? 'not found'}`;
			break;
		case status === 429:
			message = "Gong's API rate limit was still exceeded after retrying";
			advice =
				'Gong allows 3 requests per second and 10,000 per day per company. Reduce how often this workflow runs, or ask Gong to raise the limit.';
			if (failure.headers['retry-after']) advice += ` Gong asked to wait ${failure.headers['retry-after']} s.`;
			break;
		case status !== undefined && status >= 500:
			message = `Gong had a server error (${status})`;
			advice = 'Gong could not answer even after retrying; try again later.';
			break;
		case status === undefined:
			// The code stays out of the message: n8n rewrites messages that contain one.
			message = 'Could not reach Gong';
			advice = `The connection failed${failure.code ? ` (${failure.code})` : ''}, also after retrying. Check the credential's Base URL and this machine's network.`;
			break;
		default:
			message = `Gong answered ${status}${said ? `: ${said}` : ''}`;
	}
	const description = [
		said && status !== 400 ? `Gong said: "${said}".` : '',
		advice,
		requestId ? `Gong request ID: ${requestId}` : '',
	]
		.filter(Boolean)
		.join(' ');
	const errorResponse: JsonObject = {
		message,
		description,
		httpCode: status === undefined ? null : String(status),
		requestId: requestId ?? null,
		errors: body.errors ?? null,
	};
	const error = new NodeApiError(node, errorResponse, {
		message,
		description,
		httpCode: status === undefined ? undefined : String(status),
		itemIndex: context.itemIndex,
	});
	if (requestId) error.context.requestId = requestId;
	return error;
}
