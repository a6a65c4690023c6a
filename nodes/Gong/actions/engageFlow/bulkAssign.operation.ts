import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { forEachItem, parseEachItem } from '../../../shared/helpers/items';
import { pollUntil } from '../../../shared/helpers/poll';
import { parseEmail, parseGongId } from '../../../shared/helpers/validation';
import {
	BULK_ASSIGN_BATCH,
	getBulkAssignment,
	startBulkAssignment,
	type BulkAssignRequest,
	type GongBulkAssignment,
} from '../../../shared/transport/endpoints';
import { chunks } from '../../../shared/transport/endpoints/common';
import { flowField, instanceOwnerEmail, prospectFailure, prospectOutcome } from './shared';

type Prospect = BulkAssignRequest['prospects'][number];
type Result = NonNullable<GongBulkAssignment['results']>[number];

const PROSPECT_FIELDS = [
	'firstName',
	'lastName',
	'email',
	'jobTitle',
	'linkedInUrl',
	'accountCrmId',
	'companyName',
] as const;

const properties: INodeProperties[] = [
	flowField,
	instanceOwnerEmail,
	{
		displayName: 'Identify Prospect By',
		name: 'identifyBy',
		type: 'options',
		default: 'crmId',
		options: [
			{ name: 'CRM ID', value: 'crmId', description: 'A contact or lead already in the CRM' },
			{
				name: 'Name and Details',
				value: 'details',
				description: 'Gong finds the person in the CRM, or creates a lead',
			},
		],
	},
	{
		displayName: 'CRM ID',
		name: 'crmId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 0031U00001WZRvbQAH',
		displayOptions: { show: { identifyBy: ['crmId'] } },
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { identifyBy: ['details'] } },
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { identifyBy: ['details'] } },
	},
	{
		displayName: 'Prospect Details',
		name: 'details',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { identifyBy: ['details'] } },
		options: [
			{ displayName: 'Account CRM ID', name: 'accountCrmId', type: 'string', default: '' },
			{ displayName: 'Company Name', name: 'companyName', type: 'string', default: '' },
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
			{ displayName: 'Job Title', name: 'jobTitle', type: 'string', default: '' },
			{ displayName: 'LinkedIn URL', name: 'linkedInUrl', type: 'string', default: '' },
		],
	},
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: true,
		description:
			"Whether to wait until Gong has assigned the prospects and output each prospect's result; otherwise output the started bulk assignment",
	},
	{ ...prospectFailure, displayOptions: { show: { waitForCompletion: [true] } } },
	{
		displayName: 'Maximum Wait (Seconds)',
		name: 'maxWaitSeconds',
		type: 'number',
		typeOptions: { minValue: 5 },
		default: 300,
		description: 'How long to wait for Gong before failing with the bulk assignment ID to check later',
		displayOptions: { show: { waitForCompletion: [true] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['engageFlow'], operation: ['bulkAssign'] } },
	properties,
);

interface Wanted {
	flowId: string;
	owner: string;
	prospect: Prospect;
}

function wanted(ctx: IExecuteFunctions, itemIndex: number): Wanted {
	const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
	const prospect: Prospect = {};
	if (ctx.getNodeParameter('identifyBy', itemIndex) === 'crmId') {
		prospect.crmId = text(ctx.getNodeParameter('crmId', itemIndex));
		if (!prospect.crmId) {
			throw new NodeOperationError(ctx.getNode(), '"CRM ID" is empty', {
				itemIndex,
				description: 'Give the CRM ID of the contact or lead, or identify the prospect by name.',
			});
		}
	} else {
		const details: IDataObject = {
			...(ctx.getNodeParameter('details', itemIndex, {}) as IDataObject),
			firstName: ctx.getNodeParameter('firstName', itemIndex),
			lastName: ctx.getNodeParameter('lastName', itemIndex),
		};
		for (const field of PROSPECT_FIELDS) if (text(details[field])) prospect[field] = text(details[field]);
		if (!prospect.firstName || !prospect.lastName) {
			throw new NodeOperationError(ctx.getNode(), 'A prospect identified by name needs a First Name and a Last Name', {
				itemIndex,
			});
		}
		if (prospect.email) prospect.email = parseEmail(ctx, prospect.email, itemIndex, 'Email');
	}
	return {
		flowId: parseGongId(ctx, ctx.getNodeParameter('flowId', itemIndex), itemIndex, 'Flow'),
		owner: parseEmail(ctx, ctx.getNodeParameter('flowOwnerEmail', itemIndex), itemIndex, 'Flow Instance Owner Email'),
		prospect,
	};
}

