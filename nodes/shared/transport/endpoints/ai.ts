import type { GongFunctions, GongRequest } from '../index';
import { gongNotFound, type GongOk } from './common';
import { gongApiRequest } from '../index';

/** Gong's AI on a CRM entity: GET /v2/entities/get-brief, GET /v2/entities/ask-entity. Both spend credits. */

export type GongBriefAnswer = NonNullable<GongOk<'generateBrief'>>;
export type GongAskAnswer = NonNullable<GongOk<'askEntity'>>;

export const CRM_ENTITY_TYPES = ['ACCOUNT', 'CONTACT', 'DEAL', 'LEAD'] as const;
export type CrmEntityType = (typeof CRM_ENTITY_TYPES)[number];

export interface EntityQuery {
	workspaceId: string;
	crmEntityType: CrmEntityType;
	crmEntityId: string;
	timePeriod: string;
	fromDateTime?: string;
	toDateTime?: string;
}

/**
 * Generation takes long: three minutes per request, and one retry at most (after a 5xx or a
 * time-out), because every attempt spends the company's AI credits again.
 */
const AI_REQUEST: Pick<GongRequest, 'timeoutMs' | 'serverRetries'> = { timeoutMs: 180_000, serverRetries: 1 };

function entityQuery(query: EntityQuery): Record<string, string> {
	const qs: Record<string, string> = {
		workspaceId: query.workspaceId,
		crmEntityType: query.crmEntityType,
		crmEntityId: query.crmEntityId,
		timePeriod: query.timePeriod,
	};
	if (query.timePeriod === 'CUSTOM_RANGE') {
		if (query.fromDateTime) qs.fromDateTime = query.fromDateTime;
		if (query.toDateTime) qs.toDateTime = query.toDateTime;
	}
	return qs;
}

/** An AI Briefer brief (by its name) on an account, deal, contact or lead [api:ai-briefer:read]. */
export async function getEntityBrief(
	this: GongFunctions,
	args: EntityQuery & { briefName: string; itemIndex?: number },
): Promise<GongBriefAnswer> {
	const answer = await gongApiRequest.call(this, {
		method: 'GET',
		endpoint: '/v2/entities/get-brief',
		qs: { ...entityQuery(args), briefName: args.briefName },
		itemIndex: args.itemIndex,
		what: `The ${args.crmEntityType.toLowerCase()} ${args.crmEntityId} or the brief "${args.briefName}"`,
		...AI_REQUEST,
	});
	if (!answer) throw gongNotFound(this, `The ${args.crmEntityType.toLowerCase()} ${args.crmEntityId}`, args.itemIndex);
	return answer as GongBriefAnswer;
}

/** Gong's answer to a question about an account, deal, contact or lead [api:ai-ask:read]. */
export async function askAboutEntity(
	this: GongFunctions,
	args: EntityQuery & { question: string; itemIndex?: number },
): Promise<GongAskAnswer> {
	const answer = await gongApiRequest.call(this, {
		method: 'GET',
		endpoint: '/v2/entities/ask-entity',
		qs: { ...entityQuery(args), question: args.question },
		itemIndex: args.itemIndex,
		what: `The ${args.crmEntityType.toLowerCase()} ${args.crmEntityId}`,
		...AI_REQUEST,
	});
	if (!answer) throw gongNotFound(this, `The ${args.crmEntityType.toLowerCase()} ${args.crmEntityId}`, args.itemIndex);
	return answer as GongAskAnswer;
}
