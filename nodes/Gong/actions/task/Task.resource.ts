import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['task'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					"List a user's Engage call tasks by status and type, with the contact, account, deal and flow each is for. Scope: api:tasks:read.",
				action: 'Get many tasks',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
