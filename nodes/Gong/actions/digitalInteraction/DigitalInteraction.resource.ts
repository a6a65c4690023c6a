import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['digitalInteraction'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					"Report a prospect's digital activity (a page viewed, a link clicked, a form sent) to Gong. Safe to run again: Gong keeps one event per Event ID. Scope: api:digital-interactions:write.",
				action: 'Create a digital interaction',
			},
		],
		default: 'create',
	},
	...create.description,
];
