import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { limit, returnAll } from '../../../shared/descriptions';
import { forEachItem } from '../../../shared/helpers/items';
import { upTo } from '../../../shared/helpers/limit';
import { parseLimit } from '../../../shared/helpers/validation';
import { getWorkspaces } from '../../../shared/transport/endpoints';

const properties: INodeProperties[] = [returnAll, limit];

export const description = updateDisplayOptions(
	{ show: { resource: ['workspace'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) =>
		upTo(await getWorkspaces.call(this, itemIndex), parseLimit(this, itemIndex)),
	);
}
