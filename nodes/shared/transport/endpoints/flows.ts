import type { IDataObject } from 'n8n-workflow';

import type { GongFunctions } from '../index';
import { gongApiCollect, gongApiPage, gongApiRequest } from '../index';
import { anyRecord, identifiedBy } from '../records';
import type { GongBody, GongOk } from '../types';
import { chunks, compact, type GongItem } from './common';

/**
 * Engage flows. Reads [api:flows:read]: GET /v2/flows, /v2/flows/folders; POST /v2/flows/steps,
 * /prospects; GET /v2/flows/prospects/bulk-assignments/{id}. Writes [api:flows:write]: assign,
 * bulk-assign and unassign prospects.
 */

export type GongFlow = GongItem<'listFlows', 'flows'>;
export type GongFlowFolder = GongItem<'listFlowsFolders', 'flows'>;
export type GongFlowWithSteps = GongItem<'getFlowSteps', 'flows'>;
export type GongFlowInstance = GongItem<'getProspectsAssignedFlows', 'prospectsAssigned'>;

/** A "nothing found" for flows (Gong's spec documents none; an empty page is as good). */
const NO_FLOWS = /^No flows found/i;

/** Gong's limit on flow ids per POST /v2/flows/steps. */
export const FLOW_STEPS_BATCH = 20;

/** Company flows plus the owner's personal and shared ones (the query cursor pages them). */
export async function getFlows(
	this: GongFunctions,
	args: { ownerEmail: string; workspaceId?: string; folderId?: string; limit?: number; itemIndex?: number },
): Promise<GongFlow[]> {
	return (await gongApiCollect.call(
		this,
		{
			method: 'GET',
			endpoint: '/v2/flows',
			qs: compact({ flowOwnerEmail: args.ownerEmail, workspaceId: args.workspaceId, folderId: args.folderId }),
			itemIndex: args.itemIndex,
			empty: NO_FLOWS,
		},
		'flows',
		args.limit,
		identifiedBy('id'),
	)) as GongFlow[];
}

/** Flow folders of the company and of one owner (Gong lists them under `flows`). */
export async function getFlowFolders(
	this: GongFunctions,
	args: { ownerEmail: string; workspaceId?: string; limit?: number; itemIndex?: number },
): Promise<GongFlowFolder[]> {
	return (await gongApiCollect.call(
		this,
		{
			method: 'GET',
			endpoint: '/v2/flows/folders',
			qs: compact({ flowFolderOwnerEmail: args.ownerEmail, workspaceId: args.workspaceId }),
			itemIndex: args.itemIndex,
			empty: /^No folders found/i,
		},
		'flows',
		args.limit,
		identifiedBy('id'),
	)) as GongFlowFolder[];
}

/** Flows with their steps, 20 flow ids per request (Gong's maximum), keyed by flow id. */
export async function getFlowSteps(
	this: GongFunctions,
	flowIds: string[],
	itemIndex?: number,
): Promise<Map<string, GongFlowWithSteps>> {
	const byId = new Map<string, GongFlowWithSteps>();
	for (const batch of chunks([...new Set(flowIds)], FLOW_STEPS_BATCH)) {
		const flows = (await gongApiCollect.call(
			this,
			{
				method: 'POST',
				endpoint: '/v2/flows/steps',
				body: { flowIds: batch },
				itemIndex,
				// Gong answers 404 for the whole request when one flow is unknown.
				what: batch.length === 1 ? `Flow ${batch[0]}` : `One of the flows ${batch.join(', ')}`,
			},
			'flows',
			undefined,
			identifiedBy('id'),
		)) as GongFlowWithSteps[];
		for (const flow of flows) byId.set(String(flow.id), flow);
	}
	return byId;
}

/**
 * The flows prospects are in: by CRM prospect ids (open flow instances only) or by flow instance
 * ids (finished ones too), 100 ids per request.
 */
