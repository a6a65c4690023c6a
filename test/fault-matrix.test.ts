import type { IDataObject, INodeExecutionData, INodeType, NodeApiError } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { GongStandIn } from './stand-in/gong-stand-in';
import { logEntriesOf, setAuditLogs } from './stand-in/routes/logs';
import { answeredScorecardsOf, setAnsweredScorecardCount } from './stand-in/routes/stats';
import { FAULTS, fastRetries, type Expected, type FaultTarget } from './support/faults';
import { accessKeyCredentials, fixture, runFixture, useAuthentication } from './support/gong-run';
import { loadOptionsContext, loadPackage, pollContext } from './support/n8n-harness';

/**
 * The README's fault matrix: every fault class × every surface (node operations, pickers, the Gong
 * Trigger), against the stand-in. A surface either recovers with every record exactly once, returns
 * an honest empty result, or fails with the error text of the table; never a short or empty result
 * for an answer it could not read. (The Gong Webhook Trigger's rows are in webhook-trigger.test.ts.)
 */

type Result = { ok: true; ids: string[] } | { ok: false; message: string; description: string };

interface Surface extends FaultTarget {
	name: string;
	/** Runs the surface once; `ids` are the records it returned. */
	run(): Promise<Result>;
	/** The records a run without faults returns. */
	expected(): string[];
}

let gong: GongStandIn;
let restore: () => void;
let methods: NonNullable<INodeType['methods']>;
let trigger: INodeType;

const DAY = 86_400_000;

beforeAll(async () => {
	restore = fastRetries();
	// 250 calls over the last ~5 days: three pages of calls (and of transcripts, 225 of them), all
	// within the call picker's first week; 130 users: two pages.
	gong = await GongStandIn.start({
		calls: 250,
		users: 130,
		workspaces: 2,
		startDate: new Date(Date.now() - 6 * DAY).toISOString(),
		callIntervalMinutes: 30,
		rateLimitPerSecond: 0,
		dailyLimit: 0,
	});
	// Three pages of answered scorecards and of audit log entries.
	setAnsweredScorecardCount(gong, 250);
	setAuditLogs(gong, { logType: 'AccessLog', count: 250, from: Date.now() - 20 * DAY, to: Date.now() - DAY });
	const loader = await loadPackage();
	methods = (loader.getNode('gong').type as INodeType).methods!;
	trigger = loader.getNode('gongTrigger').type as INodeType;
});
afterAll(async () => {
	restore();
	await gong.stop();
});
afterEach(() => gong.clearFaults());

const window = { from: '2020-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z' };
const callId = (json: IDataObject) => String((json.metaData as IDataObject | undefined)?.id ?? json.callId ?? json.id);

async function node(name: string, input: IDataObject[], id: (json: IDataObject) => string = callId): Promise<Result> {
	const result = await runFixture(gong, name, input);
	if (result.errorMessage !== undefined) {
		const error = result.run.data.resultData.error as NodeApiError;
		return { ok: false, message: result.errorMessage, description: String(error.description ?? '') };
	}
	return { ok: true, ids: result.items.map(id) };
}

async function picker(method: string): Promise<Result> {
	const ctx = await loadOptionsContext(
		useAuthentication(fixture('call/get-by-id'), 'accessKey'),
		'Gong',
		accessKeyCredentials(gong),
	);
	try {
		const page = await methods.listSearch![method].call(ctx);
		return { ok: true, ids: page.results.map((result) => String(result.value)) };
	} catch (error) {
		const { message, description } = error as NodeApiError;
		return { ok: false, message, description: String(description ?? '') };
	}
}

const call = () => gong.calls[7];
const withTranscript = () => gong.calls.filter((c) => c.transcript).map((c) => c.metaData.id);
const CALLS = { path: '/v2/calls/extensive', listKey: 'calls', scope: 'api:calls:read:extensive' };
const TRANSCRIPTS = { path: '/v2/calls/transcript', listKey: 'callTranscripts', scope: 'api:calls:read:transcript' };
const USERS = { listKey: 'users', scope: 'api:users:read' };

