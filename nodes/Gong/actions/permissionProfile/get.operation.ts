import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../../shared/helpers/items';
import { parseGongId } from '../../../shared/helpers/validation';
import { getPermissionProfile } from '../../../shared/transport/endpoints';
import { profileLocator, profileWorkspace } from './shared';

const properties: INodeProperties[] = [
	{ ...profileWorkspace, required: false, description: 'Only to fill the profile list' },
	profileLocator,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['permissionProfile'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const profileId = parseGongId(this, this.getNodeParameter('profileId', itemIndex), itemIndex, 'Permission Profile');
		return [await getPermissionProfile.call(this, profileId, itemIndex)];
	});
}
