import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { isRecord } from '../../../shared/helpers/guards';
import { forEachItem } from '../../../shared/helpers/items';
import { invalid, parseChoice, parseDateTime } from '../../../shared/helpers/validation';
import {
	CRM_OBJECT_TYPES,
	uploadCrmSchema,
	type CrmFieldType,
	type CrmSchemaField,
} from '../../../shared/transport/endpoints/crm';
import { integrationField, objectTypeField, parseIntegrationId } from './shared';

const FIELD_TYPES: readonly CrmFieldType[] = [
	'BOOLEAN',
	'CURRENCY',
	'DATE',
	'DATETIME',
	'EMAILADDRESS',
	'ID',
	'NUMBER',
	'PERCENT',
	'PHONENUMBER',
	'PICKLIST',
	'REFERENCE',
	'STRING',
	'STRINGARRAY',
	'URL',
];
const FIELD_TYPE_NAMES: Record<CrmFieldType, string> = {
	BOOLEAN: 'Boolean',
	CURRENCY: 'Currency',
	DATE: 'Date',
	DATETIME: 'Date and Time',
	EMAILADDRESS: 'Email Address',
	ID: 'ID',
	NUMBER: 'Number',
	PERCENT: 'Percent',
	PHONENUMBER: 'Phone Number',
	PICKLIST: 'Picklist',
	REFERENCE: 'Reference',
	STRING: 'String',
	STRINGARRAY: 'String Array',
	URL: 'URL',
};
const REFERENCE_TARGETS = ['ACCOUNT', 'CONTACT', 'DEAL', 'LEAD', 'USER'] as const;

const properties: INodeProperties[] = [
	integrationField,
	objectTypeField,
	{
		displayName: 'Define Fields',
		name: 'fieldsSource',
		type: 'options',
		default: 'fields',
		options: [
			{ name: 'Field by Field', value: 'fields', description: 'Fill in each field below' },
			{
				name: 'As JSON',
				value: 'json',
				description: 'An array of fields (uniqueName, label, type...), e.g. from an expression',
			},
		],
	},
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'fixedCollection',
		placeholder: 'Add Field',
		typeOptions: { multipleValues: true },
		default: {},
		displayOptions: { show: { fieldsSource: ['fields'] } },
		description:
			"Every field the object type should have, also those sent before: Gong refuses a schema that leaves one out. To remove a field (and its data), send it with Is Deleted. Changing a field's type deletes its data.",
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Is Deleted',
						name: 'isDeleted',
						type: 'boolean',
						default: false,
						description: 'Whether to remove this field from the schema, and its values from every object',
					},
					{
						displayName: 'Label',
						name: 'label',
						type: 'string',
						default: '',
						placeholder: 'e.g. Account Tier',
						description: 'The name Gong shows',
					},
					{
						displayName: 'Last Modified',
						name: 'lastModified',
						type: 'dateTime',
						default: '',
						description: 'When the field was last changed in the CRM',
					},
					{
						displayName: 'Picklist Values',
						name: 'orderedValueList',
						type: 'string',
						typeOptions: { rows: 3 },
						default: '',
						placeholder: 'e.g. Gold, Silver, Bronze',
						description:
							'For a Picklist field: its values in order, one per line or separated by commas (one per line when a value has a comma)',
					},
					{
						displayName: 'Reference To',
						name: 'referenceTo',
						type: 'options',
						default: 'ACCOUNT',
						description: 'For a Reference field: the object type its value is the ID of',
						options: REFERENCE_TARGETS.map((value) => ({
							name: value.charAt(0) + value.slice(1).toLowerCase(),
							value,
						})),
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						default: 'STRING',
						options: FIELD_TYPES.map((value) => ({ name: FIELD_TYPE_NAMES[value], value })),
					},
					{
						displayName: 'Unique Name',
						name: 'uniqueName',
						type: 'string',
						default: '',
						placeholder: 'e.g. accountTier',
						description: 'The name of the field in the CRM: the key its values have in uploaded entities',
					},
				],
			},
		],
	},
	{
		displayName: 'Fields (JSON)',
		name: 'fieldsJson',
		type: 'json',
		default: '[]',
		displayOptions: { show: { fieldsSource: ['json'] } },
		placeholder:
			'[{"uniqueName": "tier", "label": "Tier", "type": "PICKLIST", "orderedValueList": ["Gold", "Silver"]}]',
		description:
			'Every field the object type should have (Gong refuses a schema that leaves one out): uniqueName, label and type, plus referenceTo for REFERENCE and orderedValueList for PICKLIST fields, and optionally isDeleted and lastModified',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['crm'], operation: ['uploadSchema'] } },
	properties,
);

