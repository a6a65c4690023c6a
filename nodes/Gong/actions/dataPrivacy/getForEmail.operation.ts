import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../../shared/helpers/items';
import { parseEmail } from '../../../shared/helpers/validation';
import { getDataForEmailAddress } from '../../../shared/transport/endpoints';

const properties: INodeProperties[] = [
	{
		displayName: 'Email Address',
		name: 'emailAddress',
		type: 'string',
		placeholder: 'e.g. jane@acme.com',
		required: true,
		default: '',
		description: 'The person whose data to look up',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['dataPrivacy'], operation: ['getForEmail'] } },
	properties,
);

/** One item per person: what Gong holds (calls, emails, meetings, CRM data), arrays empty when nothing. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const emailAddress = parseEmail(this, this.getNodeParameter('emailAddress', itemIndex), itemIndex, 'Email Address');
		const data = await getDataForEmailAddress.call(this, emailAddress, itemIndex);
		return [{ emailAddress, ...data } as IDataObject];
	});
}
