import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callLocator } from '../../../shared/descriptions';
import { binaryUpload, MAX_MEDIA_BYTES } from '../../../shared/helpers/binary';
import { forEachItem } from '../../../shared/helpers/items';
import { parseCallId } from '../../../shared/helpers/validation';
import { uploadCallMedia } from '../../../shared/transport/endpoints';
import { binaryPropertyField } from './shared';

const properties: INodeProperties[] = [
	{ ...callLocator, description: 'The call registered earlier with Call → Create (Recording: None Yet)' },
	binaryPropertyField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['uploadMedia'] } },
	properties,
);

/**
 * Streams each item's file to its call (PUT /v2/calls/{id}/media). A call that has its recording
 * already answers `alreadyUploaded: true` instead of a second upload.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const callId = parseCallId(this, this.getNodeParameter('callId', itemIndex), itemIndex);
		const file = await binaryUpload(
			this,
			itemIndex,
			this.getNodeParameter('binaryPropertyName', itemIndex) as string,
			'mediaFile',
			MAX_MEDIA_BYTES,
		);
		const media = await uploadCallMedia.call(this, callId, file, itemIndex);
		return [{ ...media, fileName: file.fileName, contentType: file.contentType }];
	});
}
