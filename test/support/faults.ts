import type { GongStandIn, StandInFault } from '../stand-in/gong-stand-in';
import { PACKAGE_DIR } from './n8n-harness';

// The package n8n-core loads (the repository's dist/, or the copy staged beside another n8n).
const transport = (await import(
	`${PACKAGE_DIR}dist/nodes/shared/transport/index.js`
)) as typeof import('../../dist/nodes/shared/transport/index.js');
const poll = (await import(
	`${PACKAGE_DIR}dist/nodes/shared/helpers/poll.js`
)) as typeof import('../../dist/nodes/shared/helpers/poll.js');
const throttle = (await import(
	`${PACKAGE_DIR}dist/nodes/shared/transport/throttle.js`
)) as typeof import('../../dist/nodes/shared/transport/throttle.js');

/**
 * Every fault class of the README's fault matrix, as the stand-in plays it, and what a user must
 * get for it on each surface (a node operation, a picker, a trigger). One definition for the
 * matrix test and the webhook trigger's rows.
 */

/** Where a surface's fault lands. */
export interface FaultTarget {
	/** Path prefix of the requests that meet the fault. */
	path: string;
	/** The list key of that endpoint's answer. */
	listKey: string;
	/** The OAuth scope that endpoint needs. */
	scope: string;
	/** Requests to that path let through before the fault (1 = the fault hits page 2). */
	skip: number;
	/** Whether the targeted page is a full page followed by more (paging faults apply). */
	paged: boolean;
	/** What a node operation, a picker or a trigger does with an empty listing. */
	empty: 'empty' | { error: string };
	/** Gong's "nothing found" 404 text for the endpoint (default: the calls/users text). */
	emptyText?: string;
	/** The field identifying each record (default `id`/`callId`/`metaData.id`); null: records have none. */
	idKey?: string | null;
}

export type Expected = 'recovers' | 'empty' | 'not applicable' | { error: string; requestId?: boolean };

export interface FaultCase {
	name: string;
	/** Sets the fault up. */
	inject(gong: GongStandIn, target: FaultTarget): void;
	expect(target: FaultTarget): Expected;
}

export const UNREADABLE = "Gong's answer could not be read";
const EVERY_TIME = Infinity;
const status = (
	gong: GongStandIn,
	target: FaultTarget,
	code: 400 | 401 | 403 | 404 | 409 | 429 | 500 | 502 | 503,
	options: { times?: number; message?: string; retryAfterSeconds?: number; skip?: number } = {},
) =>
	gong.inject(
		{ kind: 'status', status: code, message: options.message, retryAfterSeconds: options.retryAfterSeconds },
		{ times: options.times ?? EVERY_TIME, path: target.path, skip: options.skip ?? target.skip },
	);
const error = (message: string, requestId = true): Expected => ({ error: message, requestId });
/** `fault` on every request to the target from its page on (`times: 1`: only once). */
const play = (gong: GongStandIn, target: FaultTarget, fault: StandInFault, times = EVERY_TIME) =>
	gong.inject(fault, { times, path: target.path, skip: target.skip });
/** Gong's real answer, changed by `change` before it is sent. */
const alter = (change: (body: Record<string, unknown>) => void) => (gong: GongStandIn, target: FaultTarget) =>
	play(gong, target, {
		kind: 'alter',
		alter: (body) => {
			change(body);
			return body;
		},
	});

/** A body Gong started to send and a proxy cut off: its request id is all that can be read. */
const CUT_JSON = '{"requestId":"4al018gzaztcr8nbukw","records":{"totalRecords":250,"currentPageSize":100,"currentPa';

