import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { limit, returnAll } from '../../../shared/descriptions';
import { forEachItem } from '../../../shared/helpers/items';
import { parseChoice, parseLimit, parseWindow } from '../../../shared/helpers/validation';
import { getAuditLogs, LOG_TYPES, type LogType } from '../../../shared/transport/endpoints';

const LOG_TYPE_NAMES: Record<LogType, string> = {
	AccessLog: 'Access Log (Sign-Ins)',
	UserActivityLog: 'User Activity Log',
	UserCallPlay: 'User Call Play',
	ExternallySharedCallAccess: 'Externally Shared Call Access',
	ExternallySharedCallPlay: 'Externally Shared Call Play',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Log Type',
		name: 'logType',
		type: 'options',
		options: LOG_TYPES.map((value) => ({ name: LOG_TYPE_NAMES[value], value })),
		default: 'UserActivityLog',
		description: 'Which of Gong’s audit logs to read',
	},
	{
		displayName: 'From',
		name: 'fromDateTime',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Entries at or after this moment',
	},
	{
		displayName: 'To',
		name: 'toDateTime',
		type: 'dateTime',
		default: '',
		description: 'Entries before this moment. Empty: up to the latest.',
	},
	returnAll,
	limit,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['auditLog'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const logType = parseChoice(this, this.getNodeParameter('logType', itemIndex), itemIndex, 'Log Type', LOG_TYPES);
		const window = parseWindow(
			this,
			this.getNodeParameter('fromDateTime', itemIndex, ''),
			this.getNodeParameter('toDateTime', itemIndex, ''),
			itemIndex,
			['From', 'To'],
			{ ends: 'from', hint: 'Gong reads audit logs from a start moment: set "From".' },
		);
		return await getAuditLogs.call(this, {
			logType,
			fromDateTime: window.from!,
			toDateTime: window.to,
			limit: parseLimit(this, itemIndex),
			itemIndex,
		});
	});
}
