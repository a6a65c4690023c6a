import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { binaryUpload } from '../../../shared/helpers/binary';
import { asItemError, errorItem, forEachItem } from '../../../shared/helpers/items';
import { parseChoice, parseWholeNumber } from '../../../shared/helpers/validation';
import type { UploadFile } from '../../../shared/transport';
import {
	CRM_UPLOAD_OBJECT_TYPES,
	MAX_CRM_FILE_BYTES,
	uploadCrmEntities,
	type CrmUploadObjectType,
	type GongCrmRequestStatus,
} from '../../../shared/transport/endpoints/crm';
import {
	clientRequestIdFor,
	clientRequestIdOption,
	integrationField,
	objectTypeName,
	parseIntegrationId,
	reuseAdvice,
	waitFields,
	waitForCrmRequest,
} from './shared';

const properties: INodeProperties[] = [
	integrationField,
	{
		displayName: 'Object Type',
		name: 'objectType',
		type: 'options',
		default: 'ACCOUNT',
		description: 'What the entities are: one type per upload',
		options: CRM_UPLOAD_OBJECT_TYPES.map((value) => ({ name: objectTypeName(value), value })),
	},
	{
		displayName: 'Entities From',
		name: 'source',
		type: 'options',
		default: 'items',
		options: [
			{
				name: 'Input Items',
				value: 'items',
				description:
					"Each input item's JSON is one entity (objectId, modifiedDate and the type's fields); all input items go in one upload",
			},
			{
				name: 'LDJSON File',
				value: 'binary',
				description: 'A file of the input item with one JSON entity per line; one upload per input item',
			},
		],
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field containing the LDJSON file',
		description: 'One JSON object per line, up to 200 MB',
		displayOptions: { show: { source: ['binary'] } },
	},
	...waitFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [clientRequestIdOption],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['crm'], operation: ['uploadEntities'] } },
	properties,
);

interface Upload {
	integrationId: string;
	objectType: CrmUploadObjectType;
	clientRequestId: string;
	generated: boolean;
}

function uploadParameters(ctx: IExecuteFunctions, itemIndex: number): Upload {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		integrationId: parseIntegrationId(ctx, ctx.getNodeParameter('integrationId', itemIndex), itemIndex),
		objectType: parseChoice(
			ctx,
			ctx.getNodeParameter('objectType', itemIndex),
			itemIndex,
			'Object Type',
			CRM_UPLOAD_OBJECT_TYPES,
		),
		...clientRequestIdFor(ctx, options.clientRequestId, itemIndex),
	};
}

const processed = (count: number): string => `${count} ${count === 1 ? 'line was' : 'lines were'} processed.`;

/** Gong's result for the upload, or (lines failing, and so chosen) the error naming them. */
function outcome(
	ctx: IExecuteFunctions,
	upload: Upload,
	status: GongCrmRequestStatus,
	itemIndex: number,
	/** Items mode: line n is input item n - 1. */
	lineItems?: number,
): IDataObject {
	const errors = (status.errors ?? []).map((error) => {
		const line = Number(error.line);
		const row: IDataObject = { line, description: error.description };
		if (lineItems !== undefined && line >= 1 && line <= lineItems) row.itemIndex = line - 1;
		return row;
	});
	const failed = status.status === 'FAILED' || errors.length > 0;
	const failure = failed && ctx.getNodeParameter('onLineFailure', itemIndex, 'error') !== 'output';
	if (failure) {
		const count = Math.max(
			Number(status.totalErrorCount) || 0,
			errors.filter((error) => Number(error.line) > 0).length,
		);
		const named = errors
			.slice(0, 5)
			.map((error) =>
				Number(error.line) > 0
					? `line ${String(error.line)}${error.itemIndex !== undefined ? ` (item ${String(error.itemIndex)})` : ''}: ${String(error.description)}`
					: String(error.description),
			)
			.join('; ');
		const what = `the ${objectTypeName(upload.objectType)} upload`;
		throw new NodeOperationError(
			ctx.getNode(),
			count
				? `Gong could not process ${count} ${count === 1 ? 'line' : 'lines'} of ${what}: ${named || 'no details given'}`
				: `Gong could not process ${what}: ${named || 'no details given'}`,
			{
				itemIndex,
				description: `${processed(Number(status.totalSuccessCount) || 0)} Gong lists up to 20 failed lines. Fix them and upload them again (a new upload needs a new Client Request ID, or leave it empty to have one made), or set "When Lines Fail" to "Output Them". Client Request ID: ${upload.clientRequestId}.`,
			},
		);
	}
	return {
		status: status.status,
		totalSuccessCount: status.totalSuccessCount ?? 0,
		totalErrorCount: status.totalErrorCount ?? 0,
		errors,
	};
}

