import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { CallContentOption } from '../../../shared/helpers/content';
import { summarizeCall } from '../../../shared/helpers/summary';
import type { GongExtensiveCall } from '../../../shared/helpers/interfaces';
import { batchById } from '../../../shared/helpers/items';
import { parseCallId } from '../../../shared/helpers/validation';
import { getExtensiveCallsByIds } from '../../../shared/transport/endpoints';
import { callContentUnlessSummary, callLocator, callOutput } from '../../../shared/descriptions';
import { includeOf, summarized } from './shared';

const properties: INodeProperties[] = [callLocator, ...callOutput, callContentUnlessSummary];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['get'] } }, properties);

interface CallKey {
	callId: string;
	include: CallContentOption[];
}

const signature = (include: CallContentOption[]) => [...include].sort().join(',');

/** One call per input item, fetched together: one request per 100 calls asking for the same content. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await batchById<CallKey, Map<string, Map<string, GongExtensiveCall>>>(
		this,
		items,
		(itemIndex) => ({
			callId: parseCallId(this, this.getNodeParameter('callId', itemIndex), itemIndex),
			include: includeOf(this, itemIndex),
		}),
		async (keys) => {
			const groups = new Map<string, CallKey[]>();
			for (const key of keys) groups.set(signature(key.include), [...(groups.get(signature(key.include)) ?? []), key]);
			const bySignature = new Map<string, Map<string, GongExtensiveCall>>();
			for (const [sig, group] of groups) {
				const ids = [...new Set(group.map((key) => key.callId))];
				bySignature.set(sig, await getExtensiveCallsByIds.call(this, ids, group[0].include));
			}
			return bySignature;
		},
		(key, bySignature, itemIndex) => {
			const call = bySignature.get(signature(key.include))?.get(key.callId);
			if (!call) {
				throw new NodeOperationError(this.getNode(), `Call ${key.callId} was not found in Gong`, {
					itemIndex,
					description:
						'Check the call ID. Private calls, and calls outside the workspaces this credential can see, are not returned.',
				});
			}
			return [summarized(this, itemIndex) ? summarizeCall(call) : call];
		},
	);
}
