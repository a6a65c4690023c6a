/**
 * AI on CRM entities: GET /v2/entities/get-brief [api:ai-briefer:read] and GET
 * /v2/entities/ask-entity [api:ai-ask:read]. Both are GETs with query parameters (any other method:
 * 405 ["Method Not Allowed"], as live Gong answers a POST), both spend credits: after
 * setAiCredits(gong, n), answers beyond the n-th successful one are 402 ["Payment Required"].
 * get-brief knows the briefs GET /v2/settings/briefs lists (briefsOf in routes/settings.ts).
 * Answers are built from gong.calls whose CRM context (or parties, for contacts/leads) match the entity.
 */
import type express from 'express';
import type { Request, Response } from 'express';
import { DateTime } from 'luxon';

import { mulberry32 } from '../data';
import type { GongStandIn } from '../gong-stand-in';
import { HttpError, bad, isBlank, queryString } from '../http';
import type { StandInCall } from '../types';
import { isoTime, prospectsOf } from './flows';
import { briefsOf } from './settings';

export const CRM_ENTITY_TYPES = ['ACCOUNT', 'CONTACT', 'DEAL', 'LEAD'] as const;
export type CrmEntityType = (typeof CRM_ENTITY_TYPES)[number];

export const AI_TIME_PERIODS = [
	'LAST_7DAYS',
	'LAST_30DAYS',
	'LAST_90DAYS',
	'LAST_90_DAYS_SINCE_LAST_ACTIVITY',
	'LAST_YEAR_SINCE_LAST_ACTIVITY',
	'LAST_YEAR',
	'THIS_WEEK',
	'THIS_MONTH',
	'THIS_YEAR',
	'THIS_QUARTER',
	'CUSTOM_RANGE',
	'ALL_CONVERSATIONS',
] as const;
export type AiTimePeriod = (typeof AI_TIME_PERIODS)[number];

/** The calls' Gong-side "searched" caps, per Gong's docs for ask-entity. */
const MAX_CALLS_SEARCHED = 60;
const MAX_EMAILS_SEARCHED = 500;

/** A CRM entity the stand-in can brief on, derived from the calls' CRM context and the prospects. */
export interface StandInAiEntity {
	crmEntityType: CrmEntityType;
	crmEntityId: string;
	name: string;
}

interface AiState {
	limit: number;
	used: number;
}

const store = new WeakMap<GongStandIn, AiState>();

function state(gong: GongStandIn): AiState {
	let s = store.get(gong);
	if (!s) {
		s = { limit: Number.POSITIVE_INFINITY, used: 0 };
		store.set(gong, s);
	}
	return s;
}

/**
 * Grants `n` AI credits from now on (the count of answers so far is reset): the (n+1)-th request
 * that would succeed answers 402 ["Payment Required"]. Infinity (the default) = unlimited.
 */
export function setAiCredits(gong: GongStandIn, n: number): void {
	if (Number.isNaN(n) || n < 0) throw new Error('setAiCredits(): n must be >= 0');
	const s = state(gong);
	s.limit = n;
	s.used = 0;
}

/** Credits granted, spent (successful answers since the last setAiCredits) and left. */
export function aiCreditsOf(gong: GongStandIn): { limit: number; used: number; remaining: number } {
	const s = state(gong);
	return { limit: s.limit, used: s.used, remaining: Math.max(0, s.limit - s.used) };
}

interface EntityMatch {
	name: string;
	calls: StandInCall[];
	/** An entity the stand-in does not know still answers 200, with nothing found. */
	known: boolean;
}

function contextObjects(call: StandInCall): { objectType: string; objectId: string; name: string | undefined }[] {
	return call.context.flatMap((system) =>
		system.objects.map((o) => {
			const name = o.fields.find((f) => f.name === 'Name')?.value;
			return { objectType: o.objectType, objectId: o.objectId, name: typeof name === 'string' ? name : undefined };
		}),
	);
}

/** Accounts and deals from the calls' Salesforce context, contacts and leads from the prospects. */
export function aiEntitiesOf(gong: GongStandIn): StandInAiEntity[] {
	const out: StandInAiEntity[] = [];
	const seen = new Set<string>();
	for (const call of gong.calls) {
		for (const o of contextObjects(call)) {
			const type: CrmEntityType | undefined =
				o.objectType === 'Account' ? 'ACCOUNT' : o.objectType === 'Opportunity' ? 'DEAL' : undefined;
			if (!type || seen.has(o.objectId)) continue;
			seen.add(o.objectId);
			out.push({ crmEntityType: type, crmEntityId: o.objectId, name: o.name ?? o.objectId });
		}
	}
	for (const p of prospectsOf(gong)) {
		out.push({ crmEntityType: p.type, crmEntityId: p.crmId, name: `${p.firstName} ${p.lastName}`.trim() });
	}
	return out;
}

