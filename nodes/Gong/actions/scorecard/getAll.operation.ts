import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { limit, returnAll, filtersCollection, workspaceFilter } from '../../../shared/descriptions';
import { forEachItem } from '../../../shared/helpers/items';
import { upTo } from '../../../shared/helpers/limit';
import { parseIdFilter, parseLimit } from '../../../shared/helpers/validation';
import { getScorecards } from '../../../shared/transport/endpoints';

const properties: INodeProperties[] = [
	returnAll,
	limit,
	filtersCollection([
		workspaceFilter('scorecards'),
		{
			displayName: 'Enabled Only',
			name: 'enabledOnly',
			type: 'boolean',
			default: true,
			description: 'Whether to leave out scorecards that are switched off in Gong',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['scorecard'], operation: ['getAll'] } },
	properties,
);

/** Scorecard definitions with their questions (Gong returns all at once; the filters apply here). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const max = parseLimit(this, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const workspaceId = parseIdFilter(this, filters, 'workspaceId', itemIndex, 'Workspace');
		const scorecards = (await getScorecards.call(this, itemIndex)).filter(
			(scorecard) =>
				(!workspaceId || String(scorecard.workspaceId) === workspaceId) &&
				!(filters.enabledOnly === true && scorecard.enabled === false),
		);
		return upTo(scorecards, max);
	});
}