async function send(
	ctx: IExecuteFunctions,
	upload: Upload,
	file: UploadFile,
	itemIndex: number,
	lineItems?: number,
): Promise<IDataObject> {
	const accepted = await uploadCrmEntities.call(
		ctx,
		{ ...upload, file, reuseAdvice: reuseAdvice(upload.generated) },
		itemIndex,
	);
	const result: IDataObject = {
		integrationId: upload.integrationId,
		objectType: upload.objectType,
		clientRequestId: upload.clientRequestId,
		...(lineItems !== undefined ? { lines: lineItems } : { fileName: file.fileName }),
		requestId: accepted.requestId,
	};
	if (!ctx.getNodeParameter('waitForProcessing', itemIndex, true)) return result;
	const maxWait = parseWholeNumber(
		ctx,
		ctx.getNodeParameter('maxWaitSeconds', itemIndex, 300),
		itemIndex,
		'Maximum Wait (Seconds)',
		{ min: 5, max: 86_400 },
	);
	const status = await waitForCrmRequest(
		ctx,
		{
			integrationId: upload.integrationId,
			clientRequestId: upload.clientRequestId,
			what: `the ${objectTypeName(upload.objectType)} upload`,
		},
		maxWait * 1000,
		itemIndex,
	);
	return { ...result, ...outcome(ctx, upload, status, itemIndex, lineItems) };
}

/** All input items' JSON as one LDJSON file, line n being item n - 1: one upload for the whole input. */
async function uploadItems(ctx: IExecuteFunctions, items: INodeExecutionData[]): Promise<IDataObject> {
	const upload = uploadParameters(ctx, 0);
	// One upload takes one integration and object type: an expression must not make them differ.
	for (let itemIndex = 1; itemIndex < items.length; itemIndex++) {
		const integrationId = parseIntegrationId(ctx, ctx.getNodeParameter('integrationId', itemIndex), itemIndex);
		const objectType = ctx.getNodeParameter('objectType', itemIndex);
		if (integrationId !== upload.integrationId || objectType !== upload.objectType) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Item ${itemIndex} has another ${integrationId !== upload.integrationId ? 'integration' : 'object type'} than item 0`,
				{
					itemIndex,
					description:
						'From input items, all items go to Gong in one upload, for one integration and one object type. Split the items first (e.g. with a Switch node), one Gong node per object type.',
				},
			);
		}
	}
	const data = Buffer.from(items.map((item) => `${JSON.stringify(item.json)}\n`).join(''), 'utf8');
	if (data.length > MAX_CRM_FILE_BYTES) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The ${items.length} items make ${(data.length / 1024 ** 2).toFixed(0)} MB of entities, more than Gong takes in one upload (200 MB)`,
			{ itemIndex: 0, description: 'Upload them in batches, e.g. with a Loop Over Items node.' },
		);
	}
	const file: UploadFile = {
		field: 'dataFile',
		fileName: `${upload.objectType.toLowerCase()}.ldjson`,
		contentType: 'application/x-ndjson',
		size: data.length,
		open: async () => data,
	};
	return await send(ctx, upload, file, 0, items.length);
}

/**
 * Uploads CRM entities to Gong (POST /v2/crm/entities) and, by default, waits for Gong to process
 * them. From input items: one upload of every item's JSON, output as one item paired with all of
 * them. From a file: one upload per input item.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	if (this.getNodeParameter('source', 0) === 'items') {
		const pairedItem = items.map((_, item) => ({ item }));
		try {
			return [{ json: await uploadItems(this, items), pairedItem }];
		} catch (error) {
			if (!this.continueOnFail()) throw asItemError(this, error, 0);
			return [{ ...errorItem(error, 0), pairedItem }];
		}
	}
	return await forEachItem(this, items, async (itemIndex) => {
		const upload = uploadParameters(this, itemIndex);
		const name = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
		const file = await binaryUpload(this, itemIndex, name, 'dataFile', MAX_CRM_FILE_BYTES);
		return [await send(this, upload, file, itemIndex)];
	});
}
