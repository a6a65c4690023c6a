import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { limit, returnAll, filtersCollection, workspaceFilter } from '../../../shared/descriptions';
import { forEachItem } from '../../../shared/helpers/items';
import { parseEmail, parseIdFilter, parseLimit, parseOptionalId } from '../../../shared/helpers/validation';
import { getFlows } from '../../../shared/transport/endpoints';
import { flowOwnerEmail } from './shared';

const properties: INodeProperties[] = [
	flowOwnerEmail,
	returnAll,
	limit,
	filtersCollection([
		{
			displayName: 'Folder ID',
			name: 'folderId',
			type: 'string',
			default: '',
			description: 'Only flows in this flow folder (see Get Many Folders)',
		},
		workspaceFilter('flows'),
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['engageFlow'], operation: ['getAll'] } },
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
		return await getFlows.call(this, {
			ownerEmail,
			workspaceId: parseIdFilter(this, filters, 'workspaceId', itemIndex, 'Workspace'),
			folderId: parseOptionalId(this, filters.folderId, itemIndex, 'Folder ID'),
			limit: parseLimit(this, itemIndex),
			itemIndex,
		});
	});
}
