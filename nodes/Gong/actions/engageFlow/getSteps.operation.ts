import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { idLocator } from '../../../shared/descriptions';
import { batchById } from '../../../shared/helpers/items';
import { parseGongId } from '../../../shared/helpers/validation';
import { getFlowSteps, type GongFlowWithSteps } from '../../../shared/transport/endpoints';
import { flowOwnerEmail } from './shared';

const properties: INodeProperties[] = [
	idLocator({
		displayName: 'Flow',
		name: 'flowId',
		description: 'The Engage flow: pick one (after setting Flow Owner Email) or paste its ID',
		searchListMethod: 'searchFlows',
		placeholder: 'e.g. 6843152912968920037',
	}),
	{
		...flowOwnerEmail,
		required: false,
		description: 'Only to fill the flow list: whose personal and shared flows to show beside the company’s',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['engageFlow'], operation: ['getSteps'] } },
	properties,
);

/** One flow (with its steps) per input item; all items' flows are fetched 20 per request. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await batchById<string, Map<string, GongFlowWithSteps>>(
		this,
		items,
		(itemIndex) => parseGongId(this, this.getNodeParameter('flowId', itemIndex), itemIndex, 'Flow'),
		async (flowIds) => await getFlowSteps.call(this, flowIds),
		(flowId, flows, itemIndex) => {
			const flow = flows.get(flowId);
			if (!flow) {
				throw new NodeOperationError(this.getNode(), `Flow ${flowId} was not found in Gong`, {
					itemIndex,
					description: 'Check the flow ID: pick the flow from the list, or list flows with Get Many.',
				});
			}
			return [flow];
		},
	);
}
