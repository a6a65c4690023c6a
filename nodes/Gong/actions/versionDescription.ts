import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as call from './call/Call.resource';
import { authentication, gongCredentials } from './common.descriptions';
import * as transcript from './transcript/Transcript.resource';
import * as user from './user/User.resource';

/** Everything but icon, subtitle and usableAsTool, which the node class sets where n8n's scanner looks. */
export const versionDescription: Omit<INodeTypeDescription, 'icon' | 'subtitle' | 'usableAsTool'> = {
	displayName: 'Gong',
	name: 'gong',
	group: ['transform'],
	version: 1,
	description: 'Get Gong calls, speaker-resolved transcripts and users',
	defaults: { name: 'Gong' },
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
				{ name: 'Call', value: 'call', description: 'A recorded call or meeting and its content' },
				{ name: 'Transcript', value: 'transcript', description: "What was said on a call, by whom" },
				{ name: 'User', value: 'user', description: 'A person with a Gong seat' },
			],
			default: 'call',
		},
		...call.description,
		...transcript.description,
		...user.description,
	],
};
