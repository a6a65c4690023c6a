import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { GongExtensiveCall } from '../shared/helpers/interfaces';
import { shapeTranscript, type TranscriptFormat } from '../shared/helpers/transcript';
import { getTranscriptsByIds } from '../shared/transport/endpoints';

export type AttachTranscript = 'none' | TranscriptFormat;

export interface AttachedTranscript extends IDataObject {
	transcript: IDataObject | null;
	transcriptError?: string;
}

function errorMessage(error: unknown): string {
	if (error instanceof Error && error.message) return error.message;
	return 'The transcript could not be fetched from Gong';
}

/**
 * The call's transcript from POST /v2/calls/transcript, speakers named from the webhook's own
 * `callData.parties` (no second request). Never throws: the call was processed and the workflow
 * should still run, so a transcript that is not ready yet or a failed request becomes
 * `transcript: null` with `transcriptError` saying why.
 */
export async function fetchTranscript(
	this: IWebhookFunctions,
	callData: GongExtensiveCall,
	format: TranscriptFormat,
): Promise<AttachedTranscript> {
	const callId = String(callData.metaData.id);
	try {
		const transcripts = await getTranscriptsByIds.call(this, [callId]);
		const found = transcripts.get(callId);
		if (!found) {
			return {
				transcript: null,
				transcriptError: `Gong has no transcript for call ${callId} yet`,
			};
		}
		return {
			transcript: shapeTranscript(callId, found.transcript ?? [], callData.metaData, callData.parties, format),
		};
	} catch (error) {
		return { transcript: null, transcriptError: errorMessage(error) };
	}
}
