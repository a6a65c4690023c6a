import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';
import * as getAllFolders from './getAllFolders.operation';
import * as getProspectFlows from './getProspectFlows.operation';
import * as getSteps from './getSteps.operation';

export { getAll, getAllFolders, getProspectFlows, getSteps };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['engageFlow'] } },
		options: [
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
		],
		default: 'getAll',
	},
	...getAll.description,
	...getAllFolders.description,
	...getSteps.description,
	...getProspectFlows.description,
];
