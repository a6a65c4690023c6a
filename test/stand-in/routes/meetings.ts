/**
 * Gong Meetings ("Limited release"): POST /v2/meetings [api:meetings:user:create], PUT and DELETE
 * /v2/meetings/{meetingId} [api:meetings:user:update / :delete] and POST /v2/meetings/integration/status
 * [api:meetings:integration:status]. A company without the release gets 403 on all four, after the
 * scope check; a company whose consent page is off gets 409 on the three meeting writes.
 */
import type express from 'express';
import type { Request, Response } from 'express';

import { COMPANY_NAME, mulberry32 } from '../data';
import type { GongStandIn } from '../gong-stand-in';
import { HttpError, asRecord, bad, isBlank } from '../http';
import type { StandInUser } from '../types';

export interface StandInMeetingInvitee {
	email: string;
	displayName?: string;
	firstName?: string;
	lastName?: string;
}

/** A meeting made through POST /v2/meetings (replaced by PUT, removed by DELETE). */
export interface StandInMeeting {
	meetingId: string;
	/** As last sent. */
	organizerEmail: string;
	organizerUserId: string;
	/** As sent (ISO-8601). */
	startTime: string;
	endTime: string;
	title: string | null;
	invitees: StandInMeetingInvitee[];
	externalId: string | null;
	provider: string | null;
	meetingUrl: string;
	/** Epoch ms. */
	created: number;
	updated: number;
}

export const LIMITED_RELEASE = 'This API endpoint is in Limited release - contact your CSM for more information.';
export const ORGANIZER_NOT_FOUND = 'No Gong user found corresponding to the provided organizer email';
export const MEETING_NOT_FOUND = 'No meeting found corresponding to the provided meeting ID';
export const MEETING_NOT_FOUND_FOR_ORGANIZER = 'No Gong meeting found corresponding to the provided organizer email';
export const CONSENT_PAGE_DISABLED = 'The Gong consent page is not enabled in your company. Contact your Gong Admin.';
const CONSENT_FIX_URL = 'https://app.gong.io/company/recording-consent/consent-page';
const CONSENT_HELP_URL = 'https://help.gong.io/hc/en-us/articles/360056677792';
/** Who Gong asks the organizer to invite as well: its recorder. */
const GONG_ASSISTANT: StandInMeetingInvitee = { displayName: 'Gong Assistant', email: 'assistant@gong.io' };
const COMPANY_SLUG = COMPANY_NAME.toLowerCase().replace(/[^a-z0-9]+/g, '-');
const SEED = 0x3ee7;

interface MeetingsData {
	meetings: StandInMeeting[];
	limitedRelease: boolean;
	consentPageEnabled: boolean;
	rng: () => number;
}

const store = new WeakMap<GongStandIn, MeetingsData>();

function data(gong: GongStandIn): MeetingsData {
	let found = store.get(gong);
	if (!found) {
		found = { meetings: [], limitedRelease: false, consentPageEnabled: true, rng: mulberry32(SEED) };
		store.set(gong, found);
	}
	return found;
}

/** Meetings that exist now, oldest first (live array; DELETE removes from it). */
export function meetingsOf(gong: GongStandIn): StandInMeeting[] {
	return data(gong).meetings;
}

/** true: every meetings endpoint answers 403 "This API endpoint is in Limited release…". */
export function setMeetingsLimitedRelease(gong: GongStandIn, limited: boolean): void {
	data(gong).limitedRelease = limited;
}

/** false: meeting writes answer 409 and integration/status reports every user invalid. */
export function setMeetingsConsentPageEnabled(gong: GongStandIn, enabled: boolean): void {
	data(gong).consentPageEnabled = enabled;
}

function guard(gong: GongStandIn, req: Request, res: Response, scope: string): boolean {
	if (!gong.requireScope(req, res, scope)) return false;
	// Not a scope problem: the company is not in the release, whatever the token may do.
	if (data(gong).limitedRelease) throw new HttpError(403, [LIMITED_RELEASE]);
	return true;
}

