/**
 * Call metadata and access: GET /v2/call-outcomes, POST /v2/calls/users-access (the read: which
 * users were given individual access to calls through the API) and GET /v2/users/{id}/settings-history.
 * None is paginated.
 */
import type express from 'express';
import type { Request, Response } from 'express';

import { mulberry32 } from '../data';
import type { GongStandIn } from '../gong-stand-in';
import { HttpError, bad } from '../http';
import type { StandInUser } from '../types';
import { companyTime } from './settings';

export interface StandInCallOutcome {
	callOutcome: string;
	displayOrder: number;
	connectStatus: 'CONNECTED' | 'NOT_CONNECTED';
	sentiment: 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL';
	todoAction: 'COMPLETE' | 'COMPLETE_AND_REMOVE' | null;
	automation: 'MARK_AS_OPT_OUT' | null;
	category: 'ANSWERED' | 'NOT_ANSWERED';
}

export const USER_SETTINGS = [
	'webConferencesRecorded',
	'preventWebConferenceRecording',
	'emailsImported',
	'preventEmailImport',
	'active',
	'nonRecordedMeetingsImported',
	'gongConnectEnabled',
	'callsImported',
	'interviewsRecorded',
	'preventInterviewRecording',
] as const;

export type UserSettingName = (typeof USER_SETTINGS)[number];

export interface StandInSettingsChange {
	setting: UserSettingName;
	value: boolean;
	time: string;
}

export const SOME_CALLS_NOT_FOUND = 'Some calls not found';
export const USER_NOT_FOUND = 'User not found';

interface ExtrasData {
	outcomes?: StandInCallOutcome[];
	/** callId → ids of the users given individual access through the API. */
	access?: Map<string, string[]>;
	/** userId → the user's settings history, oldest first. */
	history?: Map<string, StandInSettingsChange[]>;
}

const SEED = 0xca11e;
const store = new WeakMap<GongStandIn, ExtrasData>();

function data(gong: GongStandIn): ExtrasData {
	let found = store.get(gong);
	if (!found) {
		found = {};
		store.set(gong, found);
	}
	return found;
}

// ---- call outcomes ----------------------------------------------------------------------------

function defaultOutcomes(): StandInCallOutcome[] {
	const connected = (
		callOutcome: string,
		sentiment: StandInCallOutcome['sentiment'],
		todoAction: StandInCallOutcome['todoAction'] = 'COMPLETE',
		automation: StandInCallOutcome['automation'] = null,
	): Omit<StandInCallOutcome, 'displayOrder'> => ({
		callOutcome,
		connectStatus: 'CONNECTED',
		sentiment,
		todoAction,
		automation,
		category: 'ANSWERED',
	});
	const notConnected = (callOutcome: string): Omit<StandInCallOutcome, 'displayOrder'> => ({
		callOutcome,
		connectStatus: 'NOT_CONNECTED',
		sentiment: 'NEUTRAL',
		todoAction: null,
		automation: null,
		category: 'NOT_ANSWERED',
	});
	// The first four are the outcomes the generated calls carry (content.callOutcome.name).
	return [
		connected('Meeting booked', 'POSITIVE'),
		connected('Demo completed', 'POSITIVE'),
		connected('Proposal requested', 'POSITIVE'),
		notConnected('No show'),
		connected('Not interested', 'NEGATIVE', 'COMPLETE_AND_REMOVE'),
		connected('Do not call', 'NEGATIVE', 'COMPLETE_AND_REMOVE', 'MARK_AS_OPT_OUT'),
		notConnected('Left voicemail'),
		notConnected('No answer'),
		notConnected('Wrong number'),
	].map((o, i) => ({ ...o, displayOrder: i + 1 }));
}

/** The dialer outcomes GET /v2/call-outcomes serves (live array). */
export function callOutcomesOf(gong: GongStandIn): StandInCallOutcome[] {
	const d = data(gong);
	d.outcomes ??= defaultOutcomes();
	return d.outcomes;
}

export function setCallOutcomes(gong: GongStandIn, outcomes: StandInCallOutcome[]): void {
	data(gong).outcomes = outcomes;
}

// ---- individual call access -------------------------------------------------------------------

function defaultAccess(gong: GongStandIn): Map<string, string[]> {
	const rng = mulberry32(SEED);
	const access = new Map<string, string[]>();
	gong.calls.forEach((call, i) => {
		if (i % 5 !== 1) return;
		const parties = new Set(call.parties.map((p) => p.userId));
		const outsiders = gong.users.filter((u) => !parties.has(u.id) && u.id !== call.metaData.primaryUserId);
		const picked: string[] = [];
		const wanted = 1 + Math.floor(rng() * 2);
		for (let n = 0; n < wanted && outsiders.length; n++) {
			const user = outsiders.splice(Math.floor(rng() * outsiders.length), 1)[0] as StandInUser;
			picked.push(user.id);
		}
		if (picked.length) access.set(call.metaData.id, picked);
	});
	return access;
}

/** callId → user ids given individual access through the API (live map). */
export function callAccessOf(gong: GongStandIn): Map<string, string[]> {
	const d = data(gong);
	d.access ??= defaultAccess(gong);
	return d.access;
}

