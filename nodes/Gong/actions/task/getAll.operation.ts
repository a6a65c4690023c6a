import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { limit, returnAll, userLocator, filtersCollection, workspaceFilter } from '../../../shared/descriptions';
import { forEachItem } from '../../../shared/helpers/items';
import { parseGongId, parseIdFilter, parseLimit } from '../../../shared/helpers/validation';
import { getTasks, type TaskFilter } from '../../../shared/transport/endpoints';

const properties: INodeProperties[] = [
	{ ...userLocator, description: 'Whose Engage tasks: pick a Gong user or paste the ID' },
	{
		displayName: 'Status',
		name: 'status',
		type: 'multiOptions',
		options: [
			{ name: 'Open', value: 'OPEN' },
			{ name: 'Done', value: 'DONE' },
			{ name: 'Dismissed', value: 'DISMISSED' },
		],
		default: ['OPEN'],
		required: true,
	},
	{
		displayName: 'Types',
		name: 'types',
		type: 'multiOptions',
		options: [
			{ name: 'Flow', value: 'FLOW', description: 'Tasks created by an Engage flow step' },
			{ name: 'Manual', value: 'MANUAL', description: 'Tasks a person created' },
		],
		default: ['FLOW', 'MANUAL'],
		required: true,
	},
	returnAll,
	limit,
	filtersCollection([workspaceFilter('tasks')]),
];

export const description = updateDisplayOptions({ show: { resource: ['task'], operation: ['getAll'] } }, properties);

function chosen<T extends string>(value: unknown, fallback: T[]): T[] {
	const list = (Array.isArray(value) ? value : [value]).filter(
		(entry): entry is T => typeof entry === 'string' && entry !== '',
	);
	return list.length ? list : fallback;
}

/** Gong lists call tasks (the only task action its API offers) for one user. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const filter: TaskFilter = {
			userId: parseGongId(this, this.getNodeParameter('userId', itemIndex), itemIndex, 'User'),
			workspaceId: parseIdFilter(this, filters, 'workspaceId', itemIndex, 'Workspace'),
			types: chosen(this.getNodeParameter('types', itemIndex, []), ['FLOW', 'MANUAL']),
			taskAction: ['CALL'],
			status: chosen(this.getNodeParameter('status', itemIndex, []), ['OPEN']),
		};
		return await getTasks.call(this, { filter, limit: parseLimit(this, itemIndex), itemIndex });
	});
}
