/** Calls and transcripts: GET /v2/calls, GET /v2/calls/{id}, POST /v2/calls/extensive, POST /v2/calls/transcript. */
import type express from 'express';
import type { Request, Response } from 'express';

import type { GongStandIn } from '../gong-stand-in';
import { EMPTY_CALLS, HttpError, asRecord, bad, compareIds, isBlank, queryString } from '../http';
import type { StandInCall, StandInContext } from '../types';

interface CallFilter {
	from?: number;
	to?: number;
	workspaceId?: string;
	callIds?: Set<string>;
	primaryUserIds?: Set<string>;
}

const CONTENT_KEYS = [
	'structure',
	'topics',
	'trackers',
	'trackerOccurrences',
	'pointsOfInterest',
	'brief',
	'outline',
	'highlights',
	'callOutcome',
	'keyPoints',
] as const;
type ContentKey = (typeof CONTENT_KEYS)[number];

const INTERACTION_KEYS = ['speakers', 'video', 'personInteractionStats', 'questions'] as const;
type InteractionKey = (typeof INTERACTION_KEYS)[number];

interface Selector {
	context: 'None' | 'Basic' | 'Extended';
	parties: boolean;
	media: boolean;
	content: Set<ContentKey>;
	interaction: Set<InteractionKey>;
	publicComments: boolean;
}

/** Basic context: the CRM objects with their Name only; Extended carries every field. */
function basicContext(context: StandInContext[]): StandInContext[] {
	return context.map((system) => ({
		system: system.system,
		objects: system.objects.map((o) => ({ ...o, fields: o.fields.filter((f) => f.name === 'Name') })),
	}));
}

function parseCallFilter(gong: GongStandIn, filter: Record<string, unknown>, withPrimaryUsers: boolean): CallFilter {
	return {
		from: gong.parseDate(filter.fromDateTime, 'fromDateTime'),
		to: gong.parseDate(filter.toDateTime, 'toDateTime'),
		workspaceId: gong.parseWorkspaceId(filter.workspaceId),
		callIds: gong.parseIdList(filter.callIds, 'callIds'),
		primaryUserIds: withPrimaryUsers ? gong.parseIdList(filter.primaryUserIds, 'primaryUserIds') : undefined,
	};
}

/** Date.parse, memoised: list endpoints parse every call's start on every request. */
/** Date.parse, memoised: list endpoints parse every call's start on every request. */
const parsedTimes = new Map<string, number>();

function startedMs(started: string): number {
	let ms = parsedTimes.get(started);
	if (ms === undefined) {
		ms = Date.parse(started);
		parsedTimes.set(started, ms);
	}
	return ms;
}

/** Matching calls sorted by started, then id (ties are common: every 10th call shares a start). */
function matchCalls(gong: GongStandIn, filter: CallFilter): StandInCall[] {
	const matched: { ms: number; call: StandInCall }[] = [];
	for (const call of gong.calls) {
		const ms = startedMs(call.metaData.started);
		if (filter.from !== undefined && ms < filter.from) continue;
		if (filter.to !== undefined && ms >= filter.to) continue;
		if (filter.workspaceId !== undefined && call.metaData.workspaceId !== filter.workspaceId) continue;
		if (filter.callIds && !filter.callIds.has(call.metaData.id)) continue;
		if (filter.primaryUserIds && !filter.primaryUserIds.has(call.metaData.primaryUserId)) continue;
		matched.push({ ms, call });
	}
	return matched.sort((a, b) => a.ms - b.ms || compareIds(a.call.metaData.id, b.call.metaData.id)).map((m) => m.call);
}

function parseSelector(value: unknown): Selector {
	const selector: Selector = {
		context: 'None',
		parties: false,
		media: false,
		content: new Set(),
		interaction: new Set(),
		publicComments: false,
	};
	if (value === undefined || value === null) return selector;
	const record = asRecord(value);
	if (!record) throw bad('contentSelector must be an object');
	if (!isBlank(record.context)) {
		if (record.context !== 'None' && record.context !== 'Basic' && record.context !== 'Extended') {
			throw bad(`contentSelector.context must be None, Basic or Extended, got ${JSON.stringify(record.context)}`);
		}
		selector.context = record.context;
	}
	const exposed = asRecord(record.exposedFields) ?? {};
	selector.parties = exposed.parties === true;
	selector.media = exposed.media === true;
	const content = asRecord(exposed.content) ?? {};
	for (const key of CONTENT_KEYS) if (content[key] === true) selector.content.add(key);
	const interaction = asRecord(exposed.interaction) ?? {};
	for (const key of INTERACTION_KEYS) if (interaction[key] === true) selector.interaction.add(key);
	selector.publicComments = asRecord(exposed.collaboration)?.publicComments === true;
	return selector;
}

