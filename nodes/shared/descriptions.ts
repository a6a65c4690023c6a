import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { CALL_CONTENT_OPTIONS, MEDIA_URL_SCOPE } from './helpers/content';

/** Parameters shared by several operations and the triggers: built once here, placed by each. */

/** The Gong API credential choice; the transport reads it by this name (`authentication`). */
export const authentication: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Access Key', value: 'accessKey' },
		{ name: 'OAuth2', value: 'oAuth2' },
	],
	default: 'accessKey',
};

/** The two Gong credentials, each shown for its Authentication choice (plus `show` conditions). */
export function gongCredentials(show: Record<string, string[]> = {}): INodeCredentialDescription[] {
	return [
		{ name: 'gongAccessKeyApi', required: true, displayOptions: { show: { authentication: ['accessKey'], ...show } } },
		{
			name: 'gongIntegrationOAuth2Api',
			required: true,
			displayOptions: { show: { authentication: ['oAuth2'], ...show } },
		},
	];
}

export const organizerFilter: INodeProperties = {
	displayName: 'Organizer Names or IDs',
	name: 'primaryUserIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getUsers' },
	default: [],
	description:
		'Only calls hosted by these Gong users. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** For plain-text transcripts: "[12:34] Name: ..." */
export const timestampsOption: INodeProperties = {
	displayName: 'Include Timestamps',
	name: 'timestamps',
	type: 'boolean',
	default: false,
	description: 'Whether to start each plain-text transcript line with the time into the call, like [12:34]',
};

export const callLocator: INodeProperties = {
	displayName: 'Call',
	name: 'callId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Gong call: pick a recent one, paste its ID, or paste its Gong URL',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a recent call...',
			typeOptions: { searchListMethod: 'searchCalls', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 7782342274025937895',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^\\s*\\d{1,20}\\s*$', errorMessage: 'A Gong call ID is a number of up to 20 digits' },
				},
			],
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. https://app.gong.io/call?id=7782342274025937895',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^https?://[^/]*gong\\.io/.*[?&]id=\\d{1,20}.*',
						errorMessage: 'Paste the call page URL from Gong, like https://app.gong.io/call?id=...',
					},
				},
			],
			extractValue: { type: 'regex', regex: '[?&]id=(\\d{1,20})' },
		},
	],
};

export const userLocator: INodeProperties = {
	displayName: 'User',
	name: 'userId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Gong user: pick one or paste the ID',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a user...',
			typeOptions: { searchListMethod: 'searchUsers', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 234599484848423',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^\\s*\\d{1,20}\\s*$', errorMessage: 'A Gong user ID is a number of up to 20 digits' },
				},
			],
		},
	],
};

export const workspaceLocator: INodeProperties = {
	displayName: 'Workspace',
	name: 'workspaceId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: 'Only calls of this Gong workspace',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a workspace...',
			typeOptions: { searchListMethod: 'searchWorkspaces', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 623457276584334',
		},
	],
};

export const callContent: INodeProperties = {
	displayName: 'Call Content to Include',
	name: 'include',
	type: 'multiOptions',
	options: CALL_CONTENT_OPTIONS,
	default: ['parties'],
	description: `What Gong should return with each call besides its metadata. Each choice is fetched in the same request; Media URLs needs the ${MEDIA_URL_SCOPE} scope.`,
};

const callOutputOptions = [
	{
		name: "Gong's Full Call",
		value: 'full',
		description: 'Everything Gong returns for the call, with the content chosen below',
	},
	{
		name: 'Summary',
		value: 'summary',
		description:
			"ID, title, start, duration, URL, participants, Gong's brief and next steps: a few hundred characters, for an AI agent's context window",
	},
];

/** Output: Gong's full call for a workflow (as before), the summary for an AI agent's tool. */
export const callOutput: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'callOutput',
		type: 'options',
		options: callOutputOptions,
		default: 'full',
		displayOptions: { show: { '@tool': [false] } },
		description: 'What each call looks like in the output',
	},
	{
		displayName: 'Output',
		name: 'callOutput',
		type: 'options',
		options: callOutputOptions,
		default: 'summary',
		displayOptions: { show: { '@tool': [true] } },
		description: 'What each call looks like in the output',
	},
];

