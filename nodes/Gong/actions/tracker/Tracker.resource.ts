import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tracker'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List keyword trackers with their keywords per language, for one workspace or the whole company. Scope: api:settings:trackers:read.',
				action: 'Get many trackers',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