export const FAULTS: FaultCase[] = [
	{
		name: '400 bad request',
		inject: (gong, target) => status(gong, target, 400, { message: 'Invalid filter' }),
		expect: () => error('Gong rejected the request: Invalid filter'),
	},
	{
		name: '401 bad credential',
		inject: (gong, target) => status(gong, target, 401, { message: 'Invalid access key or access key secret' }),
		expect: () => error('Gong rejected the credential (401 Unauthorized)'),
	},
	{
		name: '401 missing scope',
		inject: (gong, target) =>
			status(gong, target, 401, { message: `You don't have permission to use '${target.scope}' in your app.` }),
		expect: (target) => error(`Missing Gong permission: ${target.scope}`),
	},
	{
		name: '403 forbidden',
		inject: (gong, target) => status(gong, target, 403, { message: 'Access denied' }),
		expect: () => error('Gong refused the request: insufficient permissions (403)'),
	},
	{
		name: '404 not found',
		inject: (gong, target) => status(gong, target, 404, { message: 'Call ID was not found' }),
		expect: () => error('Gong found nothing: Call ID was not found'),
	},
	{
		name: '404 "No … found" (empty)',
		inject: (gong, target) =>
			status(gong, target, 404, {
				message:
					target.emptyText ??
					`No ${target.listKey === 'users' ? 'users' : 'calls'} found corresponding to the provided filters`,
				skip: 0,
			}),
		expect: (target) => target.empty,
	},
	{
		name: '404 "No … found" after a cursor',
		inject: (gong, target) =>
			status(gong, target, 404, {
				message: target.emptyText ?? 'No calls found corresponding to the provided filters',
			}),
		expect: (target) => (target.paged && target.skip > 0 ? error(UNREADABLE) : 'not applicable'),
	},
	{
		name: '409 conflict',
		inject: (gong, target) => status(gong, target, 409, { message: 'Conflict' }),
		expect: () => error('Gong refused the request as a conflict (409): Conflict'),
	},
	{
		name: '429 burst (Retry-After 1 s), once',
		inject: (gong, target) => status(gong, target, 429, { times: 1, retryAfterSeconds: 1 }),
		expect: () => 'recovers',
	},
	{
		name: '429 daily quota (Retry-After 9 h)',
		inject: (gong, target) =>
			status(gong, target, 429, { retryAfterSeconds: 9 * 3600, message: 'API daily request limit exceeded' }),
		expect: () => error("Gong's daily API limit is used up"),
	},
	...([500, 502, 503] as const).map(
		(code): FaultCase => ({
			name: `${code}, once`,
			inject: (gong, target) => status(gong, target, code, { times: 1 }),
			expect: () => 'recovers',
		}),
	),
	{
		name: '503 on every retry',
		inject: (gong, target) => status(gong, target, 503),
		expect: () => error('Gong had a server error (503)'),
	},
	{
		name: 'connection reset, once',
		inject: (gong, target) => play(gong, target, { kind: 'reset' }, 1),
		expect: () => 'recovers',
	},
	{
		name: 'connection reset on every retry',
		inject: (gong, target) => play(gong, target, { kind: 'reset' }),
		expect: () => error('Could not reach Gong', false),
	},
	{
		name: 'time-out, once',
		inject: (gong, target) => play(gong, target, { kind: 'hang', ms: 3_000 }, 1),
		expect: () => 'recovers',
	},
	{
		name: 'time-out on every retry',
		inject: (gong, target) => play(gong, target, { kind: 'hang', ms: 3_000 }),
		expect: () => error('Gong did not answer in time', false),
	},
	{
		name: '2xx with broken JSON, once',
		inject: (gong, target) => play(gong, target, { kind: 'raw', body: CUT_JSON }, 1),
		expect: () => 'recovers',
	},
	{
		name: '2xx with broken JSON',
		inject: (gong, target) => play(gong, target, { kind: 'raw', body: CUT_JSON }),
		expect: () => error(UNREADABLE),
	},
	{
		name: '2xx with an HTML body',
		inject: (gong, target) =>
			play(gong, target, {
				kind: 'raw',
				body: '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
				contentType: 'text/html',
			}),
		expect: () => error(UNREADABLE, false),
	},
	{
		name: '2xx with an empty body',
		inject: (gong, target) => play(gong, target, { kind: 'raw', body: '' }),
		expect: () => error(UNREADABLE, false),
	},
	{
		name: 'a full page without its cursor',
		inject: alter((body) => {
			const records = body.records as Record<string, unknown> | undefined;
			if (records) delete records.cursor;
		}),
		expect: (target) => (target.paged ? error(UNREADABLE) : 'not applicable'),
	},
	{
		name: 'a page without its list key',
		inject: (gong, target) =>
			alter((body) => {
				delete body[target.listKey];
			})(gong, target),
		expect: () => error(UNREADABLE),
	},
	{
		name: 'a record without its id',
		inject: (gong, target) =>
			alter((body) => {
				const [first] = (body[target.listKey] as Array<Record<string, unknown>> | undefined) ?? [];
				if (!first) return;
				if (target.idKey) delete first[target.idKey];
				delete first.id;
				delete first.callId;
				if (first.metaData) delete (first.metaData as Record<string, unknown>).id;
			})(gong, target),
		expect: (target) => (target.idKey === null ? 'not applicable' : error(UNREADABLE)),
	},
	{
		name: 'odd field types (epoch `started`, `null` lists)',
		inject: (gong, target) =>
			alter((body) => {
				for (const record of (body[target.listKey] as Array<Record<string, unknown>> | undefined) ?? []) {
					const meta = (record.metaData ?? (record.started ? record : undefined)) as
						| Record<string, unknown>
						| undefined;
					if (meta?.started) meta.started = Date.parse(String(meta.started));
					if ('parties' in record) record.parties = null;
					if (Array.isArray(record.transcript)) {
						for (const monologue of record.transcript as Array<Record<string, unknown>>) monologue.topic = null;
					}
				}
			})(gong, target),
		expect: () => 'recovers',
	},
];

/**
 * The built package's own transport (the very module n8n-core's loader required; vitest.config.ts
 * keeps dist/ out of Vite): its back-off and time-out are shortened and the 3/s pace lifted, so
 * hundreds of faults replay in seconds. Retries still happen, just without the production waits.
 */
export function fastRetries(): () => void {
	const saved = { ...transport.retryPolicy, windowMs: throttle.throttlePolicy.windowMs, poll: { ...poll.pollPolicy } };
	Object.assign(transport.retryPolicy, { backoffMs: 10, timeoutMs: 500 });
	throttle.throttlePolicy.windowMs = 0;
	// Gong's asynchronous jobs (bulk assignments, CRM uploads) are read every 20 ms, not every 2 s.
	Object.assign(poll.pollPolicy, { firstMs: 20, maxMs: 50 });
	return () => {
		Object.assign(transport.retryPolicy, { backoffMs: saved.backoffMs, timeoutMs: saved.timeoutMs });
		throttle.throttlePolicy.windowMs = saved.windowMs;
		Object.assign(poll.pollPolicy, saved.poll);
	};
}