const surfaces: Surface[] = [
	{
		name: 'Call → Get',
		...CALLS,
		skip: 0,
		paged: false,
		// Gong's empty answer to a call id: the call does not exist (for this credential).
		empty: { error: 'Call ? was not found in Gong' },
		run: async () => await node('call/get-by-id', [{ callId: call().metaData.id }]),
		expected: () => [call().metaData.id],
	},
	{
		name: 'Call → Get Many (page 2 of 3)',
		...CALLS,
		skip: 1,
		paged: true,
		empty: 'empty',
		run: async () => await node('errors/call-get-many', [window]),
		expected: () => gong.calls.map((c) => c.metaData.id),
	},
	{
		name: 'Transcript → Get',
		...TRANSCRIPTS,
		skip: 0,
		paged: false,
		// The call exists, its transcript does not (yet).
		empty: { error: 'Call ? has no transcript yet' },
		run: async () => await node('transcript/get-text', [{ callId: call().metaData.id }]),
		expected: () => [call().metaData.id],
	},
	{
		name: 'Transcript → Get Many (page 2 of 3)',
		...TRANSCRIPTS,
		skip: 1,
		paged: true,
		empty: 'empty',
		run: async () => await node('transcript/get-many', [window]),
		expected: withTranscript,
	},
	{
		name: 'User → Get Many (page 1 of 2)',
		...USERS,
		path: '/v2/users',
		skip: 0,
		paged: true,
		empty: 'empty',
		run: async () => await node('user/get-many', [{}]),
		expected: () => gong.users.map((user) => user.id),
	},
	{
		name: 'Scorecard → Get Many Answered (page 2 of 3)',
		path: '/v2/stats/activity/scorecards',
		listKey: 'answeredScorecards',
		scope: 'api:stats:scorecards',
		emptyText: 'Answered scorecards not found',
		idKey: 'answeredScorecardId',
		skip: 1,
		paged: true,
		empty: 'empty',
		run: async () =>
			await node(
				'scorecard/get-many-answered',
				[
					{
						dateType: 'call',
						from: '2020-01-01',
						to: '2030-01-01',
						reviewMethod: 'BOTH',
						output: 'scorecard',
						returnAll: true,
					},
				],
				(json) => String(json.answeredScorecardId),
			),
		expected: () => answeredScorecardsOf(gong).map((card) => card.answeredScorecardId),
	},
	{
		name: 'Audit Log → Get Many (page 2 of 3)',
		path: '/v2/logs',
		listKey: 'logEntries',
		scope: 'api:logs:read',
		emptyText: 'No logs found for the specified period',
		// Log entries have no id of their own.
		idKey: null,
		skip: 1,
		paged: true,
		empty: 'empty',
		run: async () =>
			await node(
				'audit-log/get-many',
				[{ logType: 'AccessLog', from: '2020-01-01T00:00:00Z', to: '', returnAll: true }],
				(json) => `${String(json.userId)}@${String(json.eventTime)}`,
			),
		expected: () => logEntriesOf(gong, 'AccessLog').map((entry) => `${entry.userId}@${entry.eventTime}`),
	},
	{
		name: 'Call picker (page 2 of 3)',
		path: '/v2/calls',
		listKey: 'calls',
		scope: 'api:calls:read:basic',
		skip: 1,
		paged: true,
		empty: 'empty',
		run: async () => await picker('searchCalls'),
		expected: () => gong.calls.map((c) => c.metaData.id),
	},
	{
		name: 'User picker (page 1 of 2)',
		...USERS,
		path: '/v2/users',
		skip: 0,
		paged: true,
		empty: 'empty',
		run: async () => await picker('searchUsers'),
		expected: () => gong.users.slice(0, 100).map((user) => user.id),
	},
	{
		name: 'Workspace picker',
		path: '/v2/workspaces',
		listKey: 'workspaces',
		scope: 'api:workspaces:read',
		skip: 0,
		paged: false,
		empty: 'empty',
		run: async () => await picker('searchWorkspaces'),
		expected: () => gong.workspaces.map((workspace) => workspace.id),
	},
];

