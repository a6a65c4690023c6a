import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteOperation from './delete.operation';
import * as getIntegrationStatus from './getIntegrationStatus.operation';
import * as update from './update.operation';

// `delete` is a reserved word: the router looks the operation up by this key.
export { create, deleteOperation as delete, getIntegrationStatus, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['meeting'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					"Create a Gong meeting for a Gong user: its join URL and the invitees to add to the invitation (Gong's recorder). Each run makes a new meeting. Gong limited release. Scope: api:meetings:user:create.",
				action: 'Create a meeting',
			},
			{
				name: 'Delete',
				value: 'delete',
				description:
					'Delete a Gong meeting; a meeting Gong no longer has counts as deleted, so it is safe to run again. Scope: api:meetings:user:delete.',
				action: 'Delete a meeting',
			},
			{
				name: 'Get Integration Status',
				value: 'getIntegrationStatus',
				description:
					'Whether Gong can make meetings for users, by email (the user exists, the consent page is set up), 100 per request across items. Scope: api:meetings:integration:status.',
				action: 'Get the meeting integration status of users',
			},
			{
				name: 'Update',
				value: 'update',
				description:
					'Replace a Gong meeting: Gong replaces the whole meeting, so give every field again (empty ones are cleared). Safe to run again. Scope: api:meetings:user:update.',
				action: 'Update a meeting',
			},
		],
		default: 'create',
	},
	...create.description,
	...update.description,
	...deleteOperation.description,
	...getIntegrationStatus.description,
];
