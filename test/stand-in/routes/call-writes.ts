/**
 * Calls, the write side: POST /v2/calls (register a call), PUT /v2/calls/{id}/media (upload its
 * recording, multipart, read as a stream) [both api:calls:create], and PUT / DELETE
 * /v2/calls/users-access (grant / revoke individual access) [api:call-user-access:write].
 * A registered call joins gong.calls, so /v2/calls and /v2/calls/extensive list it.
 */
import { createHash } from 'crypto';
import type express from 'express';
import type { Request, Response } from 'express';

import { COMPANY_DOMAIN, mulberry32 } from '../data';
import type { GongStandIn } from '../gong-stand-in';
import { HttpError, asRecord, bad, isBlank } from '../http';
import { type MultipartPart, formDataBoundary, scanMultipart } from '../multipart';
import type { Affiliation, StandInCall, StandInContext, StandInParty } from '../types';
import { SOME_CALLS_NOT_FOUND, grantCallAccess, revokeCallAccess } from './call-extras';
import { companyTime } from './settings';

/** What a repeated clientUniqueId answers (Gong's real answer is unconfirmed; 'conflict' is the worse case). */
export type DuplicateCallAnswer = 'conflict' | 'existing';

/** A call registered through POST /v2/calls. */
export interface StandInCreatedCall {
	callId: string;
	clientUniqueId: string;
	/** The JSON body as received. */
	body: Record<string, unknown>;
	/** Where Gong fetches the media from; null when it is to be uploaded with PUT /v2/calls/{id}/media. */
	downloadMediaUrl: string | null;
	/** Epoch ms. */
	createdAt: number;
}

/** A recording received by PUT /v2/calls/{id}/media: its description, never its bytes. */
export interface StandInCallMedia {
	callId: string;
	fileName: string | null;
	/** The mediaFile part's Content-Type; null when the part had none. */
	contentType: string | null;
	/** Bytes. */
	size: number;
	/** Hex. */
	sha256: string;
	/** Every upload that reached this call: the accepted one plus the refused repeats. */
	uploads: number;
	/** Epoch ms. */
	uploadedAt: number;
}

export const CALL_NOT_FOUND = 'Call ID was not found';
export const SOME_USERS_NOT_FOUND = 'Some users not found';
export const RECORDING_NOT_ENABLED = 'Recording is not enabled for the primary user';
export const MEDIA_PART_MISSING = "Required request part 'mediaFile' is not present";

const DIRECTIONS = ['Inbound', 'Outbound', 'Conference', 'Unknown'] as const;
const CONTEXT_SYSTEMS = ['Salesforce', 'HubSpot', 'MicrosoftDynamic', 'Generic'];
const SEED = 0xadd_ca11;

interface CallWritesData {
	duplicateAnswer: DuplicateCallAnswer;
	created: StandInCreatedCall[];
	byCallId: Map<string, StandInCreatedCall>;
	media: Map<string, StandInCallMedia>;
	notRecorded: Set<string>;
	rng: () => number;
}

const store = new WeakMap<GongStandIn, CallWritesData>();

function data(gong: GongStandIn): CallWritesData {
	let found = store.get(gong);
	if (!found) {
		found = {
			duplicateAnswer: 'conflict',
			created: [],
			byCallId: new Map(),
			media: new Map(),
			notRecorded: new Set(),
			rng: mulberry32(SEED),
		};
		store.set(gong, found);
	}
	return found;
}

/** What a repeat of a known clientUniqueId answers: 409 without the callId (default) or 200 with it. */
export function setDuplicateCallAnswer(gong: GongStandIn, answer: DuplicateCallAnswer): void {
	data(gong).duplicateAnswer = answer;
}

/** A user whose recording is off: POST /v2/calls with them as primaryUser answers 409. */
export function setCallRecordingEnabled(gong: GongStandIn, userId: string, enabled: boolean): void {
	if (enabled) data(gong).notRecorded.delete(userId);
	else data(gong).notRecorded.add(userId);
}

/** Calls registered through POST /v2/calls, oldest first (live array). */
export function createdCallsOf(gong: GongStandIn): StandInCreatedCall[] {
	return data(gong).created;
}

/** Any call (generated or registered) carrying this clientUniqueId. */
export function callByClientUniqueId(gong: GongStandIn, clientUniqueId: string): StandInCall | undefined {
	return gong.calls.find((c) => c.metaData.clientUniqueId === clientUniqueId);
}

