/**
 * Settings: GET /v2/settings/scorecards, GET /v2/settings/trackers, GET /v2/settings/briefs.
 * None is paginated. Also the small helpers the other read-side route files share (company time
 * zone, deterministic ids).
 */
import type express from 'express';
import type { Request, Response } from 'express';
import { DateTime, FixedOffsetZone } from 'luxon';

import { mulberry32 } from '../data';
import type { GongStandIn } from '../gong-stand-in';
import { HttpError, int64, queryString } from '../http';

// ---- shared helpers ---------------------------------------------------------------------------

/** The company's time zone, read off the offset of the timestamps the stand-in serves ('Z' = UTC). */
export function companyZone(gong: GongStandIn): FixedOffsetZone {
	const sample = gong.calls[0]?.metaData.started ?? gong.users[0]?.created ?? '';
	const match = /([+-])(\d{2}):(\d{2})$/.exec(sample);
	if (!match) return FixedOffsetZone.utcInstance;
	const minutes = Number(match[2]) * 60 + Number(match[3]);
	return FixedOffsetZone.instance(match[1] === '-' ? -minutes : minutes);
}

/** ISO-8601 without milliseconds in the company's offset, like every Gong timestamp. */
export function companyTime(gong: GongStandIn, ms: number): string {
	return DateTime.fromMillis(ms, { zone: companyZone(gong) }).toISO({ suppressMilliseconds: true }) ?? '';
}

/** The company-time-zone date (YYYY-MM-DD) of an instant. */
export function companyDate(gong: GongStandIn, ms: number): string {
	return DateTime.fromMillis(ms, { zone: companyZone(gong) }).toISODate() ?? '';
}

/** Every id the stand-in already uses, so generated ids never collide with calls, users and workspaces. */
function takenIds(gong: GongStandIn): Set<string> {
	const taken = new Set<string>();
	for (const u of gong.users) taken.add(u.id);
	for (const w of gong.workspaces) taken.add(w.id);
	for (const c of gong.calls) taken.add(c.metaData.id);
	return taken;
}

/**
 * A deterministic generator of numeric id strings of 15 to 19 digits (most beyond 2^53), unique
 * among themselves and against the stand-in's own ids.
 */
export function idMaker(gong: GongStandIn, rng: () => number): (length?: number) => string {
	const taken = takenIds(gong);
	return (length?: number) => {
		const digits = length ?? 15 + Math.floor(rng() * 5);
		for (;;) {
			let s = String(1 + Math.floor(rng() * 9));
			while (s.length < digits) s += String(Math.floor(rng() * 10));
			if (!taken.has(s)) {
				taken.add(s);
				return s;
			}
		}
	};
}

export function fullName(gong: GongStandIn, userId: string): string {
	const user = gong.users.find((u) => u.id === userId);
	return user ? `${user.firstName} ${user.lastName}` : '';
}

/** workspaceId from the query: 400 when not numeric, 404 "Workspace not found" when unknown. */
function knownWorkspace(gong: GongStandIn, req: Request): string | undefined {
	const workspaceId = gong.parseWorkspaceId(queryString(req.query.workspaceId));
	if (workspaceId !== undefined && !gong.workspaces.some((w) => w.id === workspaceId)) {
		throw new HttpError(404, ['Workspace not found']);
	}
	return workspaceId;
}

// ---- data -------------------------------------------------------------------------------------

export type ScorecardReviewMethod = 'AUTOMATIC' | 'MANUAL';
export type ScorecardQuestionType = 'RANGE' | 'OPEN' | 'SINGLE_SELECT' | 'MULTI_SELECT';

export interface StandInQuestionOption {
	/** int32 in the spec. */
	id: number;
	text: string;
}

export interface StandInScorecardQuestion {
	/** int64 ids, stored as digit strings. */
	questionId: string;
	questionRevisionId: string;
	questionText: string;
	questionType: ScorecardQuestionType;
	isOverall: boolean;
	answerGuide: string;
	/** Null unless questionType is RANGE. */
	minRange: number | null;
	maxRange: number | null;
	/** Null unless a select question. */
	answerOptions: StandInQuestionOption[] | null;
}

