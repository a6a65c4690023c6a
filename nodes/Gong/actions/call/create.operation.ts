import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { userLocator, workspaceLocator } from '../../../shared/descriptions';
import { binaryUpload, MAX_MEDIA_BYTES } from '../../../shared/helpers/binary';
import { forEachItem } from '../../../shared/helpers/items';
import {
	parseChoice,
	parseDateTime,
	parseGongId,
	parseJsonField,
	parseOptionalId,
	parseRequiredText,
} from '../../../shared/helpers/validation';
import { createCall, uploadCallMedia, type NewCall } from '../../../shared/transport/endpoints';
import { binaryPropertyField } from './shared';

const DIRECTIONS = ['Inbound', 'Outbound', 'Conference', 'Unknown'] as const;
const CONTEXT_SYSTEMS = ['Salesforce', 'HubSpot', 'MicrosoftDynamic', 'Generic'] as const;
const CONTEXT_OBJECTS = ['Account', 'Contact', 'Lead', 'Opportunity', 'User'] as const;

const properties: INodeProperties[] = [
	{
		displayName: 'Call ID in Source System',
		name: 'clientUniqueId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. dialer-call-88213',
		description:
			"The call's unique ID in the system it comes from (dialer, recorder, video tool). Gong refuses a second call with the same ID, which makes running this again safe: always map the same source ID.",
	},
	{
		displayName: 'Start Time',
		name: 'actualStart',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When the call actually started',
	},
	{
		displayName: 'Direction',
		name: 'direction',
		type: 'options',
		default: 'Outbound',
		options: [
			{ name: 'Conference', value: 'Conference' },
			{ name: 'Inbound', value: 'Inbound', description: 'Someone called the company' },
			{ name: 'Outbound', value: 'Outbound', description: 'A rep called someone outside the company' },
			{ name: 'Unknown', value: 'Unknown' },
		],
	},
	{
		...userLocator,
		displayName: 'Host',
		name: 'primaryUser',
		description:
			'The Gong user who hosted the call (primary user). Gong records the call for this user; a participant entry for them is added when missing.',
	},
	{
		displayName: 'Participants',
		name: 'parties',
		type: 'fixedCollection',
		placeholder: 'Add Participant',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'Everyone on the call besides the host (the host may be listed too)',
		options: [
			{
				displayName: 'Participant',
				name: 'party',
				values: [
					{
						displayName: 'Email',
						name: 'emailAddress',
						type: 'string',
						placeholder: 'name@email.com',
						default: '',
					},
					{
						displayName: 'Gong User ID',
						name: 'userId',
						type: 'string',
						default: '',
						description: 'When the participant is a Gong user',
					},
					{
						displayName: 'Media Channel',
						name: 'mediaChannelId',
						type: 'options',
						default: -1,
						description: "For a stereo recording: the channel of this company team member's voice",
						options: [
							{ name: 'Not Stereo', value: -1 },
							{ name: 'Left (0)', value: 0 },
							{ name: 'Right (1)', value: 1 },
						],
					},
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{
						displayName: 'Party ID',
						name: 'partyId',
						type: 'string',
						default: '',
						description: 'Only with a Speakers Timeline: the ID its speech segments use for this participant',
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
		],
	},
	{
		displayName: 'Recording',
		name: 'recordingSource',
		type: 'options',
		default: 'binary',
		options: [
			{
				name: 'From a Binary Field',
				value: 'binary',
				description: 'The recording is a file of the input item (e.g. from Read/Write Files from Disk or HTTP Request)',
			},
			{
				name: 'From a URL',
				value: 'url',
				description: 'Gong downloads the recording from a URL',
			},
			{
				name: 'None Yet',
				value: 'none',
				description: 'Only register the call; upload the recording later with Call → Upload Media',
			},
		],
	},
	{ ...binaryPropertyField, displayOptions: { show: { recordingSource: ['binary'] } } },
	{
		displayName: 'Download Media URL',
		name: 'downloadMediaUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://recordings.example.com/88213.mp3',
		description:
			'Where Gong downloads the recording (WAV, MP3, MP4, MKV or FLAC, up to 1.5 GB). Every call needs its own URL.',
		displayOptions: { show: { recordingSource: ['url'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Call Provider Code',
				name: 'callProviderCode',
				type: 'string',
				default: '',
				placeholder: 'e.g. zoom',
				description: 'The conferencing or telephony system, as Gong names it (zoom, ringcentral, outreach...)',
			},
			{
				displayName: 'CRM Context',
				name: 'context',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				description: 'CRM records the call belongs to',
				options: [
					{
						displayName: 'Record',
						name: 'record',
						values: [
							{
								displayName: 'System',
								name: 'system',
								type: 'options',
								default: 'Salesforce',
								options: CONTEXT_SYSTEMS.map((value) => ({ name: value, value })),
							},
							{
								displayName: 'Object Type',
								name: 'objectType',
								type: 'options',
								default: 'Opportunity',
								options: CONTEXT_OBJECTS.map((value) => ({ name: value, value })),
							},
							{ displayName: 'Object ID', name: 'objectId', type: 'string', default: '' },
						],
					},
				],
			},
			{
				displayName: 'Custom Data',
				name: 'customData',
				type: 'string',
				default: '',
				description: 'Text Gong keeps with the call, e.g. for troubleshooting',
			},
			{
				displayName: 'Disposition',
				name: 'disposition',
				type: 'string',
				default: '',
				placeholder: 'e.g. No Answer',
			},
			{
				displayName: 'Duration (Seconds)',
				name: 'duration',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
			},
			{
				displayName: 'Engage Task ID',
				name: 'flowTaskId',
				type: 'string',
				default: '',
				description: 'The Gong Engage task this dialer call completes',
			},
			{
				displayName: 'Language Code',
				name: 'languageCode',
				type: 'string',
				default: '',
				placeholder: 'e.g. en-US',
				description: 'Only when sure: Gong detects the language itself',
			},
			{ displayName: 'Meeting URL', name: 'meetingUrl', type: 'string', default: '' },
			{
				displayName: 'Purpose',
				name: 'purpose',
				type: 'string',
				default: '',
				placeholder: 'e.g. Demo Call',
			},
			{ displayName: 'Scheduled End', name: 'scheduledEnd', type: 'dateTime', default: '' },
			{ displayName: 'Scheduled Start', name: 'scheduledStart', type: 'dateTime', default: '' },
			{
				displayName: 'Speakers Timeline (JSON)',
				name: 'speakersTimeline',
				type: 'json',
				default: '',
				placeholder: '{"precise": false, "speechSegments": [{"fromTime": 0, "toTime": 5200, "partyIds": ["1"]}]}',
				description: "Who spoke when (ms), by the participants' Party IDs",
			},
			{ displayName: 'Title', name: 'title', type: 'string', default: '' },
			{ ...workspaceLocator, description: 'The workspace the call goes to (default: Gong places it)' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['create'] } }, properties);

const textLimit = (ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number): string | undefined => {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text.length > 255) {
		throw new NodeOperationError(ctx.getNode(), `"${field}" is ${text.length} characters long; Gong takes 255`, {
			itemIndex,
		});
	}
	return text || undefined;
};

/** The request body from the item's parameters, checked before anything is sent. */
function newCall(ctx: IExecuteFunctions, itemIndex: number): NewCall {
	const primaryUser = parseGongId(ctx, ctx.getNodeParameter('primaryUser', itemIndex), itemIndex, 'Host');
	const rows = (ctx.getNodeParameter('parties.party', itemIndex, []) as IDataObject[]).map((row, index) => {
		const party: NewCall['parties'][number] = {};
		for (const key of ['name', 'emailAddress', 'phoneNumber', 'partyId'] as const) {
			const value = typeof row[key] === 'string' ? (row[key] as string).trim() : '';
			if (value) party[key] = value;
		}
		if (typeof row.userId === 'string' && row.userId.trim()) {
			party.userId = parseGongId(ctx, row.userId, itemIndex, `Participant ${index + 1} Gong User ID`);
		}
		if (row.mediaChannelId === 0 || row.mediaChannelId === 1) party.mediaChannelId = row.mediaChannelId;
		if (!Object.keys(party).length) {
			throw new NodeOperationError(ctx.getNode(), `Participant ${index + 1} is empty`, {
				itemIndex,
				description: 'Give a name, an email, a phone number or a Gong user ID, or remove the participant.',
			});
		}
		return party;
	});
	// Gong refuses a call without a party for its primary user.
	if (!rows.some((party) => party.userId === primaryUser)) rows.unshift({ userId: primaryUser });

	const extra = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const call: NewCall = {
		clientUniqueId: parseRequiredText(
			ctx,
			ctx.getNodeParameter('clientUniqueId', itemIndex),
			itemIndex,
			'Call ID in Source System',
			"Map the call's ID from the source system: Gong uses it to refuse repeats.",
		),
		actualStart: parseDateTime(ctx, ctx.getNodeParameter('actualStart', itemIndex), itemIndex, 'Start Time') ?? '',
		direction: parseChoice(ctx, ctx.getNodeParameter('direction', itemIndex), itemIndex, 'Direction', DIRECTIONS),
		primaryUser,
		parties: rows,
	};
	if (!call.actualStart) {
		throw new NodeOperationError(ctx.getNode(), '"Start Time" is empty', {
			itemIndex,
			description: 'Give when the call started, e.g. 2026-03-02T15:04:00Z.',
		});
	}
	const title = typeof extra.title === 'string' ? extra.title.trim() : '';
	if (title) call.title = title;
	call.purpose = textLimit(ctx, extra.purpose, 'Purpose', itemIndex);
	call.disposition = textLimit(ctx, extra.disposition, 'Disposition', itemIndex);
	call.scheduledStart = parseDateTime(ctx, extra.scheduledStart, itemIndex, 'Scheduled Start');
	call.scheduledEnd = parseDateTime(ctx, extra.scheduledEnd, itemIndex, 'Scheduled End');
	if (typeof extra.duration === 'number' && extra.duration > 0) call.duration = extra.duration;
	for (const key of ['customData', 'meetingUrl', 'callProviderCode', 'languageCode'] as const) {
		const value = typeof extra[key] === 'string' ? (extra[key] as string).trim() : '';
		if (value) call[key] = value;
	}
	call.workspaceId = parseOptionalId(ctx, extra.workspaceId, itemIndex, 'Workspace');
	if (typeof extra.flowTaskId === 'string' && extra.flowTaskId.trim()) {
		call.flowContext = { taskId: parseGongId(ctx, extra.flowTaskId, itemIndex, 'Engage Task ID') };
	}
	const records = ((extra.context as IDataObject | undefined)?.record ?? []) as IDataObject[];
	if (records.length) {
		const bySystem = new Map<string, Array<{ objectType: (typeof CONTEXT_OBJECTS)[number]; objectId: string }>>();
		for (const record of records) {
			const system = parseChoice(ctx, record.system, itemIndex, 'CRM Context System', CONTEXT_SYSTEMS);
			const objectType = parseChoice(ctx, record.objectType, itemIndex, 'CRM Context Object Type', CONTEXT_OBJECTS);
			const objectId = String(record.objectId ?? '').trim();
			if (!objectId) {
				throw new NodeOperationError(ctx.getNode(), 'A CRM Context record has no Object ID', {
					itemIndex,
					description: 'Give the ID of the CRM record, or remove the row.',
				});
			}
			bySystem.set(system, [...(bySystem.get(system) ?? []), { objectType, objectId }]);
		}
		call.context = [...bySystem].map(([system, objects]) => ({
			system: system as (typeof CONTEXT_SYSTEMS)[number],
			objects,
		}));
	}
	const timeline = parseJsonField(ctx, extra.speakersTimeline, itemIndex, 'Speakers Timeline (JSON)');
	if (timeline) call.speakersTimeline = timeline as NewCall['speakersTimeline'];
	if (ctx.getNodeParameter('recordingSource', itemIndex) === 'url') {
		const url = parseRequiredText(
			ctx,
			ctx.getNodeParameter('downloadMediaUrl', itemIndex),
			itemIndex,
			'Download Media URL',
			'Give the URL Gong downloads the recording from.',
		);
		if (!/^https?:\/\/\S+$/i.test(url)) {
			throw new NodeOperationError(ctx.getNode(), `"${url.slice(0, 80)}" in "Download Media URL" is not a URL`, {
				itemIndex,
				description: 'Use an http(s) URL Gong can reach.',
			});
		}
		call.downloadMediaUrl = url;
	}
	for (const key of Object.keys(call) as Array<keyof NewCall>) if (call[key] === undefined) delete call[key];
	return call;
}

/**
 * One call per input item: registered with POST /v2/calls, then (recording from a binary field)
 * its file streamed to PUT /v2/calls/{id}/media. Running it again finds both done instead of
 * doing them twice: Gong refuses a known Call ID in Source System and a call's second recording.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const call = newCall(this, itemIndex);
		const source = this.getNodeParameter('recordingSource', itemIndex) as string;
		// The file is checked before the call exists, so a missing file leaves no call without media.
		const file =
			source === 'binary'
				? await binaryUpload(
						this,
						itemIndex,
						this.getNodeParameter('binaryPropertyName', itemIndex) as string,
						'mediaFile',
						MAX_MEDIA_BYTES,
					)
				: undefined;
		const created = await createCall.call(this, call, itemIndex);
		const result: IDataObject = { ...created, clientUniqueId: call.clientUniqueId };
		if (!file) return [result];
		if (!created.callId) {
			throw new NodeOperationError(
				this.getNode(),
				`Gong already has a call with Call ID in Source System "${call.clientUniqueId}" but did not say which, so its recording was not uploaded`,
				{
					itemIndex,
					description:
						'The call could not be found by its start time either (that look-up needs the api:calls:read:basic scope). Find the call in Gong and use Call → Upload Media with its ID if it has no recording.',
				},
			);
		}
		const media = await uploadCallMedia.call(this, created.callId, file, itemIndex);
		result.media = { ...media, fileName: file.fileName, contentType: file.contentType };
		return [result];
	});
}
