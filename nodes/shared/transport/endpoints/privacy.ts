import type { GongFunctions } from '../index';
import { gongApiRequest } from '../index';
import { idsAsText } from '../records';
import type { GongOk } from './common';

/** Data privacy reads: GET /v2/data-privacy/data-for-email-address, …/data-for-phone-number. */

export type GongEmailAddressData = NonNullable<GongOk<'findAllReferencesToEmailAddress'>>;
export type GongPhoneNumberData = NonNullable<GongOk<'findAllReferencesToPhoneNumber'>>;

/** What Gong holds about a person [api:data-privacy:read]: calls, emails, meetings, CRM data. */
export async function getDataForEmailAddress(
	this: GongFunctions,
	emailAddress: string,
	itemIndex?: number,
): Promise<GongEmailAddressData> {
	const answer = await gongApiRequest.call(this, {
		method: 'GET',
		endpoint: '/v2/data-privacy/data-for-email-address',
		qs: { emailAddress },
		itemIndex,
	});
	idsAsText(answer);
	// Gong's "nothing found" 404: it holds nothing about this address.
	return (answer ?? {
		emails: [],
		calls: [],
		meetings: [],
		customerData: [],
		customerEngagement: [],
	}) as GongEmailAddressData;
}

export async function getDataForPhoneNumber(
	this: GongFunctions,
	phoneNumber: string,
	itemIndex?: number,
): Promise<GongPhoneNumberData> {
	const answer = await gongApiRequest.call(this, {
		method: 'GET',
		endpoint: '/v2/data-privacy/data-for-phone-number',
		qs: { phoneNumber },
		itemIndex,
	});
	idsAsText(answer);
	return (answer ?? {
		emails: [],
		calls: [],
		meetings: [],
		customerData: [],
		emailAddresses: [],
	}) as GongPhoneNumberData;
}
