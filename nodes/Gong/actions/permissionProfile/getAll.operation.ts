import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { limit, returnAll } from '../../../shared/descriptions';
import { forEachItem } from '../../../shared/helpers/items';
import { upTo } from '../../../shared/helpers/limit';
import { parseGongId, parseLimit } from '../../../shared/helpers/validation';
import { getPermissionProfiles } from '../../../shared/transport/endpoints';
import { profileWorkspace } from './shared';

const properties: INodeProperties[] = [profileWorkspace, returnAll, limit];

export const description = updateDisplayOptions(
	{ show: { resource: ['permissionProfile'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const workspaceId = parseGongId(this, this.getNodeParameter('workspaceId', itemIndex), itemIndex, 'Workspace');
		return upTo(await getPermissionProfiles.call(this, { workspaceId, itemIndex }), parseLimit(this, itemIndex));
	});
}
