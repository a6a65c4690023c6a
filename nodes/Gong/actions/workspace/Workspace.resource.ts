import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['workspace'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List the company's Gong workspaces with their IDs. Scope: api:workspaces:read.",
				action: 'Get many workspaces',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
