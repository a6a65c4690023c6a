import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../../shared/helpers/items';
import { parseGongId } from '../../../shared/helpers/validation';
import { getUser } from '../../../shared/transport/endpoints';
import { userLocator } from '../../../shared/descriptions';

const properties: INodeProperties[] = [userLocator];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const userId = parseGongId(this, this.getNodeParameter('userId', itemIndex), itemIndex, 'User');
		return [await getUser.call(this, userId, itemIndex)];
	});
}
