import type { INodeProperties } from 'n8n-workflow';

import * as assignProspects from './assignProspects.operation';
import * as bulkAssign from './bulkAssign.operation';
import * as getAll from './getAll.operation';
import * as getAllFolders from './getAllFolders.operation';
import * as getProspectFlows from './getProspectFlows.operation';
import * as getSteps from './getSteps.operation';
import * as unassign from './unassign.operation';

export { assignProspects, bulkAssign, getAll, getAllFolders, getProspectFlows, getSteps, unassign };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['engageFlow'] } },
		options: [
			{
				name: 'Assign Prospects',
				value: 'assignProspects',
				description:
					"Put CRM contacts or leads into a flow (100 per request across items); each prospect Gong could not assign is reported, never dropped. After a lost answer, the prospects' flows are checked before trying again. Scope: api:flows:write.",
				action: 'Assign prospects to a flow',
			},
			{
				name: 'Bulk Assign',
				value: 'bulkAssign',
				description:
					'Put prospects into a flow by CRM ID or by name and email (Gong creates missing leads), 50 per request, and wait for the per-prospect results. Scopes: api:flows:write, api:flows:read.',
				action: 'Bulk assign prospects to a flow',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					"List Engage flows: the company's plus one user's personal and shared flows. Scope: api:flows:read.",
				action: 'Get many flows',
			},
			{
				name: 'Get Many Folders',
				value: 'getAllFolders',
				description: "List Engage flow folders: the company's plus one user's. Scope: api:flows:read.",
				action: 'Get many flow folders',
			},
			{
				name: "Get Prospects' Flows",
				value: 'getProspectFlows',
				description:
					'Find the flows prospects are in, by CRM contact or lead ID or by flow instance ID, with status and owner. Scope: api:flows:read.',
				action: 'Get the flows of prospects',
			},
			{
				name: 'Get Steps',
				value: 'getSteps',
				description: "Get a flow's steps: order, action, email subject and body. Scope: api:flows:read.",
				action: 'Get the steps of a flow',
			},
			{
				name: 'Unassign',
				value: 'unassign',
				description:
					'Take a prospect out of one flow or all of them (by CRM ID), or end flow instances (by ID). Scope: api:flows:write.',
				action: 'Unassign prospects from flows',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...getAllFolders.description,
	...getSteps.description,
	...assignProspects.description,
	...bulkAssign.description,
	...unassign.description,
	...getProspectFlows.description,
];
