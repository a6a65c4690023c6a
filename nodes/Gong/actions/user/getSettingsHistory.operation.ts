import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { userLocator } from '../../../shared/descriptions';
import { forEachItem } from '../../../shared/helpers/items';
import { parseGongId } from '../../../shared/helpers/validation';
import { getUserSettingsHistory } from '../../../shared/transport/endpoints';

const properties: INodeProperties[] = [userLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getSettingsHistory'] } },
	properties,
);

/** One item per setting change, with the user's ID beside it. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const userId = parseGongId(this, this.getNodeParameter('userId', itemIndex), itemIndex, 'User');
		const history = await getUserSettingsHistory.call(this, userId, itemIndex);
		return history.map((change) => ({ userId, ...change }));
	});
}
