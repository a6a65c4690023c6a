/**
 * Stats (all POST, body-cursor paginated over users or answered scorecards):
 * /v2/stats/activity/aggregate, /v2/stats/activity/aggregate-by-period, /v2/stats/activity/day-by-day,
 * /v2/stats/interaction and /v2/stats/activity/scorecards.
 *
 * Activity is stored per user per company-time-zone day, each metric a list of call ids; it is
 * generated once (deterministically) from gong.calls: the host hosted the call that day, internal
 * parties attended it, managers often listen to their reports' calls and give feedback, others
 * sometimes. Answered scorecards are generated from gong.calls and the scorecards of settings.ts.
 */
import type express from 'express';
import type { Request, Response } from 'express';
import { DateTime } from 'luxon';

import { mulberry32 } from '../data';
import type { GongStandIn } from '../gong-stand-in';
import { HttpError, bad, compareIds, int64, isBlank } from '../http';
import type { StandInCall, StandInUser } from '../types';
import {
	companyDate,
	companyZone,
	idMaker,
	scorecardsOf,
	type ScorecardReviewMethod,
	type StandInScorecard,
} from './settings';

export const ACTIVITY_METRICS = [
	'callsAsHost',
	'callsGaveFeedback',
	'callsRequestedFeedback',
	'callsReceivedFeedback',
	'ownCallsListenedTo',
	'othersCallsListenedTo',
	'callsSharedInternally',
	'callsSharedExternally',
	'callsScorecardsFilled',
	'callsScorecardsReceived',
	'callsAttended',
	'callsCommentsGiven',
	'callsCommentsReceived',
	'callsMarkedAsFeedbackGiven',
	'callsMarkedAsFeedbackReceived',
] as const;

export type ActivityMetric = (typeof ACTIVITY_METRICS)[number];

/** One user's activity on one day (company time zone): each metric lists the call ids concerned. */
export interface StandInDailyActivity extends Record<ActivityMetric, string[]> {
	userId: string;
	/** YYYY-MM-DD in the company's time zone. */
	date: string;
}

export type AnsweredReviewMethod = ScorecardReviewMethod;

export type ScorecardVisibility = 'PUBLIC' | 'PRIVATE' | 'OPT_IN_USERS' | 'MANAGERS' | 'MANAGERS_AND_REVIEWEE';

export interface StandInAnswer {
	questionId: string;
	questionRevisionId: string;
	isOverall: boolean;
	/** Null when not answered with a score (open or select questions, not applicable). */
	score: number | null;
	answerText: string | null;
	notApplicable: boolean;
	/** Ids of the selected answer options (as strings, per the spec); null for other questions. */
	selectedOptions: string[] | null;
}

export interface StandInAnsweredScorecard {
	/** int64 ids, stored as digit strings. */
	answeredScorecardId: string;
	scorecardId: string;
	scorecardName: string;
	callId: string;
	callStartTime: string;
	reviewedUserId: string;
	/** Null for AUTOMATIC reviews. */
	reviewerUserId: string | null;
	editorUserId: string | null;
	reviewMethod: AnsweredReviewMethod;
	reviewTime: string;
	visibilityType: ScorecardVisibility;
	answers: StandInAnswer[];
}

interface StatsData {
	activity?: StandInDailyActivity[];
	answered?: StandInAnsweredScorecard[];
	/** Overrides today's date (UTC) for the "toDate must not be later than today" check. */
	today?: string;
}

const ACTIVITY_SEED = 0x57a75;
const SCORECARD_SEED = 0x5c0ec;
const store = new WeakMap<GongStandIn, StatsData>();

function data(gong: GongStandIn): StatsData {
	let found = store.get(gong);
	if (!found) {
		found = {};
		store.set(gong, found);
	}
	return found;
}

export const EMPTY_STATS = 'No stats found for the specified period';
export const EMPTY_ANSWERED_SCORECARDS = 'Answered scorecards not found';

