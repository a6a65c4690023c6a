import type { IExecuteFunctions } from 'n8n-workflow';

import { runsAsTool } from '../../../shared/helpers/tool';
import type { TranscriptFormat } from '../../../shared/helpers/transcript';

/** An agent's context window: a transcript as a tool's answer is cut here unless the author says otherwise. */
export const TOOL_MAX_CHARACTERS = 20_000;

/** Reads the transcript output choice of one item. */
export function transcriptShape(
	ctx: IExecuteFunctions,
	itemIndex: number,
): { format: TranscriptFormat; timestamps: boolean; maxCharacters?: number } {
	const format = ctx.getNodeParameter('outputFormat', itemIndex, 'text') as TranscriptFormat;
	const options = ctx.getNodeParameter('options', itemIndex, {}) as { timestamps?: boolean; maxCharacters?: number };
	const max = options.maxCharacters ?? (runsAsTool(ctx) ? TOOL_MAX_CHARACTERS : 0);
	return {
		format,
		timestamps: format === 'text' && options.timestamps === true,
		maxCharacters: format === 'text' && max > 0 ? Math.floor(max) : undefined,
	};
}
