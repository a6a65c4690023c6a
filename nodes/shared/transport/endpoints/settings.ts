import type { GongFunctions } from '../index';
import { gongApiCollect } from '../index';
import { identifiedBy } from '../records';
import { compact, type GongItem } from './common';

/** Company settings: GET /v2/settings/scorecards, /v2/settings/trackers, /v2/settings/briefs. */

export type GongScorecard = GongItem<'listScorecards', 'scorecards'>;
export type GongTracker = GongItem<'listTrackers', 'keywordTrackers'>;
export type GongBrief = GongItem<'listBriefs', 'briefs'>;

/** GET /v2/settings/scorecards [api:settings:scorecards:read]: every scorecard with its questions. */
export async function getScorecards(this: GongFunctions, itemIndex?: number): Promise<GongScorecard[]> {
	return (await gongApiCollect.call(
		this,
		{ method: 'GET', endpoint: '/v2/settings/scorecards', itemIndex, empty: /^Scorecards not found/i },
		'scorecards',
		undefined,
		identifiedBy('scorecardId'),
	)) as GongScorecard[];
}

/** GET /v2/settings/trackers [api:settings:trackers:read]: keyword trackers, of one workspace or all. */
export async function getTrackers(
	this: GongFunctions,
	args: { workspaceId?: string; itemIndex?: number },
): Promise<GongTracker[]> {
	return (await gongApiCollect.call(
		this,
		{
			method: 'GET',
			endpoint: '/v2/settings/trackers',
			qs: compact({ workspaceId: args.workspaceId }),
			itemIndex: args.itemIndex,
			what: args.workspaceId ? `Workspace ${args.workspaceId}` : undefined,
		},
		'keywordTrackers',
		undefined,
		identifiedBy('trackerId'),
	)) as GongTracker[];
}

/** GET /v2/settings/briefs [api:ai-briefer:read]: the AI Briefer's briefs (their names feed Get Brief). */
export async function getBriefs(
	this: GongFunctions,
	args: { workspaceId?: string; itemIndex?: number } = {},
): Promise<GongBrief[]> {
	return (await gongApiCollect.call(
		this,
		{
			method: 'GET',
			endpoint: '/v2/settings/briefs',
			qs: compact({ workspaceId: args.workspaceId }),
			itemIndex: args.itemIndex,
		},
		'briefs',
		undefined,
		identifiedBy('briefId'),
	)) as GongBrief[];
}
