import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { batchWrites, forEachItem } from '../../../shared/helpers/items';
import { locatorValue, parseEmail, parseGongId, parseRequiredText } from '../../../shared/helpers/validation';
import { allowAgentField, refuseAgentUnlessAllowed } from '../../../shared/helpers/tool';
import { UNASSIGN_BATCH, unassignByCrmId, unassignByInstanceIds } from '../../../shared/transport/endpoints';
import { flowField } from './shared';

const properties: INodeProperties[] = [
	{
		displayName: 'Unassign By',
		name: 'unassignBy',
		type: 'options',
		noDataExpression: true,
		default: 'crmId',
		options: [
			{
				name: 'CRM Prospect ID',
				value: 'crmId',
				description: 'Take a contact or lead out of one flow, or out of every flow',
			},
			{ name: 'Flow Instance IDs', value: 'instanceIds', description: 'End these flow instances' },
		],
	},
	{
		displayName: 'CRM Prospect ID',
		name: 'crmProspectId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 0031U00001WZRvbQAH',
		displayOptions: { show: { unassignBy: ['crmId'] } },
	},
	{
		displayName: 'From',
		name: 'scope',
		type: 'options',
		default: 'all',
		displayOptions: { show: { unassignBy: ['crmId'] } },
		options: [
			{ name: 'Every Flow', value: 'all' },
			{ name: 'One Flow', value: 'one' },
		],
	},
	{
		...flowField,
		description:
			'The Engage flow to take the prospect out of: pick one (after setting Flow Owner Email) or paste its ID',
		displayOptions: { show: { unassignBy: ['crmId'], scope: ['one'] } },
	},
	{
		displayName: 'Flow Owner Email',
		name: 'flowOwnerEmail',
		type: 'string',
		default: '',
		placeholder: 'e.g. jane@acme.com',
		description: "Only to fill the flow list: whose personal and shared flows to show beside the company's",
		displayOptions: { show: { unassignBy: ['crmId'], scope: ['one'] } },
	},
	{
		displayName: 'Flow Instance IDs',
		name: 'flowInstanceIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 3867130011445328426, 3867130011445328427',
		description: 'Separated by commas (Engage Flow → Get Prospects’ Flows gives them)',
		displayOptions: { show: { unassignBy: ['instanceIds'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Unassigned By (Email)',
				name: 'unassignedByUserEmail',
				type: 'string',
				default: '',
				placeholder: 'e.g. jane@acme.com',
				description: 'The Gong user Gong records as having done it',
			},
		],
	},
	allowAgentField('unassign prospects from Engage flows'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['engageFlow'], operation: ['unassign'] } },
	properties,
);

function actingUser(ctx: IExecuteFunctions, itemIndex: number): string | undefined {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const email = typeof options.unassignedByUserEmail === 'string' ? options.unassignedByUserEmail.trim() : '';
	return email ? parseEmail(ctx, email, itemIndex, 'Unassigned By (Email)') : undefined;
}

function instanceIds(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const raw = ctx.getNodeParameter('flowInstanceIds', itemIndex);
	const ids = (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(','))
		.map((id) => id.trim())
		.filter(Boolean);
	if (!ids.length) {
		throw new NodeOperationError(ctx.getNode(), '"Flow Instance IDs" is empty', {
			itemIndex,
			description: 'Give the IDs of the flow instances to end, separated by commas.',
		});
	}
	return [...new Set(ids.map((id) => parseGongId(ctx, id, itemIndex, 'Flow Instance IDs')))];
}

/** By CRM id: one request per item (Gong takes one prospect). */
async function byCrmId(ctx: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(ctx, items, async (itemIndex) => {
		const crmProspectId = parseRequiredText(
			ctx,
			ctx.getNodeParameter('crmProspectId', itemIndex),
			itemIndex,
			'CRM Prospect ID',
			'Give the CRM ID of the contact or lead.',
		);
		const one = ctx.getNodeParameter('scope', itemIndex, 'all') === 'one';
		const flowId = one
			? parseGongId(ctx, locatorValue(ctx.getNodeParameter('flowId', itemIndex)), itemIndex, 'Flow')
			: undefined;
		const answer = await unassignByCrmId.call(
			ctx,
			{ crmProspectId, flowId, unassignedByUserEmail: actingUser(ctx, itemIndex) },
			itemIndex,
		);
		return [{ crmProspectId, ...(flowId ? { flowId } : {}), ...answer }];
	});
}

/**
 * By flow instance ids: all items' ids 200 per request (items with the same acting user together).
 * Gong refuses a whole request for one unknown id (400), so such a request is sent again item by
 * item and only those items fail.
 */
async function byInstanceIds(ctx: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await batchWrites(ctx, items, {
		parse: (itemIndex) => ({ ids: instanceIds(ctx, itemIndex), by: actingUser(ctx, itemIndex) }),
		group: (want) => want.by ?? '',
		size: UNASSIGN_BATCH,
		fits: (wants) => wants.flatMap((want) => want.ids).length <= UNASSIGN_BATCH,
		send: async (wants, itemIndex) =>
			await unassignByInstanceIds.call(
				ctx,
				{ flowInstanceIds: wants.flatMap((want) => want.ids), unassignedByUserEmail: wants[0]?.by },
				itemIndex,
			),
		shape: (want, answer) => [
			{
				flowInstanceIds: want.ids,
				unassignedFlowInstanceIds: answer.unassignedFlowInstanceIds.filter((id) => want.ids.includes(id)),
				requestId: answer.requestId,
			},
		],
	});
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	refuseAgentUnlessAllowed(this, items, 'Unassigning prospects');
	return this.getNodeParameter('unassignBy', 0) === 'instanceIds'
		? await byInstanceIds(this, items)
		: await byCrmId(this, items);
}
