import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get one call with the content you choose (participants, brief, outline, highlights...)',
				action: 'Get a call',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List calls by date range, workspace, organizer or IDs, with the content you choose',
				action: 'Get many calls',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
