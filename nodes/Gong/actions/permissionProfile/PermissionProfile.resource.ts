import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getUsers from './getUsers.operation';
import * as update from './update.operation';

export { create, get, getAll, getUsers, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['permissionProfile'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					"Create a permission profile in a workspace, optionally copying another profile's permissions. After a lost answer it is looked up by name, not made twice. Scope: api:permission-profile:write (unconfirmed).",
				action: 'Create a permission profile',
			},
			{
				name: 'Get',
				value: 'get',
				// Gong's document names no scope for the profile reads; n8n's credential and other connectors use this one.
				description:
					'Get one permission profile with every access level and permission it grants. Scope: api:permission-profile:read.',
				action: 'Get a permission profile',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List a workspace's permission profiles. Scope: api:permission-profile:read.",
				action: 'Get many permission profiles',
			},
			{
				name: 'Get Users',
				value: 'getUsers',
				description: 'List the users a permission profile is assigned to. Scope: api:users:read.',
				action: 'Get the users of a permission profile',
			},
			{
				name: 'Update',
				value: 'update',
				description:
					'Change a permission profile: the current profile is read and sent back whole with your changes (Gong replaces profiles entirely). Scope: api:permission-profile:write (unconfirmed).',
				action: 'Update a permission profile',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...getUsers.description,
	...create.description,
	...update.description,
];
