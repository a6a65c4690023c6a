import type { INodeProperties } from 'n8n-workflow';

import type { GongResource, GongType } from './node.type';

/**
 * What an AI agent reads to decide when to call the Gong node as a tool (`n8n-nodes-gong.gongTool`):
 * per operation, what it does and returns, when to use it (and which tool first), input conventions
 * and a plain warning for writes. n8n's own default would be only "<action> in Gong". A node that
 * declares `toolDescription` gets neither n8n's "Tool Description" choice nor its text field, and
 * `getToolDescriptionForNode` then uses this value (see test/tool-descriptions.test.ts).
 */

const CALL_ID = 'Call ID: digits as a string, or a Gong call URL.';
const MOMENTS = 'ISO 8601 with time zone, e.g. 2026-03-01T00:00:00Z';
const STATS_DATES = 'From/To Date: YYYY-MM-DD in the Gong company time zone, To exclusive and not after today.';
const WRITES = 'Changes data in Gong.';
const CREDITS = 'Spends Gong AI credits; slow.';
/** Said by the operations that refuse to run as a tool unless the author switched that on (helpers/tool.ts). */
const AGENT_ALLOWED = 'An agent may run it only if the workflow author allowed it.';

/** Keyed like the router: a resource or operation without a description fails to compile. */
export const toolDescriptions: { [R in GongResource]: Record<GongType[R], string> } = {
	ai: {
		ask: `Asks Gong's AI a question about a CRM account, deal, contact or lead (CRM ID) in a workspace; returns answers with the calls and emails used. Custom range: ${MOMENTS}. ${CREDITS} ${AGENT_ALLOWED}`,
		getBrief: `Generates a Gong AI Briefer brief (by name) for a CRM account, deal, contact or lead (its CRM ID) in a workspace; returns briefSections. Custom range: ${MOMENTS}. ${CREDITS} ${AGENT_ALLOWED}`,
	},
	auditLog: {
		getAll: `Reads one Gong audit log (sign-ins, user activity, call plays, external shares) from a start moment: one item per entry with userId, userEmailAddress, eventTime, logRecord. From/To: ${MOMENTS}.`,
	},
	call: {
		create: `Adds a call recorded elsewhere to Gong: source-system call ID, start time (${MOMENTS}), direction, host, participants, recording URL. Returns callId and outcome (created or alreadyExisted: a repeated source ID makes nothing new). ${WRITES}`,
		get: `Gets one Gong call, by default as a summary: id, title, started, durationSeconds, url, participants (name, email, title, affiliation), brief, nextSteps. ${CALL_ID} Find calls first with Call → Get Many.`,
		getAll: `Lists Gong calls by date range (After/Before: ${MOMENTS}), workspace, organizer or call IDs; by default one summary per call: id, title, started, durationSeconds, url, participants, brief, nextSteps. Use it to find call IDs.`,
		getAccess: `Lists the users given individual access to a call through the API (not by sharing or permission profiles): {callId, users[{userId}]}, users empty when none. ${CALL_ID}`,
		getAllOutcomes:
			"Lists the company's dialer call outcomes: callOutcome, connectStatus, sentiment, category. Needs no input. Use it to read or map dialer dispositions.",
		grantAccess: `Gives Gong users (user IDs from User → Get Many) individual access to a call; returns {callId, userIds, access: 'granted'}. ${CALL_ID} ${WRITES} Safe to repeat.`,
		removeAccess: `Removes the individual access to a call that users (user IDs) were given through the API; returns {callId, userIds, access: 'removed'}. ${CALL_ID} ${WRITES} ${AGENT_ALLOWED}`,
		uploadMedia: `Uploads the recording file (a binary field of the input item) of a call created earlier with Call → Create; returns callId, alreadyUploaded, url, fileName. ${CALL_ID} ${WRITES}`,
	},
	coaching: {
		get: `Gets the coaching metrics of a manager's direct reports for a workspace and period: one item per manager with directReportsMetrics[{report, metrics}]. Workspace and manager user IDs from Workspace/User → Get Many. From/To: ${MOMENTS}.`,
	},
	crm: {
		deleteIntegration: `Deletes Gong's generic CRM integration and all CRM data uploaded to it (within 24 hours); returns the clientRequestId for CRM → Get Request Status. Integration ID: digits, as a string. Irreversible. ${WRITES} ${AGENT_ALLOWED}`,
		getIntegrations:
			"Gets the company's generic CRM integration: its integrationId (up to 19 digits, a string), name and owner. Needs no input. Use it first: the other CRM tools need that ID.",
		getRequestStatus:
			'Checks a CRM entity upload or integration delete by integration ID and Client Request ID: returns status (DONE, FAILED...), totalSuccessCount, totalErrorCount and the lines Gong could not process.',
		getSchema:
			'Lists the custom fields Gong has for CRM accounts, contacts, deals or leads: one item per field (uniqueName, label, type...). Integration ID (digits, as a string) from CRM → Get Integrations.',
		registerIntegration: `Registers the company's generic CRM integration (name, owner email) and returns its integrationId (a string). One per company; the same name and owner again returns the existing one. ${WRITES}`,
		uploadEntities: `Uploads CRM accounts, contacts, deals, leads, users or stages to Gong's generic CRM integration (input items' JSON or an LDJSON file) and waits: returns status, success and error counts, failed lines. Adds, updates or deletes CRM data. ${WRITES}`,
		uploadSchema: `Replaces the custom fields of CRM accounts, contacts, deals or leads: every field must be sent again; a field marked deleted loses its data. Returns the field names and requestId. ${WRITES} Deleting fields is irreversible.`,
	},
	dataPrivacy: {
		eraseForEmail: `Permanently erases every call, email and CRM record in Gong that refers to an email address (GDPR/CCPA erasure); returns erasureRequested. Irreversible. ${WRITES} Needs the address twice. ${AGENT_ALLOWED}`,
		eraseForPhone: `Permanently erases every call, email and CRM record in Gong that refers to a phone number (+ and country code); returns erasureRequested. Irreversible. ${WRITES} Needs the number twice. ${AGENT_ALLOWED}`,
		getForEmail:
			'Looks up what Gong holds about a person by email address: calls, emails, meetings, customerData (CRM) and customerEngagement; arrays empty when nothing. Use it for data-subject requests or to find the calls a person was on.',
		getForPhone:
			'Looks up what Gong holds about a person by phone number (+ and country code, e.g. +14155550100): calls, emails, meetings, customerData, and the numbers and email addresses matched; arrays empty when nothing.',
	},
	digitalInteraction: {
		create: `Reports a prospect's activity on your pages or content (page viewed, link clicked, form sent): Event ID, timestamp (${MOMENTS}), event type, content, and the person or a tracking ID. Returns eventId, alreadyReported. ${WRITES}`,
	},
	engageFlow: {
		assignProspects: `Puts CRM contacts or leads (their CRM IDs) into a Gong Engage flow run by a Gong user (email): one item per prospect with assigned, flowInstanceId or Gong's reason. Flow ID from Engage Flow → Get Many. ${WRITES} Starts the flow for them.`,
		bulkAssign: `Puts one prospect per item into an Engage flow, by CRM ID or by name and email (Gong may create a CRM lead), and waits: one item per prospect with assigned, status, crmId, flowInstanceId. Flow ID from Engage Flow → Get Many. ${WRITES}`,
		getAll:
			"Lists Gong Engage flows: the company's plus one user's personal and shared ones (give that user's email). Returns id, name, folderId, visibility, creationDate. Use it to find the flow ID other Engage Flow tools need.",
		getAllFolders:
			"Lists Gong Engage flow folders: the company's plus one user's (give that user's email), with their IDs. Use a folder ID to list only that folder's flows with Engage Flow → Get Many.",
		getProspectFlows:
			"Finds prospects' Engage flow instances by CRM contact or lead ID (current flows) or by flow instance ID (finished ones too): one item per instance with flow, status and owner. Use it before assigning or unassigning.",
		getSteps:
			"Gets an Engage flow's steps: stepOrder, action, email subject and body. Flow ID (digits, as a string) from Engage Flow → Get Many.",
		unassign: `Takes a prospect (CRM ID) out of one flow or every flow, or ends flow instances by ID (from Get Prospects' Flows); returns unassignedFlowInstanceIds. ${WRITES} ${AGENT_ALLOWED}`,
	},
	library: {
		getAllFolders:
			"Lists Gong's public library folders (id, name, parentFolderId), flat or as a tree. Needs no input. Use it to find the folder ID for Library → Get Folder Content.",
		getFolderContent:
			'Lists the calls saved in a library folder: one item per call with id (the call ID), title, note, addedBy, created, url and the saved snippet (fromSec, toSec). Folder ID from Library → Get Many Folders.',
	},
	meeting: {
		create: `Creates a Gong meeting for a Gong user (organizer email): start/end (${MOMENTS}), title, invitees. Returns meetingId, meetingUrl and additionalInvitees to add to the invitation. ${WRITES} Each run makes a new meeting.`,
		delete: `Deletes a Gong meeting by meeting ID (from Meeting → Create) and organizer email; returns deleted and alreadyDeleted. Irreversible. ${WRITES} ${AGENT_ALLOWED}`,
		getIntegrationStatus:
			"Checks, by Gong users' email addresses, whether Gong can create meetings for them: one item per email with exists, valid, userFacingError, fixUrl. Use it before Meeting → Create.",
		update: `Replaces a Gong meeting by meeting ID: give every field again (organizer email, start/end ${MOMENTS}, title, invitees); empty ones are cleared. Returns meetingId. ${WRITES}`,
	},
	permissionProfile: {
		create: `Creates a permission profile in a workspace (name unique there), optionally copying another profile's permissions; returns the new profile. Workspace ID from Workspace → Get Many. ${WRITES} It governs what users may see and do.`,
		get: 'Gets one permission profile with every access level and permission it grants. Profile ID (digits, as a string) from Permission Profile → Get Many.',
		getAll:
			"Lists a workspace's permission profiles with their IDs and names. Workspace ID (digits, as a string) from Workspace → Get Many.",
		getUsers:
			'Lists the users a permission profile is assigned to: one item per user, with the profile ID. Profile ID from Permission Profile → Get Many.',
		update: `Changes a permission profile's name, description or permissions (JSON with Gong's field names); fields not given keep their values. Returns the profile. ${WRITES} It governs what users may see and do.`,
	},
	scorecard: {
		getAll:
			'Lists scorecard definitions with their questions: scorecardId, scorecardName, workspaceId, enabled, questions[{questionId, questionText...}]. Use it to find scorecard IDs or read what answered scorecards ask.',
		getAllAnswered:
			'Lists filled-in scorecards of calls by call date or review date (From/To Date: YYYY-MM-DD in the Gong company time zone, To exclusive), with every answer; one item per scorecard or per answer. Manual reviews only unless Review Method says otherwise.',
	},
	stats: {
		getDayByDay: `Per user and day, activity counts given as the IDs of the calls behind them (calls hosted, attended, listened to...). One item per user with activity. ${STATS_DATES}`,
		getInteraction: `Per user interaction stats for a period: talk ratio, longest monologue, longest customer story, interactivity, patience, question rate. One item per user. ${STATS_DATES}`,
		getUserActivity: `Per user counts for a period: calls hosted and attended, feedback given and received, calls listened to, shared, scored, commented; whole period or per day, week, month... One item per user. ${STATS_DATES}`,
	},
	task: {
		getAll:
			"Lists one Gong user's Engage call tasks by status (open, done, dismissed) and type, with the contact, account, deal and flow each is for. User ID (digits, as a string) from User → Get Many. Use it to find task IDs.",
		update: `Marks an Engage task done, dismissed or open again, or changes its due date (${MOMENTS}) or priority; needs the task ID and its owner's user ID. Returns the task. ${WRITES} Safe to repeat.`,
	},
	tracker: {
		getAll:
			'Lists keyword trackers: trackerId, trackerName, keywords per language, affiliation, saidAt; of every workspace or one. Use it to learn which topics and keywords Gong tracks in calls.',
	},
	transcript: {
		get: `Gets one call's transcript: callId, title, started, url, speakers (name, email, affiliation) and the text as "Speaker Name: what they said" lines; a long one is cut (truncated: true). ${CALL_ID} Find calls first with Call → Get Many.`,
		getAll: `Gets the transcripts of many calls by date range (After/Before: ${MOMENTS}), workspace or call IDs: one item per call with callId, title, started, url, speakers and the text. Large: for one call use Transcript → Get.`,
	},
	user: {
		get: 'Gets one Gong user by user ID (digits, as a string): id, emailAddress, firstName, lastName, title, active, managerId, settings. Use User → Get Many to find the ID from a name or email.',
		getAll: `Lists Gong users (all, or created in a range: ${MOMENTS}, or by IDs): id, emailAddress, firstName, lastName, title, active, managerId. Use it to map names and emails to the user IDs other tools need.`,
		getSettingsHistory:
			"Lists when a Gong user's recording and import settings (web conferences recorded, emails imported, active...) were switched on or off: one item per change with setting, value, time. User ID (digits, as a string) from User → Get Many.",
	},
	workspace: {
		getAll:
			"Lists the company's Gong workspaces: id, name, description. Needs no input. Use it first to get the workspace ID other Gong tools ask for.",
	},
};

/**
 * One "Tool Description" per operation, shown only on the tool node (`@tool`), its default being the
 * text above. Placed after the operations' own parameters.
 */
export const toolDescriptionProperties: INodeProperties[] = (
	Object.entries(toolDescriptions) as Array<[GongResource, Record<string, string>]>
).flatMap(([resource, operations]) =>
	Object.entries(operations).map(
		([operation, text]): INodeProperties => ({
			displayName: 'Tool Description',
			name: 'toolDescription',
			type: 'string',
			typeOptions: { rows: 3 },
			default: text,
			description:
				'What the AI agent reads to decide when to call this tool and what to give it: what it does, what it returns, when to use it',
			displayOptions: { show: { '@tool': [true], resource: [resource], operation: [operation] } },
		}),
	),
);
