import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	authentication,
	callContent,
	gongCredentials,
	organizerFilter,
	timestampsOption,
	workspaceLocator,
} from '../shared/descriptions';
import { listSearch, loadOptions } from '../shared/methods';
import { describeRequests, requestsMadeBy } from '../shared/transport/usage';
import { pollGong } from './poll';
import { assertSupportedHost } from '../shared/helpers/host';

export class GongTrigger implements INodeType {
	// Refuse to load, saying why, on an n8n older than the supported range (helpers/host.ts).
	static {
		assertSupportedHost();
	}

	description: INodeTypeDescription = {
		displayName: 'Gong Trigger',
		name: 'gongTrigger',
		icon: { light: 'file:../Gong/gong.svg', dark: 'file:../Gong/gong.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"] === "transcriptReady" ? "Transcript Ready" : "New Call"}}',
		description: 'Starts the workflow when Gong has a new processed call, or when a call’s transcript is ready',
		defaults: { name: 'Gong Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: gongCredentials(),
		properties: [
			authentication,
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{
						name: 'New Call',
						value: 'newCall',
						description: 'A call has been recorded and processed by Gong',
					},
					{
						name: 'Transcript Ready',
						value: 'transcriptReady',
						description: 'A call’s transcript is available (Gong transcribes minutes after the call)',
					},
				],
				default: 'transcriptReady',
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					organizerFilter,
					{
						displayName: 'Scope',
						name: 'scope',
						type: 'multiOptions',
						options: [
							{ name: 'External', value: 'External', description: 'Calls with people outside the company' },
							{ name: 'Internal', value: 'Internal', description: 'Calls among colleagues only' },
							{ name: 'Unknown', value: 'Unknown' },
						],
						default: [],
						description: 'Only calls of these scopes',
					},
					workspaceLocator,
				],
			},
			callContent,
			{
				displayName: 'Attach Transcript',
				name: 'attachTranscript',
				type: 'options',
				displayOptions: { show: { event: ['transcriptReady'] } },
				options: [
					{ name: 'None', value: 'none' },
					{
						name: 'Plain Text',
						value: 'text',
						description: 'One "Speaker Name: what they said" line per turn, ready for an LLM',
					},
					{
						name: 'Structured',
						value: 'structured',
						description: 'Monologues with speaker details, topic, times and sentences',
					},
				],
				default: 'text',
				description: 'Whether to add the speaker-resolved transcript to each call, as `transcript`',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					timestampsOption,
					{
						displayName: 'Look Back (Hours)',
						name: 'lookbackHours',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 168 },
						default: 6,
						description:
							'How long after its start a call can still show up in Gong (processing takes a while after the call ends). Longer catches late calls; shorter reads less each poll.',
					},
				],
			},
		],
	};

	methods = { listSearch, loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		try {
			return await pollGong.call(this);
		} finally {
			const count = requestsMadeBy(this);
			if (count.requests) this.logger.info(`Gong Trigger poll: ${describeRequests(count)}`);
		}
	}
}