const sorted = (ids: string[]) => [...ids].sort();

function check(
	result: Result,
	expected: Expected,
	surface: { expected(): string[]; name: string },
	idForEmpty: string,
) {
	if (expected === 'recovers') {
		expect(result.ok ? sorted(result.ids) : result, 'every record exactly once').toEqual(sorted(surface.expected()));
	} else if (expected === 'empty') {
		expect(result).toEqual({ ok: true, ids: [] });
	} else if (expected !== 'not applicable') {
		expect(result.ok, 'fails').toBe(false);
		if (result.ok) return;
		expect(result.message).toBe(expected.error.replace('?', idForEmpty));
		if (expected.requestId) expect(result.description).toMatch(/Gong request ID: [\w-]+/);
	}
}

/** The rows that apply to a target (a page-2 fault needs a second page, say). */
const rowsFor = (target: FaultTarget) =>
	FAULTS.filter((fault) => fault.expect(target) !== 'not applicable').map((fault) => [fault.name, fault] as const);

describe.each(surfaces)('Fault matrix: $name', (surface) => {
	it.each(rowsFor(surface))('%s', async (_name, fault) => {
		const expected = fault.expect(surface);
		fault.inject(gong, surface);
		const result = await surface.run();
		check(result, expected, surface, call().metaData.id);
		gong.clearFaults();
		// Nothing is left broken: the same run afterwards returns everything.
		const again = await surface.run();
		expect(again.ok ? sorted(again.ids) : again).toEqual(sorted(surface.expected()));
	});
});

/**
 * The Gong Trigger (Transcript Ready) with 150 new calls since its baseline: a poll that meets a
 * fault either emits every call once, or fails, changing no state and emitting nothing; the next
 * poll then emits every call exactly once.
 */
describe('Fault matrix: Gong Trigger (Transcript Ready, 150 new calls)', () => {
	const target: FaultTarget = { ...CALLS, skip: 0, paged: true, empty: 'empty' };
	it.each(rowsFor(target))('%s', async (_name, fault) => {
		const expected = fault.expect(target);
		const standIn = await GongStandIn.start({ calls: 0, users: 6, rateLimitPerSecond: 0, dailyLimit: 0 });
		try {
			const staticData: IDataObject = {};
			const poll = async () => {
				const ctx = await pollContext(
					fixture('trigger/transcript-ready'),
					'Gong Trigger',
					accessKeyCredentials(standIn),
					{
						mode: 'trigger',
						staticData,
					},
				);
				return (await trigger.poll!.call(ctx)) as INodeExecutionData[][] | null;
			};
			const ids = (result: INodeExecutionData[][] | null) =>
				(result?.[0] ?? []).map((item) => (item.json.metaData as IDataObject).id as string);
			expect(await poll()).toBeNull();
			const base = Date.now() - 3_600_000;
			const added = Array.from({ length: 150 }, (_, i) =>
				standIn.addCall({ metaData: { started: new Date(base + i * 10_000).toISOString().replace('.000Z', 'Z') } }),
			);
			const all = added.map((c) => c.metaData.id);
			const before = JSON.parse(JSON.stringify(staticData)) as IDataObject;

			fault.inject(standIn, target);
			let emitted: string[] = [];
			let failure: Error | undefined;
			try {
				emitted = ids(await poll());
			} catch (error) {
				failure = error as Error;
			}
			standIn.clearFaults();
			if (expected === 'recovers') {
				expect(failure).toBeUndefined();
				expect(emitted).toEqual(all);
			} else {
				if (expected === 'empty') expect(failure).toBeUndefined();
				else if (expected !== 'not applicable') expect(failure?.message).toBe(expected.error);
				expect(emitted).toEqual([]);
				if (failure) expect(JSON.parse(JSON.stringify(staticData)), 'a failed poll changes no state').toEqual(before);
				emitted = ids(await poll());
				expect(emitted, 'the next poll catches up').toEqual(all);
			}
			expect(ids(await poll()), 'and nothing twice').toEqual([]);
		} finally {
			await standIn.stop();
		}
	});
});
