import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idLocator, requiredWorkspace } from '../../../shared/descriptions';
import { parseJsonField } from '../../../shared/helpers/validation';

export const profileWorkspace = requiredWorkspace('The workspace whose permission profiles to list');

export const profileLocator = idLocator({
	displayName: 'Permission Profile',
	name: 'profileId',
	description: 'The permission profile: pick one (after choosing a workspace) or paste its ID',
	searchListMethod: 'searchPermissionProfiles',
	placeholder: 'e.g. 5843152912968920037',
});

export const permissionsJson: INodeProperties = {
	displayName: 'Permissions (JSON)',
	name: 'permissions',
	type: 'json',
	default: '',
	placeholder: '{"callsAccess": {"permissionLevel": "managers-team"}, "downloadCallMedia": false}',
	description:
		"Fields of Gong's permission profile to set, as Gong names them (callsAccess, dealsAccess, libraryFolderAccess, downloadCallMedia, deleteCalls...). Get a profile to see them all.",
};

/** A profile's fields for Gong: the base, then name and description, then the JSON fields. */
export function profileBody(
	ctx: IExecuteFunctions,
	itemIndex: number,
	base: IDataObject,
	changes: { name?: unknown; description?: unknown; permissions?: unknown },
): IDataObject {
	const body: IDataObject = { ...base };
	delete body.id;
	const name = typeof changes.name === 'string' ? changes.name.trim() : '';
	if (name) body.name = name;
	if (typeof changes.description === 'string' && changes.description.trim()) {
		body.description = changes.description.trim();
	}
	const permissions = parseJsonField(ctx, changes.permissions, itemIndex, 'Permissions (JSON)');
	if (permissions) {
		for (const [key, value] of Object.entries(permissions)) {
			if (key === 'id') continue;
			body[key] = value as IDataObject[keyof IDataObject];
		}
	}
	return body;
}
