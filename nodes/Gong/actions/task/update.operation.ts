import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { userLocator } from '../../../shared/descriptions';
import { forEachItem } from '../../../shared/helpers/items';
import { parseChoice, parseDateTime, parseGongId } from '../../../shared/helpers/validation';
import { updateTask, type TaskUpdate } from '../../../shared/transport/endpoints';

const STATUSES = ['OPEN', 'DONE', 'DISMISSED'] as const;

const properties: INodeProperties[] = [
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1234361284629351',
		description: 'The Engage task to change, e.g. the ID from Task → Get Many',
	},
	{ ...userLocator, description: 'The Gong user who owns the task (Gong asks for it): pick one or paste the ID' },
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Due Date',
				name: 'dueDate',
				type: 'dateTime',
				default: '',
				description: 'When the task is due',
			},
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'options',
				default: 'MEDIUM',
				options: [
					{ name: 'High', value: 'HIGH' },
					{ name: 'Low', value: 'LOW' },
					{ name: 'Medium', value: 'MEDIUM' },
				],
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'DONE',
				options: [
					{ name: 'Dismissed', value: 'DISMISSED' },
					{ name: 'Done', value: 'DONE' },
					{ name: 'Open', value: 'OPEN' },
				],
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['task'], operation: ['update'] } }, properties);

function taskUpdate(ctx: IExecuteFunctions, itemIndex: number): { taskId: string; update: TaskUpdate } {
	const taskId = parseGongId(ctx, ctx.getNodeParameter('taskId', itemIndex), itemIndex, 'Task ID');
	const fields = ctx.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const update: TaskUpdate = {
		userId: parseGongId(ctx, ctx.getNodeParameter('userId', itemIndex), itemIndex, 'User'),
	};
	if (fields.status !== undefined && fields.status !== '') {
		update.status = parseChoice(ctx, fields.status, itemIndex, 'Status', STATUSES);
	}
	update.dueDate = parseDateTime(ctx, fields.dueDate, itemIndex, 'Due Date');
	// Gong's priority names are the company's; an expression may give one beyond the three listed.
	const priority = typeof fields.priority === 'string' ? fields.priority.trim() : '';
	if (priority) update.priority = priority;
	if (!update.status && !update.dueDate && !update.priority) {
		throw new NodeOperationError(ctx.getNode(), 'Nothing to update', {
			itemIndex,
			description: 'Add a Status, Due Date or Priority under "Update Fields".',
		});
	}
	return { taskId, update };
}

/** One task changed per input item; the output is the task as Gong has it afterwards. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const { taskId, update } = taskUpdate(this, itemIndex);
		return [await updateTask.call(this, taskId, update, itemIndex)];
	});
}
