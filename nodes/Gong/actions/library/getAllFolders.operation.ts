import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { limit, returnAll, filtersCollection, workspaceFilter } from '../../../shared/descriptions';
import { forEachItem } from '../../../shared/helpers/items';
import { upTo } from '../../../shared/helpers/limit';
import { parseIdFilter, parseLimit } from '../../../shared/helpers/validation';
import { getLibraryFolders, type GongLibraryFolder } from '../../../shared/transport/endpoints';

const properties: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{ name: 'Flat List', value: 'flat', description: 'One item per folder, with its parent folder ID' },
			{ name: 'Tree', value: 'tree', description: 'One item per top-level folder, subfolders nested in "folders"' },
		],
		default: 'flat',
	},
	{ ...returnAll, displayOptions: { show: { output: ['flat'] } } },
	{ ...limit, displayOptions: { show: { output: ['flat'], returnAll: [false] } } },
	filtersCollection([workspaceFilter('folders')]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['library'], operation: ['getAllFolders'] } },
	properties,
);

type FolderNode = GongLibraryFolder & { folders: FolderNode[] };

/** Nests each folder under its parent; a folder whose parent Gong did not list stays at the top. */
function asTree(folders: GongLibraryFolder[]): FolderNode[] {
	const nodes = new Map<string, FolderNode>(folders.map((folder) => [String(folder.id), { ...folder, folders: [] }]));
	const roots: FolderNode[] = [];
	for (const node of nodes.values()) {
		const parent = node.parentFolderId ? nodes.get(String(node.parentFolderId)) : undefined;
		if (parent && parent !== node) parent.folders.push(node);
		else roots.push(node);
	}
	return roots;
}

/** Public library folders (Gong never lists private or archived ones). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const workspaceId = parseIdFilter(this, filters, 'workspaceId', itemIndex, 'Workspace');
		const folders = await getLibraryFolders.call(this, { workspaceId, itemIndex });
		if (this.getNodeParameter('output', itemIndex, 'flat') === 'tree') return asTree(folders) as IDataObject[];
		return upTo(folders, parseLimit(this, itemIndex));
	});
}
