import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getDayByDayActivity } from '../../../shared/transport/endpoints';
import { perUserStats, runPerUserStats } from './shared';

export const description = updateDisplayOptions(
	{ show: { resource: ['stats'], operation: ['getDayByDay'] } },
	perUserStats,
);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerUserStats(this, items, async (args) => await getDayByDayActivity.call(this, args));
}
