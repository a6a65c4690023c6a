import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getSettingsHistory from './getSettingsHistory.operation';

export { get, getAll, getSettingsHistory };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get one Gong user by ID. Scope: api:users:read.',
				action: 'Get a user',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List Gong users, optionally by creation date or IDs. Scope: api:users:read.',
				action: 'Get many users',
			},
			{
				name: 'Get Settings History',
				value: 'getSettingsHistory',
				description:
					"When a user's recording and import settings (web conferences recorded, emails imported, active...) were switched on or off. Scope: api:users:read.",
				action: 'Get the settings history of a user',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...getSettingsHistory.description,
];
