import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { limit, returnAll, statsFromDate, statsToDate, statsUserIds } from '../../../shared/descriptions';
import { getUserActivity, type AggregationPeriod } from '../../../shared/transport/endpoints';
import { runPerUserStats } from './shared';

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
	return await runPerUserStats(this, items, async (args) => {
		const aggregation = this.getNodeParameter('aggregation', args.itemIndex, 'none') as AggregationPeriod | 'none';
		return await getUserActivity.call(this, { ...args, period: aggregation === 'none' ? undefined : aggregation });
	});
}
