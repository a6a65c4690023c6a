import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { limit, returnAll, statsFromDate, statsToDate, statsUserIds } from '../../../shared/descriptions';
import { forEachItem } from '../../../shared/helpers/items';
import { parseLimit } from '../../../shared/helpers/validation';
import { getDayByDayActivity } from '../../../shared/transport/endpoints';
import { statsFilter } from './shared';

const properties: INodeProperties[] = [
	statsFromDate,
	statsToDate,
	statsUserIds,
	returnAll,
	{ ...limit, description: 'Max number of users to return' },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['stats'], operation: ['getDayByDay'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(
		this,
		items,
		async (itemIndex) =>
			await getDayByDayActivity.call(this, {
				filter: statsFilter(this, itemIndex),
				limit: parseLimit(this, itemIndex),
				itemIndex,
			}),
	);
}