function userByEmail(gong: GongStandIn, email: string): StandInUser | undefined {
	const wanted = email.trim().toLowerCase();
	return gong.users.find(
		(u) => u.emailAddress.toLowerCase() === wanted || u.emailAliases.some((a) => a.toLowerCase() === wanted),
	);
}

function randomDigits(gong: GongStandIn, length: number): string {
	const rng = data(gong).rng;
	let s = String(1 + Math.floor(rng() * 8));
	while (s.length < length) s += String(Math.floor(rng() * 10));
	return s;
}

function token(gong: GongStandIn): string {
	const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	const rng = data(gong).rng;
	let s = '';
	while (s.length < 22) s += chars[Math.floor(rng() * chars.length)];
	return s;
}

function meetingIdParam(req: Request): string {
	const id = String(req.params.meetingId);
	if (!/^\d{1,20}$/.test(id)) throw bad(`Invalid meeting ID '${id}': expected up to 20 digits`);
	return id;
}

function requiredText(body: Record<string, unknown>, key: string): string {
	const value = body[key];
	if (isBlank(value)) throw bad(`${key} is required`);
	if (typeof value !== 'string') throw bad(`${key} must be a string`);
	return value;
}

function optionalText(body: Record<string, unknown>, key: string): string | null {
	const value = body[key];
	if (value === undefined || value === null) return null;
	if (typeof value !== 'string') throw bad(`${key} must be a string`);
	return value;
}

type MeetingFields = Omit<StandInMeeting, 'meetingId' | 'meetingUrl' | 'created' | 'updated'>;

/** The body of POST and PUT (PUT replaces the whole meeting); 404 for an organizer Gong does not know. */
function parseMeeting(gong: GongStandIn, value: unknown): MeetingFields {
	const body = asRecord(value);
	if (!body) throw bad('The request body must be a JSON object');
	const startTime = requiredText(body, 'startTime');
	const endTime = requiredText(body, 'endTime');
	const startMs = gong.parseDate(startTime, 'startTime') as number;
	const endMs = gong.parseDate(endTime, 'endTime') as number;
	if (endMs <= startMs) throw bad('endTime must be after startTime');
	if (!Array.isArray(body.invitees)) {
		throw bad('invitees is required: an array of {email, displayName?, firstName?, lastName?}');
	}
	const invitees = body.invitees.map((item, i): StandInMeetingInvitee => {
		const invitee = asRecord(item);
		if (!invitee || typeof invitee.email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(invitee.email)) {
			throw bad(`invitees[${i}].email must be an email address`);
		}
		const out: StandInMeetingInvitee = { email: invitee.email };
		for (const key of ['displayName', 'firstName', 'lastName'] as const) {
			const text = optionalText(invitee, key);
			if (text !== null) out[key] = text;
		}
		return out;
	});
	const organizerEmail = requiredText(body, 'organizerEmail');
	const title = optionalText(body, 'title');
	const externalId = optionalText(body, 'externalId');
	const provider = optionalText(body, 'provider');
	const organizer = userByEmail(gong, organizerEmail);
	if (!organizer) throw new HttpError(404, [ORGANIZER_NOT_FOUND]);
	return {
		organizerEmail,
		organizerUserId: organizer.id,
		startTime,
		endTime,
		title,
		invitees,
		externalId,
		provider,
	};
}

function requireConsentPage(gong: GongStandIn): void {
	if (!data(gong).consentPageEnabled) throw new HttpError(409, [CONSENT_PAGE_DISABLED]);
}

function createMeeting(gong: GongStandIn, req: Request, res: Response): void {
	if (!guard(gong, req, res, 'api:meetings:user:create')) return;
	const fields = parseMeeting(gong, req.body);
	requireConsentPage(gong);
	const d = data(gong);
	let meetingId = randomDigits(gong, 19);
	while (d.meetings.some((m) => m.meetingId === meetingId)) meetingId = randomDigits(gong, 19);
	const organizer = gong.users.find((u) => u.id === fields.organizerUserId) as StandInUser;
	const handle = organizer.emailAddress.split('@')[0] as string;
	const now = Date.now();
	const meeting: StandInMeeting = {
		meetingId,
		...fields,
		meetingUrl: `https://join.gong.io/${COMPANY_SLUG}/${handle}?tkn=${token(gong)}`,
		created: now,
		updated: now,
	};
	d.meetings.push(meeting);
	gong.send(req, res, 200, {
		meetingId,
		meetingUrl: meeting.meetingUrl,
		additionalInvitees: [{ ...GONG_ASSISTANT }],
	});
}

