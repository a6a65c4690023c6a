import type { GongUser, GongUserFilter } from '../../helpers/interfaces';
import type { GongFunctions } from '../index';
import { gongApiCollect, gongApiPage, gongApiRequest } from '../index';
import { withId } from '../records';
import { compact, gongNotFound, type GongItem } from './common';

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

/** GET /v2/users, one page (the user picker; Gong's cursor is the picker's pagination token). */
export async function getUsersPage(
	this: GongFunctions,
	cursor?: string,
): Promise<{ users: GongUser[]; cursor?: string }> {
	const page = await gongApiPage.call(this, { method: 'GET', endpoint: '/v2/users' }, 'users', cursor, withId);
	return { users: page.records as GongUser[], cursor: page.cursor };
}

export type GongUserSetting = GongItem<'getUserHistory', 'userSettingsHistory'>;

/** GET /v2/users/{id}/settings-history [api:users:read]: when each recording/import setting changed. */
export async function getUserSettingsHistory(
	this: GongFunctions,
	userId: string,
	itemIndex?: number,
): Promise<GongUserSetting[]> {
	const what = `User ${userId}`;
	const answer = await gongApiRequest.call(this, {
		method: 'GET',
		endpoint: `/v2/users/${userId}/settings-history`,
		itemIndex,
		what,
		expect: { list: 'userSettingsHistory' },
	});
	if (!answer) throw gongNotFound(this, what, itemIndex);
	return answer.userSettingsHistory as GongUserSetting[];
}
