import type { INodeProperties } from 'n8n-workflow';

import * as getDayByDay from './getDayByDay.operation';
import * as getInteraction from './getInteraction.operation';
import * as getUserActivity from './getUserActivity.operation';

export { getDayByDay, getInteraction, getUserActivity };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['stats'] } },
		options: [
			{
				name: 'Get Day by Day Activity',
				value: 'getDayByDay',
				description:
					"Each user's activity per day, every count given as the IDs of the calls behind it. Scope: api:stats:user-actions:detailed.",
				action: 'Get day by day activity',
			},
			{
				name: 'Get Interaction Stats',
				value: 'getInteraction',
				description:
					'Talk ratio, longest monologue, longest customer story, interactivity, patience and question rate per user. Scope: api:stats:interaction.',
				action: 'Get interaction stats',
			},
			{
				name: 'Get User Activity',
				value: 'getUserActivity',
				description:
					'Per user: calls hosted and attended, feedback given and received, calls listened to, shared, scored and commented, for the period or per day, week, month, quarter or year. Scope: api:stats:user-actions.',
				action: 'Get user activity',
			},
		],
		default: 'getUserActivity',
	},
	...getUserActivity.description,
	...getDayByDay.description,
	...getInteraction.description,
];