export async function getProspectFlows(
	this: GongFunctions,
	args: { by: 'crmProspectsIds' | 'flowInstanceIds'; ids: string[]; itemIndex?: number },
): Promise<GongFlowInstance[]> {
	const instances: GongFlowInstance[] = [];
	for (const batch of chunks([...new Set(args.ids)])) {
		instances.push(
			...((await gongApiCollect.call(
				this,
				{ method: 'POST', endpoint: '/v2/flows/prospects', body: { [args.by]: batch }, itemIndex: args.itemIndex },
				'prospectsAssigned',
				undefined,
				anyRecord,
			)) as GongFlowInstance[]),
		);
	}
	return instances;
}

/** GET /v2/flows, one page (the flow picker; Gong's cursor is the picker's pagination token). */
export async function getFlowsPage(
	this: GongFunctions,
	ownerEmail: string,
	cursor?: string,
): Promise<{ flows: GongFlow[]; cursor?: string }> {
	const page = await gongApiPage.call(
		this,
		{ method: 'GET', endpoint: '/v2/flows', qs: { flowOwnerEmail: ownerEmail }, empty: NO_FLOWS },
		'flows',
		cursor,
		identifiedBy('id'),
	);
	return { flows: page.records as GongFlow[], cursor: page.cursor };
}

export type AssignRequest = GongBody<'assignProspects'>;
export type AssignAnswer = NonNullable<GongOk<'assignProspects'>>;
export type GongNotAssigned = NonNullable<AssignAnswer['prospectsNotAssigned']>[number] & IDataObject;

/** Gong's limit on CRM ids per assign request. */
export const ASSIGN_BATCH = 100;

/** Clock difference allowed between this machine and Gong when telling new flow instances from old. */
const CLOCK_SLACK_MS = 120_000;

/**
 * POST /v2/flows/prospects/assign: up to 100 prospects into one flow. Gong answers 200 with the
 * prospects it did not assign (per-prospect errors). Not idempotent: after a lost answer, the
 * prospects' flows are read (POST /v2/flows/prospects) — an instance of this flow created since
 * the request means Gong did it (that list is the answer; the others were not assigned), none means
 * it did not (then it is sent again).
 */
export async function assignProspects(
	this: GongFunctions,
	request: AssignRequest,
	itemIndex?: number,
): Promise<{ assigned: GongFlowInstance[]; notAssigned: GongNotAssigned[]; requestId?: string }> {
	const sentAt = Date.now();
	const verify = async () => {
		const instances = await getProspectFlows.call(this, {
			by: 'crmProspectsIds',
			ids: request.crmProspectsIds,
			itemIndex,
		});
		const created = instances.filter(
			(instance) =>
				String(instance.flowId) === request.flowId &&
				Date.parse(String(instance.flowInstanceCreateDate ?? '')) >= sentAt - CLOCK_SLACK_MS,
		);
		if (!created.length) return undefined;
		const assigned = new Set(created.map((instance) => String(instance.crmProspectId)));
		return {
			prospectsAssigned: created,
			prospectsNotAssigned: request.crmProspectsIds
				.filter((id) => !assigned.has(id))
				.map((crmProspectId) => ({
					flowId: request.flowId,
					crmProspectId,
					errorCode: 'UnexpectedError',
					errorMessage:
						"Gong's answer was lost and this prospect has no new instance of the flow: it was not assigned (it may have been in the flow already)",
				})),
		};
	};
	const answer = (await gongApiRequest.call(this, {
		method: 'POST',
		endpoint: '/v2/flows/prospects/assign',
		body: request as unknown as IDataObject,
		itemIndex,
		what: `Flow ${request.flowId}`,
		notIdempotent: {
			check: `the flows of prospects ${request.crmProspectsIds.slice(0, 5).join(', ')}${request.crmProspectsIds.length > 5 ? '…' : ''} (Engage flow ${request.flowId})`,
			verify,
		},
	})) as (AssignAnswer & IDataObject) | null;
	return {
		assigned: (answer?.prospectsAssigned ?? []) as GongFlowInstance[],
		notAssigned: (answer?.prospectsNotAssigned ?? []) as GongNotAssigned[],
		requestId: answer?.requestId,
	};
}

