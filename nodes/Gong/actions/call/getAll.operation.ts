import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { CallContentOption } from '../../../shared/helpers/content';
import { forEachItem } from '../../../shared/helpers/items';
import { parseIdFilter, parseIdList, parseLimit, parseWindow } from '../../../shared/helpers/validation';
import { getExtensiveCalls } from '../../../shared/transport/endpoints';
import {
	afterFilter,
	beforeFilter,
	callContent,
	callIdsFilter,
	limit,
	organizerFilter,
	returnAll,
	workspaceLocator,
	filtersCollection,
} from '../../../shared/descriptions';

const properties: INodeProperties[] = [
	returnAll,
	limit,
	filtersCollection([afterFilter, beforeFilter, callIdsFilter, organizerFilter, workspaceLocator]),
	callContent,
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
			include: this.getNodeParameter('include', itemIndex, []) as CallContentOption[],
			limit: max,
			itemIndex,
		});
		return calls;
	});
}
