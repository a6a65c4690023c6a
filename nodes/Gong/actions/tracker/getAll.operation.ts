import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { limit, returnAll, filtersCollection, workspaceFilter } from '../../../shared/descriptions';
import { forEachItem } from '../../../shared/helpers/items';
import { upTo } from '../../../shared/helpers/limit';
import { parseIdFilter, parseLimit } from '../../../shared/helpers/validation';
import { getTrackers } from '../../../shared/transport/endpoints';

const properties: INodeProperties[] = [returnAll, limit, filtersCollection([workspaceFilter('trackers')])];

export const description = updateDisplayOptions({ show: { resource: ['tracker'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const max = parseLimit(this, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const workspaceId = parseIdFilter(this, filters, 'workspaceId', itemIndex, 'Workspace');
		return upTo(await getTrackers.call(this, { workspaceId, itemIndex }), max);
	});
}
