import type { IDataObject } from 'n8n-workflow';

import type { GongFunctions } from '../index';
import { gongApiCollect } from '../index';
import { identifiedBy } from '../records';
import { compact, type GongItem } from './common';

/** Engage tasks: POST /v2/tasks [api:tasks:read]. */

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
