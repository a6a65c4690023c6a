import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getUsers from './getUsers.operation';

export { get, getAll, getUsers };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['permissionProfile'] } },
		options: [
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
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...getUsers.description,
];