/** The content choice, hidden when the summary decides what is fetched. */
export const callContentUnlessSummary: INodeProperties = {
	...callContent,
	displayOptions: { hide: { callOutput: ['summary'] } },
};

export const returnAll: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limit: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

export const callIdsFilter: INodeProperties = {
	displayName: 'Call IDs',
	name: 'callIds',
	type: 'string',
	default: '',
	placeholder: 'e.g. 7782342274025937895, 1517664342542716789',
	description: 'Only these calls: IDs (or Gong call URLs) separated by commas',
};

export const afterFilter: INodeProperties = {
	displayName: 'After',
	name: 'fromDateTime',
	type: 'dateTime',
	default: '',
	description: 'Only calls that started at or after this moment',
};

export const beforeFilter: INodeProperties = {
	displayName: 'Before',
	name: 'toDateTime',
	type: 'dateTime',
	default: '',
	description: 'Only calls that started before this moment',
};

export const transcriptFormat: INodeProperties = {
	displayName: 'Output Format',
	name: 'outputFormat',
	type: 'options',
	options: [
		{
			name: 'Plain Text',
			value: 'text',
			description: 'One "Speaker Name: what they said" line per turn, ready for an LLM',
		},
		{
			name: 'Structured',
			value: 'structured',
			description: 'Monologues with speaker details, topic, start and end times in ms, and sentences',
		},
	],
	default: 'text',
	description: 'How each call’s transcript is returned; speakers are resolved to names either way',
};

export const transcriptOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{ ...timestampsOption, displayOptions: { show: { '/outputFormat': ['text'] } } },
		{
			displayName: 'Max Characters',
			name: 'maxCharacters',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 20000,
			displayOptions: { show: { '/outputFormat': ['text'] } },
			description:
				"Cut each plain-text transcript after this many characters (at a line end), with a note saying how much was left out, to fit an LLM's context window (about 4 characters a token). 0 keeps it whole. Without this option a transcript is whole, except when the node runs as an AI agent's tool: then 20,000.",
		},
	],
};

/** A resource locator for one Gong id: pick it from a searchable list or paste it. */
export function idLocator(args: {
	displayName: string;
	name: string;
	description: string;
	searchListMethod: string;
	placeholder: string;
	required?: boolean;
}): INodeProperties {
	return {
		displayName: args.displayName,
		name: args.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: args.required ?? true,
		description: args.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${args.displayName.toLowerCase()}...`,
				typeOptions: { searchListMethod: args.searchListMethod, searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: args.placeholder },
		],
	};
}

/** Workspace, required (the endpoints that need one). */
export function requiredWorkspace(description: string): INodeProperties {
	return { ...workspaceLocator, required: true, description };
}

/** Stats dates: plain company-time-zone dates, the end exclusive and not in the future. */
export const statsFromDate: INodeProperties = {
	displayName: 'From Date',
	name: 'fromDate',
	type: 'dateTime',
	required: true,
	default: '',
	description: 'First day to count (inclusive), a date in your Gong company time zone; the time of day is ignored',
};

export const statsToDate: INodeProperties = {
	displayName: 'To Date',
	name: 'toDate',
	type: 'dateTime',
	required: true,
	default: '',
	description:
		'Day after the last day to count (exclusive), in your Gong company time zone; it may be today but not later. For all of March: From Date 2026-03-01, To Date 2026-04-01.',
};

export const statsUserIds: INodeProperties = {
	displayName: 'User Names or IDs',
	name: 'userIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getUsers' },
	default: [],
	description:
		'Only these users. Empty: every user with activity in the period. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** The "Filters" collection of a Get Many operation. */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options,
	};
}

/** The Workspace filter: "Only <what> of this workspace". */
export function workspaceFilter(what: string): INodeProperties {
	return { ...workspaceLocator, description: `Only ${what} of this workspace` };
}
