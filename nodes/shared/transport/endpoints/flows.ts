import type { GongFunctions } from '../index';
import { gongApiCollect, gongApiPage } from '../index';
import { anyRecord, identifiedBy } from '../records';
import { chunks, compact, type GongItem } from './common';

/** Engage flows [api:flows:read]: GET /v2/flows, /v2/flows/folders; POST /v2/flows/steps, /prospects. */

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