/** The recording uploaded to a call, if any. */
export function mediaOf(gong: GongStandIn, callId: string): StandInCallMedia | undefined {
	return data(gong).media.get(callId);
}

// ---- POST /v2/calls ---------------------------------------------------------------------------

/** An int64-like id: 19 digits, below 2^63 (Gong's call ids are Java longs). */
function newCallId(gong: GongStandIn): string {
	const rng = data(gong).rng;
	for (;;) {
		let id = String(1 + Math.floor(rng() * 8));
		while (id.length < 19) id += String(Math.floor(rng() * 10));
		if (!gong.calls.some((c) => c.metaData.id === id)) return id;
	}
}

function partyId(gong: GongStandIn): string {
	const rng = data(gong).rng;
	let id = String(1 + Math.floor(rng() * 9));
	while (id.length < 17) id += String(Math.floor(rng() * 10));
	return id;
}

function optionalText(body: Record<string, unknown>, key: string, max?: number): string | undefined {
	const value = body[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw bad(`${key} must be a string`);
	if (max !== undefined && value.length > max) {
		throw bad(`${key} must be at most ${max} characters long, got ${value.length}`);
	}
	return value;
}

function requiredText(body: Record<string, unknown>, key: string): string {
	const value = body[key];
	if (isBlank(value)) throw bad(`${key} is required`);
	if (typeof value !== 'string') throw bad(`${key} must be a string`);
	return value;
}

interface PartyInput {
	userId?: string;
	emailAddress?: string;
	phoneNumber?: string;
	name?: string;
	partyId?: string;
}

function parseParties(gong: GongStandIn, value: unknown, primaryUser: string): PartyInput[] {
	if (!Array.isArray(value) || value.length === 0) {
		throw bad('parties is required: a non-empty array that includes a party for the primaryUser');
	}
	const users = new Set(gong.users.map((u) => u.id));
	const parties = value.map((item, i): PartyInput => {
		const party = asRecord(item);
		if (!party) throw bad(`parties[${i}] must be an object`);
		const out: PartyInput = {};
		for (const key of ['userId', 'emailAddress', 'phoneNumber', 'name', 'partyId'] as const) {
			const field = party[key];
			if (field === undefined || field === null) continue;
			if (typeof field !== 'string') throw bad(`parties[${i}].${key} must be a string`);
			out[key] = field;
		}
		if (out.userId !== undefined && !users.has(out.userId)) {
			throw bad(`parties[${i}].userId '${out.userId}' is not a Gong user ID`);
		}
		const channel = party.mediaChannelId;
		if (channel !== undefined && channel !== null && channel !== 0 && channel !== 1) {
			throw bad(`parties[${i}].mediaChannelId must be 0 (left) or 1 (right), got ${JSON.stringify(channel)}`);
		}
		return out;
	});
	if (!parties.some((p) => p.userId === primaryUser)) {
		throw bad(`parties must include a party for the primaryUser (a party with userId '${primaryUser}')`);
	}
	return parties;
}

function parseContext(value: unknown): StandInContext[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) throw bad('context must be an array');
	return value.map((item, i) => {
		const system = asRecord(item);
		if (!system || typeof system.system !== 'string' || !CONTEXT_SYSTEMS.includes(system.system)) {
			throw bad(`context[${i}].system must be one of ${CONTEXT_SYSTEMS.join(', ')}`);
		}
		const objects = system.objects ?? [];
		if (!Array.isArray(objects)) throw bad(`context[${i}].objects must be an array`);
		return {
			system: system.system,
			objects: objects.map((o, j) => {
				const object = asRecord(o);
				if (!object || typeof object.objectType !== 'string' || typeof object.objectId !== 'string') {
					throw bad(`context[${i}].objects[${j}] needs objectType and objectId`);
				}
				return { objectType: object.objectType, objectId: object.objectId, timing: 'TimeOfCall' as const, fields: [] };
			}),
		};
	});
}

