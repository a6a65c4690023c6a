import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../../shared/helpers/items';
import { parseIdList, parseLimit, parseWindow } from '../../../shared/helpers/validation';
import { getUsers } from '../../../shared/transport/endpoints';
import { limit, returnAll, filtersCollection } from '../../../shared/descriptions';

const properties: INodeProperties[] = [
	returnAll,
	limit,
	filtersCollection([
		{
			displayName: 'Created After',
			name: 'createdFromDateTime',
			type: 'dateTime',
			default: '',
			description: 'Only users created in Gong at or after this moment',
		},
		{
			displayName: 'Created Before',
			name: 'createdToDateTime',
			type: 'dateTime',
			default: '',
			description: 'Only users created in Gong before this moment',
		},
		{
			displayName: 'User IDs',
			name: 'userIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. 234599484848423, 563515258458745',
			description: 'Only these users: IDs separated by commas',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const max = parseLimit(this, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const created = parseWindow(this, filters.createdFromDateTime, filters.createdToDateTime, itemIndex, [
			'Created After',
			'Created Before',
		]);
		return await getUsers.call(this, {
			filter: {
				createdFromDateTime: created.from,
				createdToDateTime: created.to,
				userIds:
					filters.userIds !== undefined
						? parseIdList(this, filters.userIds, itemIndex, 'User IDs', { required: true })
						: undefined,
			},
			limit: max,
			itemIndex,
		});
	});
}
