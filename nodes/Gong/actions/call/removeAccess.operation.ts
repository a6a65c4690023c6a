import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callLocator } from '../../../shared/descriptions';
import { allowAgentField, refuseAgentUnlessAllowed } from '../../../shared/helpers/tool';
import { changeAccess } from './access';
import { accessUsersField } from './shared';

const properties: INodeProperties[] = [
	callLocator,
	{
		...accessUsersField,
		description: `Users whose access (given through the API) to each call is removed. ${accessUsersField.description}`,
	},
	allowAgentField("remove users' access to calls"),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['removeAccess'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	refuseAgentUnlessAllowed(this, items, 'Removing access to calls');
	return await changeAccess(this, items, 'remove');
}
