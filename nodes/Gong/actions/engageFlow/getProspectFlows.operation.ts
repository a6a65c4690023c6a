import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { batchById } from '../../../shared/helpers/items';
import { parseRequiredText } from '../../../shared/helpers/validation';
import { getProspectFlows, type GongFlowInstance } from '../../../shared/transport/endpoints';

type LookUp = 'crmProspectsIds' | 'flowInstanceIds';

const properties: INodeProperties[] = [
	{
		displayName: 'Look Up By',
		name: 'lookUpBy',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'CRM Prospect ID',
				value: 'crmProspectsIds',
				description: 'The CRM ID of a contact or lead: the flows it is in now (open flow instances only)',
			},
			{
				name: 'Flow Instance ID',
				value: 'flowInstanceIds',
				description: 'A flow instance ID: that instance, finished ones included',
			},
		],
		default: 'crmProspectsIds',
	},
	{
		displayName: 'ID',
		name: 'id',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 0031U00001WZRvbQAH',
		description: 'The CRM prospect ID or flow instance ID of this item',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['engageFlow'], operation: ['getProspectFlows'] } },
	properties,
);

interface Key {
	by: LookUp;
	id: string;
}

/** One item per flow instance found for each input item's ID; all items are asked in few requests. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const by = this.getNodeParameter('lookUpBy', 0, 'crmProspectsIds') as LookUp;
	return await batchById<Key, GongFlowInstance[]>(
		this,
		items,
		(itemIndex) => ({
			by,
			id: parseRequiredText(this, this.getNodeParameter('id', itemIndex), itemIndex, 'ID', 'Give the ID to look up.'),
		}),
		async (keys) => await getProspectFlows.call(this, { by, ids: keys.map((key) => key.id) }),
		(key, instances) =>
			instances.filter((instance) =>
				by === 'crmProspectsIds'
					? String(instance.crmProspectId) === key.id
					: String(instance.flowInstanceId) === key.id,
			),
	);
}
