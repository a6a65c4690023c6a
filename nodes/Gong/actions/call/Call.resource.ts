import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getAccess from './getAccess.operation';
import * as getAll from './getAll.operation';
import * as getAllOutcomes from './getAllOutcomes.operation';
import * as grantAccess from './grantAccess.operation';
import * as removeAccess from './removeAccess.operation';
import * as uploadMedia from './uploadMedia.operation';

export { create, get, getAccess, getAll, getAllOutcomes, grantAccess, removeAccess, uploadMedia };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Add a call made elsewhere (dialer, video tool, webinar) to Gong with its recording, from a file or a URL. Safe to run again: Gong refuses a second call with the same source ID. Scope: api:calls:create.',
				action: 'Create a call',
			},
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
			{
				name: 'Grant Access',
				value: 'grantAccess',
				description:
					'Give users access to a call (individual access through the API). Safe to run again. Scope: api:call-user-access:write.',
				action: 'Grant users access to a call',
			},
			{
				name: 'Remove Access',
				value: 'removeAccess',
				description:
					'Remove the access to a call that users were given through the API. Safe to run again. Scope: api:call-user-access:write.',
				action: 'Remove users access to a call',
			},
			{
				name: 'Upload Media',
				value: 'uploadMedia',
				description:
					'Upload the recording of a call created earlier, from a file (streamed, up to 1.5 GB). A call that has its recording already is left as it is. Scope: api:calls:create.',
				action: 'Upload the recording of a call',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...getAccess.description,
	...getAllOutcomes.description,
	...create.description,
	...uploadMedia.description,
	...grantAccess.description,
	...removeAccess.description,
];