/** Gives users individual access to a call (idempotent, like PUT /v2/calls/users-access). */
export function grantCallAccess(gong: GongStandIn, callId: string, userIds: string[]): void {
	const access = callAccessOf(gong);
	const current = access.get(callId) ?? [];
	for (const id of userIds) if (!current.includes(id)) current.push(id);
	access.set(callId, current);
}

/** Removes individual access (every user's when userIds is omitted), like DELETE /v2/calls/users-access. */
export function revokeCallAccess(gong: GongStandIn, callId: string, userIds?: string[]): void {
	const access = callAccessOf(gong);
	const remaining = userIds ? (access.get(callId) ?? []).filter((id) => !userIds.includes(id)) : [];
	if (remaining.length) access.set(callId, remaining);
	else access.delete(callId);
}

// ---- user settings history --------------------------------------------------------------------

function currentValue(user: StandInUser, setting: UserSettingName): boolean | undefined {
	switch (setting) {
		case 'active':
			return user.active;
		case 'callsImported':
			return user.settings.telephonyCallsImported;
		case 'webConferencesRecorded':
		case 'preventWebConferenceRecording':
		case 'emailsImported':
		case 'preventEmailImport':
		case 'nonRecordedMeetingsImported':
		case 'gongConnectEnabled':
			return user.settings[setting];
		default:
			return undefined;
	}
}

function defaultHistory(gong: GongStandIn): Map<string, StandInSettingsChange[]> {
	const rng = mulberry32(SEED + 1);
	const int = (min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
	const firstCall = gong.calls.length ? Date.parse(gong.calls[0]?.metaData.started ?? '') : Date.now();
	const history = new Map<string, StandInSettingsChange[]>();
	for (const user of gong.users) {
		const created = Date.parse(user.created);
		const span = Math.max(86_400_000, firstCall - created);
		const at = (fraction: number): number => created + Math.floor(span * fraction) + int(0, 3_599) * 1000;
		const changes: { setting: UserSettingName; value: boolean; ms: number }[] = [];
		// On creation: the settings that are on today were switched on.
		for (const setting of USER_SETTINGS) {
			if (setting === 'active') continue;
			if (currentValue(user, setting) === true)
				changes.push({ setting, value: true, ms: created + int(5, 600) * 1000 });
		}
		// Recording paused for a while, then back on.
		if (rng() < 0.4) {
			changes.push({ setting: 'webConferencesRecorded', value: false, ms: at(0.3) });
			changes.push({ setting: 'webConferencesRecorded', value: true, ms: at(0.5) });
		}
		if (rng() < 0.2) changes.push({ setting: 'interviewsRecorded', value: true, ms: at(0.6) });
		if (!user.active) changes.push({ setting: 'active', value: false, ms: at(0.9) });
		changes.sort((a, b) => a.ms - b.ms);
		history.set(
			user.id,
			changes.map((c) => ({ setting: c.setting, value: c.value, time: companyTime(gong, c.ms) })),
		);
	}
	return history;
}

function historyMap(gong: GongStandIn): Map<string, StandInSettingsChange[]> {
	const d = data(gong);
	d.history ??= defaultHistory(gong);
	return d.history;
}

/** A user's settings history, oldest first (live array); undefined for an unknown user. */
export function settingsHistoryOf(gong: GongStandIn, userId: string): StandInSettingsChange[] | undefined {
	if (!gong.users.some((u) => u.id === userId)) return undefined;
	const map = historyMap(gong);
	let list = map.get(userId);
	if (!list) {
		list = [];
		map.set(userId, list);
	}
	return list;
}

export function setSettingsHistory(gong: GongStandIn, userId: string, changes: StandInSettingsChange[]): void {
	historyMap(gong).set(userId, changes);
}

// ---- routes -----------------------------------------------------------------------------------

function listOutcomes(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:call-outcomes:read')) return;
	gong.send(req, res, 200, { outcomes: callOutcomesOf(gong).map((o) => ({ ...o })) });
}

function readAccess(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:call-user-access:read')) return;
	const { filter } = gong.requireFilter(req.body);
	if (!Array.isArray(filter.callIds) || !filter.callIds.length) {
		throw bad('filter.callIds is required: a non-empty array of call IDs');
	}
	const ids = [...(gong.parseIdList(filter.callIds, 'callIds') ?? [])];
	const known = new Set(gong.calls.map((c) => c.metaData.id));
	if (ids.some((id) => !known.has(id))) throw bad(SOME_CALLS_NOT_FOUND);
	const access = callAccessOf(gong);
	gong.send(req, res, 200, {
		callAccessList: ids.map((callId) => ({
			callId,
			users: (access.get(callId) ?? []).map((userId) => ({ userId })),
		})),
	});
}

function settingsHistory(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:users:read')) return;
	const id = String(req.params.id);
	if (!/^\d{1,20}$/.test(id)) throw bad(`Invalid user ID '${id}': expected up to 20 digits`);
	const history = settingsHistoryOf(gong, id);
	if (!history) throw new HttpError(404, [USER_NOT_FOUND]);
	gong.send(req, res, 200, { userSettingsHistory: history.map((h) => ({ ...h })) });
}

export function register(app: express.Express, gong: GongStandIn): void {
	app.get('/v2/call-outcomes', (req, res) => listOutcomes(gong, req, res));
	app.post('/v2/calls/users-access', (req, res) => readAccess(gong, req, res));
	app.get('/v2/users/:id/settings-history', (req, res) => settingsHistory(gong, req, res));
}