/** Picklist values typed one per line, or separated by commas, or an array from an expression. */
function valueList(raw: unknown): string[] {
	const parts = Array.isArray(raw)
		? raw.map(String)
		: String(raw ?? '').split(String(raw).includes('\n') ? /\r?\n/ : ',');
	return parts.map((value) => value.trim()).filter(Boolean);
}

/** Checks one field the way Gong will, so a bad field names its row instead of failing the request. */
function checkField(ctx: IExecuteFunctions, field: IDataObject, row: number, itemIndex: number): CrmSchemaField {
	const uniqueName = typeof field.uniqueName === 'string' ? field.uniqueName.trim() : '';
	const at = uniqueName ? `Field "${uniqueName}"` : `Field ${row}`;
	if (!uniqueName) throw invalid(ctx, itemIndex, `${at} has no Unique Name`, 'Give each field its name in the CRM.');
	const label = typeof field.label === 'string' ? field.label.trim() : '';
	if (!label) throw invalid(ctx, itemIndex, `${at} has no Label`, 'Give each field the name Gong should show.');
	const type = parseChoice(ctx, field.type, itemIndex, `${at} Type`, FIELD_TYPES);
	const out: CrmSchemaField = { ...(field as Partial<CrmSchemaField>), uniqueName, label, type };
	if (type === 'REFERENCE') {
		out.referenceTo = parseChoice(ctx, field.referenceTo, itemIndex, `${at} Reference To`, REFERENCE_TARGETS);
	} else delete out.referenceTo;
	if (type === 'PICKLIST') {
		out.orderedValueList = valueList(field.orderedValueList);
		if (!out.orderedValueList.length) {
			throw invalid(ctx, itemIndex, `${at} is a Picklist without values`, 'List its values in Picklist Values.');
		}
	} else delete out.orderedValueList;
	if (field.isDeleted === true) out.isDeleted = true;
	else delete out.isDeleted;
	const lastModified = parseDateTime(ctx, field.lastModified, itemIndex, `${at} Last Modified`);
	// Gong takes ISO-8601 without milliseconds.
	if (lastModified) out.lastModified = lastModified.replace(/\.\d+(?=Z$)/, '');
	else delete out.lastModified;
	return out;
}

function fieldsOf(ctx: IExecuteFunctions, itemIndex: number): CrmSchemaField[] {
	let rows: unknown;
	if (ctx.getNodeParameter('fieldsSource', itemIndex) === 'json') {
		rows = ctx.getNodeParameter('fieldsJson', itemIndex, '[]');
		if (typeof rows === 'string') {
			try {
				rows = JSON.parse(rows) as unknown;
			} catch {
				throw invalid(
					ctx,
					itemIndex,
					'"Fields (JSON)" is not valid JSON',
					'Check the brackets, quotes and commas, or build the array with an expression.',
				);
			}
		}
		// One field on its own is a list of one.
		if (isRecord(rows)) rows = [rows];
		if (!Array.isArray(rows) || rows.some((row) => !isRecord(row))) {
			throw invalid(
				ctx,
				itemIndex,
				'"Fields (JSON)" must be an array of field objects',
				'Give an array such as [{"uniqueName": "tier", "label": "Tier", "type": "STRING"}].',
			);
		}
	} else {
		rows = ctx.getNodeParameter('fields.field', itemIndex, []);
	}
	const fields = (rows as IDataObject[]).map((row, index) => checkField(ctx, row, index + 1, itemIndex));
	if (!fields.length) {
		throw invalid(ctx, itemIndex, 'No fields to upload', 'Add the fields the object type should have in Gong.');
	}
	const names = new Set<string>();
	for (const field of fields) {
		if (names.has(field.uniqueName)) {
			throw invalid(ctx, itemIndex, `Field "${field.uniqueName}" is listed twice`, 'List each field once.');
		}
		names.add(field.uniqueName);
	}
	return fields;
}

/** Sets the object type's schema: every field it should have, in one request per item. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const integrationId = parseIntegrationId(this, this.getNodeParameter('integrationId', itemIndex), itemIndex);
		const objectType = parseChoice(
			this,
			this.getNodeParameter('objectType', itemIndex),
			itemIndex,
			'Object Type',
			CRM_OBJECT_TYPES,
		);
		const fields = fieldsOf(this, itemIndex);
		const { requestId } = await uploadCrmSchema.call(this, { integrationId, objectType, fields }, itemIndex);
		return [
			{
				integrationId,
				objectType,
				fields: fields.map((field) => field.uniqueName),
				deletedFields: fields.filter((field) => field.isDeleted).map((field) => field.uniqueName),
				requestId,
			},
		];
	});
}
