import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../../shared/helpers/items';
import { parseGongId } from '../../../shared/helpers/validation';
import {
	getPermissionProfile,
	updatePermissionProfile,
	type PermissionProfileBody,
} from '../../../shared/transport/endpoints';
import { permissionsJson, profileBody, profileLocator, profileWorkspace } from './shared';

const properties: INodeProperties[] = [
	{ ...profileWorkspace, required: false, description: 'Only to fill the profile list' },
	profileLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			permissionsJson,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['permissionProfile'], operation: ['update'] } },
	properties,
);

/**
 * Gong replaces a profile as a whole, so the current one is read, the changes laid over it, and
 * all of it sent: fields the user did not touch keep their values.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const profileId = parseGongId(this, this.getNodeParameter('profileId', itemIndex), itemIndex, 'Permission Profile');
		const changes = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		if (!Object.values(changes).some((value) => value !== '' && value !== undefined)) {
			throw new NodeOperationError(this.getNode(), 'Nothing to update', {
				itemIndex,
				description: 'Add a field to "Update Fields": a new name, description, or permissions as JSON.',
			});
		}
		const current = (await getPermissionProfile.call(this, profileId, itemIndex)) as IDataObject;
		const profile = profileBody(this, itemIndex, current, changes);
		return [
			(await updatePermissionProfile.call(this, profileId, profile as PermissionProfileBody, itemIndex)) as IDataObject,
		];
	});
}
