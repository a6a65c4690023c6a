import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { erase, eraseFields } from './erase';

export const description = updateDisplayOptions(
	{ show: { resource: ['dataPrivacy'], operation: ['eraseForPhone'] } },
	eraseFields('phoneNumber'),
);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await erase(this, items, 'phoneNumber');
}
