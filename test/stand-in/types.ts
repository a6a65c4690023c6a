/**
 * Shapes of the data the Gong stand-in serves. They follow Gong API v2 (see
 * /work/shared/reference/gong-api.md): a call is stored the way /v2/calls/extensive returns it with
 * every part selected, plus its transcript.
 */

export type Affiliation = 'Internal' | 'External' | 'Unknown';

export interface StandInCallMetaData {
	id: string;
	url: string;
	title: string;
	scheduled: string;
	started: string;
	/** Seconds. */
	duration: number;
	primaryUserId: string;
	direction: 'Inbound' | 'Outbound' | 'Conference' | 'Unknown';
	system: string;
	scope: 'Internal' | 'External' | 'Unknown';
	media: 'Video' | 'Audio';
	language: string;
	workspaceId: string;
	sdrDisposition: string | null;
	clientUniqueId: string | null;
	customData: string | null;
	purpose: string | null;
	meetingUrl: string | null;
	isPrivate: boolean;
	calendarEventId: string | null;
}

export interface StandInParty {
	id: string;
	name: string;
	emailAddress?: string;
	title?: string;
	/** Only on internal parties: the Gong user id. */
	userId?: string;
	speakerId: string;
	affiliation: Affiliation;
	phoneNumber?: string;
	methods: string[];
}

export interface StandInSentence {
	/** Milliseconds from the call's start. */
	start: number;
	end: number;
	text: string;
}

export interface StandInMonologue {
	speakerId: string;
	topic: string | null;
	sentences: StandInSentence[];
}

export interface StandInTrackerOccurrence {
	/** Seconds from the call's start. */
	startTime: number;
	speakerId: string;
}

export interface StandInTrackerPhrase {
	phrase: string;
	count: number;
	occurrences: StandInTrackerOccurrence[];
}

export interface StandInTracker {
	id: string;
	name: string;
	count: number;
	type: 'KEYWORD' | 'SMART';
	occurrences: StandInTrackerOccurrence[];
	phrases: StandInTrackerPhrase[];
}

export interface StandInActionItem {
	snippetStartTime: number;
	snippetEndTime: number;
	/** Gong spells this one `speakerID`. */
	speakerID: string;
	snippet: string;
}

export interface StandInOutlineSection {
	section: string;
	startTime: number;
	duration: number;
	items: { text: string; startTime: number }[];
}

export interface StandInHighlight {
	title: string;
	items: { text: string; startTimes: number[] }[];
}

export interface StandInContent {
	structure: { name: string; duration: number }[];
	topics: { name: string; duration: number }[];
	trackers: StandInTracker[];
	pointsOfInterest: { actionItems: StandInActionItem[] };
	brief: string;
	outline: StandInOutlineSection[];
	highlights: StandInHighlight[];
	callOutcome: { id: string; category: string; name: string } | null;
	keyPoints: { text: string }[];
}

export interface StandInContextField {
	name: string;
	value: string | number | boolean | null;
}

export interface StandInContextObject {
	objectType: string;
	objectId: string;
	timing: 'Now' | 'TimeOfCall';
	fields: StandInContextField[];
}

export interface StandInContext {
	system: string;
	objects: StandInContextObject[];
}

export interface StandInInteraction {
	speakers: { id: string; userId?: string; talkTime: number }[];
	/** Returned for exposedFields.interaction.personInteractionStats (Gong names the key this way). */
	interactionStats: { name: string; value: number }[];
	video: { name: string; duration: number }[];
	questions: { companyCount: number; nonCompanyCount: number };
}

export interface StandInComment {
	id: string;
	audioStartTime: number;
	audioEndTime: number;
	commenterUserId: string;
	comment: string;
	posted: string;
	inReplyTo: string | null;
	duringCall: boolean;
}

export interface StandInMedia {
	audioUrl: string;
	videoUrl: string | null;
}

export interface StandInCall {
	metaData: StandInCallMetaData;
	parties: StandInParty[];
	content: StandInContent;
	/** The Extended context; Basic returns a trimmed copy. */
	context: StandInContext[];
	interaction: StandInInteraction;
	collaboration: { publicComments: StandInComment[] };
	media: StandInMedia;
	/** null while Gong has not transcribed the call yet (left out of /v2/calls/transcript). */
	transcript: StandInMonologue[] | null;
}

export interface StandInUserSettings {
	webConferencesRecorded: boolean;
	preventWebConferenceRecording: boolean;
	telephonyCallsImported: boolean;
	emailsImported: boolean;
	preventEmailImport: boolean;
	nonRecordedMeetingsImported: boolean;
	gongConnectEnabled: boolean;
}

export interface StandInUser {
	id: string;
	emailAddress: string;
	created: string;
	active: boolean;
	emailAliases: string[];
	trustedEmailAddress: string | null;
	firstName: string;
	lastName: string;
	title: string;
	phoneNumber?: string;
	extension: string | null;
	personalMeetingUrls: string[];
	settings: StandInUserSettings;
	managerId: string | null;
	meetingConsentPageUrl: string | null;
	spokenLanguages: { language: string; primary: boolean }[];
}

export interface StandInWorkspace {
	id: string;
	name: string;
	description: string;
}

/** What addCall accepts: any part may be given; metaData is merged over a generated one. */
export interface StandInCallInput {
	metaData?: Partial<StandInCallMetaData>;
	parties?: StandInParty[];
	content?: Partial<StandInContent>;
	context?: StandInContext[];
	interaction?: Partial<StandInInteraction>;
	collaboration?: { publicComments: StandInComment[] };
	media?: StandInMedia;
	/** Omit to generate one; null for "not transcribed yet". */
	transcript?: StandInMonologue[] | null;
}
