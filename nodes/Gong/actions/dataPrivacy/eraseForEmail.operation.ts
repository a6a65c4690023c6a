import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { erase, eraseFields } from './erase';

export const description = updateDisplayOptions(
	{ show: { resource: ['dataPrivacy'], operation: ['eraseForEmail'] } },
	eraseFields('emailAddress'),
);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await erase(this, items, 'emailAddress');
}
