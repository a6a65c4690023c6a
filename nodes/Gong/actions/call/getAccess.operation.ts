import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callLocator } from '../../../shared/descriptions';
import { batchById } from '../../../shared/helpers/items';
import { parseCallId } from '../../../shared/helpers/validation';
import { getCallAccess, type GongCallAccess } from '../../../shared/transport/endpoints';

const properties: INodeProperties[] = [callLocator];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['getAccess'] } }, properties);

/**
 * One item per input call: the users given access to it through the API (`users` empty when none).
 * All items' calls are asked 100 per request.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await batchById<string, Map<string, GongCallAccess>>(
		this,
		items,
		(itemIndex) => parseCallId(this, this.getNodeParameter('callId', itemIndex), itemIndex),
		async (callIds) => await getCallAccess.call(this, callIds),
		(callId, access) => [access.get(callId) ?? { callId, users: [] }],
	);
}
