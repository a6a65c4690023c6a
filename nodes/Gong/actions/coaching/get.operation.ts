import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requiredWorkspace, userLocator } from '../../../shared/descriptions';
import { forEachItem } from '../../../shared/helpers/items';
import { parseGongId, parseWindow } from '../../../shared/helpers/validation';
import { getCoaching } from '../../../shared/transport/endpoints';

const properties: INodeProperties[] = [
	requiredWorkspace('The workspace to read coaching metrics of'),
	{
		...userLocator,
		name: 'managerId',
		displayName: 'Manager',
		description: 'The manager whose direct reports to read',
	},
	{
		displayName: 'From',
		name: 'from',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Start of the period',
	},
	{ displayName: 'To', name: 'to', type: 'dateTime', required: true, default: '', description: 'End of the period' },
];

export const description = updateDisplayOptions({ show: { resource: ['coaching'], operation: ['get'] } }, properties);

/** One item per manager Gong returns, each with its direct reports' metrics. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const window = parseWindow(
			this,
			this.getNodeParameter('from', itemIndex, ''),
			this.getNodeParameter('to', itemIndex, ''),
			itemIndex,
			['From', 'To'],
			{ ends: 'both', hint: 'Gong reads coaching metrics for a period: set both "From" and "To".' },
		);
		return await getCoaching.call(this, {
			workspaceId: parseGongId(this, this.getNodeParameter('workspaceId', itemIndex), itemIndex, 'Workspace'),
			managerId: parseGongId(this, this.getNodeParameter('managerId', itemIndex), itemIndex, 'Manager'),
			from: window.from!,
			to: window.to!,
			itemIndex,
		});
	});
}
