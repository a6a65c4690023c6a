/**
 * Permission profiles. Read side: GET /v2/all-permission-profiles, GET /v2/permission-profile
 * [api:permission-profile:read — Gong's spec names no scope; n8n's and Nango's Gong credentials ask
 * for this one] and GET /v2/permission-profile/users [api:users:read]. Write side, by the same
 * convention [api:permission-profile:write]: POST /v2/permission-profile?workspaceId= (create) and
 * PUT /v2/permission-profile?profileId= (update, a full replace). Profiles are generated lazily per
 * stand-in (the same set in every workspace) and gong.users are assigned to them; created and
 * updated profiles live in the same store, so the reads see them.
 */
import { randomInt } from 'crypto';
import type express from 'express';
import type { Request, Response } from 'express';

import { mulberry32 } from '../data';
import type { GongStandIn } from '../gong-stand-in';
import { HttpError, asRecord, bad, queryString } from '../http';
import { fullName, userWorkspaceId } from './flows';
import { libraryFoldersOf } from './library';

export type PermissionLevel = 'all' | 'managers-team' | 'report-to-them' | 'own' | 'none';

export interface StandInAccessLevel {
	permissionLevel: PermissionLevel;
	teamLeadIds: string[];
}

export interface StandInLibraryFolderAccess {
	permissionLevel: 'none' | 'all' | 'specific-folders';
	libraryFolderIds: string[];
	managePublicFolder: boolean;
	manageStreams: boolean;
	manageFolderCalls: boolean;
	shareFoldersAndStreams: boolean;
}

export const PROFILE_FLAGS = [
	'scoreCalls',
	'overrideScore',
	'downloadCallMedia',
	'shareCallsWithCustomers',
	'manuallyScheduleAndUploadCalls',
	'privateCalls',
	'deleteCalls',
	'trimCalls',
	'listenInCalls',
	'deleteEmails',
	'callsAndSearch',
	'library',
	'deals',
	'createEditAndDeleteDealsBoards',
	'dealsInlineEditing',
	'account',
	'coaching',
	'usage',
	'teamStats',
	'initiatives',
	'market',
	'activity',
	'forecast',
	'forecastManage',
	'engageManageCompanyTemplates',
	'engageManageCompanySequences',
	'engageCreateAndManageRulesets',
	'engageSnoozeFlowToDosForOthers',
	'engageAllowCrmFieldsViewChange',
	'viewEngageAnalyticsActivity',
	'viewEngageAnalyticsPerformance',
	'viewEngageAnalyticsFlows',
	'manageGeneralBusinessSettings',
	'manageScorecards',
	'exportCallsAndCoachingDataToCSV',
	'crmDataInlineEditing',
	'crmDataImport',
	'viewRevenueAnalytics',
	'manageRevenueAnalytics',
	'engageReassignFlowToDosToOthers',
	'engageAssignFlowToDosToOthers',
	'dealsDataExport',
	'aiBuilder',
	'orchestrateCreateAndManagePlays',
] as const;

export type ProfileFlag = (typeof PROFILE_FLAGS)[number];

/** PermissionProfileDTO (what the API returns as `profile`) … */
export type StandInPermissionProfileDto = {
	id: string;
	name: string;
	description: string;
	callsAccess: StandInAccessLevel;
	libraryFolderAccess: StandInLibraryFolderAccess;
	dealsAccess: StandInAccessLevel;
	forecastPermissions: {
		forecastAccess: StandInAccessLevel;
		forecastEditSubmissions: StandInAccessLevel;
		forecastEditTargets: StandInAccessLevel;
	};
	coachingAccess: StandInAccessLevel;
	insightsAccess: StandInAccessLevel;
	usageAccess: StandInAccessLevel;
	emailsAccess: StandInAccessLevel;
} & Record<ProfileFlag, boolean>;

/** A profile as the stand-in keeps it: the DTO plus its workspace and the users it applies to (not sent). */
export type StandInPermissionProfile = StandInPermissionProfileDto & {
	workspaceId: string;
	userIds: string[];
};

