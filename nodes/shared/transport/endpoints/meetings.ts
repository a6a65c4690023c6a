import type { IDataObject } from 'n8n-workflow';

import type { GongFunctions } from '../index';
import { gongApiRequest } from '../index';
import type { GongBody, GongOk } from '../types';
import { alreadyDoneWhen } from './common';

/**
 * Gong Meetings, a "Limited release" API (a company not in it gets 403 on all four):
 * POST /v2/meetings [api:meetings:user:create], PUT and DELETE /v2/meetings/{meetingId}
 * [api:meetings:user:update / :delete], POST /v2/meetings/integration/status
 * [api:meetings:integration:status].
 */

/** A whole meeting: what POST creates and PUT replaces the meeting with. */
export type MeetingRequest = GongBody<'addMeeting'> & GongBody<'updateMeeting'>;
export type MeetingInvitee = MeetingRequest['invitees'][number];
export type CreatedMeeting = NonNullable<GongOk<'addMeeting'>> & IDataObject;
export type MeetingIntegrationStatus = NonNullable<NonNullable<GongOk<'integrationStatus'>>['users']>[number] &
	IDataObject;

/** Gong's limit on emails per integration status request. */
export const INTEGRATION_STATUS_BATCH = 100;

/** Gong's 404 texts for a meeting it does not have (deleted, unknown, or another organizer's). */
const NO_MEETING = /no (gong )?meeting found/i;

/**
 * POST /v2/meetings: a new meeting for a Gong user. Gong has no key against repeats and no way to
 * look a meeting up, so after an unknown outcome it is not sent again: the user checks the calendar.
 */
export async function createMeeting(
	this: GongFunctions,
	meeting: MeetingRequest,
	itemIndex?: number,
): Promise<CreatedMeeting> {
	const title = meeting.title ? `"${meeting.title}" ` : '';
	const external = meeting.externalId ? `, external ID ${meeting.externalId}` : '';
	const meetingText = `a meeting ${title}at ${meeting.startTime}${external}`;
	const where = "Gong's API cannot look meetings up: see the organizer's calendar";
	return (await gongApiRequest.call(this, {
		method: 'POST',
		endpoint: '/v2/meetings',
		body: meeting as unknown as IDataObject,
		itemIndex,
		what: `Gong user ${meeting.organizerEmail} (the organizer)`,
		expect: { id: 'meetingId' },
		notIdempotent: {
			check: `whether ${meeting.organizerEmail} has ${meetingText} (${where})`,
		},
	})) as CreatedMeeting;
}

/** PUT /v2/meetings/{meetingId}: replaces the whole meeting, so sending it again changes nothing more. */
export async function updateMeeting(
	this: GongFunctions,
	meetingId: string,
	meeting: MeetingRequest,
	itemIndex?: number,
): Promise<{ meetingId: string; requestId?: string }> {
	const answer = await gongApiRequest.call(this, {
		method: 'PUT',
		endpoint: `/v2/meetings/${encodeURIComponent(meetingId)}`,
		body: meeting as unknown as IDataObject,
		itemIndex,
		what: `Meeting ${meetingId} (organizer ${meeting.organizerEmail})`,
	});
	return { meetingId: String(answer?.meetingId ?? meetingId), requestId: answer?.requestId };
}

/**
 * DELETE /v2/meetings/{meetingId} with the organizer in a JSON body. A repeat (or a retry after a
 * lost answer) finds the meeting gone: Gong's 404 for it is taken as done, `alreadyDeleted`.
 */
export async function deleteMeeting(
	this: GongFunctions,
	meetingId: string,
	organizerEmail: string,
	itemIndex?: number,
): Promise<{ meetingId: string; alreadyDeleted: boolean; requestId?: string }> {
	const answer = await gongApiRequest.call(this, {
		method: 'DELETE',
		endpoint: `/v2/meetings/${encodeURIComponent(meetingId)}`,
		body: { organizerEmail },
		itemIndex,
		recover: alreadyDoneWhen(404, NO_MEETING),
	});
	return { meetingId, alreadyDeleted: answer?.alreadyDone === true, requestId: answer?.requestId };
}

/** POST /v2/meetings/integration/status for up to 100 emails: whether meetings can be made for each. */
export async function getMeetingIntegrationStatus(
	this: GongFunctions,
	emails: string[],
	itemIndex?: number,
): Promise<MeetingIntegrationStatus[]> {
	const answer = await gongApiRequest.call(this, {
		method: 'POST',
		endpoint: '/v2/meetings/integration/status',
		body: { emails },
		itemIndex,
		expect: {
			list: 'users',
			record: (record) => (typeof record.email === 'string' && record.email ? undefined : 'has no "email"'),
		},
	});
	return (answer?.users ?? []) as MeetingIntegrationStatus[];
}
