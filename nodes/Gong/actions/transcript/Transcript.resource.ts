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
		displayOptions: { show: { resource: ['transcript'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description:
					"Get one call's transcript with every speaker's name, email and affiliation. Scopes: api:calls:read:transcript and api:calls:read:extensive.",
				action: 'Get a transcript',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'Get the transcripts of many calls (by date range, workspace or call IDs), speakers resolved. Scopes: api:calls:read:transcript and api:calls:read:extensive.',
				action: 'Get many transcripts',
			},
		],
		default: 'get',
	},
	...get.description,
	...getAll.description,
];
