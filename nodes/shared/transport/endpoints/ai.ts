import type { GongResponse } from '../../helpers/interfaces';
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

/** One AI request about an entity: a 404 names the entity (and what else the request named). */
async function entityAnswer(
	ctx: GongFunctions,
	endpoint: string,
	query: EntityQuery & { itemIndex?: number },
	asked: Record<string, string>,
	what: string,
): Promise<GongResponse> {
	const answer = await gongApiRequest.call(ctx, {
		method: 'GET',
		endpoint,
		qs: { ...entityQuery(query), ...asked },
		itemIndex: query.itemIndex,
		what,
		...AI_REQUEST,
	});
	if (!answer) throw gongNotFound(ctx, entityName(query), query.itemIndex);
	return answer;
}

const entityName = (query: EntityQuery): string => `The ${query.crmEntityType.toLowerCase()} ${query.crmEntityId}`;

/** An AI Briefer brief (by its name) on an account, deal, contact or lead [api:ai-briefer:read]. */
export async function getEntityBrief(
	this: GongFunctions,
	args: EntityQuery & { briefName: string; itemIndex?: number },
): Promise<GongBriefAnswer> {
	const what = `${entityName(args)} or the brief "${args.briefName}"`;
	return (await entityAnswer(
		this,
		'/v2/entities/get-brief',
		args,
		{ briefName: args.briefName },
		what,
	)) as GongBriefAnswer;
}

/** Gong's answer to a question about an account, deal, contact or lead [api:ai-ask:read]. */
export async function askAboutEntity(
	this: GongFunctions,
	args: EntityQuery & { question: string; itemIndex?: number },
): Promise<GongAskAnswer> {
	const asked = { question: args.question };
	return (await entityAnswer(this, '/v2/entities/ask-entity', args, asked, entityName(args))) as GongAskAnswer;
}
