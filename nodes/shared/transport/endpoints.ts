import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildContentSelector, type CallContentOption } from '../helpers/content';
import type {
	GongCallFilter,
	GongCallMetaData,
	GongCallTranscript,
	GongExtensiveCall,
	GongUser,
	GongUserFilter,
	GongWorkspace,
} from '../helpers/interfaces';
import type { GongFunctions, GongRequest } from './index';
import { GONG_PAGE_SIZE, gongApiCollect, gongApiPages, gongApiRequest } from './index';
import { callMetaData, callTranscript, extensiveCall, withId } from './records';

/** Typed wrappers for the Gong endpoints this package uses: every request goes through here. */

function compact<T extends IDataObject>(filter: T): T {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(filter)) {
		if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
		out[key] = value;
	}
	return out as T;
}

function chunks<T>(values: T[], size = GONG_PAGE_SIZE): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
	return out;
}

/** The POST /v2/calls/extensive request for a filter and the chosen content (list key `calls`). */
export function extensiveCallsRequest(
	filter: GongCallFilter,
	include: CallContentOption[],
	itemIndex?: number,
): GongRequest {
	return {
		method: 'POST',
		endpoint: '/v2/calls/extensive',
		body: { filter: compact(filter), contentSelector: buildContentSelector(include) },
		itemIndex,
	};
}

/**
 * POST /v2/calls/extensive page by page (for the Gong Trigger), stopping after `maxPages` or once
 * the clock passes `until`; the generator returns whether Gong had more.
 */
export function extensiveCallPages(
	this: GongFunctions,
	args: { filter: GongCallFilter; include: CallContentOption[]; maxPages?: number; until?: number },
): AsyncGenerator<GongExtensiveCall[], boolean, undefined> {
	return gongApiPages.call(this, extensiveCallsRequest(args.filter, args.include), 'calls', {
		maxPages: args.maxPages,
		until: args.until,
		record: extensiveCall,
	}) as AsyncGenerator<GongExtensiveCall[], boolean, undefined>;
}

/** POST /v2/calls/extensive: calls with the chosen content, all pages or up to `limit`. */
export async function getExtensiveCalls(
	this: GongFunctions,
	args: { filter: GongCallFilter; include: CallContentOption[]; limit?: number; itemIndex?: number },
): Promise<GongExtensiveCall[]> {
	return (await gongApiCollect.call(
		this,
		extensiveCallsRequest(args.filter, args.include, args.itemIndex),
		'calls',
		args.limit,
		extensiveCall,
	)) as GongExtensiveCall[];
}

/** Extensive calls for a list of IDs, 100 IDs per request (Gong's page size). */
export async function getExtensiveCallsByIds(
	this: GongFunctions,
	callIds: string[],
	include: CallContentOption[],
	itemIndex?: number,
): Promise<Map<string, GongExtensiveCall>> {
	const byId = new Map<string, GongExtensiveCall>();
	for (const batch of chunks(callIds)) {
		const calls = await getExtensiveCalls.call(this, { filter: { callIds: batch }, include, itemIndex });
		for (const call of calls) byId.set(String(call.metaData.id), call);
	}
	return byId;
}

export interface TranscriptWithCall {
	transcript: GongCallTranscript;
	/** The call's metadata and participants; undefined if Gong did not return the call. */
	call?: GongExtensiveCall;
}

/**
 * POST /v2/calls/transcript, page by page, each page joined with its calls' participants from one
 * /v2/calls/extensive request for the page's call IDs: two requests per 100 transcripts.
 */
export async function* getTranscriptsWithCalls(
	this: GongFunctions,
	args: { filter: GongCallFilter; limit?: number; include?: CallContentOption[]; itemIndex?: number },
): AsyncGenerator<TranscriptWithCall[], void, undefined> {
	let remaining = args.limit ?? Infinity;
	const include: CallContentOption[] = [...new Set<CallContentOption>(['parties', ...(args.include ?? [])])];
	const pages = gongApiPages.call(
		this,
		{
			method: 'POST',
			endpoint: '/v2/calls/transcript',
			body: { filter: compact(args.filter) },
			itemIndex: args.itemIndex,
		},
		'callTranscripts',
		{ record: callTranscript },
	) as AsyncGenerator<GongCallTranscript[], boolean>;
	for await (const page of pages) {
		const transcripts = page.slice(0, remaining);
		if (transcripts.length) {
			const calls = await getExtensiveCallsByIds.call(
				this,
				transcripts.map((t) => String(t.callId)),
				include,
				args.itemIndex,
			);
			yield transcripts.map((transcript) => ({ transcript, call: calls.get(String(transcript.callId)) }));
		}
		remaining -= transcripts.length;
		if (remaining <= 0) return;
	}
}