export interface StandInScorecard {
	scorecardId: string;
	scorecardName: string;
	workspaceId: string;
	enabled: boolean;
	updaterUserId: string;
	created: string;
	updated: string;
	reviewMethod: ScorecardReviewMethod;
	questions: StandInScorecardQuestion[];
}

export interface StandInLanguageKeywords {
	language: string;
	keywords: string[];
	includeRelatedForms: boolean;
}

export interface StandInKeywordTracker {
	trackerId: string;
	trackerName: string;
	workspaceId: string;
	languageKeywords: StandInLanguageKeywords[];
	affiliation: 'Anyone' | 'Company' | 'NonCompany';
	partOfQuestion: boolean;
	saidAt: 'Anytime' | 'First' | 'Last';
	saidAtInterval: number | null;
	saidAtUnit: 'minutes' | 'percent' | null;
	saidInTopics: string[];
	filterQuery: string | null;
	created: string;
	updated: string;
	/** Null for built-in trackers. */
	creatorUserId: string | null;
	updaterUserId: string | null;
}

export interface StandInBrief {
	briefId: string;
	briefName: string;
	workspaceId: string;
	description: string;
	status: 'Published' | 'Not published';
	creator: string;
	creatorUserId: string;
	created: string;
	updated: string;
}

interface SettingsData {
	scorecards: StandInScorecard[];
	trackers: StandInKeywordTracker[];
	briefs: StandInBrief[];
}

const SEED = 0x5e771;
const store = new WeakMap<GongStandIn, SettingsData>();

interface QuestionPlan {
	text: string;
	type: ScorecardQuestionType;
	overall?: boolean;
	options?: string[];
	guide: string;
}

const SCORECARD_PLANS: { name: string; reviewMethod: ScorecardReviewMethod; questions: QuestionPlan[] }[] = [
	{
		name: 'Discovery call',
		reviewMethod: 'MANUAL',
		questions: [
			{
				text: 'Overall, how well did the rep run the call?',
				type: 'RANGE',
				overall: true,
				guide: '1 poor, 5 excellent',
			},
			{ text: 'Did the rep uncover the business pain?', type: 'RANGE', guide: 'Look for a quantified pain.' },
			{
				text: 'Which qualification criteria were covered?',
				type: 'MULTI_SELECT',
				options: ['Budget', 'Authority', 'Need', 'Timeline'],
				guide: 'Tick every criterion discussed.',
			},
			{ text: 'What should the rep do differently next time?', type: 'OPEN', guide: 'One concrete suggestion.' },
		],
	},
	{
		name: 'Demo',
		reviewMethod: 'MANUAL',
		questions: [
			{ text: 'Overall demo quality', type: 'RANGE', overall: true, guide: '1 poor, 5 excellent' },
			{
				text: 'Was the demo tailored to the prospect?',
				type: 'SINGLE_SELECT',
				options: ['Not at all', 'Partly', 'Fully'],
				guide: 'Compare with the discovery notes.',
			},
			{ text: 'Were next steps agreed with a date?', type: 'RANGE', guide: '1 none, 5 dated and owned' },
		],
	},
	{
		name: 'AI call review',
		reviewMethod: 'AUTOMATIC',
		questions: [
			{ text: 'Overall score', type: 'RANGE', overall: true, guide: 'Filled in by Gong AI.' },
			{ text: 'Did the rep set an agenda?', type: 'RANGE', guide: 'Filled in by Gong AI.' },
			{ text: 'Summary of coaching points', type: 'OPEN', guide: 'Filled in by Gong AI.' },
		],
	},
	{
		name: 'Negotiation (retired)',
		reviewMethod: 'MANUAL',
		questions: [{ text: 'Overall negotiation skill', type: 'RANGE', overall: true, guide: '1 poor, 5 excellent' }],
	},
];

const TRACKER_PLANS: {
	name: string;
	keywords: string[];
	affiliation: StandInKeywordTracker['affiliation'];
	saidAt: StandInKeywordTracker['saidAt'];
	builtIn?: boolean;
}[] = [
	{ name: 'Pricing', keywords: ['price', 'pricing', 'budget', 'discount'], affiliation: 'Anyone', saidAt: 'Anytime' },
	{ name: 'Competitors', keywords: ['competitor'], affiliation: 'NonCompany', saidAt: 'Anytime' },
	{ name: 'Integration', keywords: ['integration', 'ERP', 'controllers'], affiliation: 'Anyone', saidAt: 'Anytime' },
	{ name: 'Agenda', keywords: ['agenda', 'plan for today'], affiliation: 'Company', saidAt: 'First', builtIn: true },
	{ name: 'Next steps', keywords: ['next step', 'follow up'], affiliation: 'Company', saidAt: 'Last' },
];