// ---- activity data ----------------------------------------------------------------------------

function emptyActivity(userId: string, date: string): StandInDailyActivity {
	const row = { userId, date } as StandInDailyActivity;
	for (const metric of ACTIVITY_METRICS) row[metric] = [];
	return row;
}

function generateActivity(gong: GongStandIn): StandInDailyActivity[] {
	const rng = mulberry32(ACTIVITY_SEED);
	const users = new Map(gong.users.map((u) => [u.id, u]));
	const rows = new Map<string, StandInDailyActivity>();
	const today = todayOf(gong);
	const add = (userId: string, date: string, metric: ActivityMetric, callId: string): void => {
		if (!users.has(userId)) return;
		const key = `${userId}|${date}`;
		let row = rows.get(key);
		if (!row) {
			row = emptyActivity(userId, date);
			rows.set(key, row);
		}
		if (!row[metric].includes(callId)) row[metric].push(callId);
	};
	for (const call of gong.calls) {
		const id = call.metaData.id;
		const startMs = Date.parse(call.metaData.started);
		const day = companyDate(gong, startMs);
		const next = companyDate(gong, startMs + 86_400_000);
		const pickDay = (): string => (rng() < 0.7 || next > today ? day : next);
		const host = call.metaData.primaryUserId;
		const hostUser = users.get(host);
		add(host, day, 'callsAsHost', id);
		for (const party of call.parties) {
			if (party.userId && party.userId !== host) add(party.userId, day, 'callsAttended', id);
		}
		if (rng() < 0.3) add(host, pickDay(), 'ownCallsListenedTo', id);
		if (rng() < 0.12) add(host, day, 'callsRequestedFeedback', id);
		if (rng() < 0.2) add(host, pickDay(), 'callsSharedInternally', id);
		if (rng() < 0.05) add(host, pickDay(), 'callsSharedExternally', id);
		for (const user of gong.users) {
			if (user.id === host) continue;
			const isManager = hostUser?.managerId === user.id;
			if (rng() >= (isManager ? 0.6 : 0.05)) continue;
			const d = pickDay();
			add(user.id, d, 'othersCallsListenedTo', id);
			if (rng() < 0.45) {
				add(user.id, d, 'callsGaveFeedback', id);
				add(host, d, 'callsReceivedFeedback', id);
				if (rng() < 0.6) {
					add(user.id, d, 'callsMarkedAsFeedbackGiven', id);
					add(host, d, 'callsMarkedAsFeedbackReceived', id);
				}
			}
			if (rng() < 0.35) {
				add(user.id, d, 'callsCommentsGiven', id);
				add(host, d, 'callsCommentsReceived', id);
			}
			if (rng() < 0.3) {
				add(user.id, d, 'callsScorecardsFilled', id);
				add(host, d, 'callsScorecardsReceived', id);
			}
		}
	}
	const order = new Map(gong.users.map((u, i) => [u.id, i]));
	return [...rows.values()].sort(
		(a, b) =>
			(a.date < b.date ? -1 : a.date > b.date ? 1 : 0) || (order.get(a.userId) ?? 0) - (order.get(b.userId) ?? 0),
	);
}

/**
 * Every user's daily activity (live array), generated from gong.calls at first use; call
 * resetActivity after adding calls to regenerate it.
 */
export function activityOf(gong: GongStandIn): StandInDailyActivity[] {
	const d = data(gong);
	d.activity ??= generateActivity(gong);
	return d.activity;
}

/** Replaces the activity ([] makes every activity endpoint answer 404 "No stats found…"). */
export function setActivity(gong: GongStandIn, rows: StandInDailyActivity[]): void {
	data(gong).activity = rows;
}

/** Regenerates the activity from the current gong.calls. */
export function resetActivity(gong: GongStandIn): void {
	data(gong).activity = generateActivity(gong);
}