function updateMeeting(gong: GongStandIn, req: Request, res: Response): void {
	if (!guard(gong, req, res, 'api:meetings:user:update')) return;
	const meetingId = meetingIdParam(req);
	const fields = parseMeeting(gong, req.body);
	const meeting = data(gong).meetings.find((m) => m.meetingId === meetingId);
	// Another organizer's meeting is as good as unknown.
	if (!meeting || meeting.organizerUserId !== fields.organizerUserId) throw new HttpError(404, [MEETING_NOT_FOUND]);
	requireConsentPage(gong);
	Object.assign(meeting, fields, { updated: Date.now() });
	gong.send(req, res, 200, { meetingId });
}

function deleteMeeting(gong: GongStandIn, req: Request, res: Response): void {
	if (!guard(gong, req, res, 'api:meetings:user:delete')) return;
	const meetingId = meetingIdParam(req);
	const body = asRecord(req.body);
	if (!body) throw bad('The request body must be a JSON object with organizerEmail');
	const organizerEmail = requiredText(body, 'organizerEmail');
	const organizer = userByEmail(gong, organizerEmail);
	const meetings = data(gong).meetings;
	const index = meetings.findIndex((m) => m.meetingId === meetingId && m.organizerUserId === organizer?.id);
	// Unknown, already deleted or someone else's: a repeated DELETE lands here too.
	if (!organizer || index < 0) throw new HttpError(404, [MEETING_NOT_FOUND_FOR_ORGANIZER]);
	requireConsentPage(gong);
	meetings.splice(index, 1);
	// Gong's spec answers a DELETE with the DeleteMeetingRequest schema: the organizer's email.
	gong.send(req, res, 200, { organizerEmail });
}

function integrationStatus(gong: GongStandIn, req: Request, res: Response): void {
	if (!guard(gong, req, res, 'api:meetings:integration:status')) return;
	const body = asRecord(req.body);
	if (!body) throw bad('The request body must be a JSON object');
	const emails = body.emails;
	if (!Array.isArray(emails)) throw bad('emails is required: an array of up to 100 email addresses');
	if (emails.length > 100) throw bad(`emails may hold at most 100 addresses, got ${emails.length}`);
	if (emails.some((e) => typeof e !== 'string')) throw bad('emails must contain only strings');
	const consent = data(gong).consentPageEnabled;
	const users = (emails as string[]).map((email) => {
		const user = userByEmail(gong, email);
		const problem = !user
			? { userFacingError: 'No Gong user was found for this email address.', fixUrl: null, helpUrl: null }
			: !user.active
				? { userFacingError: 'This Gong user is not active. Contact your Gong Admin.', fixUrl: null, helpUrl: null }
				: !consent
					? { userFacingError: CONSENT_PAGE_DISABLED, fixUrl: CONSENT_FIX_URL, helpUrl: CONSENT_HELP_URL }
					: undefined;
		return {
			email,
			exists: user !== undefined,
			valid: problem === undefined,
			...(problem ?? { userFacingError: null, fixUrl: null, helpUrl: null }),
		};
	});
	gong.send(req, res, 200, { users });
}

export function register(app: express.Express, gong: GongStandIn): void {
	app.post('/v2/meetings', (req, res) => createMeeting(gong, req, res));
	app.post('/v2/meetings/integration/status', (req, res) => integrationStatus(gong, req, res));
	app.put('/v2/meetings/:meetingId', (req, res) => updateMeeting(gong, req, res));
	app.delete('/v2/meetings/:meetingId', (req, res) => deleteMeeting(gong, req, res));
}
