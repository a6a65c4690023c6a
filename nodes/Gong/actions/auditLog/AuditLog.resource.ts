import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['auditLog'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'Read an audit log (sign-ins, user activity, call plays, external shares) between two moments. Scope: api:logs:read.',
				action: 'Get many audit log entries',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