/** An empty activity row, to fill and pass to setActivity. */
export function newActivityRow(userId: string, date: string): StandInDailyActivity {
	return emptyActivity(userId, date);
}

/** Today (YYYY-MM-DD, UTC) as the stats endpoints see it. */
export function todayOf(gong: GongStandIn): string {
	return data(gong).today ?? DateTime.utc().toISODate() ?? '';
}

/** Pins "today" for the toDate check (undefined: the real UTC date). */
export function setStatsToday(gong: GongStandIn, date: string | undefined): void {
	data(gong).today = date;
}

// ---- answered scorecards data -----------------------------------------------------------------

const VISIBILITIES: ScorecardVisibility[] = [
	'PUBLIC',
	'PUBLIC',
	'PUBLIC',
	'MANAGERS',
	'MANAGERS_AND_REVIEWEE',
	'PRIVATE',
];
const OPEN_ANSWERS = [
	'Ask about the decision process earlier.',
	'Good pace; summarise next steps at the end.',
	'Let the customer finish before answering the pricing question.',
	'Strong discovery, weaker close.',
];

class AnsweredScorecardMaker {
	private readonly rng: () => number;

	private readonly newId: (length?: number) => string;

	private readonly users: Map<string, StandInUser>;

	constructor(
		private readonly gong: GongStandIn,
		seed: number,
	) {
		this.rng = mulberry32(seed);
		this.newId = idMaker(gong, this.rng);
		this.users = new Map(gong.users.map((u) => [u.id, u]));
	}

	int(min: number, max: number): number {
		return min + Math.floor(this.rng() * (max - min + 1));
	}

	chance(p: number): boolean {
		return this.rng() < p;
	}

	pick<T>(list: readonly T[]): T {
		return list[Math.floor(this.rng() * list.length)] as T;
	}

	/** An enabled scorecard of the method, preferably of the call's workspace. */
	scorecardFor(call: StandInCall, method: ScorecardReviewMethod): StandInScorecard | undefined {
		const candidates = scorecardsOf(this.gong).filter((s) => s.enabled && s.reviewMethod === method);
		const local = candidates.filter((s) => s.workspaceId === call.metaData.workspaceId);
		const list = local.length ? local : candidates;
		return list.length ? this.pick(list) : undefined;
	}

	make(call: StandInCall, scorecard: StandInScorecard, reviewMs: number): StandInAnsweredScorecard {
		const host = call.metaData.primaryUserId;
		const manual = scorecard.reviewMethod === 'MANUAL';
		const others = this.gong.users.filter((u) => u.id !== host);
		const managerId = this.users.get(host)?.managerId ?? null;
		const reviewer = manual ? (managerId ?? (others.length ? this.pick(others).id : null)) : null;
		const editor = manual && others.length && this.chance(0.15) ? this.pick(others).id : null;
		return {
			answeredScorecardId: this.newId(),
			scorecardId: scorecard.scorecardId,
			scorecardName: scorecard.scorecardName,
			callId: call.metaData.id,
			callStartTime: call.metaData.started,
			reviewedUserId: host,
			reviewerUserId: reviewer,
			editorUserId: editor === reviewer ? null : editor,
			reviewMethod: scorecard.reviewMethod,
			reviewTime:
				DateTime.fromMillis(reviewMs, { zone: companyZone(this.gong) }).toISO({ suppressMilliseconds: true }) ?? '',
			visibilityType: this.pick(VISIBILITIES),
			answers: scorecard.questions.map((q): StandInAnswer => {
				const notApplicable = !q.isOverall && this.chance(0.08);
				const base = {
					questionId: q.questionId,
					questionRevisionId: q.questionRevisionId,
					isOverall: q.isOverall,
					notApplicable,
				};
				if (notApplicable) return { ...base, score: null, answerText: null, selectedOptions: null };
				if (q.questionType === 'RANGE') {
					return {
						...base,
						score: this.int(q.minRange ?? 1, q.maxRange ?? 5),
						answerText: null,
						selectedOptions: null,
					};
				}
				if (q.questionType === 'OPEN') {
					return { ...base, score: null, answerText: this.pick(OPEN_ANSWERS), selectedOptions: null };
				}
				const options = q.answerOptions ?? [];
				const selected =
					q.questionType === 'SINGLE_SELECT'
						? options.length
							? [this.pick(options)]
							: []
						: options.filter(() => this.chance(0.5));
				return { ...base, score: null, answerText: null, selectedOptions: selected.map((o) => String(o.id)) };
			}),
		};
	}