function parseSpeakersTimeline(value: unknown, parties: PartyInput[]): void {
	if (value === undefined || value === null) return;
	const timeline = asRecord(value);
	if (!timeline) throw bad('speakersTimeline must be an object');
	const segments = timeline.speechSegments ?? [];
	if (!Array.isArray(segments)) throw bad('speakersTimeline.speechSegments must be an array');
	const known = new Set(parties.map((p) => p.partyId).filter((id) => id !== undefined));
	segments.forEach((s, i) => {
		const segment = asRecord(s);
		const ok =
			segment &&
			Number.isInteger(segment.fromTime) &&
			Number.isInteger(segment.toTime) &&
			(segment.fromTime as number) >= 0 &&
			(segment.toTime as number) >= (segment.fromTime as number) &&
			Array.isArray(segment.partyIds);
		if (!ok) throw bad(`speakersTimeline.speechSegments[${i}] needs fromTime <= toTime (ms) and partyIds`);
		for (const id of segment.partyIds as unknown[]) {
			if (typeof id !== 'string' || !known.has(id)) {
				throw bad(`speakersTimeline.speechSegments[${i}]: partyId ${JSON.stringify(id)} matches no party's partyId`);
			}
		}
	});
}

function affiliationOf(party: PartyInput): Affiliation {
	if (party.userId) return 'Internal';
	const domain = party.emailAddress?.split('@')[1]?.toLowerCase();
	if (domain === COMPANY_DOMAIN) return 'Internal';
	return party.emailAddress || party.phoneNumber ? 'External' : 'Unknown';
}

function mediaUrls(callId: string, video: boolean): StandInCall['media'] {
	const base = `https://gong-prod-media.s3.amazonaws.com/calls/${callId}`;
	return {
		audioUrl: `${base}/audio.mp3?X-Amz-Expires=28800`,
		videoUrl: video ? `${base}/video.mp4?X-Amz-Expires=28800` : null,
	};
}

