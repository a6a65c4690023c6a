import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../../shared/helpers/items';
import { allowAgentField, refuseAgentUnlessAllowed } from '../../../shared/helpers/tool';
import { deleteMeeting } from '../../../shared/transport/endpoints';
import { meetingId, organizerEmail, parseMeetingId, parseOrganizer } from './shared';

const properties: INodeProperties[] = [
	meetingId,
	{ ...organizerEmail, description: 'The Gong user who organizes the meeting (Gong asks for it)' },
	allowAgentField('delete meetings'),
];

export const description = updateDisplayOptions({ show: { resource: ['meeting'], operation: ['delete'] } }, properties);

/**
 * One meeting deleted per input item. A meeting Gong does not have (deleted by an earlier run)
 * counts as deleted: `alreadyDeleted: true`.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	refuseAgentUnlessAllowed(this, items, 'Deleting meetings');
	return await forEachItem(this, items, async (itemIndex) => {
		const id = parseMeetingId(this, itemIndex);
		const organizer = parseOrganizer(this, itemIndex);
		const result = await deleteMeeting.call(this, id, organizer, itemIndex);
		return [
			{
				meetingId: result.meetingId,
				deleted: true,
				alreadyDeleted: result.alreadyDeleted,
				requestId: result.requestId,
			},
		];
	});
}
