import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../../shared/helpers/items';
import { parseChoice } from '../../../shared/helpers/validation';
import { CRM_OBJECT_TYPES, getCrmSchema } from '../../../shared/transport/endpoints/crm';
import { integrationField, objectTypeField, parseIntegrationId } from './shared';

const properties: INodeProperties[] = [integrationField, objectTypeField];

export const description = updateDisplayOptions({ show: { resource: ['crm'], operation: ['getSchema'] } }, properties);

/** One output item per field Gong has in the object type's schema. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const integrationId = parseIntegrationId(this, this.getNodeParameter('integrationId', itemIndex), itemIndex);
		const objectType = parseChoice(
			this,
			this.getNodeParameter('objectType', itemIndex),
			itemIndex,
			'Object Type',
			CRM_OBJECT_TYPES,
		);
		const fields = await getCrmSchema.call(this, { integrationId, objectType }, itemIndex);
		return fields.map((field) => ({ objectType, ...field }));
	});
}
