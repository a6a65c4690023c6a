import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { limit, returnAll } from '../../../shared/descriptions';
import { forEachItem } from '../../../shared/helpers/items';
import { upTo } from '../../../shared/helpers/limit';
import { parseGongId, parseLimit } from '../../../shared/helpers/validation';
import { getPermissionProfileUsers } from '../../../shared/transport/endpoints';
import { profileLocator, profileWorkspace } from './shared';

const properties: INodeProperties[] = [
	{ ...profileWorkspace, required: false, description: 'Only to fill the profile list' },
	profileLocator,
	returnAll,
	limit,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['permissionProfile'], operation: ['getUsers'] } },
	properties,
);

/** One item per user the profile is assigned to, with the profile's ID beside it. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const profileId = parseGongId(this, this.getNodeParameter('profileId', itemIndex), itemIndex, 'Permission Profile');
		const users = await getPermissionProfileUsers.call(this, profileId, itemIndex);
		return upTo(users, parseLimit(this, itemIndex)).map((user) => ({ profileId, ...user }));
	});
}
