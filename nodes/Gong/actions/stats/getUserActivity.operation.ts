import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { limit, returnAll, statsFromDate, statsToDate, statsUserIds } from '../../../shared/descriptions';
import { forEachItem } from '../../../shared/helpers/items';
import { parseLimit } from '../../../shared/helpers/validation';
import { getUserActivity, type AggregationPeriod } from '../../../shared/transport/endpoints';
import { statsFilter } from './shared';

const properties: INodeProperties[] = [
	statsFromDate,
	statsToDate,
	{
		displayName: 'Group By',
		name: 'aggregation',
		type: 'options',
		options: [
			{ name: 'Day', value: 'DAY' },
			{ name: 'Month', value: 'MONTH' },
			{ name: 'Quarter', value: 'QUARTER' },
			{ name: 'Week (From Monday)', value: 'WEEK' },
			{ name: 'Whole Period', value: 'none', description: 'One set of counts per user' },
			{ name: 'Year', value: 'YEAR' },
		],
		default: 'none',
		description: 'Whether to count over the whole period or per day, week, month, quarter or year',
	},
	statsUserIds,
	returnAll,
	{ ...limit, description: 'Max number of users to return' },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['stats'], operation: ['getUserActivity'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const filter = statsFilter(this, itemIndex);
		const aggregation = this.getNodeParameter('aggregation', itemIndex, 'none') as AggregationPeriod | 'none';
		return await getUserActivity.call(this, {
			filter,
			period: aggregation === 'none' ? undefined : aggregation,
			limit: parseLimit(this, itemIndex),
			itemIndex,
		});
	});
}
