import type { IDataObject } from 'n8n-workflow';

import type { GongFunctions } from '../index';
import { gongApiRequest } from '../index';
import { idsAsText } from '../records';
import type { GongOk } from './common';

/** Data privacy reads: GET /v2/data-privacy/data-for-email-address, …/data-for-phone-number. */

export type GongEmailAddressData = NonNullable<GongOk<'findAllReferencesToEmailAddress'>>;
export type GongPhoneNumberData = NonNullable<GongOk<'findAllReferencesToPhoneNumber'>>;

/** One data-privacy read; Gong's "nothing found" 404 means it holds nothing: `nothing` is returned. */
async function dataFor(
	ctx: GongFunctions,
	endpoint: string,
	qs: IDataObject,
	nothing: IDataObject,
	itemIndex?: number,
): Promise<IDataObject> {
	const answer = await gongApiRequest.call(ctx, { method: 'GET', endpoint, qs, itemIndex });
	idsAsText(answer);
	return answer ?? nothing;
}

/** What Gong holds about a person [api:data-privacy:read]: calls, emails, meetings, CRM data. */
export async function getDataForEmailAddress(
	this: GongFunctions,
	emailAddress: string,
	itemIndex?: number,
): Promise<GongEmailAddressData> {
	return (await dataFor(
		this,
		'/v2/data-privacy/data-for-email-address',
		{ emailAddress },
		{ emails: [], calls: [], meetings: [], customerData: [], customerEngagement: [] },
		itemIndex,
	)) as GongEmailAddressData;
}

/** The same by phone number, with the numbers and email addresses Gong matched. */
export async function getDataForPhoneNumber(
	this: GongFunctions,
	phoneNumber: string,
	itemIndex?: number,
): Promise<GongPhoneNumberData> {
	return (await dataFor(
		this,
		'/v2/data-privacy/data-for-phone-number',
		{ phoneNumber },
		{ emails: [], calls: [], meetings: [], customerData: [], emailAddresses: [] },
		itemIndex,
	)) as GongPhoneNumberData;
}

/**
 * POST /v2/data-privacy/erase-data-for-email-address or …-phone-number [api:data-privacy:delete]:
 * Gong deletes the person's calls, emails and CRM records, asynchronously and irreversibly. Erasing
 * what is erased already changes nothing, so a lost answer is sent again.
 */
export async function eraseDataFor(
	this: GongFunctions,
	args: { emailAddress: string } | { phoneNumber: string },
	itemIndex?: number,
): Promise<{ requestId?: string }> {
	const byEmail = 'emailAddress' in args;
	const answer = await gongApiRequest.call(this, {
		method: 'POST',
		endpoint: byEmail
			? '/v2/data-privacy/erase-data-for-email-address'
			: '/v2/data-privacy/erase-data-for-phone-number',
		qs: args as IDataObject,
		itemIndex,
	});
	return { requestId: answer?.requestId };
}