/** The PermissionProfileDTO the API sends for a stored profile. */
export function profileDto(profile: StandInPermissionProfile): StandInPermissionProfileDto {
	const { workspaceId: _workspaceId, userIds: _userIds, ...dto } = profile;
	return dto;
}

const SEED = 0x9e4_1551;

interface Template {
	name: string;
	description: string;
	level: PermissionLevel;
	/** Share of flags switched on (1 = all). */
	flags: number;
}

const TEMPLATES: Template[] = [
	{
		name: 'Sales Rep',
		description: 'Account executives: their own and their team’s calls',
		level: 'managers-team',
		flags: 0.45,
	},
	{ name: 'Administrator', description: 'Full access, including company settings', level: 'all', flags: 1 },
	{ name: 'Executive', description: 'Read access to everything, no settings', level: 'all', flags: 0.8 },
	{
		name: 'Manager',
		description: 'Front-line managers: their reports’ calls, deals and coaching',
		level: 'report-to-them',
		flags: 0.65,
	},
	{ name: 'SDR', description: 'Sales development: own calls and Engage', level: 'own', flags: 0.35 },
	{ name: 'Read Only', description: 'Viewers without call access', level: 'none', flags: 0.1 },
];

const store = new WeakMap<GongStandIn, StandInPermissionProfile[]>();

/** Every profile of every workspace. The array is live: push or edit to shape a test. */
export function profilesOf(gong: GongStandIn): StandInPermissionProfile[] {
	let profiles = store.get(gong);
	if (!profiles) {
		profiles = generate(gong);
		store.set(gong, profiles);
	}
	return profiles;
}

function generate(gong: GongStandIn): StandInPermissionProfile[] {
	const rng = mulberry32(SEED);
	const int = (min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
	const used = new Set<string>();
	const id = (): string => {
		for (;;) {
			let s = String(int(1, 9));
			while (s.length < 19) s += String(int(0, 9));
			if (!used.has(s)) {
				used.add(s);
				return s;
			}
		}
	};
	const managerIds = gong.users.filter((u) => u.managerId === null).map((u) => u.id);
	const workspaceIds = gong.workspaces.length ? gong.workspaces.map((w) => w.id) : ['0'];
	const out: StandInPermissionProfile[] = [];
	for (const workspaceId of workspaceIds) {
		for (const t of TEMPLATES) {
			const access = (level: PermissionLevel): StandInAccessLevel => ({
				permissionLevel: level,
				teamLeadIds: level === 'managers-team' ? [...managerIds] : [],
			});
			const flags = {} as Record<ProfileFlag, boolean>;
			for (const flag of PROFILE_FLAGS) flags[flag] = t.flags >= 1 || rng() < t.flags;
			const profile: StandInPermissionProfileDto = {
				id: id(),
				name: t.name,
				description: t.description,
				callsAccess: access(t.level),
				libraryFolderAccess: {
					permissionLevel: t.level === 'none' ? 'none' : 'all',
					libraryFolderIds: [],
					managePublicFolder: t.flags >= 0.8,
					manageStreams: t.flags >= 0.8,
					manageFolderCalls: t.level !== 'none' && t.flags >= 0.45,
					shareFoldersAndStreams: t.level !== 'none',
				},
				dealsAccess: access(t.level),
				forecastPermissions: {
					forecastAccess: access(t.level),
					forecastEditSubmissions: access(t.level === 'all' ? 'all' : t.level === 'none' ? 'none' : 'own'),
					forecastEditTargets: access(t.flags >= 1 ? 'all' : 'none'),
				},
				coachingAccess: access(t.level),
				insightsAccess: access(t.level),
				usageAccess: access(t.flags >= 0.65 ? t.level : 'none'),
				emailsAccess: access(t.level === 'all' ? 'all' : t.level === 'none' ? 'none' : 'own'),
				...flags,
			};
			out.push({ ...profile, workspaceId, userIds: [] });
		}
	}
	// Each user gets one profile in their own workspace; Administrator and Read Only stay empty.
	gong.users.forEach((user, index) => {
		const workspaceId = userWorkspaceId(gong, index);
		const name =
			user.managerId === null
				? 'Executive'
				: index % 5 === 1
					? 'Manager'
					: user.title.startsWith('Sales Development')
						? 'SDR'
						: 'Sales Rep';
		const target = out.find((p) => p.workspaceId === workspaceId && p.name === name);
		target?.userIds.push(user.id);
	});
	return out;
}

const byName = (a: StandInPermissionProfile, b: StandInPermissionProfile): number =>
	a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id);

