import type { IDataObject } from 'n8n-workflow';

import type { GongFunctions } from '../index';
import { gongApiRequest } from '../index';
import type { GongBody } from '../types';
import { alreadyDoneWhen } from './common';

/** POST /v2/digital-interaction [api:digital-interactions:write]: a prospect's digital activity. */

export type DigitalInteraction = GongBody<'addDigitalInteraction'>;
export type DigitalInteractionPerson = NonNullable<DigitalInteraction['person']>;
export type DigitalInteractionField = NonNullable<DigitalInteraction['customFields']>[number];

export interface ReportedInteraction extends IDataObject {
	eventId: string;
	/** Gong had this event ID already (a repeated run, or a retry after a lost answer): nothing new was stored. */
	alreadyReported: boolean;
	requestId?: string;
}

/** Gong's 409 for an event ID it has (not any other conflict). */
const ALREADY_REPORTED = /already reported/i;

/**
 * Reports one event. `eventId` is Gong's key against repeats, so the request is retried like a
 * read; Gong refusing a known event ID is success.
 */
export async function addDigitalInteraction(
	this: GongFunctions,
	event: DigitalInteraction,
	itemIndex?: number,
): Promise<ReportedInteraction> {
	const answer = await gongApiRequest.call(this, {
		method: 'POST',
		endpoint: '/v2/digital-interaction',
		body: event as unknown as IDataObject,
		itemIndex,
		recover: alreadyDoneWhen(409, ALREADY_REPORTED),
	});
	return { eventId: event.eventId, alreadyReported: answer?.alreadyDone === true, requestId: answer?.requestId };
}
