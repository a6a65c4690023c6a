import * as ai from './ai/Ai.resource';
import * as auditLog from './auditLog/AuditLog.resource';
import * as call from './call/Call.resource';
import * as coaching from './coaching/Coaching.resource';
import * as crm from './crm/Crm.resource';
import * as dataPrivacy from './dataPrivacy/DataPrivacy.resource';
import * as digitalInteraction from './digitalInteraction/DigitalInteraction.resource';
import * as engageFlow from './engageFlow/EngageFlow.resource';
import * as library from './library/Library.resource';
import * as meeting from './meeting/Meeting.resource';
import * as permissionProfile from './permissionProfile/PermissionProfile.resource';
import * as scorecard from './scorecard/Scorecard.resource';
import * as stats from './stats/Stats.resource';
import * as task from './task/Task.resource';
import * as tracker from './tracker/Tracker.resource';
import * as transcript from './transcript/Transcript.resource';
import * as user from './user/User.resource';
import * as workspace from './workspace/Workspace.resource';

/** Every resource module, keyed by its `resource` value: the node's panel and router read this. */
export const resources = {
	ai,
	auditLog,
	call,
	coaching,
	crm,
	dataPrivacy,
	digitalInteraction,
	engageFlow,
	library,
	meeting,
	permissionProfile,
	scorecard,
	stats,
	task,
	tracker,
	transcript,
	user,
	workspace,
};