function registerCall(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:calls:create')) return;
	const body = asRecord(req.body);
	if (!body) throw bad('The request body must be a JSON object');
	const clientUniqueId = requiredText(body, 'clientUniqueId');
	if (clientUniqueId.length > 2048) throw bad('clientUniqueId must be at most 2048 characters long');
	if (isBlank(body.actualStart)) throw bad('actualStart is required');
	const startMs = gong.parseDate(body.actualStart, 'actualStart') as number;
	const direction = body.direction;
	if (isBlank(direction)) throw bad('direction is required');
	if (typeof direction !== 'string' || !(DIRECTIONS as readonly string[]).includes(direction)) {
		throw bad(`direction must be one of ${DIRECTIONS.join(', ')}, got ${JSON.stringify(direction)}`);
	}
	const primaryUser = requiredText(body, 'primaryUser');
	const primaryIndex = gong.users.findIndex((u) => u.id === primaryUser);
	if (primaryIndex < 0) throw bad(`primaryUser '${primaryUser}' is not a Gong user ID`);
	const parties = parseParties(gong, body.parties, primaryUser);
	const title = optionalText(body, 'title');
	const purpose = optionalText(body, 'purpose', 255);
	const disposition = optionalText(body, 'disposition', 255);
	const customData = optionalText(body, 'customData');
	const meetingUrl = optionalText(body, 'meetingUrl');
	const callProviderCode = optionalText(body, 'callProviderCode');
	const languageCode = optionalText(body, 'languageCode');
	const scheduledMs = gong.parseDate(body.scheduledStart, 'scheduledStart');
	gong.parseDate(body.scheduledEnd, 'scheduledEnd');
	const duration = body.duration;
	if (duration !== undefined && duration !== null && (typeof duration !== 'number' || !(duration >= 0))) {
		throw bad('duration must be a number of seconds (0 or more)');
	}
	const workspaceId = gong.parseWorkspaceId(body.workspaceId);
	if (workspaceId !== undefined && !gong.workspaces.some((w) => w.id === workspaceId)) {
		throw bad(`Unknown workspaceId '${workspaceId}'`);
	}
	const context = parseContext(body.context);
	parseSpeakersTimeline(body.speakersTimeline, parties);
	const downloadMediaUrl = optionalText(body, 'downloadMediaUrl');
	if (downloadMediaUrl !== undefined && !/^https?:\/\/[^\s/]+/i.test(downloadMediaUrl)) {
		throw bad(`downloadMediaUrl must be an http(s) URL, got '${downloadMediaUrl}'`);
	}

	const d = data(gong);
	// clientUniqueId is Gong's retry key: a repeat must never make a second call.
	const existing = callByClientUniqueId(gong, clientUniqueId);
	if (existing) {
		if (d.duplicateAnswer === 'existing') {
			gong.send(req, res, 200, { callId: existing.metaData.id });
			return;
		}
		// No callId in the body: the worst case, where a retrying client cannot learn which call it made.
		throw new HttpError(409, [`A call with clientUniqueId '${clientUniqueId}' already exists`]);
	}
	if (downloadMediaUrl !== undefined && d.created.some((c) => c.downloadMediaUrl === downloadMediaUrl)) {
		throw bad(`downloadMediaUrl must be unique: '${downloadMediaUrl}' was already used for another call`);
	}
	if (d.notRecorded.has(primaryUser)) throw new HttpError(409, [RECORDING_NOT_ENABLED]);

	const callId = newCallId(gong);
	const started = companyTime(gong, startMs);
	const standInParties: StandInParty[] = parties.map((p) => {
		const user = p.userId ? gong.users.find((u) => u.id === p.userId) : undefined;
		const emailAddress = p.emailAddress ?? user?.emailAddress;
		return {
			id: partyId(gong),
			name: p.name ?? (user ? `${user.firstName} ${user.lastName}` : ''),
			...(emailAddress ? { emailAddress } : {}),
			...(user ? { title: user.title, userId: user.id } : {}),
			speakerId: partyId(gong),
			affiliation: affiliationOf(p),
			...(p.phoneNumber ? { phoneNumber: p.phoneNumber } : {}),
			methods: ['Attendee'],
		};
	});
	const affiliations = new Set(standInParties.map((p) => p.affiliation));
	const video = downloadMediaUrl !== undefined && /\.(mp4|mkv|mov|webm)(\?|$)/i.test(downloadMediaUrl);
	gong.addCall({
		metaData: {
			id: callId,
			url: `https://app.gong.io/call?id=${callId}`,
			title: title ?? '',
			scheduled: scheduledMs === undefined ? started : companyTime(gong, scheduledMs),
			started,
			duration: typeof duration === 'number' ? Math.round(duration) : 0,
			primaryUserId: primaryUser,
			direction: direction as (typeof DIRECTIONS)[number],
			system: callProviderCode ?? 'API',
			scope: affiliations.has('External') ? 'External' : affiliations.has('Unknown') ? 'Unknown' : 'Internal',
			media: video ? 'Video' : 'Audio',
			language: languageCode ?? 'eng',
			workspaceId: workspaceId ?? gong.workspaces[primaryIndex % Math.max(1, gong.workspaces.length)]?.id ?? '0',
			sdrDisposition: disposition ?? null,
			clientUniqueId,
			customData: customData ?? null,
			purpose: purpose ?? null,
			meetingUrl: meetingUrl ?? null,
			isPrivate: false,
			calendarEventId: null,
		},
		parties: standInParties,
		// Nothing is known of a call until its media is processed: no content, no stats, no transcript.
		content: {
			structure: [],
			topics: [],
			trackers: [],
			pointsOfInterest: { actionItems: [] },
			brief: '',
			outline: [],
			highlights: [],
			callOutcome: null,
			keyPoints: [],
		},
		context,
		interaction: { speakers: [], interactionStats: [], video: [], questions: { companyCount: 0, nonCompanyCount: 0 } },
		collaboration: { publicComments: [] },
		// Media URLs once there is media: at once for downloadMediaUrl, after the upload otherwise.
		media: downloadMediaUrl === undefined ? { audioUrl: '', videoUrl: null } : mediaUrls(callId, video),
		transcript: null,
	});
	const record: StandInCreatedCall = {
		callId,
		clientUniqueId,
		body: structuredClone(body),
		downloadMediaUrl: downloadMediaUrl ?? null,
		createdAt: Date.now(),
	};
	d.created.push(record);
	d.byCallId.set(callId, record);
	gong.send(req, res, 200, { callId });
}

// ---- PUT /v2/calls/{id}/media -----------------------------------------------------------------

