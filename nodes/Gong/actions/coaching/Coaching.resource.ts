import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['coaching'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description:
					"Get the coaching metrics of a manager's direct reports in a workspace for a period. Scope: api:coaching:read.",
				action: 'Get coaching metrics',
			},
		],
		default: 'get',
	},
	...get.description,
];