function matchEntity(gong: GongStandIn, type: CrmEntityType, id: string): EntityMatch {
	if (type === 'ACCOUNT' || type === 'DEAL') {
		const objectType = type === 'ACCOUNT' ? 'Account' : 'Opportunity';
		let name: string | undefined;
		for (const call of gong.calls) {
			name = contextObjects(call).find((o) => o.objectType === objectType && o.objectId === id)?.name;
			if (name) break;
		}
		if (!name && type === 'ACCOUNT') name = prospectsOf(gong).find((p) => p.accountCrmId === id)?.companyName;
		if (!name) return { name: id, calls: [], known: false };
		// The same company (or deal) across calls, by its CRM name.
		const calls = gong.calls.filter((c) =>
			contextObjects(c).some((o) => o.objectType === objectType && o.name === name),
		);
		return { name, calls, known: true };
	}
	const prospect = prospectsOf(gong).find((p) => p.crmId === id && p.type === type);
	if (!prospect) return { name: id, calls: [], known: false };
	const email = prospect.emailAddress.toLowerCase();
	return {
		name: `${prospect.firstName} ${prospect.lastName}`.trim(),
		calls: gong.calls.filter((c) => c.parties.some((p) => p.emailAddress?.toLowerCase() === email)),
		known: true,
	};
}

interface Period {
	from?: number;
	to?: number;
}

function periodOf(
	period: AiTimePeriod,
	from: number | undefined,
	to: number | undefined,
	calls: StandInCall[],
): Period {
	const now = DateTime.utc();
	const last = calls.reduce((max, c) => Math.max(max, Date.parse(c.metaData.started)), Number.NEGATIVE_INFINITY);
	const lastActivity = Number.isFinite(last) ? DateTime.fromMillis(last, { zone: 'utc' }) : now;
	switch (period) {
		case 'LAST_7DAYS':
			return { from: now.minus({ days: 7 }).toMillis() };
		case 'LAST_30DAYS':
			return { from: now.minus({ days: 30 }).toMillis() };
		case 'LAST_90DAYS':
			return { from: now.minus({ days: 90 }).toMillis() };
		case 'LAST_YEAR':
			return { from: now.minus({ years: 1 }).toMillis() };
		case 'LAST_90_DAYS_SINCE_LAST_ACTIVITY':
			return { from: lastActivity.minus({ days: 90 }).toMillis() };
		case 'LAST_YEAR_SINCE_LAST_ACTIVITY':
			return { from: lastActivity.minus({ years: 1 }).toMillis() };
		case 'THIS_WEEK':
			return { from: now.startOf('week').toMillis() };
		case 'THIS_MONTH':
			return { from: now.startOf('month').toMillis() };
		case 'THIS_QUARTER':
			return { from: now.startOf('quarter').toMillis() };
		case 'THIS_YEAR':
			return { from: now.startOf('year').toMillis() };
		case 'CUSTOM_RANGE':
			return { from, to };
		case 'ALL_CONVERSATIONS':
			return {};
	}
}

interface AiRequest {
	workspaceId: string;
	crmEntityType: CrmEntityType;
	crmEntityId: string;
	timePeriod: AiTimePeriod;
	from?: number;
	to?: number;
}

function parseCommon(gong: GongStandIn, req: Request): AiRequest {
	const workspaceText = queryString(req.query.workspaceId);
	if (isBlank(workspaceText) || workspaceText === undefined) throw bad('workspaceId is required');
	const workspaceId = gong.parseWorkspaceId(workspaceText) ?? '';
	const crmEntityType = queryString(req.query.crmEntityType);
	if (isBlank(crmEntityType) || crmEntityType === undefined) throw bad('crmEntityType is required');
	if (!(CRM_ENTITY_TYPES as readonly string[]).includes(crmEntityType)) {
		throw bad(`crmEntityType must be one of ${CRM_ENTITY_TYPES.join(', ')}, got ${JSON.stringify(crmEntityType)}`);
	}
	const crmEntityId = queryString(req.query.crmEntityId)?.trim();
	if (!crmEntityId) throw bad('crmEntityId is required');
	const timePeriod = queryString(req.query.timePeriod);
	if (isBlank(timePeriod) || timePeriod === undefined) throw bad('timePeriod is required');
	if (!(AI_TIME_PERIODS as readonly string[]).includes(timePeriod)) {
		throw bad(`timePeriod must be one of ${AI_TIME_PERIODS.join(', ')}, got ${JSON.stringify(timePeriod)}`);
	}
	const from = gong.parseDate(queryString(req.query.fromDateTime), 'fromDateTime');
	const to = gong.parseDate(queryString(req.query.toDateTime), 'toDateTime');
	if (timePeriod === 'CUSTOM_RANGE' && from === undefined) {
		throw bad('fromDateTime is required when timePeriod is CUSTOM_RANGE');
	}
	if (timePeriod === 'CUSTOM_RANGE' && from !== undefined && to !== undefined && to <= from) {
		throw bad('fromDateTime must be before toDateTime');
	}
	return {
		workspaceId,
		crmEntityType: crmEntityType as CrmEntityType,
		crmEntityId,
		timePeriod: timePeriod as AiTimePeriod,
		from,
		to,
	};
}

