/**
 * Audit logs: GET /v2/logs [api:logs:read], query-cursor paginated; 404 "No logs found for the
 * specified period" when nothing matches. Each log type starts with generated entries spread over the
 * week before the first call until a day after the last; setAuditLogs() replaces one type's entries.
 */
import type express from 'express';
import type { Request, Response } from 'express';

import { mulberry32 } from '../data';
import type { GongStandIn } from '../gong-stand-in';
import { bad, isBlank, queryString } from '../http';
import type { StandInCall, StandInUser } from '../types';
import { fullName, isoTime } from './flows';

export const LOG_TYPES = [
	'AccessLog',
	'UserActivityLog',
	'UserCallPlay',
	'ExternallySharedCallAccess',
	'ExternallySharedCallPlay',
] as const;

export type StandInLogType = (typeof LOG_TYPES)[number];

export const EMPTY_LOGS = 'No logs found for the specified period';

/** One log entry as GET /v2/logs returns it (user fields are absent when not available). */
export interface StandInLogEntry {
	userId?: string;
	userEmailAddress?: string;
	userFullName?: string;
	impersonatorUserId?: string;
	impersonatorEmailAddress?: string;
	impersonatorFullName?: string;
	impersonatorCompanyId?: string;
	eventTime: string;
	/** Free-form: its fields depend on the log type. */
	logRecord: Record<string, unknown>;
}

const SEED = 0x10_6a11;
const DAY = 86_400_000;
/** Generated entries per type before any setAuditLogs() call: AccessLog and UserActivityLog page. */
const DEFAULT_COUNTS: Record<StandInLogType, number> = {
	AccessLog: 240,
	UserActivityLog: 180,
	UserCallPlay: 90,
	ExternallySharedCallAccess: 40,
	ExternallySharedCallPlay: 40,
};
/** Gong support's company id, on impersonated entries. */
const GONG_SUPPORT_COMPANY_ID = '1234567890123456789';

const store = new WeakMap<GongStandIn, Map<StandInLogType, StandInLogEntry[]>>();

function logStore(gong: GongStandIn): Map<StandInLogType, StandInLogEntry[]> {
	let logs = store.get(gong);
	if (!logs) {
		logs = new Map();
		const times = gong.calls.map((c) => Date.parse(c.metaData.started));
		const first = times.length ? Math.min(...times) : Date.parse('2026-01-05T09:00:00Z');
		const last = times.length ? Math.max(...times) : first;
		LOG_TYPES.forEach((logType, i) => {
			logs?.set(
				logType,
				generateEntries(gong, logType, DEFAULT_COUNTS[logType], first - 7 * DAY, last + DAY, SEED + i),
			);
		});
		store.set(gong, logs);
	}
	return logs;
}

/** One log type's entries (sorted by eventTime when generated). The array is live: push to add. */
export function logEntriesOf(gong: GongStandIn, logType: StandInLogType): StandInLogEntry[] {
	return logStore(gong).get(logType) ?? [];
}

function toMs(value: string | number | Date, name: string): number {
	const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
	if (Number.isNaN(ms)) throw new Error(`setAuditLogs(): invalid ${name}: ${String(value)}`);
	return ms;
}

/**
 * Replaces `logType`'s entries with `count` generated ones, evenly spread over [from, to): entry i
 * happens at from + i * (to - from) / count (whole milliseconds). count 0 empties the type.
 */
export function setAuditLogs(
	gong: GongStandIn,
	opts: { logType: StandInLogType; count: number; from: string | number | Date; to: string | number | Date },
): StandInLogEntry[] {
	const from = toMs(opts.from, 'from');
	const to = toMs(opts.to, 'to');
	if (to <= from) throw new Error('setAuditLogs(): `to` must be after `from`');
	if (!Number.isInteger(opts.count) || opts.count < 0) throw new Error('setAuditLogs(): count must be an integer >= 0');
	const entries = generateEntries(
		gong,
		opts.logType,
		opts.count,
		from,
		to,
		SEED + 100 + LOG_TYPES.indexOf(opts.logType),
	);
	logStore(gong).set(opts.logType, entries);
	return entries;
}

const USER_AGENTS = [
	'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
	'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
	'Gong/5.12 (iPhone; iOS 17.5)',
];

const ACTIVITIES = [
	'Viewed call',
	'Searched calls',
	'Exported call list',
	'Changed user settings',
	'Shared call internally',
	'Downloaded call media',
	'Added call to library folder',
];

