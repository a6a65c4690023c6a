import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../../shared/helpers/items';
import { createMeeting } from '../../../shared/transport/endpoints';
import { meetingFields, parseMeeting } from './shared';

export const description = updateDisplayOptions(
	{ show: { resource: ['meeting'], operation: ['create'] } },
	meetingFields,
);

/**
 * One meeting per input item. Not sent again after an unknown outcome (a 5xx, a lost answer):
 * Gong would make a second meeting, and it offers no way to look the first one up.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const meeting = parseMeeting(this, itemIndex);
		return [await createMeeting.call(this, meeting, itemIndex)];
	});
}