/** Transcripts for known call IDs (100 per request), keyed by call ID. */
export async function getTranscriptsByIds(
	this: GongFunctions,
	callIds: string[],
	itemIndex?: number,
): Promise<Map<string, GongCallTranscript>> {
	const byId = new Map<string, GongCallTranscript>();
	for (const batch of chunks(callIds)) {
		const transcripts = (await gongApiCollect.call(
			this,
			{ method: 'POST', endpoint: '/v2/calls/transcript', body: { filter: { callIds: batch } }, itemIndex },
			'callTranscripts',
			undefined,
			callTranscript,
		)) as GongCallTranscript[];
		for (const transcript of transcripts) byId.set(String(transcript.callId), transcript);
	}
	return byId;
}

function gongNotFound(ctx: GongFunctions, what: string, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${what} was not found in Gong`, {
		itemIndex,
		description: 'Check the ID: Gong answered that nothing matched it.',
	});
}

/** GET /v2/users/{id}. */
export async function getUser(this: GongFunctions, userId: string, itemIndex?: number): Promise<GongUser> {
	const response = await gongApiRequest.call(this, {
		method: 'GET',
		endpoint: `/v2/users/${userId}`,
		itemIndex,
		what: `User ${userId}`,
		expect: { object: 'user' },
	});
	// Only Gong's "No … found" 404 gives no answer, and for one user that means it does not exist.
	if (!response) throw gongNotFound(this, `User ${userId}`, itemIndex);
	const user = response.user as GongUser;
	if (withId(user)) user.id = userId;
	return user;
}

/** GET /v2/users, or POST /v2/users/extensive when filtering. */
export async function getUsers(
	this: GongFunctions,
	args: { filter?: GongUserFilter; limit?: number; itemIndex?: number },
): Promise<GongUser[]> {
	const filter = compact(args.filter ?? {});
	const request = Object.keys(filter).length
		? { method: 'POST' as const, endpoint: '/v2/users/extensive', body: { filter }, itemIndex: args.itemIndex }
		: { method: 'GET' as const, endpoint: '/v2/users', itemIndex: args.itemIndex };
	return (await gongApiCollect.call(this, request, 'users', args.limit, withId)) as GongUser[];
}

/** GET /v2/workspaces. */
export async function getWorkspaces(this: GongFunctions): Promise<GongWorkspace[]> {
	const response = await gongApiRequest.call(this, {
		method: 'GET',
		endpoint: '/v2/workspaces',
		expect: { list: 'workspaces', record: withId },
	});
	return (response?.workspaces ?? []) as GongWorkspace[];
}

/** GET /v2/calls: call metadata in a date window (the call picker), up to `limit`. */
export async function getCallsMetaData(
	this: GongFunctions,
	args: { fromDateTime: string; toDateTime: string; limit: number },
): Promise<GongCallMetaData[]> {
	return (await gongApiCollect.call(
		this,
		{ method: 'GET', endpoint: '/v2/calls', qs: { fromDateTime: args.fromDateTime, toDateTime: args.toDateTime } },
		'calls',
		args.limit,
		callMetaData,
	)) as GongCallMetaData[];
}

/** GET /v2/users, one page (the user picker; Gong's cursor is the picker's pagination token). */
export async function getUsersPage(
	this: GongFunctions,
	cursor?: string,
): Promise<{ users: GongUser[]; cursor?: string }> {
	const page = await gongApiRequest.call(this, {
		method: 'GET',
		endpoint: '/v2/users',
		qs: cursor ? { cursor } : {},
		expect: { list: 'users', record: withId },
	});
	return { users: (page?.users ?? []) as GongUser[], cursor: page?.records?.cursor };
}
