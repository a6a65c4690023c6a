import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../../shared/helpers/items';
import { parseEmail, parseRequiredText } from '../../../shared/helpers/validation';
import { registerCrmIntegration } from '../../../shared/transport/endpoints/crm';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. ACME CRM',
		description: 'The name of the integration, as Gong shows it',
	},
	{
		displayName: 'Owner Email',
		name: 'ownerEmail',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. jane@acme.com',
		description: 'Email address of the person responsible for the integration',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['crm'], operation: ['registerIntegration'] } },
	properties,
);

/**
 * Registers the company's generic CRM integration and outputs its ID (as text: it is an int64).
 * Gong allows one; running this again with the same name and owner outputs that one.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const name = parseRequiredText(
			this,
			this.getNodeParameter('name', itemIndex),
			itemIndex,
			'Name',
			'Give the integration a name, as Gong will show it.',
		);
		const ownerEmail = parseEmail(this, this.getNodeParameter('ownerEmail', itemIndex), itemIndex, 'Owner Email');
		return [await registerCrmIntegration.call(this, { name, ownerEmail }, itemIndex)];
	});
}
