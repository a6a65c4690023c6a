import type { IDataObject } from 'n8n-workflow';

import type { GongRecord } from '../transport/types';

/** The paging block Gong puts on every list response; `cursor` only when another page exists. */
export interface GongRecords {
	totalRecords: number;
	currentPageSize: number;
	currentPageNumber: number;
	cursor?: string;
}

/** Gong's envelope. Gong adds fields without notice, so everything stays open. */
export interface GongResponse extends IDataObject {
	requestId?: string;
	records?: GongRecords;
}

export interface GongErrorBody {
	requestId?: string;
	errors?: string[];
	error?: string;
	error_description?: string;
	message?: string;
	/** Some 409 answers say what to do and where. */
	userFacingError?: string;
	fixUrl?: string;
	helpUrl?: string;
}

/**
 * Gong's records as its OpenAPI document types them (transport/gong-api.d.ts, generated), with the
 * fields the transport's record checks guarantee (records.ts) made required, and open to the fields
 * Gong adds without notice.
 */
type Checked<T, Required extends keyof T = never> = Omit<T, Required> & {
	[K in Required]-?: NonNullable<T[K]>;
} & IDataObject;

type ExtensiveCall = GongRecord<'listCallsExtensive', 'calls'>;
type Transcript = GongRecord<'getCallTranscripts', 'callTranscripts'>;
type Monologue = NonNullable<Transcript['transcript']>[number];

/** Call metadata (GET /v2/calls `calls[]`, an extensive call's `metaData`): its id is checked. */
export type GongCallMetaData = Checked<GongRecord<'listCalls', 'calls'>, 'id'>;

export type GongParty = Checked<NonNullable<ExtensiveCall['parties']>[number]>;

/** One call of /v2/calls/extensive (and of a webhook's `callData`): `metaData` is checked. */
export type GongExtensiveCall = Checked<Omit<ExtensiveCall, 'metaData' | 'parties'>> & {
	metaData: GongCallMetaData;
	parties?: GongParty[];
};

/** Sentences are normalised by the record check: times are numbers, text is text. */
export type GongSentence = Checked<NonNullable<Monologue['sentences']>[number], 'start' | 'end' | 'text'>;

export type GongMonologue = Checked<Omit<Monologue, 'sentences'>, 'speakerId'> & { sentences: GongSentence[] };

export type GongCallTranscript = Checked<Omit<Transcript, 'transcript'>, 'callId'> & { transcript: GongMonologue[] };

export type GongUser = Checked<GongRecord<'listUsers', 'users'>, 'id'>;

export type GongWorkspace = Checked<GongRecord<'listWorkspaces', 'workspaces'>, 'id'>;

export type ContextLevel = 'None' | 'Basic' | 'Extended';

/** `contentSelector` of POST /v2/calls/extensive. */
export interface GongContentSelector extends IDataObject {
	context?: ContextLevel;
	exposedFields?: {
		parties?: boolean;
		media?: boolean;
		content?: Record<string, boolean>;
		interaction?: Record<string, boolean>;
		collaboration?: Record<string, boolean>;
	};
}

export interface GongCallFilter extends IDataObject {
	fromDateTime?: string;
	toDateTime?: string;
	workspaceId?: string;
	callIds?: string[];
	primaryUserIds?: string[];
}

export interface GongUserFilter extends IDataObject {
	createdFromDateTime?: string;
	createdToDateTime?: string;
	userIds?: string[];
}

export type GongAuthentication = 'accessKey' | 'oAuth2';
