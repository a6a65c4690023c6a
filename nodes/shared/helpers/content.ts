import type { INodePropertyOptions } from 'n8n-workflow';

import type { GongContentSelector } from './interfaces';

/** Gong's scope for media download links (kept out of description literals: n8n's lint reads it as a miscased URL). */
export const MEDIA_URL_SCOPE = 'api:calls:read:media-url';

/** What a user can ask to include with a call, and where it lives in Gong's contentSelector. */
export type CallContentOption =
	| 'actionItems'
	| 'brief'
	| 'callOutcome'
	| 'comments'
	| 'crmContext'
	| 'highlights'
	| 'interactionStats'
	| 'keyPoints'
	| 'mediaUrls'
	| 'outline'
	| 'parties'
	| 'structure'
	| 'topics'
	| 'trackers';

export const CALL_CONTENT_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Action Items',
		value: 'actionItems',
		description: 'Next steps Gong found in the call (content.pointsOfInterest)',
	},
	{ name: 'Brief', value: 'brief', description: "Gong's short summary of the call (content.brief)" },
	{ name: 'Call Outcome', value: 'callOutcome', description: 'The outcome set on the call (content.callOutcome)' },
	{
		name: 'Comments',
		value: 'comments',
		description: 'Public comments left on the call (collaboration.publicComments)',
	},
	{
		name: 'CRM Context',
		value: 'crmContext',
		description: 'Linked CRM accounts, deals and contacts (context, extended)',
	},
	{ name: 'Highlights', value: 'highlights', description: 'Highlights of the call (content.highlights)' },
	{
		name: 'Interaction Stats',
		value: 'interactionStats',
		description: 'Talk time per speaker, questions, interactivity (interaction)',
	},
	{ name: 'Key Points', value: 'keyPoints', description: 'Key points of the call (content.keyPoints)' },
	{
		name: 'Media URLs',
		value: 'mediaUrls',
		description: `Audio and video download links, valid 8 hours (media); needs the ${MEDIA_URL_SCOPE} scope`,
	},
	{ name: 'Outline', value: 'outline', description: 'Sections of the call with their items (content.outline)' },
	{
		name: 'Participants',
		value: 'parties',
		description: 'Everyone on the call: name, email, title, affiliation, speaker ID (parties)',
	},
	{ name: 'Structure', value: 'structure', description: 'Agenda sections and their timing (content.structure)' },
	{ name: 'Topics', value: 'topics', description: 'Topics discussed and their duration (content.topics)' },
	{ name: 'Trackers', value: 'trackers', description: 'Keyword trackers and when they occurred (content.trackers)' },
];

const CONTENT_FLAGS: Partial<Record<CallContentOption, string[]>> = {
	actionItems: ['pointsOfInterest'],
	brief: ['brief'],
	callOutcome: ['callOutcome'],
	highlights: ['highlights'],
	keyPoints: ['keyPoints'],
	outline: ['outline'],
	structure: ['structure'],
	topics: ['topics'],
	trackers: ['trackers', 'trackerOccurrences'],
};

/** Builds Gong's contentSelector so only what was chosen is fetched (and only its scopes needed). */
export function buildContentSelector(include: CallContentOption[]): GongContentSelector {
	const chosen = new Set(include);
	const content: Record<string, boolean> = {};
	for (const option of chosen) {
		for (const flag of CONTENT_FLAGS[option] ?? []) content[flag] = true;
	}
	const exposedFields: NonNullable<GongContentSelector['exposedFields']> = {};
	if (chosen.has('parties')) exposedFields.parties = true;
	if (chosen.has('mediaUrls')) exposedFields.media = true;
	if (Object.keys(content).length) exposedFields.content = content;
	if (chosen.has('interactionStats')) {
		exposedFields.interaction = { speakers: true, personInteractionStats: true, questions: true, video: true };
	}
	if (chosen.has('comments')) exposedFields.collaboration = { publicComments: true };
	return { context: chosen.has('crmContext') ? 'Extended' : 'None', exposedFields };
}

/** What the summary output fetches: enough for it, nothing more. */
export const SUMMARY_CONTENT: CallContentOption[] = ['actionItems', 'brief', 'parties'];
