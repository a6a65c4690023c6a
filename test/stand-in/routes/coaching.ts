/**
 * Coaching: GET /v2/coaching?workspace-id=&manager-id=&from=&to= (kebab-case query, all required).
 * Not paginated. The metrics are read off the stats activity (stats.ts): for each direct report,
 * the manager's activity on calls that report hosted, between `from` and `to`. Gong does not
 * document the metric names; the stand-in uses the names of the stats activity metrics.
 */
import type express from 'express';
import type { Request, Response } from 'express';
import { DateTime } from 'luxon';

import type { GongStandIn } from '../gong-stand-in';
import { HttpError, bad, isBlank, queryString } from '../http';
import type { StandInUser } from '../types';
import { companyZone } from './settings';
import { activityOf, type ActivityMetric } from './stats';

/** The metrics reported per direct report: the manager's coaching activity on that report's calls. */
export const COACHING_METRICS: readonly ActivityMetric[] = [
	'othersCallsListenedTo',
	'callsAttended',
	'callsGaveFeedback',
	'callsCommentsGiven',
	'callsScorecardsFilled',
	'callsMarkedAsFeedbackGiven',
];

export interface StandInCoachingUser {
	id: string;
	emailAddress: string;
	firstName: string;
	lastName: string;
	title: string;
}

export interface StandInCoachingData {
	manager: StandInCoachingUser;
	directReportsMetrics: { report: StandInCoachingUser; metrics: Record<string, string[]> }[];
}

export const MANAGER_NOT_FOUND = 'Manager not found';

function coachingUser(user: StandInUser): StandInCoachingUser {
	return {
		id: user.id,
		emailAddress: user.emailAddress,
		firstName: user.firstName,
		lastName: user.lastName,
		title: user.title,
	};
}

/** The users whose managerId is the manager's id. */
export function directReportsOf(gong: GongStandIn, managerId: string): StandInUser[] {
	return gong.users.filter((u) => u.managerId === managerId);
}

/**
 * What GET /v2/coaching returns for a manager between two instants (epoch ms, `to` exclusive):
 * per direct report, the ids of that report's calls the manager listened to, attended, gave feedback
 * on… on days overlapping the range. undefined for an unknown manager.
 */
export function coachingOf(
	gong: GongStandIn,
	managerId: string,
	fromMs: number,
	toMs: number,
): StandInCoachingData | undefined {
	const manager = gong.users.find((u) => u.id === managerId);
	if (!manager) return undefined;
	const host = new Map(gong.calls.map((c) => [c.metaData.id, c.metaData.primaryUserId]));
	const zone = companyZone(gong);
	const rows = activityOf(gong).filter((r) => {
		if (r.userId !== managerId) return false;
		const start = DateTime.fromISO(r.date, { zone });
		return start.toMillis() < toMs && start.plus({ days: 1 }).toMillis() > fromMs;
	});
	return {
		manager: coachingUser(manager),
		directReportsMetrics: directReportsOf(gong, managerId).map((report) => {
			const metrics: Record<string, string[]> = {};
			for (const metric of COACHING_METRICS) {
				const ids = new Set<string>();
				for (const row of rows) for (const id of row[metric]) if (host.get(id) === report.id) ids.add(id);
				metrics[metric] = [...ids];
			}
			return { report: coachingUser(report), metrics };
		}),
	};
}

function required(req: Request, name: string): string {
	const value = queryString(req.query[name]);
	if (isBlank(value)) throw bad(`'${name}' is required`);
	return value as string;
}

function listCoaching(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:coaching:read')) return;
	const workspaceId = required(req, 'workspace-id');
	const managerId = required(req, 'manager-id');
	const fromText = required(req, 'from');
	const toText = required(req, 'to');
	const ids: [string, string][] = [
		['workspace-id', workspaceId],
		['manager-id', managerId],
	];
	for (const [name, value] of ids) {
		if (!/^\d{1,19}$/.test(value)) throw bad(`Invalid ${name} ${JSON.stringify(value)}: expected a numeric (int64) ID`);
	}
	const from = gong.parseDate(fromText, 'from') as number;
	const to = gong.parseDate(toText, 'to') as number;
	if (from >= to) throw bad(`'from' must be before 'to' (from ${fromText}, to ${toText})`);
	if (!gong.workspaces.some((w) => w.id === workspaceId)) throw new HttpError(404, ['Workspace not found']);
	const data = coachingOf(gong, managerId, from, to);
	if (!data) throw new HttpError(404, [MANAGER_NOT_FOUND]);
	gong.send(req, res, 200, { coachingData: [data] });
}

export function register(app: express.Express, gong: GongStandIn): void {
	app.get('/v2/coaching', (req, res) => listCoaching(gong, req, res));
}