function listProfiles(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:permission-profile:read')) return;
	const raw = queryString(req.query.workspaceId);
	if (raw === undefined || raw === '') throw bad('workspaceId is required');
	const workspaceId = gong.parseWorkspaceId(raw);
	const profiles = profilesOf(gong)
		.filter((p) => p.workspaceId === workspaceId)
		.sort(byName);
	gong.send(req, res, 200, { profiles: profiles.map(profileDto) });
}

function getProfile(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:permission-profile:read')) return;
	const profileId = queryString(req.query.profileId);
	if (profileId === undefined || profileId === '') throw bad('profileId is required');
	if (!/^\d{1,20}$/.test(profileId)) throw bad(`profileId must be a numeric ID, got ${JSON.stringify(profileId)}`);
	const found = profilesOf(gong).find((p) => p.id === profileId);
	if (!found) throw new HttpError(404, ['Profile not found']);
	gong.send(req, res, 200, { profile: profileDto(found) });
}

function profileUsers(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:users:read')) return;
	const profileId = queryString(req.query.profileId);
	// Live Gong answers a missing, malformed or unknown profileId with a bare 400 "Bad request".
	const found =
		profileId !== undefined && /^\d{1,20}$/.test(profileId)
			? profilesOf(gong).find((p) => p.id === profileId)
			: undefined;
	if (!found) throw bad('Bad request');
	const users = found.userIds.flatMap((id) => {
		const user = gong.users.find((u) => u.id === id);
		return user ? [{ id: user.id, fullName: fullName(user), emailAddress: user.emailAddress }] : [];
	});
	gong.send(req, res, 200, { users });
}

// ---- write side ----------------------------------------------------------------------------------

export const PERMISSION_LEVELS: readonly PermissionLevel[] = ['all', 'managers-team', 'report-to-them', 'own', 'none'];
export const LIBRARY_PERMISSION_LEVELS: readonly StandInLibraryFolderAccess['permissionLevel'][] = [
	'none',
	'all',
	'specific-folders',
];

const ACCESS_FIELDS = [
	'callsAccess',
	'dealsAccess',
	'coachingAccess',
	'insightsAccess',
	'usageAccess',
	'emailsAccess',
] as const;
const FORECAST_FIELDS = ['forecastAccess', 'forecastEditSubmissions', 'forecastEditTargets'] as const;
const LIBRARY_FLAGS = ['managePublicFolder', 'manageStreams', 'manageFolderCalls', 'shareFoldersAndStreams'] as const;

type ProfileContent = Omit<StandInPermissionProfileDto, 'id'>;

/** Problems found in a profile body: `types` answer 400 (malformed), `content` 422 (unprocessable). */
interface Problems {
	types: string[];
	content: string[];
}

function readAccess(gong: GongStandIn, value: unknown, path: string, problems: Problems): StandInAccessLevel {
	const access: StandInAccessLevel = { permissionLevel: 'none', teamLeadIds: [] };
	if (value === undefined || value === null) return access;
	const record = asRecord(value);
	if (!record) {
		problems.types.push(`${path} must be an object`);
		return access;
	}
	const level = record.permissionLevel;
	if (typeof level === 'string') {
		if (PERMISSION_LEVELS.includes(level as PermissionLevel)) access.permissionLevel = level as PermissionLevel;
		else {
			problems.content.push(
				`Invalid ${path}.permissionLevel '${level}': expected one of ${PERMISSION_LEVELS.join(', ')}`,
			);
		}
	} else if (level !== undefined && level !== null) problems.types.push(`${path}.permissionLevel must be a string`);
	const ids = record.teamLeadIds;
	if (Array.isArray(ids) && ids.every((id) => typeof id === 'string')) {
		const unknown = (ids as string[]).filter((id) => !gong.users.some((u) => u.id === id));
		if (unknown.length) problems.content.push(`Unknown user IDs in ${path}.teamLeadIds: ${unknown.join(', ')}`);
		access.teamLeadIds = [...new Set(ids as string[])];
	} else if (ids !== undefined && ids !== null)
		problems.types.push(`${path}.teamLeadIds must be an array of user ID strings`);
	return access;
}

