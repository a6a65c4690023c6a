import { buildContentSelector, type CallContentOption } from '../../helpers/content';
import type { GongCallFilter, GongCallMetaData, GongCallTranscript, GongExtensiveCall } from '../../helpers/interfaces';
import type { GongFunctions, GongRequest } from '../index';
import { gongApiCollect, gongApiPages } from '../index';
import { anyRecord, callMetaData, callTranscript, extensiveCall, identifiedBy } from '../records';
import { chunks, compact, type GongItem } from './common';

/** Calls and transcripts: POST /v2/calls/extensive, POST /v2/calls/transcript, GET /v2/calls. */

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

export type GongCallOutcome = GongItem<'listCallOutcomes', 'outcomes'>;
export type GongCallAccess = GongItem<'getUsersAccessToCalls', 'callAccessList'>;

/** GET /v2/call-outcomes [api:call-outcomes:read]: the company's dialer call outcomes. */
export async function getCallOutcomes(this: GongFunctions, itemIndex?: number): Promise<GongCallOutcome[]> {
	return (await gongApiCollect.call(
		this,
		{ method: 'GET', endpoint: '/v2/call-outcomes', itemIndex },
		'outcomes',
		undefined,
		anyRecord,
	)) as GongCallOutcome[];
}

/**
 * POST /v2/calls/users-access [api:call-user-access:read]: the users given access to calls through
 * the API (not by sharing or permission profiles), 100 call ids per request, keyed by call id.
 */
export async function getCallAccess(
	this: GongFunctions,
	callIds: string[],
	itemIndex?: number,
): Promise<Map<string, GongCallAccess>> {
	const byId = new Map<string, GongCallAccess>();
	for (const batch of chunks([...new Set(callIds)])) {
		const list = (await gongApiCollect.call(
			this,
			{ method: 'POST', endpoint: '/v2/calls/users-access', body: { filter: { callIds: batch } }, itemIndex },
			'callAccessList',
			undefined,
			identifiedBy('callId'),
		)) as GongCallAccess[];
		for (const access of list) byId.set(String(access.callId), access);
	}
	return byId;
}
