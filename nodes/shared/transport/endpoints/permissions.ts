import type { IDataObject } from 'n8n-workflow';

import type { GongFunctions } from '../index';
import { gongApiCollect, gongApiRequest } from '../index';
import { identifiedBy, idsAsText } from '../records';
import type { GongBody } from '../types';
import { gongNotFound, type GongItem, type GongOk } from './common';

/**
 * Permission profiles: GET /v2/all-permission-profiles, /v2/permission-profile, …/users; POST and
 * PUT /v2/permission-profile.
 */

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

export type PermissionProfileBody = GongBody<'createPermissionProfile'> & IDataObject;

/**
 * POST /v2/permission-profile [api:permission-profile:write, unconfirmed]: creates a profile in a
 * workspace. Not idempotent; names are unique in a workspace, so after a lost answer the profile is
 * looked up by name: found, Gong made it; not found, it is sent again.
 */
export async function createPermissionProfile(
	this: GongFunctions,
	args: { workspaceId: string; profile: PermissionProfileBody; itemIndex?: number },
): Promise<NonNullable<ProfileAnswer['profile']>> {
	const name = String(args.profile.name ?? '');
	const answer = await gongApiRequest.call(this, {
		method: 'POST',
		endpoint: '/v2/permission-profile',
		qs: { workspaceId: args.workspaceId },
		body: args.profile,
		itemIndex: args.itemIndex,
		what: `Workspace ${args.workspaceId}`,
		expect: { object: 'profile' },
		notIdempotent: {
			check: `the permission profiles of workspace ${args.workspaceId} for one named "${name}"`,
			verify: async () => {
				const profiles = await getPermissionProfiles.call(this, {
					workspaceId: args.workspaceId,
					itemIndex: args.itemIndex,
				});
				const made = profiles.find((profile) => profile.name === name);
				return made ? { profile: made } : undefined;
			},
		},
	});
	idsAsText(answer?.profile);
	return answer?.profile as NonNullable<ProfileAnswer['profile']>;
}

/** PUT /v2/permission-profile: replaces the whole profile (the same PUT twice is one change). */
export async function updatePermissionProfile(
	this: GongFunctions,
	profileId: string,
	profile: PermissionProfileBody,
	itemIndex?: number,
): Promise<NonNullable<ProfileAnswer['profile']>> {
	const answer = await gongApiRequest.call(this, {
		method: 'PUT',
		endpoint: '/v2/permission-profile',
		qs: { profileId },
		body: profile,
		itemIndex,
		what: `Permission profile ${profileId}`,
		expect: { object: 'profile' },
	});
	idsAsText(answer?.profile);
	return answer?.profile as NonNullable<ProfileAnswer['profile']>;
}
