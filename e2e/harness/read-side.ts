/**
 * One workflow that reads every Gong resource beyond calls, transcripts and users: a chain of Gong
 * nodes (each run once), built from the test fixtures with the stand-in's values filled in.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import type { GongStandIn } from '../../test/stand-in/gong-stand-in';
import { aiEntitiesOf } from '../../test/stand-in/routes/ai';
import { libraryFoldersOf } from '../../test/stand-in/routes/library';
import { profilesOf } from '../../test/stand-in/routes/permissions';
import { REPO_ROOT, type ImportedCredential, type WorkflowJson } from './n8n';

export const READ_SIDE_WORKFLOW = 'gongReadSide0001';

type Parameters = Record<string, unknown>;

const id = (value: string) => ({ __rl: true, mode: 'id', value });
const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Node name → fixture and the values that replace its expressions. */
export function readSideSteps(standIn: GongStandIn): Array<{ node: string; fixture: string; parameters: Parameters }> {
	const now = Date.now();
	const from = date(now - 35 * 86_400_000);
	const to = date(now);
	const workspaceId = standIn.workspaces[0].id;
	const user = standIn.users[1];
	const manager = standIn.users.find((candidate) => standIn.users.some((u) => u.managerId === candidate.id))!;
	const folder = libraryFoldersOf(standIn).find((f) => f.visibility === 'public' && f.calls.length)!;
	const profile = profilesOf(standIn).find((p) => p.workspaceId === workspaceId && p.userIds.length)!;
	const account = aiEntitiesOf(standIn).find((entity) => entity.crmEntityType === 'ACCOUNT')!;
	const external = standIn.calls
		.flatMap((call) => call.parties)
		.find((party) => party.affiliation === 'External' && party.emailAddress)!;
	return [
		{ node: 'Workspaces', fixture: 'workspace/get-many', parameters: {} },
		{ node: 'Scorecards', fixture: 'scorecard/get-many', parameters: {} },
		{
			node: 'Answered scorecards',
			fixture: 'scorecard/get-many-answered',
			parameters: {
				dateType: 'call',
				fromDate: from,
				toDate: to,
				reviewMethod: 'BOTH',
				output: 'answer',
				returnAll: true,
			},
		},
		{ node: 'Trackers', fixture: 'tracker/get-many', parameters: {} },
		{
			node: 'User activity',
			fixture: 'stats/user-activity',
			parameters: { fromDate: from, toDate: to, aggregation: 'WEEK', userIds: [], returnAll: true },
		},
		{ node: 'Library folders', fixture: 'library/get-many-folders', parameters: { output: 'flat' } },
		{ node: 'Folder content', fixture: 'library/get-folder-content', parameters: { folderId: id(folder.id) } },
		{
			node: 'Flows',
			fixture: 'engage-flow/get-many',
			parameters: { flowOwnerEmail: user.emailAddress, returnAll: true },
		},
		{ node: 'Tasks', fixture: 'task/get-many', parameters: { userId: id(user.id), returnAll: true } },
		{ node: 'Call outcomes', fixture: 'call/get-many-outcomes', parameters: {} },
		{
			node: 'Permission profiles',
			fixture: 'permission-profile/get-many',
			parameters: { workspaceId: id(workspaceId) },
		},
		{ node: 'Profile users', fixture: 'permission-profile/get-users', parameters: { profileId: id(profile.id) } },
		{
			node: 'Audit log',
			fixture: 'audit-log/get-many',
			parameters: { logType: 'UserActivityLog', fromDateTime: `${from}T00:00:00Z`, toDateTime: '', returnAll: true },
		},
		{
			node: 'Coaching',
			fixture: 'coaching/get',
			parameters: {
				workspaceId: id(workspaceId),
				managerId: id(manager.id),
				from: `${from}T00:00:00Z`,
				to: `${to}T00:00:00Z`,
			},
		},
		{
			node: 'Data privacy',
			fixture: 'data-privacy/get-for-email',
			parameters: { emailAddress: external.emailAddress },
		},
		{
			node: 'Ask Gong',
			fixture: 'ai/ask',
			parameters: {
				workspaceId: id(workspaceId),
				crmEntityType: 'ACCOUNT',
				crmEntityId: account.crmEntityId,
				timePeriod: 'LAST_90DAYS',
				question: 'What did they say about pricing?',
			},
		},
	];
}

export async function readSideWorkflow(standIn: GongStandIn, credential: ImportedCredential): Promise<WorkflowJson> {
	const trigger = 'When clicking ‘Execute workflow’';
	const steps = readSideSteps(standIn);
	const nodes: WorkflowJson['nodes'] = [];
	const first = JSON.parse(
		await readFile(path.join(REPO_ROOT, 'test', 'workflows', 'workspace', 'get-many.workflow.json'), 'utf8'),
	) as WorkflowJson;
	nodes.push(first.nodes.find((node) => node.name === trigger)!);
	for (const [index, step] of steps.entries()) {
		const fixture = JSON.parse(
			await readFile(path.join(REPO_ROOT, 'test', 'workflows', `${step.fixture}.workflow.json`), 'utf8'),
		) as WorkflowJson;
		const gong = fixture.nodes.find((node) => node.type === 'n8n-nodes-gong.gong')!;
		nodes.push({
			...gong,
			id: String(index + 10),
			name: step.node,
			position: [220 * (index + 1), 0],
			// Each node runs once; a node that returns nothing stops the chain, which the test reports.
			executeOnce: true,
			parameters: {
				...gong.parameters,
				...step.parameters,
				authentication: credential.type === 'gongAccessKeyApi' ? 'accessKey' : 'oAuth2',
			},
			credentials: { [credential.type]: { id: credential.id, name: credential.name } },
		});
	}
	const names = [trigger, ...steps.map((step) => step.node)];
	const connections: WorkflowJson['connections'] = {};
	for (let i = 0; i < names.length - 1; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return {
		name: 'Read every Gong resource',
		id: READ_SIDE_WORKFLOW,
		active: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	};
}
