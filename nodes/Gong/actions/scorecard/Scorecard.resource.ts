import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';
import * as getAllAnswered from './getAllAnswered.operation';

export { getAll, getAllAnswered };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['scorecard'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List scorecard definitions with their questions. Scope: api:settings:scorecards:read.',
				action: 'Get many scorecards',
			},
			{
				name: 'Get Many Answered',
				value: 'getAllAnswered',
				description:
					'List filled-in scorecards of calls, by call date or review date, with every answer. Manual reviews only unless Review Method says otherwise. Scope: api:stats:scorecards.',
				action: 'Get many answered scorecards',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...getAllAnswered.description,
];