function generateEntries(
	gong: GongStandIn,
	logType: StandInLogType,
	count: number,
	from: number,
	to: number,
	seed: number,
): StandInLogEntry[] {
	const rng = mulberry32(seed);
	const int = (min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
	const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
	const users = gong.users;
	const calls = gong.calls;
	const externalEmails = calls.flatMap((c) =>
		c.parties.filter((p) => p.affiliation === 'External' && p.emailAddress).map((p) => p.emailAddress as string),
	);
	const step = (to - from) / Math.max(1, count);
	const entries: StandInLogEntry[] = [];
	for (let i = 0; i < count; i++) {
		const ms = from + Math.floor(i * step);
		const user: StandInUser | undefined = users.length ? pick(users) : undefined;
		const call: StandInCall | undefined = calls.length ? pick(calls) : undefined;
		const callRef = call
			? { callId: call.metaData.id, callTitle: call.metaData.title, callUrl: call.metaData.url }
			: { callId: String(7_000_000_000_000_000_000 + i), callTitle: 'Call', callUrl: '' };
		// Key order as Gong's logEntry: the user fields, then eventTime and logRecord.
		const who: Omit<StandInLogEntry, 'eventTime' | 'logRecord'> = {};
		let logRecord: Record<string, unknown> = {};
		const external = logType === 'ExternallySharedCallAccess' || logType === 'ExternallySharedCallPlay';
		if (user && !external) {
			who.userId = user.id;
			who.userEmailAddress = user.emailAddress;
			who.userFullName = fullName(user);
			// Every 40th internal entry was made by Gong support impersonating the user.
			if (i % 40 === 39) {
				who.impersonatorUserId = '9000000000000000001';
				who.impersonatorEmailAddress = 'support@gong.io';
				who.impersonatorFullName = 'Gong Support';
				who.impersonatorCompanyId = GONG_SUPPORT_COMPANY_ID;
			}
		}
		const ip = `203.0.113.${int(1, 254)}`;
		switch (logType) {
			case 'AccessLog':
				logRecord = {
					eventName: pick(['Login', 'Login', 'Logout', 'Login failed']),
					loginMethod: pick(['SSO', 'Password', 'Google']),
					ipAddress: ip,
					userAgent: pick(USER_AGENTS),
				};
				break;
			case 'UserActivityLog':
				logRecord = { activity: pick(ACTIVITIES), ...callRef, ipAddress: ip };
				break;
			case 'UserCallPlay': {
				const duration = call?.metaData.duration ?? 1800;
				const fromSec = int(0, Math.max(0, duration - 60));
				logRecord = { ...callRef, playedFromSec: fromSec, playedToSec: Math.min(duration, fromSec + int(30, 900)) };
				break;
			}
			case 'ExternallySharedCallAccess':
			case 'ExternallySharedCallPlay': {
				const sharer = user;
				logRecord = {
					...callRef,
					externalEmailAddress: externalEmails.length ? pick(externalEmails) : 'viewer@example.com',
					sharedByUserId: sharer?.id ?? null,
					sharedByEmailAddress: sharer?.emailAddress ?? null,
					ipAddress: ip,
					...(logType === 'ExternallySharedCallPlay'
						? { playedFromSec: int(0, 600), playedToSec: int(601, 1800) }
						: { accessType: pick(['Link opened', 'Email link opened']) }),
				};
				break;
			}
		}
		entries.push({ ...who, eventTime: isoTime(ms), logRecord });
	}
	return entries;
}

function listLogs(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:logs:read')) return;
	const logType = queryString(req.query.logType);
	if (isBlank(logType) || logType === undefined) throw bad('logType is required');
	if (!(LOG_TYPES as readonly string[]).includes(logType)) {
		throw bad(`logType must be one of ${LOG_TYPES.join(', ')}, got ${JSON.stringify(logType)}`);
	}
	const fromText = queryString(req.query.fromDateTime);
	const toText = queryString(req.query.toDateTime);
	const from = gong.parseDate(fromText, 'fromDateTime');
	if (from === undefined) throw bad('fromDateTime is required');
	const to = gong.parseDate(toText, 'toDateTime');
	if (to !== undefined && to <= from) throw bad('fromDateTime must be before toDateTime');
	const entries = logEntriesOf(gong, logType as StandInLogType)
		.map((entry) => ({ entry, ms: Date.parse(entry.eventTime) }))
		.filter(({ ms }) => ms >= from && (to === undefined || ms < to))
		.sort((a, b) => a.ms - b.ms)
		.map(({ entry }) => entry);
	gong.paginate(req, res, {
		endpoint: 'GET /v2/logs',
		filterKey: { logType, fromDateTime: fromText, toDateTime: toText },
		cursor: queryString(req.query.cursor),
		items: entries,
		listKey: 'logEntries',
		emptyMessage: EMPTY_LOGS,
		map: (entry) => ({ ...entry, logRecord: { ...entry.logRecord } }),
	});
}

export function register(app: express.Express, gong: GongStandIn): void {
	app.get('/v2/logs', (req, res) => listLogs(gong, req, res));
}
