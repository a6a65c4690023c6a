import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { summarizeCall } from '../../../shared/helpers/summary';
import { forEachItem } from '../../../shared/helpers/items';
import { parseIdFilter, parseIdList, parseLimit, parseWindow } from '../../../shared/helpers/validation';
import { getExtensiveCalls } from '../../../shared/transport/endpoints';
import {
	afterFilter,
	beforeFilter,
	callContentUnlessSummary,
	callIdsFilter,
	limit,
	organizerFilter,
	returnAll,
	workspaceLocator,
	filtersCollection,
	callOutput,
} from '../../../shared/descriptions';
import { includeOf, summarized } from './shared';

const properties: INodeProperties[] = [
	returnAll,
	limit,
	filtersCollection([afterFilter, beforeFilter, callIdsFilter, organizerFilter, workspaceLocator]),
	...callOutput,
	callContentUnlessSummary,
];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const max = parseLimit(this, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const window = parseWindow(this, filters.fromDateTime, filters.toDateTime, itemIndex, ['After', 'Before']);
		const calls = await getExtensiveCalls.call(this, {
			filter: {
				fromDateTime: window.from,
				toDateTime: window.to,
				workspaceId: parseIdFilter(this, filters, 'workspaceId', itemIndex, 'Workspace'),
				callIds:
					filters.callIds !== undefined
						? parseIdList(this, filters.callIds, itemIndex, 'Call IDs', { required: true, kind: 'call' })
						: undefined,
				primaryUserIds:
					filters.primaryUserIds !== undefined
						? parseIdList(this, filters.primaryUserIds, itemIndex, 'Organizer Names or IDs')
						: undefined,
			},
			include: includeOf(this, itemIndex),
			limit: max,
			itemIndex,
		});
		return summarized(this, itemIndex) ? calls.map(summarizeCall) : calls;
	});
}
