import type { GongFunctions } from '../index';
import { gongApiCollect, gongApiRequest } from '../index';
import { identifiedBy, idsAsText } from '../records';
import { gongNotFound, type GongItem, type GongOk } from './common';

/** Permission profiles: GET /v2/all-permission-profiles, /v2/permission-profile, …/users. */

export type GongPermissionProfile = GongItem<'listPermissionProfile', 'profiles'>;
export type GongProfileUser = GongItem<'listPermissionProfileUsers', 'users'>;
type ProfileAnswer = NonNullable<GongOk<'getPermissionProfile'>>;

/** A workspace's permission profiles, alphabetical [api:permission-profile:read]. */
export async function getPermissionProfiles(
	this: GongFunctions,
	args: { workspaceId: string; itemIndex?: number },
): Promise<GongPermissionProfile[]> {
	return (await gongApiCollect.call(
		this,
		{
			method: 'GET',
			endpoint: '/v2/all-permission-profiles',
			qs: { workspaceId: args.workspaceId },
			itemIndex: args.itemIndex,
			what: `Workspace ${args.workspaceId}`,
		},
		'profiles',
		undefined,
		identifiedBy('id'),
	)) as GongPermissionProfile[];
}

/** One permission profile [api:permission-profile:read]. */
export async function getPermissionProfile(
	this: GongFunctions,
	profileId: string,
	itemIndex?: number,
): Promise<NonNullable<ProfileAnswer['profile']>> {
	const what = `Permission profile ${profileId}`;
	const answer = await gongApiRequest.call(this, {
		method: 'GET',
		endpoint: '/v2/permission-profile',
		qs: { profileId },
		itemIndex,
		what,
		expect: { object: 'profile' },
	});
	if (!answer) throw gongNotFound(this, what, itemIndex);
	idsAsText(answer.profile);
	return answer.profile as NonNullable<ProfileAnswer['profile']>;
}

/** The users a permission profile is assigned to [api:users:read]. */
export async function getPermissionProfileUsers(
	this: GongFunctions,
	profileId: string,
	itemIndex?: number,
): Promise<GongProfileUser[]> {
	return (await gongApiCollect.call(
		this,
		{
			method: 'GET',
			endpoint: '/v2/permission-profile/users',
			qs: { profileId },
			itemIndex,
			what: `Permission profile ${profileId}`,
		},
		'users',
		undefined,
		identifiedBy('id'),
	)) as GongProfileUser[];
}
