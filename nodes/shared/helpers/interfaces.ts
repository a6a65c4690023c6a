import type { IDataObject } from 'n8n-workflow';

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

export interface GongCallMetaData extends IDataObject {
	id: string;
	url?: string;
	title?: string;
	scheduled?: string;
	started?: string;
	duration?: number;
	primaryUserId?: string;
	direction?: string;
	system?: string;
	scope?: 'Internal' | 'External' | 'Unknown';
	media?: string;
	language?: string;
	workspaceId?: string;
	purpose?: string | null;
	meetingUrl?: string;
	isPrivate?: boolean;
}

export interface GongParty extends IDataObject {
	id?: string;
	name?: string;
	emailAddress?: string;
	title?: string;
	userId?: string;
	speakerId?: string | null;
	affiliation?: 'Internal' | 'External' | 'Unknown';
}

/** One call of /v2/calls/extensive (and of a webhook's `callData`). */
export interface GongExtensiveCall extends IDataObject {
	metaData: GongCallMetaData;
	parties?: GongParty[];
	context?: IDataObject[];
	content?: IDataObject;
	interaction?: IDataObject;
	collaboration?: IDataObject;
	media?: IDataObject;
}

export interface GongSentence extends IDataObject {
	start: number;
	end: number;
	text: string;
}

export interface GongMonologue extends IDataObject {
	speakerId: string;
	topic?: string | null;
	sentences: GongSentence[];
}

export interface GongCallTranscript extends IDataObject {
	callId: string;
	transcript: GongMonologue[];
}

export interface GongUser extends IDataObject {
	id: string;
	emailAddress?: string;
	firstName?: string;
	lastName?: string;
	title?: string;
	active?: boolean;
	created?: string;
	managerId?: string | null;
}

export interface GongWorkspace extends IDataObject {
	id: string;
	name: string;
	description?: string;
}

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