async function uploadMedia(gong: GongStandIn, req: Request, res: Response): Promise<void> {
	if (!gong.requireScope(req, res, 'api:calls:create')) return;
	const id = String(req.params.id);
	if (!/^\d{1,20}$/.test(id)) throw bad(`Invalid call ID '${id}': expected up to 20 digits`);
	const boundary = formDataBoundary(req.get('content-type'));
	if (boundary === undefined) throw new HttpError(415, ['Unsupported Media Type']);
	if (boundary === '') throw bad('Malformed multipart request: the Content-Type has no boundary');

	// Like a servlet container, the whole body is read before the call is looked up; unlike one, it is
	// hashed on the way and never held (a recording may be 1.5 GB).
	let media: { part: MultipartPart; hash: ReturnType<typeof createHash>; size: number } | undefined;
	let current: typeof media;
	const outcome = await scanMultipart(req, boundary, {
		part: (part) => {
			current = undefined;
			if (part.name !== 'mediaFile') return;
			if (media) throw bad('Only one mediaFile part is allowed');
			media = { part, hash: createHash('sha256'), size: 0 };
			current = media;
		},
		data: (chunk) => {
			if (!current) return;
			current.hash.update(chunk);
			current.size += chunk.length;
		},
		partEnd: () => {
			current = undefined;
		},
	});
	// The client went away mid-upload: nobody to answer, nothing stored.
	if (outcome === 'aborted') return;
	if (!media) throw bad(MEDIA_PART_MISSING);
	if (media.size === 0) throw bad('mediaFile is empty');

	const call = gong.calls.find((c) => c.metaData.id === id);
	if (!call) throw new HttpError(404, [CALL_NOT_FOUND]);
	const d = data(gong);
	const created = d.byCallId.get(id);
	// A call Gong recorded itself (a web conference) came with its media.
	if (!created) throw new HttpError(409, [`Call '${id}' already has media`]);
	if (created.downloadMediaUrl !== null) {
		throw new HttpError(409, [`Call '${id}' already has media: it was registered with a downloadMediaUrl`]);
	}
	// Our model of a second upload (Gong's real answer is unconfirmed): refused, the first one stands.
	const previous = d.media.get(id);
	if (previous) {
		previous.uploads++;
		throw new HttpError(409, [`Media was already uploaded for call '${id}'`]);
	}
	d.media.set(id, {
		callId: id,
		fileName: media.part.fileName,
		contentType: media.part.contentType,
		size: media.size,
		sha256: media.hash.digest('hex'),
		uploads: 1,
		uploadedAt: Date.now(),
	});
	const video = media.part.contentType?.toLowerCase().startsWith('video/') ?? false;
	call.media = mediaUrls(id, video);
	if (video) call.metaData.media = 'Video';
	gong.send(req, res, 201, { callId: id, url: `https://app.gong.io/call?id=${id}` });
}

// ---- PUT / DELETE /v2/calls/users-access ------------------------------------------------------

function parseAccessList(gong: GongStandIn, body: unknown): { callId: string; userIds: string[] }[] {
	const record = asRecord(body);
	if (!record) throw bad('The request body must be a JSON object');
	const list = record.callAccessList;
	if (!Array.isArray(list) || list.length === 0) {
		throw bad('callAccessList is required: a non-empty array of {callId, userIds}');
	}
	const items = list.map((entry, i) => {
		const item = asRecord(entry);
		if (!item) throw bad(`callAccessList[${i}] must be an object with callId and userIds`);
		if (typeof item.callId !== 'string' || !/^\d{1,20}$/.test(item.callId)) {
			throw bad(`callAccessList[${i}].callId is required: a numeric call ID string`);
		}
		const userIds = item.userIds;
		if (!Array.isArray(userIds) || userIds.some((u) => typeof u !== 'string' || !/^\d{1,20}$/.test(u))) {
			throw bad(`callAccessList[${i}].userIds is required: an array of numeric user ID strings`);
		}
		return { callId: item.callId, userIds: userIds as string[] };
	});
	// One unknown id fails the whole batch (live Gong: 400 "Some calls not found"), before any change.
	const calls = new Set(gong.calls.map((c) => c.metaData.id));
	if (items.some((item) => !calls.has(item.callId))) throw bad(SOME_CALLS_NOT_FOUND);
	const users = new Set(gong.users.map((u) => u.id));
	if (items.some((item) => item.userIds.some((u) => !users.has(u)))) throw bad(SOME_USERS_NOT_FOUND);
	return items;
}

function writeAccess(gong: GongStandIn, req: Request, res: Response, grant: boolean): void {
	if (!gong.requireScope(req, res, 'api:call-user-access:write')) return;
	for (const { callId, userIds } of parseAccessList(gong, req.body)) {
		if (grant) grantCallAccess(gong, callId, userIds);
		else revokeCallAccess(gong, callId, userIds);
	}
	gong.send(req, res, 200, {});
}

export function register(app: express.Express, gong: GongStandIn): void {
	app.post('/v2/calls', (req, res) => registerCall(gong, req, res));
	app.put('/v2/calls/:id/media', (req, res) => uploadMedia(gong, req, res));
	app.put('/v2/calls/users-access', (req, res) => writeAccess(gong, req, res, true));
	app.delete('/v2/calls/users-access', (req, res) => writeAccess(gong, req, res, false));
}
