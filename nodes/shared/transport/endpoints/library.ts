import type { GongFunctions } from '../index';
import { gongApiCollect, gongApiRequest } from '../index';
import { identifiedBy, idsAsText } from '../records';
import { compact, gongNotFound, type GongItem, type GongOk } from './common';

/** The call library: GET /v2/library/folders, GET /v2/library/folder-content [api:library:read]. */

export type GongLibraryFolder = GongItem<'getLibraryStructure', 'folders'>;
export type GongFolderContent = NonNullable<GongOk<'getCallsInSpecificFolder'>>;
export type GongFolderCall = GongItem<'getCallsInSpecificFolder', 'calls'>;

/** Public folders (Gong never lists private or archived ones), flat, each with its parent's id. */
export async function getLibraryFolders(
	this: GongFunctions,
	args: { workspaceId?: string; itemIndex?: number } = {},
): Promise<GongLibraryFolder[]> {
	return (await gongApiCollect.call(
		this,
		{
			method: 'GET',
			endpoint: '/v2/library/folders',
			qs: compact({ workspaceId: args.workspaceId }),
			itemIndex: args.itemIndex,
			empty: /^No folders found/i,
		},
		'folders',
		undefined,
		identifiedBy('id'),
	)) as GongLibraryFolder[];
}

/** The calls saved in one folder, with the snippet of each that was saved. */
export async function getLibraryFolderContent(
	this: GongFunctions,
	folderId: string,
	itemIndex?: number,
): Promise<GongFolderContent> {
	const what = `Library folder ${folderId}`;
	const answer = await gongApiRequest.call(this, {
		method: 'GET',
		endpoint: '/v2/library/folder-content',
		qs: { folderId },
		itemIndex,
		what,
		expect: { list: 'calls', record: identifiedBy('id') },
	});
	if (!answer) throw gongNotFound(this, what, itemIndex);
	idsAsText(answer);
	return answer as GongFolderContent;
}
