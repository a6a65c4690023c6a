import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem, parseEachItem } from '../../../shared/helpers/items';
import { parseEmail, parseGongId, parseRequiredText } from '../../../shared/helpers/validation';
import {
	ASSIGN_BATCH,
	assignProspects,
	type AssignRequest,
	type GongFlowInstance,
	type GongNotAssigned,
} from '../../../shared/transport/endpoints';
import { chunks } from '../../../shared/transport/endpoints/common';
import { flowField, instanceOwnerEmail, prospectFailure, prospectOutcome } from './shared';

const properties: INodeProperties[] = [
	flowField,
	instanceOwnerEmail,
	{
		displayName: 'CRM Prospect IDs',
		name: 'crmProspectIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 0031U00001WZRvbQAH',
		description: 'The CRM ID of the contact or lead to assign; several separated by commas',
	},
	prospectFailure,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Description',
				name: 'flowInstanceDescription',
				type: 'string',
				default: '',
				description: 'A note on the flow instance, shown in Gong',
			},
			{
				displayName: 'Ignore Cool-Off Period',
				name: 'coolOffOverride',
				type: 'boolean',
				default: false,
				description: "Whether to assign prospects even if they are in the flow's cool-off period",
			},
			{
				displayName: 'Step Overrides',
				name: 'steps',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				description: 'New subject or body for steps of the flow, for these prospects (Gong beta)',
				options: [
					{
						displayName: 'Step',
						name: 'step',
						values: [
							{
								displayName: 'Step Number',
								name: 'number',
								type: 'number',
								typeOptions: { minValue: 1 },
								default: 1,
							},
							{ displayName: 'Subject', name: 'subject', type: 'string', default: '' },
							{ displayName: 'Body', name: 'body', type: 'string', typeOptions: { rows: 4 }, default: '' },
						],
					},
				],
			},
			{
				displayName: 'Flow Variables',
				name: 'variables',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				description: 'Values of flow variables (Gong beta; they apply to the whole flow)',
				options: [
					{
						displayName: 'Variable',
						name: 'variable',
						values: [
							{ displayName: 'Name', name: 'name', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['engageFlow'], operation: ['assignProspects'] } },
	properties,
);

interface Wanted {
	crmIds: string[];
	/** Everything but the prospects: items with the same settings share requests. */
	request: Omit<AssignRequest, 'crmProspectsIds'>;
}

function wanted(ctx: IExecuteFunctions, itemIndex: number): Wanted {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const crmIds = String(ctx.getNodeParameter('crmProspectIds', itemIndex) ?? '')
		.split(',')
		.map((id) => id.trim())
		.filter(Boolean);
	if (!crmIds.length) {
		parseRequiredText(ctx, '', itemIndex, 'CRM Prospect IDs', 'Give the CRM ID of the contact or lead to assign.');
	}
	const request: Wanted['request'] = {
		flowId: parseGongId(ctx, ctx.getNodeParameter('flowId', itemIndex), itemIndex, 'Flow'),
		flowInstanceOwnerEmail: parseEmail(
			ctx,
			ctx.getNodeParameter('flowOwnerEmail', itemIndex),
			itemIndex,
			'Flow Instance Owner Email',
		),
	};
	const note = typeof options.flowInstanceDescription === 'string' ? options.flowInstanceDescription.trim() : '';
	if (note) request.flowInstanceDescription = note;
	const steps = ((options.steps as IDataObject | undefined)?.step ?? []) as IDataObject[];
	const variables = ((options.variables as IDataObject | undefined)?.variable ?? []) as IDataObject[];
	const overrides: NonNullable<AssignRequest['overrides']> = {};
	if (steps.length) {
		overrides.steps = steps.map((step) => ({
			number: Number(step.number),
			...(step.subject ? { subject: String(step.subject) } : {}),
			...(step.body ? { body: String(step.body) } : {}),
		}));
	}
	const named = variables.filter((variable) => String(variable.name ?? '').trim());
	if (named.length) {
		overrides.flowInstanceVariables = named.map((variable) => ({
			name: String(variable.name).trim(),
			value: String(variable.value ?? ''),
		}));
	}
	if (options.coolOffOverride === true) overrides.coolOffOverride = true;
	if (Object.keys(overrides).length) request.overrides = overrides;
	return { crmIds: [...new Set(crmIds)], request };
}

type Outcome = { ok: true; row: IDataObject } | { ok: false; error: unknown };

/**
 * One output item per prospect. All items' prospects go to Gong 100 per request (items with the
 * same flow, owner and options together); each prospect's outcome goes back to its item.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const parsed = parseEachItem(items, (itemIndex) => wanted(this, itemIndex));
	const groups = new Map<string, { request: Wanted['request']; crmIds: Set<string>; firstItem: number }>();
	for (const [itemIndex, want] of parsed) {
		const key = JSON.stringify(want.request);
		const group = groups.get(key) ?? { request: want.request, crmIds: new Set<string>(), firstItem: itemIndex };
		for (const id of want.crmIds) group.crmIds.add(id);
		groups.set(key, group);
	}
	const outcomes = new Map<string, Outcome>();
	for (const [key, group] of groups) {
		for (const batch of chunks([...group.crmIds], ASSIGN_BATCH)) {
			try {
				const answer = await assignProspects.call(this, { ...group.request, crmProspectsIds: batch }, group.firstItem);
				const byId = new Map<string, Outcome>();
				for (const instance of answer.assigned as GongFlowInstance[]) {
					byId.set(String(instance.crmProspectId), { ok: true, row: { assigned: true, ...instance } });
				}
				for (const failure of answer.notAssigned as GongNotAssigned[]) {
					byId.set(String(failure.crmProspectId), { ok: true, row: { assigned: false, ...failure } });
				}
				for (const id of batch) {
					outcomes.set(
						`${key}\n${id}`,
						byId.get(id) ?? {
							ok: true,
							row: {
								assigned: false,
								crmProspectId: id,
								flowId: group.request.flowId,
								errorCode: 'NotReported',
								errorMessage: 'Gong reported this prospect neither as assigned nor as not assigned',
							},
						},
					);
				}
			} catch (error) {
				for (const id of batch) outcomes.set(`${key}\n${id}`, { ok: false, error });
			}
		}
	}
	return await forEachItem(this, items, async (itemIndex) => {
		const want = parsed.get(itemIndex) ?? wanted(this, itemIndex);
		const key = JSON.stringify(want.request);
		const rows = want.crmIds.map((id) => {
			const outcome = outcomes.get(`${key}\n${id}`);
			if (!outcome?.ok) throw outcome?.error ?? new Error(`Prospect ${id} was not sent`);
			return { crmProspectId: id, ...outcome.row };
		});
		return prospectOutcome(this, itemIndex, rows, want.request.flowId);
	});
}