function readLibraryAccess(gong: GongStandIn, value: unknown, problems: Problems): StandInLibraryFolderAccess {
	const access: StandInLibraryFolderAccess = {
		permissionLevel: 'none',
		libraryFolderIds: [],
		managePublicFolder: false,
		manageStreams: false,
		manageFolderCalls: false,
		shareFoldersAndStreams: false,
	};
	if (value === undefined || value === null) return access;
	const record = asRecord(value);
	if (!record) {
		problems.types.push('libraryFolderAccess must be an object');
		return access;
	}
	const level = record.permissionLevel;
	if (typeof level === 'string') {
		const levels: readonly string[] = LIBRARY_PERMISSION_LEVELS;
		if (levels.includes(level)) access.permissionLevel = level as StandInLibraryFolderAccess['permissionLevel'];
		else {
			problems.content.push(
				`Invalid libraryFolderAccess.permissionLevel '${level}': expected one of ${LIBRARY_PERMISSION_LEVELS.join(', ')}`,
			);
		}
	} else if (level !== undefined && level !== null) {
		problems.types.push('libraryFolderAccess.permissionLevel must be a string');
	}
	const ids = record.libraryFolderIds;
	if (Array.isArray(ids) && ids.every((id) => typeof id === 'string')) {
		const known = new Set(libraryFoldersOf(gong).map((f) => f.id));
		const unknown = (ids as string[]).filter((id) => !known.has(id));
		if (unknown.length) {
			problems.content.push(
				`Unknown library folder IDs in libraryFolderAccess.libraryFolderIds: ${unknown.join(', ')}`,
			);
		}
		access.libraryFolderIds = [...new Set(ids as string[])];
	} else if (ids !== undefined && ids !== null) {
		problems.types.push('libraryFolderAccess.libraryFolderIds must be an array of folder ID strings');
	}
	for (const flag of LIBRARY_FLAGS) {
		const flagValue = record[flag];
		if (typeof flagValue === 'boolean') access[flag] = flagValue;
		else if (flagValue !== undefined && flagValue !== null) {
			problems.types.push(`libraryFolderAccess.${flag} must be true or false`);
		}
	}
	return access;
}

/**
 * A PermissionProfileDTO body as a whole profile: what it leaves out is `none` / false (PUT replaces
 * the whole profile). 400 for wrong JSON types, 422 for content Gong cannot take (no name, a name
 * already used in the workspace, an unknown permission level, unknown user or folder ids).
 */
