import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { forEachItem, parseEachItem } from '../../../shared/helpers/items';
import { parseCallId, parseIdList } from '../../../shared/helpers/validation';
import { changeCallAccess, type CallAccessChange } from '../../../shared/transport/endpoints';
import { chunks } from '../../../shared/transport/endpoints/common';

/**
 * Grant or Remove Access for every input item: all items' calls in one request per 100 (Gong takes
 * a list). Gong fails a whole list for one unknown call, so a refused list is sent again item by
 * item, and only the items Gong refuses fail. Both changes set a state, so repeating them is safe.
 */
export async function changeAccess(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	change: 'grant' | 'remove',
): Promise<INodeExecutionData[]> {
	const done = new Map<number, string | undefined>();
	const failed = new Map<number, unknown>();
	const read = (itemIndex: number): CallAccessChange => ({
		callId: parseCallId(ctx, ctx.getNodeParameter('callId', itemIndex), itemIndex),
		userIds: parseIdList(ctx, ctx.getNodeParameter('userIds', itemIndex, []), itemIndex, 'User Names or IDs', {
			required: true,
			kind: 'user',
		}),
	});
	const parsed = parseEachItem(items, read);
	for (const batch of chunks([...parsed.keys()])) {
		if (batch.length < 2) continue;
		try {
			const answer = await changeCallAccess.call(
				ctx,
				change,
				batch.map((index) => parsed.get(index)!),
				batch[0],
			);
			for (const index of batch) done.set(index, answer.requestId);
		} catch (error) {
			// A refused list (400) is sent again item by item; anything else is every item's error.
			if (!(error instanceof NodeApiError) || error.httpCode !== '400') {
				for (const index of batch) failed.set(index, error);
			}
		}
	}
	return await forEachItem(ctx, items, async (itemIndex) => {
		if (failed.has(itemIndex)) throw failed.get(itemIndex);
		const access = parsed.get(itemIndex) ?? read(itemIndex);
		let requestId = done.get(itemIndex);
		if (!done.has(itemIndex)) requestId = (await changeCallAccess.call(ctx, change, [access], itemIndex)).requestId;
		return [{ ...access, access: change === 'grant' ? 'granted' : 'removed', requestId }];
	});
}
