import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../../shared/helpers/items';
import { shapeTranscript } from '../../../shared/helpers/transcript';
import { parseIdFilter, parseIdList, parseLimit, parseWindow } from '../../../shared/helpers/validation';
import { getTranscriptsWithCalls } from '../../../shared/transport/endpoints';
import {
	afterFilter,
	beforeFilter,
	callIdsFilter,
	limit,
	returnAll,
	transcriptFormat,
	transcriptOptions,
	workspaceLocator,
	filtersCollection,
} from '../../../shared/descriptions';
import { transcriptShape } from './shared';

const properties: INodeProperties[] = [
	returnAll,
	limit,
	filtersCollection([afterFilter, beforeFilter, callIdsFilter, workspaceLocator]),
	transcriptFormat,
	transcriptOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['transcript'], operation: ['getAll'] } },
	properties,
);

/** Transcripts of many calls: two requests per 100 calls (transcripts, then their participants). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const max = parseLimit(this, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const window = parseWindow(this, filters.fromDateTime, filters.toDateTime, itemIndex, ['After', 'Before']);
		const workspaceId = parseIdFilter(this, filters, 'workspaceId', itemIndex, 'Workspace');
		const callIds =
			filters.callIds !== undefined
				? parseIdList(this, filters.callIds, itemIndex, 'Call IDs', { required: true, kind: 'call' })
				: undefined;
		if (callIds && workspaceId) {
			throw new NodeOperationError(this.getNode(), 'Use either "Call IDs" or "Workspace", not both', {
				itemIndex,
				description:
					"Gong's transcript endpoint rejects a call ID list combined with a workspace. Remove one of the two filters.",
			});
		}
		const { format, ...shape } = transcriptShape(this, itemIndex);
		const output: IDataObject[] = [];
		const pages = getTranscriptsWithCalls.call(this, {
			filter: { fromDateTime: window.from, toDateTime: window.to, workspaceId, callIds },
			limit: max,
			itemIndex,
		});
		for await (const page of pages) {
			for (const { transcript, call } of page) {
				output.push(
					shapeTranscript(
						String(transcript.callId),
						transcript.transcript,
						call?.metaData,
						call?.parties,
						format,
						shape,
					),
				);
			}
		}
		return output;
	});
}
