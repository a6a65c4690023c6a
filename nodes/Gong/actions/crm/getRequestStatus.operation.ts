import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../../shared/helpers/items';
import { parseRequiredText } from '../../../shared/helpers/validation';
import { getCrmRequestStatus } from '../../../shared/transport/endpoints/crm';
import { integrationField, parseIntegrationId } from './shared';

const properties: INodeProperties[] = [
	integrationField,
	{
		displayName: 'Client Request ID',
		name: 'clientRequestId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. accounts-2026-03-02',
		description: 'The ID the upload or the integration delete was sent with (CRM → Upload Entities outputs it)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['crm'], operation: ['getRequestStatus'] } },
	properties,
);

/** Where an entity upload or an integration delete stands: status, counts and Gong's failed lines. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const integrationId = parseIntegrationId(this, this.getNodeParameter('integrationId', itemIndex), itemIndex);
		const clientRequestId = parseRequiredText(
			this,
			this.getNodeParameter('clientRequestId', itemIndex),
			itemIndex,
			'Client Request ID',
			'Give the Client Request ID the upload or delete was sent with.',
		);
		const status = await getCrmRequestStatus.call(this, { integrationId, clientRequestId }, itemIndex);
		return [{ integrationId, clientRequestId, ...status }];
	});
}
