import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseDateTime, parseEmail, parseGongId } from '../../../shared/helpers/validation';
import type { MeetingInvitee, MeetingRequest } from '../../../shared/transport/endpoints';

export const organizerEmail: INodeProperties = {
	displayName: 'Organizer Email',
	name: 'organizerEmail',
	type: 'string',
	placeholder: 'e.g. jane@acme.com',
	required: true,
	default: '',
	description: "The Gong user whose meeting it is: Gong uses this user's consent page and conferencing settings",
};

export const meetingId: INodeProperties = {
	displayName: 'Meeting ID',
	name: 'meetingId',
	type: 'string',
	placeholder: 'e.g. 7782342274025937895',
	required: true,
	default: '',
	description: 'The meeting ID Gong returned when the meeting was created',
};

/** Every field of a meeting: Create sends them, Update sends them all again (Gong replaces the meeting). */
export const meetingFields: INodeProperties[] = [
	organizerEmail,
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		required: true,
		default: '',
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'dateTime',
		required: true,
		default: '',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		placeholder: 'e.g. Globex pilot kickoff',
	},
	{
		displayName: 'Invitees',
		name: 'invitees',
		type: 'fixedCollection',
		placeholder: 'Add Invitee',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'Who is invited, not counting the organizer',
		options: [
			{
				displayName: 'Invitee',
				name: 'invitee',
				values: [
					{
						displayName: 'Email',
						name: 'email',
						type: 'string',
						placeholder: 'name@email.com',
						required: true,
						default: '',
					},
					{ displayName: 'Display Name', name: 'displayName', type: 'string', default: '' },
					{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
					{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
				],
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
				displayName: 'Conferencing Provider',
				name: 'provider',
				type: 'string',
				default: '',
				placeholder: 'e.g. zoom',
				description: "The web conferencing provider for the meeting (default: the organizer's default provider)",
			},
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				default: '',
				description: "The meeting's ID in the system it comes from (a calendar or scheduling tool)",
			},
		],
	},
];

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

export function parseMeetingId(ctx: IExecuteFunctions, itemIndex: number): string {
	return parseGongId(ctx, ctx.getNodeParameter('meetingId', itemIndex), itemIndex, 'Meeting ID');
}

export function parseOrganizer(ctx: IExecuteFunctions, itemIndex: number): string {
	return parseEmail(ctx, ctx.getNodeParameter('organizerEmail', itemIndex), itemIndex, 'Organizer Email');
}

/** The whole meeting from the item's parameters, checked before anything is sent. */
export function parseMeeting(ctx: IExecuteFunctions, itemIndex: number): MeetingRequest {
	const organizer = parseOrganizer(ctx, itemIndex);
	const when = (name: string, field: string): string => {
		const iso = parseDateTime(ctx, ctx.getNodeParameter(name, itemIndex), itemIndex, field);
		if (!iso) {
			throw new NodeOperationError(ctx.getNode(), `"${field}" is empty`, {
				itemIndex,
				description: 'Gong needs both the start and the end of the meeting, e.g. 2026-03-02T15:00:00Z.',
			});
		}
		return iso;
	};
	const startTime = when('startTime', 'Start Time');
	const endTime = when('endTime', 'End Time');
	if (Date.parse(endTime) <= Date.parse(startTime)) {
		throw new NodeOperationError(ctx.getNode(), `"End Time" (${endTime}) is not after "Start Time" (${startTime})`, {
			itemIndex,
			description: 'A meeting ends after it starts: check the two times.',
		});
	}
	const rows = ctx.getNodeParameter('invitees.invitee', itemIndex, []) as IDataObject[];
	const invitees = rows.map((row, index) => {
		const invitee: MeetingInvitee = {
			email: parseEmail(ctx, row.email, itemIndex, `Invitee ${index + 1} Email`),
		};
		for (const key of ['displayName', 'firstName', 'lastName'] as const) {
			const value = text(row[key]);
			if (value) invitee[key] = value;
		}
		return invitee;
	});
	const meeting: MeetingRequest = { organizerEmail: organizer, startTime, endTime, invitees };
	const title = text(ctx.getNodeParameter('title', itemIndex, ''));
	if (title) meeting.title = title;
	const extra = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const externalId = text(extra.externalId);
	if (externalId) meeting.externalId = externalId;
	const provider = text(extra.provider);
	if (provider) meeting.provider = provider;
	return meeting;
}