function listCalls(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:calls:read:basic')) return;
	const fromDateTime = queryString(req.query.fromDateTime);
	const toDateTime = queryString(req.query.toDateTime);
	const workspaceId = queryString(req.query.workspaceId);
	const calls = matchCalls(gong, {
		from: gong.parseDate(fromDateTime, 'fromDateTime'),
		to: gong.parseDate(toDateTime, 'toDateTime'),
		workspaceId: gong.parseWorkspaceId(workspaceId),
	});
	gong.paginate(req, res, {
		endpoint: 'GET /v2/calls',
		filterKey: { fromDateTime, toDateTime, workspaceId },
		cursor: queryString(req.query.cursor),
		items: calls,
		listKey: 'calls',
		emptyMessage: EMPTY_CALLS,
		map: (call) => ({ ...call.metaData }),
	});
}

function getCall(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:calls:read:basic')) return;
	const id = String(req.params.id);
	if (!/^\d{1,20}$/.test(id)) throw bad(`Invalid call ID '${id}': expected up to 20 digits`);
	const call = gong.calls.find((c) => c.metaData.id === id);
	if (!call) throw new HttpError(404, ['Call ID was not found']);
	gong.send(req, res, 200, { call: { ...call.metaData } });
}

function callsExtensive(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:calls:read:extensive')) return;
	const { body, filter } = gong.requireFilter(req.body);
	const parsed = parseCallFilter(gong, filter, true);
	const selector = parseSelector(body.contentSelector);
	if (selector.media && !gong.requireScope(req, res, 'api:calls:read:media-url')) return;
	gong.paginate(req, res, {
		endpoint: 'POST /v2/calls/extensive',
		filterKey: filter,
		cursor: body.cursor,
		items: matchCalls(gong, parsed),
		listKey: 'calls',
		emptyMessage: EMPTY_CALLS,
		map: (call) => extensiveCall(call, selector),
	});
}

function extensiveCall(call: StandInCall, selector: Selector): Record<string, unknown> {
	const out: Record<string, unknown> = { metaData: { ...call.metaData } };
	if (selector.context !== 'None') {
		out.context = selector.context === 'Extended' ? call.context : basicContext(call.context);
	}
	if (selector.parties) out.parties = call.parties;
	if (selector.content.size) {
		const content: Record<string, unknown> = {};
		const wanted = selector.content;
		if (wanted.has('structure')) content.structure = call.content.structure;
		if (wanted.has('topics')) content.topics = call.content.topics;
		if (wanted.has('trackers') || wanted.has('trackerOccurrences')) {
			content.trackers = wanted.has('trackerOccurrences')
				? call.content.trackers
				: call.content.trackers.map((t) => ({
						id: t.id,
						name: t.name,
						count: t.count,
						type: t.type,
						phrases: t.phrases.map((p) => ({ phrase: p.phrase, count: p.count })),
					}));
		}
		if (wanted.has('pointsOfInterest')) content.pointsOfInterest = call.content.pointsOfInterest;
		if (wanted.has('brief')) content.brief = call.content.brief;
		if (wanted.has('outline')) content.outline = call.content.outline;
		if (wanted.has('highlights')) content.highlights = call.content.highlights;
		if (wanted.has('callOutcome')) content.callOutcome = call.content.callOutcome;
		if (wanted.has('keyPoints')) content.keyPoints = call.content.keyPoints;
		out.content = content;
	}
	if (selector.interaction.size) {
		const interaction: Record<string, unknown> = {};
		if (selector.interaction.has('speakers')) interaction.speakers = call.interaction.speakers;
		if (selector.interaction.has('personInteractionStats')) {
			interaction.interactionStats = call.interaction.interactionStats;
		}
		if (selector.interaction.has('video')) interaction.video = call.interaction.video;
		if (selector.interaction.has('questions')) interaction.questions = call.interaction.questions;
		out.interaction = interaction;
	}
	if (selector.publicComments) {
		out.collaboration = { publicComments: call.collaboration.publicComments };
	}
	if (selector.media) out.media = call.media;
	return out;
}

function transcripts(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:calls:read:transcript')) return;
	const { body, filter } = gong.requireFilter(req.body);
	const hasCallIds = filter.callIds !== undefined && filter.callIds !== null;
	if (hasCallIds && !isBlank(filter.workspaceId)) {
		throw bad('callIds and workspaceId cannot be used together');
	}
	const parsed = parseCallFilter(gong, filter, false);
	gong.paginate(req, res, {
		endpoint: 'POST /v2/calls/transcript',
		filterKey: filter,
		cursor: body.cursor,
		items: matchCalls(gong, parsed).filter((c) => c.transcript !== null),
		listKey: 'callTranscripts',
		emptyMessage: EMPTY_CALLS,
		map: (call) => ({ callId: call.metaData.id, transcript: call.transcript }),
	});
}

export function register(app: express.Express, gong: GongStandIn): void {
	app.get('/v2/calls', (req, res) => listCalls(gong, req, res));
	app.get('/v2/calls/:id', (req, res) => getCall(gong, req, res));
	app.post('/v2/calls/extensive', (req, res) => callsExtensive(gong, req, res));
	app.post('/v2/calls/transcript', (req, res) => transcripts(gong, req, res));
}