	/** After the call ends: minutes later for AI reviews, hours to days for people. */
	reviewAfter(call: StandInCall, manual: boolean): number {
		const end = Date.parse(call.metaData.started) + call.metaData.duration * 1000;
		return end + (manual ? this.int(3_600, 3 * 86_400) : this.int(300, 1_800)) * 1000;
	}
}

function sortAnswered(list: StandInAnsweredScorecard[]): StandInAnsweredScorecard[] {
	return list.sort(
		(a, b) =>
			Date.parse(a.reviewTime) - Date.parse(b.reviewTime) || compareIds(a.answeredScorecardId, b.answeredScorecardId),
	);
}

function generateAnswered(gong: GongStandIn): StandInAnsweredScorecard[] {
	const maker = new AnsweredScorecardMaker(gong, SCORECARD_SEED);
	const out: StandInAnsweredScorecard[] = [];
	for (const call of gong.calls) {
		if (maker.chance(0.45)) {
			const scorecard = maker.scorecardFor(call, 'MANUAL');
			if (scorecard) out.push(maker.make(call, scorecard, maker.reviewAfter(call, true)));
		}
		if (maker.chance(0.3)) {
			const scorecard = maker.scorecardFor(call, 'AUTOMATIC');
			if (scorecard) out.push(maker.make(call, scorecard, maker.reviewAfter(call, false)));
		}
	}
	return sortAnswered(out);
}

/** The answered scorecards POST /v2/stats/activity/scorecards serves (live array), in review order. */
export function answeredScorecardsOf(gong: GongStandIn): StandInAnsweredScorecard[] {
	const d = data(gong);
	d.answered ??= generateAnswered(gong);
	return d.answered;
}

export function setAnsweredScorecards(gong: GongStandIn, list: StandInAnsweredScorecard[]): void {
	data(gong).answered = sortAnswered([...list]);
}

/**
 * Replaces the answered scorecards with exactly `count` of them (e.g. 2,000 for a benchmark), their
 * review times spread evenly over one calendar quarter: by default the quarter of the first call
 * (2026-Q1 for the default start date), or the quarter containing `opts.quarterOf` (YYYY-MM-DD).
 * They answer gong.calls in turn (calls that start in the quarter when there are any), keep each
 * call's real start time and host, and are MANUAL by default, so a request without reviewMethod
 * (Gong's default: MANUAL) sees them all; 'MIXED' makes every third one AUTOMATIC.
 */
