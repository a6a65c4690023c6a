import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { GongCallTranscript, GongExtensiveCall } from '../../../shared/helpers/interfaces';
import { batchById } from '../../../shared/helpers/items';
import { shapeTranscript } from '../../../shared/helpers/transcript';
import { parseCallId } from '../../../shared/helpers/validation';
import { getExtensiveCallsByIds, getTranscriptsByIds } from '../../../shared/transport/endpoints';
import { callLocator, transcriptFormat, transcriptOptions } from '../../../shared/descriptions';
import { transcriptShape } from './shared';

const properties: INodeProperties[] = [callLocator, transcriptFormat, transcriptOptions];

export const description = updateDisplayOptions({ show: { resource: ['transcript'], operation: ['get'] } }, properties);

interface Fetched {
	transcripts: Map<string, GongCallTranscript>;
	calls: Map<string, GongExtensiveCall>;
}

/**
 * The transcript of one call per input item. All items' calls are fetched together: one transcript
 * request and one participants request per 100 calls, not two per item.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await batchById<string, Fetched>(
		this,
		items,
		(itemIndex) => parseCallId(this, this.getNodeParameter('callId', itemIndex), itemIndex),
		async (callIds) => {
			const ids = [...new Set(callIds)];
			const transcripts = await getTranscriptsByIds.call(this, ids);
			const calls = await getExtensiveCallsByIds.call(this, ids, ['parties']);
			return { transcripts, calls };
		},
		(callId, { transcripts, calls }, itemIndex) => {
			const transcript = transcripts.get(callId);
			const call = calls.get(callId);
			if (!transcript) {
				throw new NodeOperationError(
					this.getNode(),
					call ? `Call ${callId} has no transcript yet` : `Call ${callId} was not found in Gong`,
					{
						itemIndex,
						description: call
							? 'Gong transcribes a call some minutes after it ends. Try again later, or start the workflow with the Gong Trigger\'s "Transcript Ready" event.'
							: 'Check the call ID. Private calls, and calls outside the workspaces this credential can see, are not returned.',
					},
				);
			}
			const { format, ...shape } = transcriptShape(this, itemIndex);
			return [shapeTranscript(callId, transcript.transcript, call?.metaData, call?.parties, format, shape)];
		},
	);
}
