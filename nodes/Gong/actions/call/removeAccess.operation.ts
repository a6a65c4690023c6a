import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callLocator } from '../../../shared/descriptions';
import { changeAccess } from './access';
import { accessUsersField } from './shared';

const properties: INodeProperties[] = [
	callLocator,
	{
		...accessUsersField,
		description: `Users whose access (given through the API) to each call is removed. ${accessUsersField.description}`,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['removeAccess'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await changeAccess(this, items, 'remove');
}
