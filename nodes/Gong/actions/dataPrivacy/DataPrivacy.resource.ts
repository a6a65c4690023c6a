import type { INodeProperties } from 'n8n-workflow';

import * as eraseForEmail from './eraseForEmail.operation';
import * as eraseForPhone from './eraseForPhone.operation';
import * as getForEmail from './getForEmail.operation';
import * as getForPhone from './getForPhone.operation';

export { eraseForEmail, eraseForPhone, getForEmail, getForPhone };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['dataPrivacy'] } },
		options: [
			{
				name: 'Erase Data for Email Address (Irreversible)',
				value: 'eraseForEmail',
				description:
					'Permanently delete every call, email and CRM record in Gong that refers to an email address (GDPR/CCPA erasure). Cannot be undone; needs the address typed twice; an AI agent may run it only if allowed. Scope: api:data-privacy:delete.',
				action: 'Erase all data for an email address irreversibly',
			},
			{
				name: 'Erase Data for Phone Number (Irreversible)',
				value: 'eraseForPhone',
				description:
					'Permanently delete every call, email and CRM record in Gong that refers to a phone number. Cannot be undone; needs the number typed twice; an AI agent may run it only if allowed. Scope: api:data-privacy:delete.',
				action: 'Erase all data for a phone number irreversibly',
			},
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
	...eraseForEmail.description,
	...eraseForPhone.description,
];
