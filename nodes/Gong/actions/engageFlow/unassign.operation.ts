import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { forEachItem, parseEachItem } from '../../../shared/helpers/items';
import { locatorValue, parseEmail, parseGongId, parseRequiredText } from '../../../shared/helpers/validation';
import { UNASSIGN_BATCH, unassignByCrmId, unassignByInstanceIds } from '../../../shared/transport/endpoints';
import { chunks } from '../../../shared/transport/endpoints/common';
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
 * By flow instance ids: all items' ids 200 per request. Gong refuses a whole request for one
 * unknown id (400), so a refused request is sent again item by item and only those items fail.
 */
async function byInstanceIds(ctx: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const parsed = parseEachItem(items, (itemIndex) => ({
		ids: instanceIds(ctx, itemIndex),
		by: actingUser(ctx, itemIndex),
	}));
	const settled = new Map<number, { unassignedFlowInstanceIds: string[]; requestId?: string }>();
	const failed = new Map<number, unknown>();
	const groups = new Map<string, number[]>();
	for (const [itemIndex, want] of parsed) groups.set(want.by ?? '', [...(groups.get(want.by ?? '') ?? []), itemIndex]);
	for (const [by, indexes] of groups) {
		for (const batch of chunks(indexes, UNASSIGN_BATCH)) {
			const ids = batch.flatMap((index) => parsed.get(index)!.ids);
			if (batch.length < 2 || ids.length > UNASSIGN_BATCH) continue;
			try {
				const answer = await unassignByInstanceIds.call(
					ctx,
					{ flowInstanceIds: ids, unassignedByUserEmail: by || undefined },
					batch[0],
				);
				const gone = new Set(answer.unassignedFlowInstanceIds);
				for (const index of batch) {
					const mine = parsed.get(index)!.ids.filter((id) => gone.has(id));
					settled.set(index, { unassignedFlowInstanceIds: mine, requestId: answer.requestId });
				}
			} catch (error) {
				if (!(error instanceof NodeApiError) || error.httpCode !== '400') {
					for (const index of batch) failed.set(index, error);
				}
			}
		}
	}
	return await forEachItem(ctx, items, async (itemIndex) => {
		if (failed.has(itemIndex)) throw failed.get(itemIndex);
		const want = parsed.get(itemIndex) ?? { ids: instanceIds(ctx, itemIndex), by: actingUser(ctx, itemIndex) };
		const answer =
			settled.get(itemIndex) ??
			(await unassignByInstanceIds.call(ctx, { flowInstanceIds: want.ids, unassignedByUserEmail: want.by }, itemIndex));
		return [{ flowInstanceIds: want.ids, ...answer }];
	});
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return this.getNodeParameter('unassignBy', 0) === 'instanceIds'
		? await byInstanceIds(this, items)
		: await byCrmId(this, items);
}