export type BulkAssignRequest = GongBody<'submitFlowProspectsBulkAssignment'>;
export type GongBulkAssignment = NonNullable<GongOk<'getFlowProspectsBulkAssignment'>> & IDataObject;

/** Gong's limit on prospects per bulk assignment. */
export const BULK_ASSIGN_BATCH = 50;

/**
 * POST /v2/flows/prospects/bulk-assignments: starts an asynchronous assignment of up to 50
 * prospects (by CRM id, or by name and email: Gong creates the CRM lead). Gong has no key against
 * repeats and the job's id is in the lost answer, so it is never sent again blindly.
 */
export async function startBulkAssignment(
	this: GongFunctions,
	request: BulkAssignRequest,
	itemIndex?: number,
): Promise<GongBulkAssignment> {
	return (await gongApiRequest.call(this, {
		method: 'POST',
		endpoint: '/v2/flows/prospects/bulk-assignments',
		body: request as unknown as IDataObject,
		itemIndex,
		what: `Flow ${request.flowId}`,
		expect: { id: 'id' },
		notIdempotent: {
			check: `whether these prospects are in Engage flow ${request.flowId} (Engage → Flows → the flow's prospects)`,
		},
	})) as GongBulkAssignment;
}

/** GET /v2/flows/prospects/bulk-assignments/{id}: a bulk assignment's progress and results. */
export async function getBulkAssignment(
	this: GongFunctions,
	id: string,
	itemIndex?: number,
): Promise<GongBulkAssignment> {
	return (await gongApiRequest.call(this, {
		method: 'GET',
		endpoint: `/v2/flows/prospects/bulk-assignments/${encodeURIComponent(id)}`,
		itemIndex,
		what: `Bulk assignment ${id}`,
		expect: { id: 'id' },
	})) as GongBulkAssignment;
}

/**
 * POST /v2/flows/prospects/unassign-flows-by-crm-id: takes one prospect out of one flow or all of
 * them. Repeating it finds nothing left to remove, so it is retried like a read.
 */
export async function unassignByCrmId(
	this: GongFunctions,
	request: GongBody<'unassignProspectFlows'>,
	itemIndex?: number,
): Promise<{ unassignedFlowInstanceIds: string[]; requestId?: string }> {
	const answer = await gongApiRequest.call(this, {
		method: 'POST',
		endpoint: '/v2/flows/prospects/unassign-flows-by-crm-id',
		body: compact(request as unknown as IDataObject),
		itemIndex,
	});
	return { unassignedFlowInstanceIds: idsIn(answer?.unassignedFlowInstanceIds), requestId: answer?.requestId };
}

/** Gong's limit on flow instance ids per unassign request. */
export const UNASSIGN_BATCH = 200;

const OPEN_STATES = new Set(['Pending', 'Running', 'Paused']);

/**
 * POST /v2/flows/prospects/unassign-flows-by-instance-id: up to 200 flow instances. A repeat is
 * refused (400, the instances no longer exist), so after a lost answer the instances are read:
 * none still open means Gong did it.
 */
export async function unassignByInstanceIds(
	this: GongFunctions,
	request: GongBody<'unassignFlows'>,
	itemIndex?: number,
): Promise<{ unassignedFlowInstanceIds: string[]; requestId?: string }> {
	const ids = request.flowInstanceIds;
	const answer = await gongApiRequest.call(this, {
		method: 'POST',
		endpoint: '/v2/flows/prospects/unassign-flows-by-instance-id',
		body: compact(request as unknown as IDataObject),
		itemIndex,
		notIdempotent: {
			check: `flow instances ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? '…' : ''}`,
			verify: async () => {
				const instances = await getProspectFlows.call(this, { by: 'flowInstanceIds', ids, itemIndex });
				const open = instances.filter((instance) => OPEN_STATES.has(String(instance.flowInstanceStatus)));
				return open.length ? undefined : { unassignedFlowInstanceIds: ids };
			},
		},
	});
	return { unassignedFlowInstanceIds: idsIn(answer?.unassignedFlowInstanceIds), requestId: answer?.requestId };
}

function idsIn(value: unknown): string[] {
	return Array.isArray(value) ? value.map(String) : [];
}
