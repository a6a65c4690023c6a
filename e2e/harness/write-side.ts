/**
 * The write side in a real n8n: a recording read from disk by n8n's own "Read/Write Files from
 * Disk" node (filesystem binary-data mode) goes to Gong → Call → Create; and an Engage assignment in
 * which Gong refuses one prospect.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { GongStandIn } from '../../test/stand-in/gong-stand-in';
import { flowInstancesOf, flowsOf, prospectsOf } from '../../test/stand-in/routes/flows';
import type { ImportedCredential, WorkflowJson } from './n8n';

export const RECORDING_WORKFLOW = 'gongRecording0001';
export const ASSIGN_WORKFLOW = 'gongAssign000001';

const TRIGGER = 'When clicking ‘Execute workflow’';

/** Where the n8n processes may read files from (N8N_RESTRICT_FILE_ACCESS_TO). */
export function filesDir(root: string): string {
	return path.join(root, 'files');
}

/** Writes a recording of `bytes` (deterministic content) and returns its path and content. */
export async function writeRecording(root: string, bytes: number): Promise<{ file: string; content: Buffer }> {
	const content = Buffer.alloc(bytes);
	for (let i = 0; i < bytes; i++) content[i] = (i * 131 + 17) % 251;
	await mkdir(filesDir(root), { recursive: true });
	const file = path.join(filesDir(root), 'dialer-call-7781.mp3');
	await writeFile(file, content);
	return { file, content };
}

function gongNode(credential: ImportedCredential, name: string, parameters: Record<string, unknown>, x: number) {
	return {
		id: name,
		name,
		type: 'n8n-nodes-gong.gong',
		typeVersion: 1,
		position: [x, 0] as [number, number],
		parameters: { authentication: credential.type === 'gongAccessKeyApi' ? 'accessKey' : 'oAuth2', ...parameters },
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
	};
}

const trigger = {
	id: 'trigger',
	name: TRIGGER,
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0] as [number, number],
	parameters: {},
};

/** Read/Write Files from Disk → Gong: Call → Create with the file as its recording. */
export function recordingWorkflow(
	standIn: GongStandIn,
	credential: ImportedCredential,
	file: string,
	clientUniqueId: string,
): WorkflowJson {
	return {
		name: 'A dialer recording into Gong',
		id: RECORDING_WORKFLOW,
		active: false,
		nodes: [
			trigger,
			{
				id: 'read',
				name: 'Read recording',
				type: 'n8n-nodes-base.readWriteFile',
				typeVersion: 1,
				position: [220, 0],
				parameters: { operation: 'read', fileSelector: file, options: {} },
			},
			gongNode(
				credential,
				'Create call',
				{
					resource: 'call',
					operation: 'create',
					clientUniqueId,
					actualStart: '2026-03-02T15:04:00Z',
					direction: 'Outbound',
					primaryUser: { __rl: true, mode: 'id', value: standIn.users[1]!.id },
					parties: { party: [{ name: 'Pat Prospect', emailAddress: 'pat@prospect.example', mediaChannelId: -1 }] },
					recordingSource: 'binary',
					binaryPropertyName: 'data',
					additionalFields: { title: 'Dialer call 7781' },
				},
				440,
			),
		],
		connections: {
			[TRIGGER]: { main: [[{ node: 'Read recording', type: 'main', index: 0 }]] },
			'Read recording': { main: [[{ node: 'Create call', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** The flow and prospects the assignment uses: two free prospects and a CRM id Gong does not know. */
export function assignTargets(standIn: GongStandIn): { flowId: string; owner: string; crmIds: string[] } {
	const flow = flowsOf(standIn).find((candidate) => candidate.visibility === 'Company' && !candidate.exclusive)!;
	const busy = new Set(flowInstancesOf(standIn).map((instance) => instance.crmProspectId));
	const free = prospectsOf(standIn)
		.filter((prospect) => !busy.has(prospect.crmId))
		.slice(-2);
	return {
		flowId: flow.id,
		owner: standIn.users[1]!.emailAddress,
		crmIds: [free[0]!.crmId, 'not-in-the-crm', free[1]!.crmId],
	};
}

/** Gong: Engage Flow → Assign Prospects of three CRM ids, one of them unknown, failures as output. */
export function assignWorkflow(standIn: GongStandIn, credential: ImportedCredential): WorkflowJson {
	const target = assignTargets(standIn);
	return {
		name: 'Assign prospects to a flow',
		id: ASSIGN_WORKFLOW,
		active: false,
		nodes: [
			trigger,
			gongNode(
				credential,
				'Assign',
				{
					resource: 'engageFlow',
					operation: 'assignProspects',
					flowId: { __rl: true, mode: 'id', value: target.flowId },
					flowOwnerEmail: target.owner,
					crmProspectIds: target.crmIds.join(', '),
					onProspectFailure: 'output',
					options: {},
				},
				220,
			),
		],
		connections: { [TRIGGER]: { main: [[{ node: 'Assign', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}
