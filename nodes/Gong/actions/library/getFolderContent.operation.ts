import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, limit, returnAll } from '../../../shared/descriptions';
import { forEachItem } from '../../../shared/helpers/items';
import { upTo } from '../../../shared/helpers/limit';
import { parseGongId, parseLimit } from '../../../shared/helpers/validation';
import { getLibraryFolderContent } from '../../../shared/transport/endpoints';

const properties: INodeProperties[] = [
	idLocator({
		displayName: 'Folder',
		name: 'folderId',
		description: 'The library folder: pick one or paste its ID',
		searchListMethod: 'searchLibraryFolders',
		placeholder: 'e.g. 3843152912968920037',
	}),
	returnAll,
	{ ...limit, description: 'Max number of calls to return' },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['library'], operation: ['getFolderContent'] } },
	properties,
);

/** One item per call saved in the folder, with the folder's ID and name and the saved snippet's times. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const folderId = parseGongId(this, this.getNodeParameter('folderId', itemIndex), itemIndex, 'Folder');
		const max = parseLimit(this, itemIndex);
		const folder = await getLibraryFolderContent.call(this, folderId, itemIndex);
		const calls = upTo(folder.calls ?? [], max);
		return calls.map((call) => ({ folderId: String(folder.id ?? folderId), folderName: folder.name, ...call }));
	});
}
