import type { INodeProperties } from 'n8n-workflow';

import * as getAllFolders from './getAllFolders.operation';
import * as getFolderContent from './getFolderContent.operation';

export { getAllFolders, getFolderContent };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['library'] } },
		options: [
			{
				name: 'Get Folder Content',
				value: 'getFolderContent',
				description:
					'List the calls saved in a library folder, with who saved them, their note and the saved snippet. Scope: api:library:read.',
				action: 'Get the calls in a library folder',
			},
			{
				name: 'Get Many Folders',
				value: 'getAllFolders',
				description: 'List public library folders, flat with parent IDs or as a tree. Scope: api:library:read.',
				action: 'Get many library folders',
			},
		],
		default: 'getAllFolders',
	},
	...getAllFolders.description,
	...getFolderContent.description,
];
