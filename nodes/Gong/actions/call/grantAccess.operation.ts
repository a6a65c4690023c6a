import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callLocator } from '../../../shared/descriptions';
import { changeAccess } from './access';
import { accessUsersField } from './shared';

const properties: INodeProperties[] = [
	callLocator,
	{ ...accessUsersField, description: `Users given access to each call. ${accessUsersField.description}` },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['grantAccess'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await changeAccess(this, items, 'grant');
}
