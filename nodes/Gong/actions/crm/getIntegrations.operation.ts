import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../../../shared/helpers/items';
import { getCrmIntegrations } from '../../../shared/transport/endpoints/crm';

export const description: INodeProperties[] = [];

/** The company's generic CRM integration (Gong allows one), its ID as text. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => await getCrmIntegrations.call(this, itemIndex));
}
