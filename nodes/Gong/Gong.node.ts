import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authentication, gongCredentials } from '../shared/descriptions';
import { router } from './actions/router';
import { resources } from './actions/resources';
import { toolDescriptionProperties } from './actions/toolDescriptions';
import { listSearch, loadOptions } from '../shared/methods';
import { assertSupportedHost } from '../shared/helpers/host';

// The description lives in the node file: n8n's verification scanner checks a node description
// only in a file named like the node (*.node.ts).
export class Gong implements INodeType {
	// Refuse to load, saying why, on an n8n older than the supported range (helpers/host.ts).
	static {
		assertSupportedHost();
	}

	description: INodeTypeDescription = {
		displayName: 'Gong',
		name: 'gong',
		icon: { light: 'file:gong.svg', dark: 'file:gong.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Read Gong: calls, speaker-resolved transcripts, users, scorecards, stats, library, Engage flows, audit logs and AI briefs',
		defaults: { name: 'Gong' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: gongCredentials(),
		properties: [
			authentication,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'AI',
						value: 'ai',
						description: 'Gong’s AI on a CRM account, deal, contact or lead (spends credits)',
					},
					{ name: 'Audit Log', value: 'auditLog', description: 'Sign-ins, user activity, call plays and shares' },
					{ name: 'Call', value: 'call', description: 'A recorded call or meeting and its content' },
					{ name: 'Coaching', value: 'coaching', description: "A manager's direct reports' coaching metrics" },
					{ name: 'CRM', value: 'crm', description: "Gong's generic CRM integration: schema and records" },
					{ name: 'Data Privacy', value: 'dataPrivacy', description: 'What Gong holds about a person, and erasing it' },
					{
						name: 'Digital Interaction',
						value: 'digitalInteraction',
						description: "A prospect's activity on your web pages or content",
					},
					{ name: 'Engage Flow', value: 'engageFlow', description: 'Gong Engage sequences and the prospects in them' },
					{ name: 'Library', value: 'library', description: 'Library folders and the calls saved in them' },
					{ name: 'Meeting', value: 'meeting', description: 'A scheduled meeting Gong records (limited release)' },
					{ name: 'Permission Profile', value: 'permissionProfile', description: 'What users may see and do' },
					{ name: 'Scorecard', value: 'scorecard', description: 'Scorecard definitions and filled-in scorecards' },
					{ name: 'Stat', value: 'stats', description: 'User activity, day-by-day activity and interaction stats' },
					{ name: 'Task', value: 'task', description: 'Gong Engage tasks' },
					{ name: 'Tracker', value: 'tracker', description: 'Keyword trackers' },
					{ name: 'Transcript', value: 'transcript', description: 'What was said on a call, by whom' },
					{ name: 'User', value: 'user', description: 'A person with a Gong seat' },
					{ name: 'Workspace', value: 'workspace', description: 'A Gong workspace' },
				],
				default: 'call',
			},
			...Object.values(resources).flatMap((resource) => resource.description),
			...toolDescriptionProperties,
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