export function setAnsweredScorecardCount(
	gong: GongStandIn,
	count: number,
	opts: { quarterOf?: string; reviewMethod?: 'MANUAL' | 'AUTOMATIC' | 'MIXED' } = {},
): StandInAnsweredScorecard[] {
	if (!Number.isInteger(count) || count < 0) throw new Error(`setAnsweredScorecardCount: bad count ${count}`);
	if (count > 0 && !gong.calls.length) throw new Error('setAnsweredScorecardCount: the stand-in has no calls');
	const zone = companyZone(gong);
	const anchor = opts.quarterOf
		? DateTime.fromISO(opts.quarterOf, { zone })
		: DateTime.fromMillis(Date.parse(gong.calls[0]?.metaData.started ?? ''), { zone });
	if (count > 0 && !anchor.isValid) throw new Error(`setAnsweredScorecardCount: bad quarterOf ${opts.quarterOf ?? ''}`);
	const start = anchor.startOf('quarter').toMillis();
	const end = anchor.startOf('quarter').plus({ quarters: 1 }).toMillis();
	const inQuarter = gong.calls.filter((c) => {
		const ms = Date.parse(c.metaData.started);
		return ms >= start && ms < end;
	});
	const calls = inQuarter.length ? inQuarter : gong.calls;
	const maker = new AnsweredScorecardMaker(gong, SCORECARD_SEED + count);
	const out: StandInAnsweredScorecard[] = [];
	for (let i = 0; i < count; i++) {
		const call = calls[i % calls.length] as StandInCall;
		const method: ScorecardReviewMethod =
			opts.reviewMethod === 'AUTOMATIC' || (opts.reviewMethod === 'MIXED' && i % 3 === 2) ? 'AUTOMATIC' : 'MANUAL';
		const scorecard = maker.scorecardFor(call, method) ?? maker.scorecardFor(call, 'MANUAL');
		if (!scorecard) throw new Error('setAnsweredScorecardCount: no enabled scorecard in settings');
		const slot = start + Math.floor(((i + 0.5) * (end - start)) / count);
		const earliest = Date.parse(call.metaData.started) + call.metaData.duration * 1000 + 60_000;
		const reviewMs = Math.min(Math.max(slot, earliest), end - 1000);
		out.push(maker.make(call, scorecard, Math.floor(reviewMs / 1000) * 1000));
	}
	const sorted = sortAnswered(out);
	data(gong).answered = sorted;
	return sorted;
}

// ---- request parsing --------------------------------------------------------------------------

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** A YYYY-MM-DD filter date as midnight in the company's time zone; undefined when absent. */
export function parseDay(gong: GongStandIn, value: unknown, name: string): DateTime | undefined {
	if (isBlank(value)) return undefined;
	const parsed =
		typeof value === 'string' && DAY_RE.test(value) ? DateTime.fromISO(value, { zone: companyZone(gong) }) : undefined;
	if (!parsed?.isValid) {
		throw bad(`Invalid ${name} ${JSON.stringify(value)}: the date must be in the format YYYY-MM-DD`);
	}
	return parsed;
}

interface StatsRequest {
	body: Record<string, unknown>;
	filter: Record<string, unknown>;
	from: DateTime;
	to: DateTime;
	fromDate: string;
	toDate: string;
	/** The users asked for, in gong.users order; undefined: those with activity. */
	users: StandInUser[] | undefined;
}

function parseStatsRequest(gong: GongStandIn, req: Request): StatsRequest {
	const { body, filter } = gong.requireFilter(req.body);
	for (const name of ['fromDate', 'toDate']) {
		if (isBlank(filter[name])) throw bad(`filter.${name} is required (YYYY-MM-DD)`);
	}
	const from = parseDay(gong, filter.fromDate, 'fromDate') as DateTime;
	const to = parseDay(gong, filter.toDate, 'toDate') as DateTime;
	const fromDate = filter.fromDate as string;
	const toDate = filter.toDate as string;
	if (from.toMillis() >= to.toMillis()) {
		throw bad(`fromDate must be before toDate (fromDate ${fromDate} is inclusive, toDate ${toDate} exclusive)`);
	}
	const today = todayOf(gong);
	if (toDate > today) throw bad(`toDate ${toDate} must not be later than today (${today}, UTC)`);
	gong.parseDate(filter.createdFromDateTime, 'createdFromDateTime');
	gong.parseDate(filter.createdToDateTime, 'createdToDateTime');
	const ids = gong.parseIdList(filter.userIds, 'userIds');
	let users: StandInUser[] | undefined;
	if (ids?.size) {
		const known = new Set(gong.users.map((u) => u.id));
		if ([...ids].some((id) => !known.has(id))) throw new HttpError(404, ['User not found']);
		users = gong.users.filter((u) => ids.has(u.id));
	}
	return { body, filter, from, to, fromDate, toDate, users };
}

