/**
 * Permission profiles (read side): GET /v2/all-permission-profiles, GET /v2/permission-profile
 * [api:permission-profile:read — Gong's spec names no scope; n8n's and Nango's Gong credentials ask
 * for this one] and GET /v2/permission-profile/users [api:users:read]. Profiles are generated lazily
 * per stand-in (the same set in every workspace) and gong.users are assigned to them.
 */
import type express from 'express';
import type { Request, Response } from 'express';

import { mulberry32 } from '../data';
import type { GongStandIn } from '../gong-stand-in';
import { HttpError, bad, queryString } from '../http';
import { fullName, userWorkspaceId } from './flows';

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

export function register(app: express.Express, gong: GongStandIn): void {
	app.get('/v2/all-permission-profiles', (req, res) => listProfiles(gong, req, res));
	app.get('/v2/permission-profile', (req, res) => getProfile(gong, req, res));
	app.get('/v2/permission-profile/users', (req, res) => profileUsers(gong, req, res));
}
