import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAccess from './getAccess.operation';
import * as getAll from './getAll.operation';
import * as getAllOutcomes from './getAllOutcomes.operation';

export { get, getAccess, getAll, getAllOutcomes };

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
				description:
					'Get one call with the content you choose (participants, brief, outline, highlights...). Scope: api:calls:read:extensive.',
				action: 'Get a call',
			},
			{
				name: 'Get Access',
				value: 'getAccess',
				description:
					'Which users were given access to a call through the API (not by sharing or permission profiles). Scope: api:call-user-access:read.',
				action: 'Get who has access to a call',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List calls by date range, workspace, organizer or IDs, with the content you choose. Scope: api:calls:read:extensive.',
				action: 'Get many calls',
			},
			{
				name: 'Get Many Outcomes',
				value: 'getAllOutcomes',
				description:
					"List the company's dialer call outcomes (name, connected or not, sentiment, category). Scope: api:call-outcomes:read.",
				action: 'Get many call outcomes',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...getAccess.description,
	...getAllOutcomes.description,
];