function iso(d: DateTime): string {
	return d.toISO({ suppressMilliseconds: true }) ?? '';
}

function rowsInRange(gong: GongStandIn, fromDate: string, toDate: string): StandInDailyActivity[] {
	return activityOf(gong).filter((r) => r.date >= fromDate && r.date < toDate);
}

function sumCounts(rows: StandInDailyActivity[]): Record<ActivityMetric, number> {
	const counts = {} as Record<ActivityMetric, number>;
	for (const metric of ACTIVITY_METRICS) counts[metric] = 0;
	for (const row of rows) for (const metric of ACTIVITY_METRICS) counts[metric] += row[metric].length;
	return counts;
}

function hasActivity(rows: StandInDailyActivity[]): boolean {
	return rows.some((r) => ACTIVITY_METRICS.some((m) => r[m].length > 0));
}

/** The users to report on with their rows in range: the ones asked for, or those with activity. */
function usersWithRows(gong: GongStandIn, q: StatsRequest): { user: StandInUser; rows: StandInDailyActivity[] }[] {
	const byUser = new Map<string, StandInDailyActivity[]>();
	for (const row of rowsInRange(gong, q.fromDate, q.toDate)) {
		const list = byUser.get(row.userId) ?? [];
		list.push(row);
		byUser.set(row.userId, list);
	}
	const candidates = q.users ?? gong.users;
	return candidates
		.map((user) => ({ user, rows: byUser.get(user.id) ?? [] }))
		.filter((u) => q.users !== undefined || hasActivity(u.rows));
}

// ---- routes -----------------------------------------------------------------------------------

function aggregate(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:stats:user-actions')) return;
	const q = parseStatsRequest(gong, req);
	gong.paginate(req, res, {
		endpoint: 'POST /v2/stats/activity/aggregate',
		filterKey: q.filter,
		cursor: q.body.cursor,
		items: usersWithRows(gong, q),
		listKey: 'usersAggregateActivityStats',
		emptyMessage: EMPTY_STATS,
		map: ({ user, rows }) => ({
			userId: user.id,
			userEmailAddress: user.emailAddress,
			userAggregateActivityStats: sumCounts(rows),
		}),
		extra: { fromDateTime: iso(q.from), toDateTime: iso(q.to), timeZone: companyZone(gong).name },
	});
}

const PERIODS = { DAY: 'day', WEEK: 'week', MONTH: 'month', QUARTER: 'quarter', YEAR: 'year' } as const;
type AggregationPeriod = keyof typeof PERIODS;

function periodsOf(from: DateTime, to: DateTime, period: AggregationPeriod): { start: DateTime; end: DateTime }[] {
	const unit = PERIODS[period];
	const out: { start: DateTime; end: DateTime }[] = [];
	let start = from;
	while (start < to) {
		// Weeks start on Monday (luxon's weeks are ISO weeks).
		const next = start.startOf(unit).plus({ [`${unit}s`]: 1 });
		const end = next < to ? next : to;
		out.push({ start, end });
		start = end;
	}
	return out;
}

