import type { INodeProperties } from 'n8n-workflow';

import * as getForEmail from './getForEmail.operation';
import * as getForPhone from './getForPhone.operation';

export { getForEmail, getForPhone };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['dataPrivacy'] } },
		options: [
			{
				name: 'Get Data for Email Address',
				value: 'getForEmail',
				description:
					'What Gong holds about a person by email address: calls, emails, meetings, CRM data and engagement. Scope: api:data-privacy:read.',
				action: 'Get data for an email address',
			},
			{
				name: 'Get Data for Phone Number',
				value: 'getForPhone',
				description:
					'What Gong holds about a person by phone number: calls, emails, meetings and CRM data, with the matching numbers. Scope: api:data-privacy:read.',
				action: 'Get data for a phone number',
			},
		],
		default: 'getForEmail',
	},
	...getForEmail.description,
	...getForPhone.description,
];
