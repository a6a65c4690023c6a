import type { IDataObject } from 'n8n-workflow';

import type { GongFunctions, GongRequest } from '../index';
import { gongApiCollect } from '../index';
import { identifiedBy } from '../records';
import { compact, type GongItem } from './common';

/** Stats (all POST, cursor in the body): user activity, interaction, answered scorecards. */

export type GongUserActivity = GongItem<'listMultipleUsersAggregateActivity', 'usersAggregateActivityStats'>;
export type GongUserActivityByPeriod = GongItem<'listMultipleUsersAggregateByPeriod', 'usersAggregateActivity'>;
export type GongUserDayByDay = GongItem<'listMultipleUsersDayByDayActivity', 'usersDetailedActivities'>;
export type GongInteractionStats = GongItem<'listInteractionStats', 'peopleInteractionStats'>;
export type GongAnsweredScorecard = GongItem<'listAnsweredScorecards', 'answeredScorecards'>;

export type AggregationPeriod = 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR';

/** The stats endpoints' filter: plain company-time-zone dates, toDate exclusive. */
export interface StatsFilter extends IDataObject {
	fromDate: string;
	toDate: string;
	userIds?: string[];
}

/** Gong's "nothing in this period" for every stats endpoint. */
const NO_STATS = /^No stats found|^No activity found|^Answered scorecards not found|^No scorecards found/i;

function statsRequest(endpoint: string, body: IDataObject, itemIndex?: number): GongRequest {
	return { method: 'POST', endpoint, body, itemIndex, empty: NO_STATS };
}

/** POST /v2/stats/activity/aggregate (or …/aggregate-by-period) [api:stats:user-actions]. */
export async function getUserActivity(
	this: GongFunctions,
	args: { filter: StatsFilter; period?: AggregationPeriod; limit?: number; itemIndex?: number },
): Promise<Array<GongUserActivity | GongUserActivityByPeriod>> {
	const filter = compact(args.filter);
	if (args.period) {
		return (await gongApiCollect.call(
			this,
			statsRequest(
				'/v2/stats/activity/aggregate-by-period',
				{ filter, aggregationPeriod: args.period },
				args.itemIndex,
			),
			'usersAggregateActivity',
			args.limit,
			identifiedBy('userId'),
		)) as GongUserActivityByPeriod[];
	}
	return (await gongApiCollect.call(
		this,
		statsRequest('/v2/stats/activity/aggregate', { filter }, args.itemIndex),
		'usersAggregateActivityStats',
		args.limit,
		identifiedBy('userId'),
	)) as GongUserActivity[];
}

/** POST /v2/stats/activity/day-by-day [api:stats:user-actions:detailed]: each count as its call ids. */
export async function getDayByDayActivity(
	this: GongFunctions,
	args: { filter: StatsFilter; limit?: number; itemIndex?: number },
): Promise<GongUserDayByDay[]> {
	return (await gongApiCollect.call(
		this,
		statsRequest('/v2/stats/activity/day-by-day', { filter: compact(args.filter) }, args.itemIndex),
		'usersDetailedActivities',
		args.limit,
		identifiedBy('userId'),
	)) as GongUserDayByDay[];
}

/** POST /v2/stats/interaction [api:stats:interaction]: talk ratio, longest monologue, patience… */
export async function getInteractionStats(
	this: GongFunctions,
	args: { filter: StatsFilter; limit?: number; itemIndex?: number },
): Promise<GongInteractionStats[]> {
	return (await gongApiCollect.call(
		this,
		statsRequest('/v2/stats/interaction', { filter: compact(args.filter) }, args.itemIndex),
		'peopleInteractionStats',
		args.limit,
		identifiedBy('userId'),
	)) as GongInteractionStats[];
}

export interface AnsweredScorecardFilter extends IDataObject {
	callFromDate?: string;
	callToDate?: string;
	reviewFromDate?: string;
	reviewToDate?: string;
	reviewMethod?: 'AUTOMATIC' | 'MANUAL' | 'BOTH';
	reviewedUserIds?: string[];
	scorecardIds?: string[];
}

/** POST /v2/stats/activity/scorecards [api:stats:scorecards]: calls' filled-in scorecards. */
export async function getAnsweredScorecards(
	this: GongFunctions,
	args: { filter: AnsweredScorecardFilter; limit?: number; itemIndex?: number },
): Promise<GongAnsweredScorecard[]> {
	return (await gongApiCollect.call(
		this,
		statsRequest('/v2/stats/activity/scorecards', { filter: compact(args.filter) }, args.itemIndex),
		'answeredScorecards',
		args.limit,
		identifiedBy('answeredScorecardId'),
	)) as GongAnsweredScorecard[];
}