function aggregateByPeriod(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:stats:user-actions')) return;
	const q = parseStatsRequest(gong, req);
	const period = q.body.aggregationPeriod;
	if (isBlank(period)) throw bad("'aggregationPeriod' is required: one of DAY, WEEK, MONTH, QUARTER, YEAR");
	if (typeof period !== 'string' || !(period in PERIODS)) {
		throw bad(`Invalid aggregationPeriod ${JSON.stringify(period)}: expected one of DAY, WEEK, MONTH, QUARTER, YEAR`);
	}
	const periods = periodsOf(q.from, q.to, period as AggregationPeriod).map((p) => ({
		...p,
		fromDay: p.start.toISODate() ?? '',
		toDay: p.end.toISODate() ?? '',
	}));
	gong.paginate(req, res, {
		endpoint: 'POST /v2/stats/activity/aggregate-by-period',
		filterKey: { filter: q.filter, aggregationPeriod: period },
		cursor: q.body.cursor,
		items: usersWithRows(gong, q),
		listKey: 'usersAggregateActivity',
		emptyMessage: EMPTY_STATS,
		map: ({ user, rows }) => ({
			userId: user.id,
			userEmailAddress: user.emailAddress,
			userAggregateActivity: periods.map((p) => ({
				...sumCounts(rows.filter((r) => r.date >= p.fromDay && r.date < p.toDay)),
				fromDate: iso(p.start),
				toDate: iso(p.end),
			})),
		}),
	});
}

function dayByDay(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:stats:user-actions:detailed')) return;
	const q = parseStatsRequest(gong, req);
	const days = periodsOf(q.from, q.to, 'DAY');
	gong.paginate(req, res, {
		endpoint: 'POST /v2/stats/activity/day-by-day',
		filterKey: q.filter,
		cursor: q.body.cursor,
		items: usersWithRows(gong, q),
		listKey: 'usersDetailedActivities',
		emptyMessage: EMPTY_STATS,
		map: ({ user, rows }) => {
			const byDate = new Map(rows.map((r) => [r.date, r]));
			return {
				userId: user.id,
				userEmailAddress: user.emailAddress,
				userDailyActivityStats: days.map(({ start, end }) => {
					const row = byDate.get(start.toISODate() ?? '');
					const metrics = {} as Record<ActivityMetric, string[]>;
					for (const metric of ACTIVITY_METRICS) metrics[metric] = [...(row?.[metric] ?? [])];
					return { ...metrics, fromDate: iso(start), toDate: iso(end) };
				}),
			};
		},
	});
}

const INTERACTION_STATS = ['Longest Monologue', 'Longest Customer Story', 'Interactivity', 'Patience', 'Question Rate'];

/** A user's interaction stats over the calls they hosted: the longest of the "Longest …", the mean of the rest. */
export function interactionStatsOf(calls: StandInCall[]): { name: string; value: number }[] {
	if (!calls.length) return [];
	return INTERACTION_STATS.map((name) => {
		const values = calls
			.map((c) => c.interaction.interactionStats.find((s) => s.name === name)?.value)
			.filter((v): v is number => typeof v === 'number');
		if (!values.length) return { name, value: 0 };
		const value = name.startsWith('Longest')
			? Math.max(...values)
			: Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;
		return { name, value };
	});
}

function interaction(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:stats:interaction')) return;
	const q = parseStatsRequest(gong, req);
	const hosted = new Map<string, StandInCall[]>();
	for (const call of gong.calls) {
		const day = companyDate(gong, Date.parse(call.metaData.started));
		if (day < q.fromDate || day >= q.toDate) continue;
		const list = hosted.get(call.metaData.primaryUserId) ?? [];
		list.push(call);
		hosted.set(call.metaData.primaryUserId, list);
	}
	const users = (q.users ?? gong.users).filter((u) => q.users !== undefined || hosted.has(u.id));
	gong.paginate(req, res, {
		endpoint: 'POST /v2/stats/interaction',
		filterKey: q.filter,
		cursor: q.body.cursor,
		items: users,
		listKey: 'peopleInteractionStats',
		emptyMessage: EMPTY_STATS,
		map: (user) => ({
			userId: user.id,
			userEmailAddress: user.emailAddress,
			personInteractionStats: interactionStatsOf(hosted.get(user.id) ?? []),
		}),
		extra: { fromDateTime: iso(q.from), toDateTime: iso(q.to), timeZone: companyZone(gong).name },
	});
}

