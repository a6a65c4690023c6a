import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as call from './actions/call/Call.resource';
import { authentication, gongCredentials } from '../shared/descriptions';
import { router } from './actions/router';
import * as transcript from './actions/transcript/Transcript.resource';
import * as user from './actions/user/User.resource';
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
		description: 'Get Gong calls, speaker-resolved transcripts and users',
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
					{ name: 'Call', value: 'call', description: 'A recorded call or meeting and its content' },
					{ name: 'Transcript', value: 'transcript', description: 'What was said on a call, by whom' },
					{ name: 'User', value: 'user', description: 'A person with a Gong seat' },
				],
				default: 'call',
			},
			...call.description,
			...transcript.description,
			...user.description,
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
