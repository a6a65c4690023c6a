import type { INodeProperties } from 'n8n-workflow';

import * as deleteIntegration from './deleteIntegration.operation';
import * as getIntegrations from './getIntegrations.operation';
import * as getRequestStatus from './getRequestStatus.operation';
import * as getSchema from './getSchema.operation';
import * as registerIntegration from './registerIntegration.operation';
import * as uploadEntities from './uploadEntities.operation';
import * as uploadSchema from './uploadSchema.operation';

export {
	deleteIntegration,
	getIntegrations,
	getRequestStatus,
	getSchema,
	registerIntegration,
	uploadEntities,
	uploadSchema,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['crm'] } },
		options: [
			{
				name: 'Delete Integration',
				value: 'deleteIntegration',
				description:
					'Delete the generic CRM integration and all CRM data uploaded to it (Gong takes up to 24 hours); outputs the Client Request ID to follow it with. Safe to run again. Scope: api:crm:integration:delete.',
				action: 'Delete the CRM integration',
			},
			{
				name: 'Get Integrations',
				value: 'getIntegrations',
				description:
					"Get the company's generic CRM integration: its ID (as text, it has up to 19 digits), name and owner. Scope: api:crm:integrations:read.",
				action: 'Get the CRM integrations',
			},
			{
				name: 'Get Request Status',
				value: 'getRequestStatus',
				description:
					'Check how an entity upload or an integration delete is going: status, counts and the lines Gong could not process. Scope: api:crm:upload.',
				action: 'Get the status of a CRM request',
			},
			{
				name: 'Get Schema',
				value: 'getSchema',
				description:
					'Get the custom fields Gong has for CRM accounts, contacts, deals or leads. Scope: api:crm:schema.',
				action: 'Get the CRM schema of an object type',
			},
			{
				name: 'Register Integration',
				value: 'registerIntegration',
				description:
					'Register a generic CRM integration and get its ID; a company can have one (a native Salesforce or HubSpot one counts). Running it again with the same name and owner outputs that one. Scope: api:crm:integration:register.',
				action: 'Register a CRM integration',
			},
			{
				name: 'Upload Entities',
				value: 'uploadEntities',
				description:
					'Add, update or delete CRM accounts, contacts, deals, leads, users or stages in Gong, from input items or an LDJSON file, and wait for the result of each line. Safe to retry: Gong refuses a repeated Client Request ID. Scope: api:crm:upload.',
				action: 'Upload CRM entities',
			},
			{
				name: 'Upload Schema',
				value: 'uploadSchema',
				description:
					'Set the custom fields of CRM accounts, contacts, deals or leads (every field, also those sent before). Scope: api:crm:schema.',
				action: 'Upload the CRM schema of an object type',
			},
		],
		default: 'getIntegrations',
	},
	...getIntegrations.description,
	...registerIntegration.description,
	...deleteIntegration.description,
	...getSchema.description,
	...uploadSchema.description,
	...uploadEntities.description,
	...getRequestStatus.description,
];