const BRIEF_PLANS: { name: string; description: string; published: boolean }[] = [
	{ name: 'Account overview', description: 'Who the account is, what they bought and open risks.', published: true },
	{ name: 'Deal risks', description: 'Risks and blockers raised in calls and emails.', published: true },
	{ name: 'Renewal prep (draft)', description: 'Talking points for the renewal call.', published: false },
];

function generate(gong: GongStandIn): SettingsData {
	const rng = mulberry32(SEED);
	const newId = idMaker(gong, rng);
	const int = (min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
	const firstCall = gong.calls.length ? Date.parse(gong.calls[0]?.metaData.started ?? '') : Date.UTC(2026, 0, 5, 9);
	const userAt = (i: number): string => gong.users[i % Math.max(1, gong.users.length)]?.id ?? newId(19);
	const workspaceAt = (i: number): string => gong.workspaces[i % Math.max(1, gong.workspaces.length)]?.id ?? newId(19);
	const before = (days: number): number => firstCall - days * 86_400_000 - int(0, 86_399) * 1000;

	const scorecards = SCORECARD_PLANS.map((plan, i): StandInScorecard => {
		const created = before(int(200, 700));
		return {
			scorecardId: newId(),
			scorecardName: plan.name,
			workspaceId: workspaceAt(i),
			enabled: !plan.name.includes('retired'),
			updaterUserId: userAt(0),
			created: companyTime(gong, created),
			updated: companyTime(gong, created + int(1, 150) * 86_400_000),
			reviewMethod: plan.reviewMethod,
			questions: plan.questions.map((q) => ({
				questionId: newId(),
				questionRevisionId: newId(),
				questionText: q.text,
				questionType: q.type,
				isOverall: q.overall ?? false,
				answerGuide: q.guide,
				minRange: q.type === 'RANGE' ? 1 : null,
				maxRange: q.type === 'RANGE' ? 5 : null,
				answerOptions: q.options ? q.options.map((text, n) => ({ id: 100 + n, text })) : null,
			})),
		};
	});

	// Keyword trackers of the first workspace keep the ids the calls' content.trackers use.
	const callTrackerIds = new Map<string, string>();
	for (const call of gong.calls) {
		for (const t of call.content.trackers) if (t.type === 'KEYWORD') callTrackerIds.set(t.name, t.id);
	}
	const trackers: StandInKeywordTracker[] = [];
	gong.workspaces.forEach((workspace, w) => {
		for (const plan of TRACKER_PLANS) {
			const created = before(int(100, 600));
			trackers.push({
				trackerId: (w === 0 ? callTrackerIds.get(plan.name) : undefined) ?? newId(19),
				trackerName: plan.name,
				workspaceId: workspace.id,
				languageKeywords: [
					{ language: 'eng', keywords: [...plan.keywords], includeRelatedForms: true },
					...(plan.name === 'Pricing'
						? [{ language: 'ger', keywords: ['Preis', 'Rabatt'], includeRelatedForms: false }]
						: []),
				],
				affiliation: plan.affiliation,
				partOfQuestion: plan.name === 'Competitors',
				saidAt: plan.saidAt,
				saidAtInterval: plan.saidAt === 'Anytime' ? null : plan.saidAt === 'First' ? 5 : 20,
				saidAtUnit: plan.saidAt === 'Anytime' ? null : plan.saidAt === 'First' ? 'minutes' : 'percent',
				saidInTopics: plan.name === 'Pricing' ? ['Pricing'] : [],
				filterQuery:
					plan.name === 'Competitors'
						? '{"type":"And","filters":[{"type":"CallDirection","terms":["OUTBOUND"]}]}'
						: null,
				created: companyTime(gong, created),
				updated: companyTime(gong, created + int(0, 90) * 86_400_000),
				creatorUserId: plan.builtIn ? null : userAt(w),
				updaterUserId: plan.builtIn ? null : userAt(w + 1),
			});
		}
	});

	const briefs: StandInBrief[] = [];
	gong.workspaces.forEach((workspace, w) => {
		BRIEF_PLANS.forEach((plan, b) => {
			const creatorUserId = userAt(w + b);
			const created = before(int(10, 200));
			briefs.push({
				briefId: newId(19),
				briefName: plan.name,
				workspaceId: workspace.id,
				description: plan.description,
				status: plan.published ? 'Published' : 'Not published',
				creator: fullName(gong, creatorUserId),
				creatorUserId,
				created: companyTime(gong, created),
				updated: companyTime(gong, created + int(0, 9) * 86_400_000),
			});
		});
	});
	return { scorecards, trackers, briefs };
}

function data(gong: GongStandIn): SettingsData {
	let found = store.get(gong);
	if (!found) {
		found = generate(gong);
		store.set(gong, found);
	}
	return found;
}

/** The scorecard definitions GET /v2/settings/scorecards serves (live array: edit in place or use setScorecards). */
export function scorecardsOf(gong: GongStandIn): StandInScorecard[] {
	return data(gong).scorecards;
}

/** Replaces the scorecard definitions ([] makes the endpoint answer 404 "Scorecards not found"). */
export function setScorecards(gong: GongStandIn, scorecards: StandInScorecard[]): void {
	data(gong).scorecards = scorecards;
}

export function trackersOf(gong: GongStandIn): StandInKeywordTracker[] {
	return data(gong).trackers;
}

export function setTrackers(gong: GongStandIn, trackers: StandInKeywordTracker[]): void {
	data(gong).trackers = trackers;
}

export function briefsOf(gong: GongStandIn): StandInBrief[] {
	return data(gong).briefs;
}

export function setBriefs(gong: GongStandIn, briefs: StandInBrief[]): void {
	data(gong).briefs = briefs;
}

// ---- routes -----------------------------------------------------------------------------------

function scorecardOut(s: StandInScorecard): Record<string, unknown> {
	return {
		scorecardId: int64(s.scorecardId),
		scorecardName: s.scorecardName,
		workspaceId: int64(s.workspaceId),
		enabled: s.enabled,
		updaterUserId: int64(s.updaterUserId),
		created: s.created,
		updated: s.updated,
		reviewMethod: s.reviewMethod,
		questions: s.questions.map((q) => ({
			questionId: int64(q.questionId),
			questionRevisionId: int64(q.questionRevisionId),
			questionText: q.questionText,
			questionType: q.questionType,
			isOverall: q.isOverall,
			answerGuide: q.answerGuide,
			minRange: q.minRange,
			maxRange: q.maxRange,
			answerOptions: q.answerOptions ? q.answerOptions.map((o) => ({ ...o })) : null,
		})),
	};
}

function listScorecards(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:settings:scorecards:read')) return;
	const scorecards = scorecardsOf(gong);
	if (!scorecards.length) throw new HttpError(404, ['Scorecards not found']);
	gong.send(req, res, 200, { scorecards: scorecards.map(scorecardOut) });
}

function listTrackers(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:settings:trackers:read')) return;
	const workspaceId = knownWorkspace(gong, req);
	const trackers = trackersOf(gong).filter((t) => workspaceId === undefined || t.workspaceId === workspaceId);
	gong.send(req, res, 200, {
		keywordTrackers: trackers.map((t) => ({
			...t,
			languageKeywords: t.languageKeywords.map((l) => ({ ...l, keywords: [...l.keywords] })),
			saidInTopics: [...t.saidInTopics],
		})),
	});
}

function listBriefs(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:ai-briefer:read')) return;
	const workspaceId = knownWorkspace(gong, req);
	const briefs = briefsOf(gong).filter((b) => workspaceId === undefined || b.workspaceId === workspaceId);
	gong.send(req, res, 200, { briefs: briefs.map((b) => ({ ...b })) });
}

export function register(app: express.Express, gong: GongStandIn): void {
	app.get('/v2/settings/scorecards', (req, res) => listScorecards(gong, req, res));
	app.get('/v2/settings/trackers', (req, res) => listTrackers(gong, req, res));
	app.get('/v2/settings/briefs', (req, res) => listBriefs(gong, req, res));
}
