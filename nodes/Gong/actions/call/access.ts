import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { batchWrites } from '../../../shared/helpers/items';
import { parseCallId, parseIdList } from '../../../shared/helpers/validation';
import { GONG_PAGE_SIZE } from '../../../shared/transport';
import { changeCallAccess, type CallAccessChange } from '../../../shared/transport/endpoints';

/**
 * Grant or Remove Access for every input item: all items' calls in one request per 100 (Gong takes
 * a list; it fails a whole list for one unknown call, so such a list is sent again item by item).
 * Both changes set a state, so repeating them is safe.
 */
export async function changeAccess(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	change: 'grant' | 'remove',
): Promise<INodeExecutionData[]> {
	return await batchWrites(ctx, items, {
		parse: (itemIndex): CallAccessChange => ({
			callId: parseCallId(ctx, ctx.getNodeParameter('callId', itemIndex), itemIndex),
			userIds: parseIdList(ctx, ctx.getNodeParameter('userIds', itemIndex, []), itemIndex, 'User Names or IDs', {
				required: true,
				kind: 'user',
			}),
		}),
		size: GONG_PAGE_SIZE,
		send: async (parts, itemIndex) => await changeCallAccess.call(ctx, change, parts, itemIndex),
		shape: (access, answer) => [
			{ ...access, access: change === 'grant' ? 'granted' : 'removed', requestId: answer.requestId },
		],
	});
}