/** How a result names its prospect: the CRM id, else the email, else the name. */
function keyOf(prospect: Prospect | undefined): string {
	if (!prospect) return '';
	if (prospect.crmId) return `crm:${prospect.crmId}`;
	if (prospect.email) return `email:${prospect.email.toLowerCase()}`;
	return `name:${(prospect.firstName ?? '').toLowerCase()} ${(prospect.lastName ?? '').toLowerCase()}`;
}

const DONE = new Set(['COMPLETED', 'FAILED']);

/** Waits until Gong finishes the bulk assignment, or fails with its id past the maximum wait. */
async function waitFor(
	ctx: IExecuteFunctions,
	started: GongBulkAssignment,
	maxWaitMs: number,
	itemIndex: number,
): Promise<GongBulkAssignment> {
	return await pollUntil(ctx, {
		first: started,
		read: async () => await getBulkAssignment.call(ctx, String(started.id), itemIndex),
		done: (job) => DONE.has(String(job.status)),
		maxWaitMs,
		itemIndex,
		timeout: (job) => ({
			message: `Gong had not finished bulk assignment ${String(job.id)} after ${Math.round(maxWaitMs / 1000)} s (${job.processedCount ?? 0} of ${job.totalCount ?? '?'} prospects processed)`,
			description:
				'It goes on in Gong: do not run this item again, or the prospects are submitted twice. Check the bulk assignment later, or raise "Maximum Wait (Seconds)".',
		}),
	});
}

type Outcome = { ok: true; job: GongBulkAssignment; results: Map<string, Result> } | { ok: false; error: unknown };

/**
 * One prospect per input item, sent 50 per bulk assignment (items with the same flow and owner
 * together). Waiting, one output item per prospect with Gong's result; otherwise one per item with
 * the started assignment.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const parsed = parseEachItem(items, (itemIndex) => wanted(this, itemIndex));
	const groups = new Map<string, number[]>();
	for (const [itemIndex, want] of parsed) {
		const key = `${want.flowId}\n${want.owner}`;
		groups.set(key, [...(groups.get(key) ?? []), itemIndex]);
	}
	const outcomes = new Map<number, Outcome>();
	for (const indexes of groups.values()) {
		for (const batch of chunks(indexes, BULK_ASSIGN_BATCH)) {
			const first = parsed.get(batch[0] as number)!;
			let outcome: Outcome;
			try {
				let job = await startBulkAssignment.call(
					this,
					{
						flowId: first.flowId,
						flowInstanceOwnerEmail: first.owner,
						prospects: batch.map((index) => parsed.get(index)!.prospect),
					},
					batch[0],
				);
				if (this.getNodeParameter('waitForCompletion', batch[0] as number, true) as boolean) {
					const maxWait = (this.getNodeParameter('maxWaitSeconds', batch[0] as number, 300) as number) * 1000;
					job = await waitFor(this, job, maxWait, batch[0] as number);
				}
				const results = new Map<string, Result>();
				for (const result of job.results ?? []) {
					results.set(keyOf(result.prospect), result);
					if (result.crmId && !results.has(`crm:${result.crmId}`)) results.set(`crm:${result.crmId}`, result);
				}
				outcome = { ok: true, job, results };
			} catch (error) {
				outcome = { ok: false, error };
			}
			for (const index of batch) outcomes.set(index, outcome);
		}
	}
	return await forEachItem(this, items, async (itemIndex) => {
		const want = parsed.get(itemIndex) ?? wanted(this, itemIndex);
		const outcome = outcomes.get(itemIndex);
		if (!outcome?.ok) throw outcome?.error ?? new Error('The prospect was not sent');
		const { job } = outcome;
		const summary = { bulkAssignmentId: String(job.id), bulkAssignmentStatus: job.status };
		if (!DONE.has(String(job.status))) return [{ ...summary, prospect: want.prospect, requestId: job.requestId }];
		const result = outcome.results.get(keyOf(want.prospect));
		const row: IDataObject = result
			? {
					...summary,
					assigned: result.status === 'ASSIGNED',
					crmProspectId: result.crmId ?? want.prospect.crmId,
					...result,
				}
			: {
					...summary,
					assigned: false,
					crmProspectId: want.prospect.crmId,
					prospect: want.prospect,
					errorCode: job.status === 'FAILED' ? 'BulkAssignmentFailed' : 'NotReported',
					errorMessage:
						job.status === 'FAILED'
							? 'Gong reports the whole bulk assignment as failed'
							: "Gong's results do not mention this prospect",
				};
		return prospectOutcome(this, itemIndex, [row], want.flowId);
	});
}
