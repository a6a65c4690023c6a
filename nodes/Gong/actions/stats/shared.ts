import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { limit, returnAll, statsFromDate, statsToDate, statsUserIds } from '../../../shared/descriptions';
import { forEachItem } from '../../../shared/helpers/items';
import { parseIdList, parseLimit, parseStatsPeriod } from '../../../shared/helpers/validation';
import type { StatsFilter } from '../../../shared/transport/endpoints';

/** The period and users every stats operation sends (validated before any request). */
export function statsFilter(ctx: IExecuteFunctions, itemIndex: number): StatsFilter {
	const period = parseStatsPeriod(
		ctx,
		ctx.getNodeParameter('fromDate', itemIndex, ''),
		ctx.getNodeParameter('toDate', itemIndex, ''),
		itemIndex,
	);
	return { ...period, userIds: parseIdList(ctx, ctx.getNodeParameter('userIds', itemIndex, []), itemIndex, 'Users') };
}

/** What a per-user stats operation asks: the period, the users, how many. */
export const perUserStats: INodeProperties[] = [
	statsFromDate,
	statsToDate,
	statsUserIds,
	returnAll,
	{ ...limit, description: 'Max number of users to return' },
];

/** One item per user Gong returns for each input item's period. */
export async function runPerUserStats(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	fetch: (args: { filter: StatsFilter; limit?: number; itemIndex: number }) => Promise<IDataObject[]>,
): Promise<INodeExecutionData[]> {
	return await forEachItem(
		ctx,
		items,
		async (itemIndex) =>
			await fetch({ filter: statsFilter(ctx, itemIndex), limit: parseLimit(ctx, itemIndex), itemIndex }),
	);
}
