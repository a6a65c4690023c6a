import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../../shared/helpers/items';
import { parseGongId, parseOptionalId, parseRequiredText } from '../../../shared/helpers/validation';
import {
	createPermissionProfile,
	getPermissionProfile,
	type PermissionProfileBody,
} from '../../../shared/transport/endpoints';
import { permissionsJson, profileBody, profileLocator, profileWorkspace } from './shared';

const properties: INodeProperties[] = [
	{ ...profileWorkspace, description: 'The workspace the new profile belongs to' },
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		description: 'Unique within the workspace',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				...profileLocator,
				displayName: 'Copy Permissions From',
				name: 'baseProfileId',
				required: false,
				description: "An existing profile whose permissions the new one starts from (the workspace's profiles)",
			},
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			permissionsJson,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['permissionProfile'], operation: ['create'] } },
	properties,
);

/** One new profile per item; after a lost answer it is looked up by name instead of made twice. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const workspaceId = parseGongId(this, this.getNodeParameter('workspaceId', itemIndex), itemIndex, 'Workspace');
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const name = parseRequiredText(
			this,
			this.getNodeParameter('name', itemIndex),
			itemIndex,
			'Name',
			'Give the new profile a name, unique in its workspace.',
		);
		const baseId = parseOptionalId(this, options.baseProfileId, itemIndex, 'Copy Permissions From');
		const base = baseId ? ((await getPermissionProfile.call(this, baseId, itemIndex)) as IDataObject) : {};
		const profile = profileBody(this, itemIndex, base, { ...options, name });
		if (!options.description) delete profile.description;
		return [
			(await createPermissionProfile.call(this, {
				workspaceId,
				profile: profile as PermissionProfileBody,
				itemIndex,
			})) as IDataObject,
		];
	});
}
