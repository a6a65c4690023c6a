import type { GongFunctions } from '../index';
import { gongApiCollect } from '../index';
import { anyRecord } from '../records';
import type { GongItem } from './common';

/** Coaching: GET /v2/coaching [api:coaching:read]. */

export type GongCoachingData = GongItem<'listUsers_1', 'coachingData'>;

/** A manager's direct reports' coaching metrics in one workspace and period (kebab-case query). */
export async function getCoaching(
	this: GongFunctions,
	args: { workspaceId: string; managerId: string; from: string; to: string; itemIndex?: number },
): Promise<GongCoachingData[]> {
	return (await gongApiCollect.call(
		this,
		{
			method: 'GET',
			endpoint: '/v2/coaching',
			qs: { 'workspace-id': args.workspaceId, 'manager-id': args.managerId, from: args.from, to: args.to },
			itemIndex: args.itemIndex,
			what: `Manager ${args.managerId}`,
		},
		'coachingData',
		undefined,
		anyRecord,
	)) as GongCoachingData[];
}