/** After validation: 404 for an unknown workspace (well-formed id, not one of gong.workspaces). */
function admit(gong: GongStandIn, request: AiRequest): void {
	if (!gong.workspaces.some((w) => w.id === request.workspaceId)) throw new HttpError(404, ['Workspace not found']);
}

function spendCredit(gong: GongStandIn): void {
	const s = state(gong);
	if (s.used >= s.limit) throw new HttpError(402, ['Payment Required']);
	s.used++;
}

function seedOf(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

interface Evidence {
	name: string;
	known: boolean;
	calls: StandInCall[];
	emails: { id: string; title: string; sentDateTime: string }[];
	emailCount: number;
}

function gather(gong: GongStandIn, request: AiRequest): Evidence {
	const match = matchEntity(gong, request.crmEntityType, request.crmEntityId);
	const inWorkspace = match.calls.filter((c) => c.metaData.workspaceId === request.workspaceId);
	const period = periodOf(request.timePeriod, request.from, request.to, inWorkspace);
	const calls = inWorkspace
		.filter((c) => {
			const ms = Date.parse(c.metaData.started);
			return (period.from === undefined || ms >= period.from) && (period.to === undefined || ms < period.to);
		})
		.sort((a, b) => Date.parse(b.metaData.started) - Date.parse(a.metaData.started))
		.slice(0, MAX_CALLS_SEARCHED);
	const rng = mulberry32(seedOf(`${request.crmEntityType}:${request.crmEntityId}`));
	const emailCount = match.known && calls.length ? Math.min(MAX_EMAILS_SEARCHED, 2 + Math.floor(rng() * 40)) : 0;
	const emails = [];
	const latest = calls[0] ? Date.parse(calls[0].metaData.started) : Date.now();
	for (let i = 0; i < Math.min(emailCount, 3); i++) {
		let id = '';
		while (id.length < 32) id += 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(rng() * 36)];
		emails.push({
			id,
			title: ['Re: Pilot scope', 'Pricing proposal', 'Next steps after our call'][i] ?? 'Follow-up',
			sentDateTime: isoTime(latest + (i + 1) * 3_600_000 * 5),
		});
	}
	return { name: match.name, known: match.known, calls, emails, emailCount };
}

function callInfo(call: StandInCall): Record<string, unknown> {
	return {
		call: { id: call.metaData.id, title: call.metaData.title, started: call.metaData.started, url: call.metaData.url },
	};
}

type SectionType = 'Conversations' | 'Web' | 'CrmOrGongData' | 'McpConnection';

const BRIEF_SECTIONS: Record<string, [string, SectionType][]> = {
	'Account overview': [
		['Summary', 'Conversations'],
		['Key stakeholders', 'Conversations'],
		['Company news', 'Web'],
		['CRM snapshot', 'CrmOrGongData'],
	],
	'Deal risks': [
		['Deal status', 'Conversations'],
		['Risks', 'Conversations'],
		['Next steps', 'Conversations'],
		['CRM snapshot', 'CrmOrGongData'],
	],
	'Renewal prep (draft)': [
		['Last conversation', 'Conversations'],
		['Recent news', 'Web'],
		['Support tickets', 'McpConnection'],
	],
};

