import { createHash, randomUUID } from 'crypto';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { pollUntil } from '../../../shared/helpers/poll';
import { invalid, locatorValue, textOf } from '../../../shared/helpers/validation';
import {
	CRM_OBJECT_TYPES,
	getCrmRequestStatus,
	type GongCrmRequestStatus,
} from '../../../shared/transport/endpoints/crm';

const INT64_MAX = '9223372036854775807';
const CLIENT_REQUEST_ID = /^[A-Za-z0-9_-]+$/;

export const integrationField: INodeProperties = {
	displayName: 'Integration',
	name: 'integrationId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		"The company's generic CRM integration (CRM → Register Integration returns its ID). The ID has up to 19 digits: map it as text, since a number loses its last digits.",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select the integration...',
			typeOptions: { searchListMethod: 'searchCrmIntegrations' },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 5517027188234205706',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*\\d{1,19}\\s*$',
						errorMessage: 'An integration ID is a number of up to 19 digits',
					},
				},
			],
		},
	],
};

const OBJECT_TYPE_NAMES: Record<string, string> = {
	ACCOUNT: 'Account',
	BUSINESS_USER: 'Business User',
	CONTACT: 'Contact',
	DEAL: 'Deal',
	LEAD: 'Lead',
	STAGE: 'Stage',
};

/** The object types with a schema. */
export const objectTypeField: INodeProperties = {
	displayName: 'Object Type',
	name: 'objectType',
	type: 'options',
	default: 'ACCOUNT',
	options: CRM_OBJECT_TYPES.map((value) => ({ name: OBJECT_TYPE_NAMES[value], value })),
};

export const clientRequestIdOption: INodeProperties = {
	displayName: 'Client Request ID',
	name: 'clientRequestId',
	type: 'string',
	default: '',
	placeholder: 'e.g. accounts-2026-03-02',
	description:
		'Gong refuses a second request with the same ID, so a retry cannot do it twice. Letters, digits, dashes and underscores. Empty: one is made from the execution, node, run and item (the same when n8n retries this node) and output.',
};

export const waitFields: INodeProperties[] = [
	{
		displayName: 'Wait for Processing',
		name: 'waitForProcessing',
		type: 'boolean',
		default: true,
		description:
			'Whether to wait until Gong has processed the file and output its result (counts and each failed line); otherwise output as soon as Gong has accepted the file, with the Client Request ID for CRM → Get Request Status',
	},
	{
		displayName: 'When Lines Fail',
		name: 'onLineFailure',
		type: 'options',
		default: 'error',
		displayOptions: { show: { waitForProcessing: [true] } },
		description: 'Gong processes the lines one by one and reports those it could not (up to 20, with line numbers)',
		options: [
			{
				name: 'Fail the Item',
				value: 'error',
				description: 'The item fails naming the first failed lines (with Continue On Fail: an error item)',
			},
			{
				name: 'Output Them',
				value: 'output',
				description: "Output Gong's status with the failed lines in `errors`",
			},
		],
	},
	{
		displayName: 'Maximum Wait (Seconds)',
		name: 'maxWaitSeconds',
		type: 'number',
		typeOptions: { minValue: 5 },
		default: 300,
		displayOptions: { show: { waitForProcessing: [true] } },
		description: 'How long to wait for Gong before failing with the Client Request ID to check later',
	},
];

/**
 * An integration ID as text. An int64 beyond 2^53 that reached the node as a number has lost its
 * last digits already: refused rather than sent as some other integration's ID.
 */
export function parseIntegrationId(ctx: IExecuteFunctions, raw: unknown, itemIndex: number): string {
	const value = locatorValue(raw);
	if (typeof value === 'number' && !Number.isSafeInteger(value)) {
		throw invalid(
			ctx,
			itemIndex,
			`The integration ID reached this node as a number (${String(value)}), which cannot hold all its digits`,
			'Integration IDs have up to 19 digits; as a number their last digits change. Map it as text: this node outputs it as text, so keep it so (no Number(), no arithmetic), or paste it.',
		);
	}
	const text = String(value ?? '').trim();
	if (!/^\d{1,19}$/.test(text) || (text.length === 19 && text > INT64_MAX)) {
		throw invalid(
			ctx,
			itemIndex,
			text ? `"${text.slice(0, 40)}" in "Integration" is not a CRM integration ID` : '"Integration" is empty',
			'Pick the integration from the list, or give its ID (up to 19 digits) from CRM → Get Integrations.',
		);
	}
	return text.replace(/^0+(?=\d)/, '');
}

/**
 * The ID Gong deduplicates an asynchronous request by. Made from the execution, the node, its run
 * and the item when the user gives none: n8n's Retry On Fail reuses it, a new execution or a new
 * run of the node in a loop gets another.
 */
export function clientRequestIdFor(
	ctx: IExecuteFunctions,
	raw: unknown,
	itemIndex: number,
): { clientRequestId: string; generated: boolean } {
	const given = textOf(raw);
	if (given) {
		if (!CLIENT_REQUEST_ID.test(given)) {
			throw invalid(
				ctx,
				itemIndex,
				`"${given.slice(0, 60)}" in "Client Request ID" has characters Gong does not take`,
				'Use only letters, digits, dashes (-) and underscores (_), or leave it empty to have one made.',
			);
		}
		return { clientRequestId: given, generated: false };
	}
	const execution = (ctx.getExecutionId() || randomUUID()).replace(/[^A-Za-z0-9_-]/g, '_');
	const node = createHash('sha256').update(ctx.getNode().name).digest('hex').slice(0, 10);
	const run: unknown = ctx.getWorkflowDataProxy(itemIndex).$runIndex;
	return {
		clientRequestId: `n8n-${execution}-${node}-${typeof run === 'number' ? run : 0}-${itemIndex}`,
		generated: true,
	};
}

/** What to do when Gong says the Client Request ID was used before. */
export function reuseAdvice(generated: boolean): string {
	return generated
		? 'The ID was made from this execution, node, run and item, so an earlier attempt of this same run most likely got through: check it with CRM → Get Request Status. To send it again anyway, set Options → Client Request ID to a new value.'
		: 'Set Options → Client Request ID to a new value (or leave it empty to have one made), or check the earlier request with CRM → Get Request Status.';
}

const FINAL = new Set(['DONE', 'FAILED']);

/** Reads request-status until Gong is done (2 s, growing to 10 s between reads) or the wait runs out. */
export async function waitForCrmRequest(
	ctx: IExecuteFunctions,
	args: { integrationId: string; clientRequestId: string; what: string },
	maxWaitMs: number,
	itemIndex: number,
): Promise<GongCrmRequestStatus> {
	const request = { integrationId: args.integrationId, clientRequestId: args.clientRequestId };
	const read = async () => await getCrmRequestStatus.call(ctx, request, itemIndex);
	return await pollUntil(ctx, {
		first: await read(),
		read,
		done: (status) => FINAL.has(String(status.status)),
		maxWaitMs,
		timeout: (last) => ({
			message: `Gong had not finished ${args.what} after ${Math.round(maxWaitMs / 1000)} s (status ${String(last.status)})`,
			description: `Gong accepted it and goes on processing it. Check it later with CRM → Get Request Status (Client Request ID "${args.clientRequestId}", integration ${args.integrationId}), or raise "Maximum Wait (Seconds)".`,
		}),
		itemIndex,
	});
}

export const objectTypeName = (objectType: string): string => OBJECT_TYPE_NAMES[objectType] ?? objectType;
