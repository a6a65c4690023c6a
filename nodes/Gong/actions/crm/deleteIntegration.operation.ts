import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../../shared/helpers/items';
import { allowAgentField, refuseAgentUnlessAllowed } from '../../../shared/helpers/tool';
import { deleteCrmIntegration } from '../../../shared/transport/endpoints/crm';
import { clientRequestIdFor, clientRequestIdOption, integrationField, parseIntegrationId, reuseAdvice } from './shared';

const properties: INodeProperties[] = [
	{
		...integrationField,
		description:
			'The integration to delete, with all the CRM data uploaded to it (accounts, contacts, deals, leads, users). The ID has up to 19 digits: map it as text.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [clientRequestIdOption],
	},
	allowAgentField('delete a CRM integration'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['crm'], operation: ['deleteIntegration'] } },
	properties,
);

/**
 * Asks Gong to delete the integration and its CRM data (it takes Gong up to 24 hours). Outputs the
 * Client Request ID, which CRM → Get Request Status follows.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	refuseAgentUnlessAllowed(this, items, 'Deleting a CRM integration');
	return await forEachItem(this, items, async (itemIndex) => {
		const integrationId = parseIntegrationId(this, this.getNodeParameter('integrationId', itemIndex), itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const { clientRequestId, generated } = clientRequestIdFor(this, options.clientRequestId, itemIndex);
		return [
			await deleteCrmIntegration.call(
				this,
				{ integrationId, clientRequestId, reuseAdvice: reuseAdvice(generated) },
				itemIndex,
			),
		];
	});
}
