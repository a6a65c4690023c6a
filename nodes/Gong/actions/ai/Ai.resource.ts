import type { INodeProperties } from 'n8n-workflow';

import * as ask from './ask.operation';
import * as getBrief from './getBrief.operation';

export { ask, getBrief };

const CREDITS =
	'Spends Gong AI credits on every run (Gong answers 402 when none are left) and can take a minute or more.';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['ai'] } },
		options: [
			{
				name: 'Ask About an Entity',
				value: 'ask',
				description: `Ask Gong a question about a CRM account, deal, contact or lead, answered from its calls and emails. ${CREDITS} Scope: api:ai-ask:read.`,
				action: 'Ask about a CRM entity',
			},
			{
				name: 'Get Account/Deal Brief',
				value: 'getBrief',
				description: `Generate an AI Briefer brief (as configured in Gong) for a CRM account, deal, contact or lead. ${CREDITS} Scope: api:ai-briefer:read.`,
				action: 'Get an account or deal brief',
			},
		],
		default: 'ask',
	},
	...ask.description,
	...getBrief.description,
];
