import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../../shared/helpers/items';
import { parsePhoneNumber } from '../../../shared/helpers/validation';
import { getDataForPhoneNumber } from '../../../shared/transport/endpoints';

const properties: INodeProperties[] = [
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		placeholder: 'e.g. +1 415 555 0100',
		required: true,
		default: '',
		description: 'The number with + and its country code; spaces, dashes and brackets are ignored',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['dataPrivacy'], operation: ['getForPhone'] } },
	properties,
);

/** One item per number: what Gong holds, with the numbers and email addresses it matched. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const phoneNumber = parsePhoneNumber(
			this,
			this.getNodeParameter('phoneNumber', itemIndex),
			itemIndex,
			'Phone Number',
		);
		const data = await getDataForPhoneNumber.call(this, phoneNumber, itemIndex);
		return [{ phoneNumber, ...data } as IDataObject];
	});
}