function readProfile(
	gong: GongStandIn,
	body: Record<string, unknown>,
	workspaceId: string,
	selfId: string | undefined,
): ProfileContent {
	const problems: Problems = { types: [], content: [] };
	let name = '';
	if (typeof body.name === 'string') name = body.name.trim();
	else if (body.name !== undefined && body.name !== null) problems.types.push('name must be a string');
	let description = '';
	if (typeof body.description === 'string') description = body.description;
	else if (body.description !== undefined && body.description !== null) {
		problems.types.push('description must be a string');
	}
	const access = {} as Record<(typeof ACCESS_FIELDS)[number], StandInAccessLevel>;
	for (const field of ACCESS_FIELDS) access[field] = readAccess(gong, body[field], field, problems);
	const forecast = {} as StandInPermissionProfileDto['forecastPermissions'];
	const forecastBody = body.forecastPermissions;
	const forecastRecord = asRecord(forecastBody);
	if (!forecastRecord && forecastBody !== undefined && forecastBody !== null) {
		problems.types.push('forecastPermissions must be an object');
	}
	for (const field of FORECAST_FIELDS) {
		forecast[field] = readAccess(gong, forecastRecord?.[field], `forecastPermissions.${field}`, problems);
	}
	const libraryFolderAccess = readLibraryAccess(gong, body.libraryFolderAccess, problems);
	const flags = {} as Record<ProfileFlag, boolean>;
	for (const flag of PROFILE_FLAGS) {
		const value = body[flag];
		if (typeof value === 'boolean') flags[flag] = value;
		else {
			flags[flag] = false;
			if (value !== undefined && value !== null) problems.types.push(`${flag} must be true or false`);
		}
	}
	if (problems.types.length) throw new HttpError(400, problems.types);
	if (!name) problems.content.unshift('Permission profile name is required');
	const taken = profilesOf(gong).some(
		(p) => p.workspaceId === workspaceId && p.id !== selfId && p.name.trim().toLowerCase() === name.toLowerCase(),
	);
	if (name && taken) problems.content.unshift(`A permission profile named '${name}' already exists in this workspace`);
	if (problems.content.length) throw new HttpError(422, problems.content);
	return {
		name,
		description,
		callsAccess: access.callsAccess,
		libraryFolderAccess,
		dealsAccess: access.dealsAccess,
		forecastPermissions: forecast,
		coachingAccess: access.coachingAccess,
		insightsAccess: access.insightsAccess,
		usageAccess: access.usageAccess,
		emailsAccess: access.emailsAccess,
		...flags,
	};
}

function newProfileId(gong: GongStandIn): string {
	const taken = new Set(profilesOf(gong).map((p) => p.id));
	for (;;) {
		let id = String(randomInt(1, 10));
		while (id.length < 19) id += String(randomInt(0, 10));
		if (!taken.has(id)) return id;
	}
}

function createProfile(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:permission-profile:write')) return;
	const raw = queryString(req.query.workspaceId);
	if (raw === undefined || raw === '') throw bad('workspaceId is required');
	const workspaceId = gong.parseWorkspaceId(raw) ?? raw;
	// The spec documents no 404 for this POST: an unknown workspace is a malformed request.
	if (!gong.workspaces.some((w) => w.id === workspaceId)) throw bad('Workspace not found');
	const body = asRecord(req.body);
	if (!body) throw bad('The request body must be a JSON object');
	// Not idempotent: every POST makes a new profile (a repeat with the same name answers 422).
	const content = readProfile(gong, body, workspaceId, undefined);
	const profile: StandInPermissionProfile = { id: newProfileId(gong), ...content, workspaceId, userIds: [] };
	profilesOf(gong).push(profile);
	gong.send(req, res, 200, { profile: profileDto(profile) });
}

function updateProfile(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:permission-profile:write')) return;
	const profileId = queryString(req.query.profileId);
	if (profileId === undefined || profileId === '') throw bad('profileId is required');
	if (!/^\d{1,20}$/.test(profileId)) throw bad(`profileId must be a numeric ID, got ${JSON.stringify(profileId)}`);
	const found = profilesOf(gong).find((p) => p.id === profileId);
	if (!found) throw new HttpError(404, ['Profile not found']);
	const body = asRecord(req.body);
	if (!body) throw bad('The request body must be a JSON object');
	if (body.id !== undefined && body.id !== null && body.id !== profileId) {
		throw bad(`The profile id in the body (${JSON.stringify(body.id)}) does not match profileId ${profileId}`);
	}
	// A full replace: the profile keeps its id, workspace and users; everything else comes from the body.
	Object.assign(found, readProfile(gong, body, found.workspaceId, found.id));
	gong.send(req, res, 200, { profile: profileDto(found) });
}

export function register(app: express.Express, gong: GongStandIn): void {
	app.get('/v2/all-permission-profiles', (req, res) => listProfiles(gong, req, res));
	app.get('/v2/permission-profile', (req, res) => getProfile(gong, req, res));
	app.post('/v2/permission-profile', (req, res) => createProfile(gong, req, res));
	app.put('/v2/permission-profile', (req, res) => updateProfile(gong, req, res));
	app.get('/v2/permission-profile/users', (req, res) => profileUsers(gong, req, res));
}
