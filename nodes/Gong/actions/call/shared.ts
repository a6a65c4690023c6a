import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SUMMARY_CONTENT, type CallContentOption } from '../../../shared/helpers/content';

/** Whether Output is the summary (the default when the node runs as an AI agent's tool). */
export function summarized(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return ctx.getNodeParameter('callOutput', itemIndex, 'full') === 'summary';
}

/** The content to fetch with each call: the summary's, or the user's choice. */
export function includeOf(ctx: IExecuteFunctions, itemIndex: number): CallContentOption[] {
	if (summarized(ctx, itemIndex)) return SUMMARY_CONTENT;
	return ctx.getNodeParameter('include', itemIndex, []) as CallContentOption[];
}

export const binaryPropertyField: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	hint: 'The name of the input binary field containing the recording',
	description: 'WAV, MP3, MP4, MKV or FLAC, up to 1.5 GB; its file name and type are sent with it',
};

export const accessUsersField: INodeProperties = {
	displayName: 'User Names or IDs',
	name: 'userIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getUsers' },
	required: true,
	default: [],
	description:
		'The Gong users. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};
