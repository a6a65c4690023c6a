import type { IDataObject } from 'n8n-workflow';

import type { GongFunctions } from '../index';
import { gongApiCollect, gongApiRequest } from '../index';
import { identifiedBy } from '../records';
import type { GongBody } from '../types';
import { compact, gongNotFound, type GongItem } from './common';

/** Engage tasks: POST /v2/tasks [api:tasks:read] lists them, PATCH /v2/tasks/{taskId} [api:tasks:write] changes one. */

export type GongTask = GongItem<'listTasks', 'tasks'>;

export interface TaskFilter extends IDataObject {
	userId: string;
	workspaceId?: string;
	types: Array<'FLOW' | 'MANUAL'>;
	taskAction: Array<'CALL'>;
	status: Array<'OPEN' | 'DONE' | 'DISMISSED'>;
}

/** A user's Engage tasks (Gong's spec shows no cursor; one is followed if Gong sends it). */
export async function getTasks(
	this: GongFunctions,
	args: { filter: TaskFilter; limit?: number; itemIndex?: number },
): Promise<GongTask[]> {
	return (await gongApiCollect.call(
		this,
		{
			method: 'POST',
			endpoint: '/v2/tasks',
			body: { filter: compact(args.filter) },
			itemIndex: args.itemIndex,
			empty: /^No tasks found/i,
		},
		'tasks',
		args.limit,
		identifiedBy('id'),
	)) as GongTask[];
}

export type TaskUpdate = GongBody<'updateReminder'>;

/**
 * PATCH /v2/tasks/{taskId}: sets status, due date or priority of one task (its owner in `userId`).
 * It sets a state, so sending it again is harmless. Gong answers with the task as it now is.
 */
export async function updateTask(
	this: GongFunctions,
	taskId: string,
	update: TaskUpdate,
	itemIndex?: number,
): Promise<GongTask> {
	const answer = await gongApiRequest.call(this, {
		method: 'PATCH',
		endpoint: `/v2/tasks/${encodeURIComponent(taskId)}`,
		body: compact(update as unknown as IDataObject),
		itemIndex,
		what: `Task ${taskId}`,
		expect: { list: 'tasks', record: identifiedBy('id') },
	});
	const tasks = (answer?.tasks ?? []) as GongTask[];
	const task = tasks.find((found) => String(found.id) === taskId) ?? tasks[0];
	if (!task) throw gongNotFound(this, `Task ${taskId}`, itemIndex);
	return task;
}
