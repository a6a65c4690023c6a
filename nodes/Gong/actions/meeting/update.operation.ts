import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../../shared/helpers/items';
import { updateMeeting } from '../../../shared/transport/endpoints';
import { meetingFields, meetingId, parseMeeting, parseMeetingId } from './shared';

const properties: INodeProperties[] = [
	{
		displayName:
			'Gong replaces the whole meeting: give every field again, as it should be. Fields left empty (title, invitees...) are cleared.',
		name: 'replaceNotice',
		type: 'notice',
		default: '',
	},
	meetingId,
	...meetingFields,
];

export const description = updateDisplayOptions({ show: { resource: ['meeting'], operation: ['update'] } }, properties);

/** PUT of the whole meeting per input item: it sets a state, so a retry after a lost answer is harmless. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const id = parseMeetingId(this, itemIndex);
		const meeting = parseMeeting(this, itemIndex);
		return [await updateMeeting.call(this, id, meeting, itemIndex)];
	});
}
