import type { IExecuteFunctions } from 'n8n-workflow';

import type { TranscriptFormat } from '../../../shared/helpers/transcript';

/** Reads the transcript output choice of one item. */
export function transcriptShape(
	ctx: IExecuteFunctions,
	itemIndex: number,
): { format: TranscriptFormat; timestamps: boolean } {
	const format = ctx.getNodeParameter('outputFormat', itemIndex, 'text') as TranscriptFormat;
	const options = ctx.getNodeParameter('options', itemIndex, {}) as { timestamps?: boolean };
	return { format, timestamps: format === 'text' && options.timestamps === true };
}
