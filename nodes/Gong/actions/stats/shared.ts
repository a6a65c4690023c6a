import type { IExecuteFunctions } from 'n8n-workflow';

import { parseIdList, parseStatsPeriod } from '../../../shared/helpers/validation';
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
