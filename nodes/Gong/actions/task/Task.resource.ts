import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { getAll, update };

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
			{
				name: 'Update',
				value: 'update',
				description:
					'Mark an Engage task done, dismissed or open again, or change its due date or priority. Safe to run again. Scope: api:tasks:write.',
				action: 'Update a task',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...update.description,
];
