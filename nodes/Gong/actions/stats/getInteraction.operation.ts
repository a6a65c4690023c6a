import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getInteractionStats } from '../../../shared/transport/endpoints';
import { perUserStats, runPerUserStats } from './shared';

export const description = updateDisplayOptions(
	{ show: { resource: ['stats'], operation: ['getInteraction'] } },
	perUserStats,
);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerUserStats(this, items, async (args) => await getInteractionStats.call(this, args));
}
