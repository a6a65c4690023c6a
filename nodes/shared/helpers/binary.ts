import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { UploadFile } from '../transport';

/** Gong's limit for a recording (PUT /v2/calls/{id}/media) and its note on downloadMediaUrl. */
export const MAX_MEDIA_BYTES = 1.5 * 1024 ** 3;

/** Read in 1 MB chunks: fewer, larger writes to the socket for a file of a gigabyte. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * A file of the input item as a multipart part. In n8n's filesystem (or S3) binary-data mode it
 * is streamed from storage on every attempt, never loaded whole; in the in-memory ("default")
 * mode n8n already holds it, so that buffer is sent.
 */
export async function binaryUpload(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	field: string,
	maxBytes?: number,
): Promise<UploadFile> {
	const name = propertyName.trim();
	if (!name) {
		throw new NodeOperationError(ctx.getNode(), '"Input Binary Field" is empty', {
			itemIndex,
			description: 'Give the name of the binary field that holds the file, usually "data".',
		});
	}
	const binary = ctx.helpers.assertBinaryData(itemIndex, name);
	const fileName = binary.fileName || `file${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
	const contentType = binary.mimeType || 'application/octet-stream';
	const id = binary.id;
	const size = id ? (await ctx.helpers.getBinaryMetadata(id)).fileSize : Buffer.byteLength(binary.data, 'base64');
	if (maxBytes !== undefined && size > maxBytes) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The file "${fileName}" is ${(size / 1024 ** 3).toFixed(2)} GB, more than Gong accepts (${(maxBytes / 1024 ** 3).toFixed(1)} GB)`,
			{ itemIndex, description: 'Split the file, or make it smaller, before uploading it to Gong.' },
		);
	}
	return {
		field,
		fileName,
		contentType,
		size: id ? size : undefined,
		open: id
			? async () => await ctx.helpers.getBinaryStream(id, CHUNK_BYTES)
			: async () => await ctx.helpers.getBinaryDataBuffer(itemIndex, name),
	};
}
