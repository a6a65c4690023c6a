import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { limit, returnAll, filtersCollection, workspaceFilter } from '../../../shared/descriptions';
import { forEachItem } from '../../../shared/helpers/items';
import { parseEmail, parseIdFilter, parseLimit } from '../../../shared/helpers/validation';
import { getFlowFolders } from '../../../shared/transport/endpoints';
import { flowOwnerEmail } from './shared';

const properties: INodeProperties[] = [
	{ ...flowOwnerEmail, description: "A Gong user's email: the company's flow folders plus this user's own" },
	returnAll,
	limit,
	filtersCollection([workspaceFilter('folders')]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['engageFlow'], operation: ['getAllFolders'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const ownerEmail = parseEmail(
			this,
			this.getNodeParameter('flowOwnerEmail', itemIndex),
			itemIndex,
			'Flow Owner Email',
		);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		return await getFlowFolders.call(this, {
			ownerEmail,
			workspaceId: parseIdFilter(this, filters, 'workspaceId', itemIndex, 'Workspace'),
			limit: parseLimit(this, itemIndex),
			itemIndex,
		});
	});
}
