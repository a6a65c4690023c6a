import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../../shared/helpers/items';
import {
	invalid,
	parseChoice,
	parseDateTime,
	parseEmail,
	parseRequiredText,
	textOf,
} from '../../../shared/helpers/validation';
import {
	addDigitalInteraction,
	type DigitalInteraction,
	type DigitalInteractionField,
	type DigitalInteractionPerson,
} from '../../../shared/transport/endpoints';

const DEVICES = ['MOBILE', 'PC'] as const;
const DATA_TYPES = ['STRING', 'NUMBER', 'DATE', 'URL', 'BOOLEAN', 'DURATION'] as const;

const properties: INodeProperties[] = [
	{
		displayName: 'Event ID',
		name: 'eventId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. evt-2026-03-02-88213',
		description:
			'The event\'s unique ID in the system it comes from. Gong keeps one event per ID and answers a repeat with "already reported", which makes running this again safe: always map the same source ID.',
	},
	{
		displayName: 'Timestamp',
		name: 'timestamp',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When the event happened',
	},
	{
		displayName: 'Event Type',
		name: 'eventType',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. page viewed',
		description: 'What the person did, in your words (link clicked, page viewed, form submitted...)',
	},
	{
		displayName: 'Content Title',
		name: 'contentTitle',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Pricing page',
		description: 'The title of the content the person looked at or acted on',
	},
	{
		displayName: 'Person',
		name: 'person',
		type: 'collection',
		placeholder: 'Add Person Field',
		default: {},
		description:
			'Who did it, for Gong to match to a CRM contact or lead and account. Give this or a Tracking ID (in Additional Fields), not both.',
		options: [
			{
				displayName: 'Company Domain',
				name: 'companyDomain',
				type: 'string',
				default: '',
				placeholder: 'e.g. globex.com',
				description: "The domain of the person's company, for Gong to match the account",
			},
			{ displayName: 'Company Name', name: 'companyName', type: 'string', default: '' },
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{
				displayName: 'Person ID',
				name: 'personId',
				type: 'string',
				default: '',
				description:
					"The person's ID in the source system. Required for an anonymous person (no name, email or phone number).",
			},
			{
				displayName: 'Phone Number',
				name: 'phoneNumber',
				type: 'string',
				default: '',
				placeholder: 'e.g. +1 415 555 0100',
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Content Additional Info URL',
				name: 'contentAdditionalInfoUrl',
				type: 'string',
				default: '',
				description: 'A page with more about the content or the activity, such as an analysis of what was viewed',
			},
			{
				displayName: 'Content ID',
				name: 'contentId',
				type: 'string',
				default: '',
				description: "The content's ID in the source system",
			},
			{
				displayName: 'Content Labels',
				name: 'contentLabels',
				type: 'string',
				default: '',
				placeholder: 'e.g. pricing, enterprise',
				description: 'Tags of the content, separated by commas',
			},
			{
				displayName: 'Content URL',
				name: 'contentUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://www.acme.com/pricing',
			},
			{
				displayName: 'Custom Fields',
				name: 'customFields',
				type: 'fixedCollection',
				placeholder: 'Add Custom Field',
				typeOptions: { multipleValues: true },
				default: {},
				description: 'More data about the event',
				options: [
					{
						displayName: 'Field',
						name: 'field',
						values: [
							{ displayName: 'Name', name: 'name', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
							{
								displayName: 'Data Type',
								name: 'dataType',
								type: 'options',
								default: 'STRING',
								options: [
									{ name: 'Boolean', value: 'BOOLEAN' },
									{ name: 'Date', value: 'DATE', description: 'ISO 8601' },
									{ name: 'Duration', value: 'DURATION', description: 'In seconds' },
									{ name: 'Number', value: 'NUMBER' },
									{ name: 'String', value: 'STRING' },
									{ name: 'URL', value: 'URL' },
								],
							},
						],
					},
				],
			},
			{
				displayName: 'Device',
				name: 'device',
				type: 'options',
				default: 'PC',
				options: [
					{ name: 'Mobile', value: 'MOBILE' },
					{ name: 'PC', value: 'PC' },
				],
			},
			{
				displayName: 'Session ID',
				name: 'sessionId',
				type: 'string',
				default: '',
				description: 'Ties together events of the same visit or session',
			},
			{
				displayName: 'Source System Name',
				name: 'sourceSystemName',
				type: 'string',
				default: '',
				placeholder: 'e.g. n8n',
				description: 'The system that reports the event (through an integration platform: the technology partner)',
			},
			{
				displayName: 'Tracking ID',
				name: 'trackingId',
				type: 'string',
				default: '',
				description: 'The ID that tracks the person, instead of the Person fields (not both)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['digitalInteraction'], operation: ['create'] } },
	properties,
);

function parsePerson(ctx: IExecuteFunctions, itemIndex: number): DigitalInteractionPerson | undefined {
	const raw = ctx.getNodeParameter('person', itemIndex, {}) as IDataObject;
	const person: DigitalInteractionPerson = {};
	for (const key of ['name', 'phoneNumber', 'personId'] as const) {
		const value = textOf(raw[key]);
		if (value) person[key] = value;
	}
	if (textOf(raw.email)) person.email = parseEmail(ctx, textOf(raw.email), itemIndex, 'Person Email');
	const company = { name: textOf(raw.companyName), domain: textOf(raw.companyDomain) };
	if (company.name || company.domain) {
		person.company = {};
		if (company.name) person.company.name = company.name;
		if (company.domain) person.company.domain = company.domain;
	}
	if (!Object.keys(person).length) return undefined;
	// Gong needs something to tell an anonymous person by.
	if (!person.name && !person.email && !person.phoneNumber && !person.personId) {
		throw invalid(
			ctx,
			itemIndex,
			'The person has no name, email, phone number or Person ID',
			'Gong needs a Person ID for an anonymous person: add one, or a name, an email or a phone number.',
		);
	}
	return person;
}

function parseCustomFields(ctx: IExecuteFunctions, rows: IDataObject[], itemIndex: number): DigitalInteractionField[] {
	return rows.map((row, index) => {
		const name = textOf(row.name);
		if (!name) {
			throw invalid(
				ctx,
				itemIndex,
				`Custom field ${index + 1} has no name`,
				'Give each custom field a name, or remove it.',
			);
		}
		const dataType = parseChoice(
			ctx,
			row.dataType ?? 'STRING',
			itemIndex,
			`Custom Field ${index + 1} Data Type`,
			DATA_TYPES,
		);
		return { name, value: typeof row.value === 'string' ? row.value : String(row.value ?? ''), dataType };
	});
}

/** The request body from the item's parameters, checked before anything is sent. */
function newEvent(ctx: IExecuteFunctions, itemIndex: number): DigitalInteraction {
	const required = (name: string, field: string, hint: string) =>
		parseRequiredText(ctx, ctx.getNodeParameter(name, itemIndex), itemIndex, field, hint);
	const eventId = required(
		'eventId',
		'Event ID',
		"Map the event's ID from the source system: Gong uses it to refuse repeats.",
	);
	const timestamp = parseDateTime(ctx, ctx.getNodeParameter('timestamp', itemIndex), itemIndex, 'Timestamp');
	if (!timestamp) {
		throw invalid(ctx, itemIndex, '"Timestamp" is empty', 'Give when the event happened, e.g. 2026-03-02T15:04:00Z.');
	}
	const event: DigitalInteraction = {
		eventId,
		timestamp,
		eventType: required('eventType', 'Event Type', 'Say what the person did, such as "page viewed".'),
		content: {
			contentTitle: required('contentTitle', 'Content Title', 'Give the title of the content, such as the page title.'),
		},
	};
	const extra = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	for (const key of ['contentId', 'contentUrl', 'contentAdditionalInfoUrl'] as const) {
		const value = textOf(extra[key]);
		if (value) event.content[key] = value;
	}
	const labels = (
		Array.isArray(extra.contentLabels) ? extra.contentLabels.map(String) : textOf(extra.contentLabels).split(',')
	)
		.map((label) => label.trim())
		.filter(Boolean);
	if (labels.length) event.content.contentLabel = labels;

	const person = parsePerson(ctx, itemIndex);
	const trackingId = textOf(extra.trackingId);
	if (person && trackingId) {
		throw invalid(
			ctx,
			itemIndex,
			'Both the person and a Tracking ID are given',
			'Gong takes one or the other: remove the Person fields or the Tracking ID.',
		);
	}
	if (!person && !trackingId) {
		throw invalid(
			ctx,
			itemIndex,
			'No person and no Tracking ID',
			'Say who did it: add Person fields (name, email, phone number or Person ID) or a Tracking ID in Additional Fields.',
		);
	}
	if (person) event.person = person;
	else event.trackingId = trackingId;

	for (const key of ['sourceSystemName', 'sessionId'] as const) {
		const value = textOf(extra[key]);
		if (value) event[key] = value;
	}
	if (extra.device !== undefined && extra.device !== '') {
		event.device = parseChoice(ctx, extra.device, itemIndex, 'Device', DEVICES);
	}
	const fields = ((extra.customFields as IDataObject | undefined)?.field ?? []) as IDataObject[];
	if (fields.length) event.customFields = parseCustomFields(ctx, fields, itemIndex);
	return event;
}

/**
 * One event per input item. The Event ID is Gong's key against repeats, so a lost answer is sent
 * again and a repeated run is reported as `alreadyReported: true`, never stored twice.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const event = newEvent(this, itemIndex);
		return [await addDigitalInteraction.call(this, event, itemIndex)];
	});
}