function section(title: string, type: SectionType, evidence: Evidence): Record<string, unknown> {
	const { calls, name } = evidence;
	switch (type) {
		case 'Conversations':
			return {
				title,
				briefSectionType: type,
				sectionSummary: calls.length
					? [
							`${calls.length} conversation${calls.length === 1 ? '' : 's'} with ${name} in the selected period.`,
							...calls
								.slice(0, 3)
								.map(
									(c) =>
										`${c.metaData.title} (${c.metaData.started.slice(0, 10)}): ${c.content.brief.split('. ')[0] ?? ''}`,
								),
						]
					: [`No conversations with ${name} were found in the selected period.`],
				conversationFindings: {
					callFindings: calls.slice(0, 3).map(callInfo),
					emailFindings: evidence.emails.length ? [{ emails: evidence.emails }] : [],
				},
			};
		case 'Web': {
			const slug = name
				.toLowerCase()
				.replace(/[^a-z0-9]+/g, '-')
				.replace(/^-|-$/g, '');
			return {
				title,
				briefSectionType: type,
				sectionSummary: [`${name} announced an expansion of its production capacity this year.`],
				webFindings: [
					{
						domain: 'news.example.com',
						title: `${name} expands operations`,
						url: `https://news.example.com/${slug || 'company'}-expands-operations`,
					},
				],
			};
		}
		case 'CrmOrGongData': {
			const fields = calls[0]?.context.flatMap((s) => s.objects.flatMap((o) => o.fields)) ?? [];
			const summary = fields
				.filter((f) => ['StageName', 'Amount', 'Industry', 'NumberOfEmployees'].includes(f.name))
				.map((f) => `${f.name}: ${String(f.value)}`);
			return {
				title,
				briefSectionType: type,
				sectionSummary: summary.length ? summary : [`No CRM data found for ${name}.`],
			};
		}
		case 'McpConnection':
			return {
				title,
				briefSectionType: type,
				sectionSummary: [],
				mcpResult: {
					connections: [{ name: 'Zendesk', status: 'NOT_CONNECTED' }],
					servers: [],
					mcpStatus: 'CONNECTION_ERROR',
					errorMessage: 'The MCP connection Zendesk is not connected',
				},
			};
	}
}

function getBrief(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:ai-briefer:read')) return;
	const request = parseCommon(gong, req);
	const briefName = queryString(req.query.briefName)?.trim();
	if (!briefName) throw bad('briefName is required');
	admit(gong, request);
	// The briefs GET /v2/settings/briefs lists (routes/settings.ts), by exact name, in that workspace.
	if (!briefsOf(gong).some((b) => b.briefName === briefName && b.workspaceId === request.workspaceId)) {
		throw new HttpError(404, ['Brief not found']);
	}
	spendCredit(gong);
	const evidence = gather(gong, request);
	const sections = BRIEF_SECTIONS[briefName] ?? [
		['Summary', 'Conversations'],
		['CRM snapshot', 'CrmOrGongData'],
	];
	gong.send(req, res, 200, {
		numOfCallsSearched: evidence.calls.length,
		numOfEmailsSearched: evidence.emailCount,
		briefSections: sections.map(([title, type]) => section(title, type, evidence)),
	});
}

function askEntity(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:ai-ask:read')) return;
	const request = parseCommon(gong, req);
	const question = queryString(req.query.question)?.trim();
	if (!question) throw bad('question is required');
	admit(gong, request);
	spendCredit(gong);
	const evidence = gather(gong, request);
	const { calls, name } = evidence;
	const answerItems = calls.length
		? [
				`Based on ${calls.length} call${calls.length === 1 ? '' : 's'} and ${evidence.emailCount} email${evidence.emailCount === 1 ? '' : 's'} with ${name}:`,
				`The most recent conversation was "${calls[0]?.metaData.title ?? ''}" on ${calls[0]?.metaData.started.slice(0, 10) ?? ''}.`,
				`Regarding "${question}": ${calls[0]?.content.brief.split('. ')[0] ?? ''}.`,
			]
		: [`I could not find any calls or emails with ${name} in the selected time period to answer "${question}".`];
	gong.send(req, res, 200, {
		numOfCallsSearched: calls.length,
		numOfEmailsSearched: evidence.emailCount,
		answer: [
			{
				answerItems,
				callFindings: calls.slice(0, 3).map(callInfo),
				emailFindings: evidence.emails.length ? [{ emails: evidence.emails }] : [],
			},
		],
	});
}

function methodNotAllowed(gong: GongStandIn, req: Request, res: Response): void {
	gong.fail(req, res, 405, ['Method Not Allowed'], { Allow: 'GET' });
}

export function register(app: express.Express, gong: GongStandIn): void {
	app.get('/v2/entities/get-brief', (req, res) => getBrief(gong, req, res));
	app.get('/v2/entities/ask-entity', (req, res) => askEntity(gong, req, res));
	// Both are GETs: live Gong answers a POST (a connector sending a JSON body) with 405.
	app.all('/v2/entities/get-brief', (req, res) => methodNotAllowed(gong, req, res));
	app.all('/v2/entities/ask-entity', (req, res) => methodNotAllowed(gong, req, res));
}