function answeredOut(a: StandInAnsweredScorecard): Record<string, unknown> {
	const id = (value: string | null): string | null => (value === null ? null : int64(value));
	return {
		answeredScorecardId: int64(a.answeredScorecardId),
		scorecardId: int64(a.scorecardId),
		scorecardName: a.scorecardName,
		callId: int64(a.callId),
		callStartTime: a.callStartTime,
		reviewedUserId: int64(a.reviewedUserId),
		reviewerUserId: id(a.reviewerUserId),
		editorUserId: id(a.editorUserId),
		reviewMethod: a.reviewMethod,
		reviewTime: a.reviewTime,
		visibilityType: a.visibilityType,
		answers: a.answers.map((x) => ({
			questionId: int64(x.questionId),
			questionRevisionId: int64(x.questionRevisionId),
			isOverall: x.isOverall,
			score: x.score,
			answerText: x.answerText,
			notApplicable: x.notApplicable,
			selectedOptions: x.selectedOptions ? [...x.selectedOptions] : null,
		})),
	};
}

function dateRange(
	gong: GongStandIn,
	filter: Record<string, unknown>,
	fromName: string,
	toName: string,
): { from?: string; to?: string } {
	const from = parseDay(gong, filter[fromName], fromName);
	const to = parseDay(gong, filter[toName], toName);
	if (from && to && from.toMillis() >= to.toMillis()) {
		throw bad(`${fromName} must be before ${toName} (${fromName} is inclusive, ${toName} exclusive)`);
	}
	return { from: from?.toISODate() ?? undefined, to: to?.toISODate() ?? undefined };
}

function answeredScorecards(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:stats:scorecards')) return;
	const { body, filter } = gong.requireFilter(req.body);
	const call = dateRange(gong, filter, 'callFromDate', 'callToDate');
	const review = dateRange(gong, filter, 'reviewFromDate', 'reviewToDate');
	const method = isBlank(filter.reviewMethod) ? 'MANUAL' : filter.reviewMethod;
	if (method !== 'MANUAL' && method !== 'AUTOMATIC' && method !== 'BOTH') {
		throw bad(`Invalid reviewMethod ${JSON.stringify(method)}: expected one of AUTOMATIC, MANUAL, BOTH`);
	}
	const reviewed = gong.parseIdList(filter.reviewedUserIds, 'reviewedUserIds');
	const scorecardIds = gong.parseIdList(filter.scorecardIds, 'scorecardIds');
	const inRange = (day: string, range: { from?: string; to?: string }): boolean =>
		(range.from === undefined || day >= range.from) && (range.to === undefined || day < range.to);
	const items = answeredScorecardsOf(gong).filter(
		(a) =>
			(method === 'BOTH' || a.reviewMethod === method) &&
			(!reviewed?.size || reviewed.has(a.reviewedUserId)) &&
			(!scorecardIds?.size || scorecardIds.has(a.scorecardId)) &&
			inRange(companyDate(gong, Date.parse(a.callStartTime)), call) &&
			inRange(companyDate(gong, Date.parse(a.reviewTime)), review),
	);
	gong.paginate(req, res, {
		endpoint: 'POST /v2/stats/activity/scorecards',
		filterKey: filter,
		cursor: body.cursor,
		items,
		listKey: 'answeredScorecards',
		emptyMessage: EMPTY_ANSWERED_SCORECARDS,
		map: answeredOut,
	});
}

export function register(app: express.Express, gong: GongStandIn): void {
	app.post('/v2/stats/activity/aggregate', (req, res) => aggregate(gong, req, res));
	app.post('/v2/stats/activity/aggregate-by-period', (req, res) => aggregateByPeriod(gong, req, res));
	app.post('/v2/stats/activity/day-by-day', (req, res) => dayByDay(gong, req, res));
	app.post('/v2/stats/interaction', (req, res) => interaction(gong, req, res));
	app.post('/v2/stats/activity/scorecards', (req, res) => answeredScorecards(gong, req, res));
}
