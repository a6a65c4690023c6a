import type { IDataObject, INodeExecutionData, INodeType, IWorkflowBase } from 'n8n-workflow';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { GongStandIn, type StandInCall } from './stand-in/gong-stand-in';
import { accessKeyCredentials, fixture } from './support/gong-run';
import { loadPackage, N8N_MAJOR, pollContext } from './support/n8n-harness';

/**
 * The Gong Trigger through n8n-core's PollContext, poll after poll with the node's static data
 * carried over as n8n does, against the stand-in: every call must be emitted exactly once.
 */
let gong: GongStandIn;
let trigger: INodeType;

beforeAll(async () => {
	trigger = (await loadPackage()).getNode('gongTrigger').type as INodeType;
});
// A fresh Gong per test: each test's calls are all there is.
beforeEach(async () => {
	gong = await GongStandIn.start({ calls: 0, users: 6, workspaces: 2 });
});
afterEach(async () => await gong.stop());

const HOUR = 3_600_000;
const iso = (msAgo: number) =>
	new Date(Math.floor((Date.now() - msAgo) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const ids = (items: INodeExecutionData[][] | null) =>
	(items?.[0] ?? []).map((item) => (item.json.metaData as { id: string }).id);
const apiRequests = () => gong.apiRequests({ without429: true });

class Poller {
	readonly staticData: IDataObject = {};
	/** Every call id emitted over all polls, to prove exactly-once. */
	readonly emitted: string[] = [];

	constructor(private readonly workflow: IWorkflowBase) {}

	async poll(mode: 'trigger' | 'manual' = 'trigger', pollBudgetMs?: number): Promise<INodeExecutionData[][] | null> {
		const ctx = await pollContext(this.workflow, 'Gong Trigger', accessKeyCredentials(gong), {
			mode,
			staticData: this.staticData,
			pollBudgetMs,
		});
		const result = await trigger.poll!.call(ctx);
		if (mode === 'trigger') this.emitted.push(...ids(result));
		return result;
	}

	state(): { from: string; emitted: Record<string, string>; pending: Record<string, string>; baselineUntil?: string } {
		return this.staticData['node:Gong Trigger']
			? ((this.staticData['node:Gong Trigger'] as IDataObject).gong as never)
			: (undefined as never);
	}

	expectExactlyOnce(): void {
		expect(new Set(this.emitted).size).toBe(this.emitted.length);
	}
}

const addCalls = (count: number, started: (i: number) => string, extra: Partial<StandInCall['metaData']> = {}) =>
	Array.from({ length: count }, (_, i) => gong.addCall({ metaData: { started: started(i), ...extra } }));

describe('Gong Trigger: New Call', () => {
	it('first poll sets the baseline; an empty poll returns null; new calls are emitted once', async () => {
		const poller = new Poller(fixture('trigger/new-call'));
		addCalls(3, (i) => iso(2 * HOUR - i * 1000));
		expect(await poller.poll()).toBeNull();
		expect(poller.state().from).toEqual(expect.any(String));
		expect(Object.keys(poller.state().emitted)).toHaveLength(3);

		gong.clearLog();
		expect(await poller.poll()).toBeNull();
		expect(apiRequests()).toHaveLength(1);

		const added = addCalls(2, (i) => iso(60_000 - i * 1000));
		const result = await poller.poll();
		expect(ids(result)).toEqual(added.map((call) => call.metaData.id));
		expect(result![0][0].json).toMatchObject({ parties: added[0].parties, content: { brief: added[0].content.brief } });
		expect(await poller.poll()).toBeNull();
		poller.expectExactlyOnce();
	});

	it('new calls across pages, and calls sharing the window-edge timestamp, are emitted exactly once', async () => {
		const poller = new Poller(fixture('trigger/new-call'));
		await poller.poll();
		const edge = iso(30_000);
		const many = addCalls(250, (i) => iso(HOUR - i * 10_000));
		const sameInstant = addCalls(3, () => edge);
		gong.clearLog();
		const first = await poller.poll();
		expect(ids(first)).toHaveLength(253);
		expect(new Set(ids(first))).toEqual(new Set([...many, ...sameInstant].map((call) => call.metaData.id)));
		expect(apiRequests()).toHaveLength(3);
		// One more call at exactly the same instant as the last ones.
		const late = addCalls(1, () => edge);
		expect(ids(await poller.poll())).toEqual([late[0].metaData.id]);
		expect(await poller.poll()).toBeNull();
		poller.expectExactlyOnce();
	});

	it('a call Gong returns late (started hours ago, processed now) is still emitted, once', async () => {
		const poller = new Poller(fixture('trigger/new-call'));
		await poller.poll();
		const late = gong.addCall({ metaData: { started: iso(4 * HOUR) } });
		expect(ids(await poller.poll())).toEqual([late.metaData.id]);
		expect(await poller.poll()).toBeNull();
		poller.expectExactlyOnce();
	});

	it('after a day of downtime, the calls of that day are emitted once, at most 1,000 per poll', async () => {
		const poller = new Poller(fixture('trigger/new-call'));
		await poller.poll();
		// The state as a poll 24 hours ago (6 h look-back) would have left it.
		poller.state().from = iso(30 * HOUR);
		poller.state().emitted = {};
		const day = addCalls(1_050, (i) => iso(24 * HOUR - i * 60_000));
		gong.clearLog();
		const first = await poller.poll();
		expect(ids(first)).toHaveLength(1_000);
		expect(apiRequests()).toHaveLength(10);
		const second = await poller.poll();
		expect(ids(second).length + ids(first).length).toBeGreaterThanOrEqual(1_050);
		expect(new Set([...ids(first), ...ids(second)])).toEqual(
			new Set([...ids(first), ...day.map((call) => call.metaData.id)]),
		);
		expect(await poller.poll()).toBeNull();
		poller.expectExactlyOnce();
	});

	it('a baseline of more than 1,000 calls spans polls and emits none of them; calls after activation are emitted', async () => {
		const poller = new Poller(fixture('trigger/new-call'));
		// A busy company: 1,050 processed calls in the 6-hour look-back window at activation.
		addCalls(1_050, (i) => iso(5 * HOUR - i * 15_000));
		expect(await poller.poll()).toBeNull();
		expect(poller.state().baselineUntil).toEqual(expect.any(String));
		// The second poll reads the 50 the first one could not, and still emits nothing.
		expect(await poller.poll()).toBeNull();
		expect(poller.state().baselineUntil).toBeUndefined();
		expect(await poller.poll()).toBeNull();
		const after = addCalls(2, (i) => iso(30_000 - i * 1000));
		expect(ids(await poller.poll())).toEqual(after.map((call) => call.metaData.id));
		expect(await poller.poll()).toBeNull();
		poller.expectExactlyOnce();
	});

	it('a 429 in the middle of a poll is waited out: nothing lost, nothing twice', async () => {
		const poller = new Poller(fixture('trigger/new-call'));
		await poller.poll();
		const added = addCalls(150, (i) => iso(HOUR - i * 5_000));
		gong.clearLog();
		gong.failNext(1, 429, { path: '/v2/calls/extensive', retryAfterSeconds: 1 });
		// The injected 429 hits the first page; the transport waits and retries.
		const result = await poller.poll();
		expect(new Set(ids(result))).toEqual(new Set(added.map((call) => call.metaData.id)));
		expect(gong.countStatus(429)).toBe(1);
		expect(await poller.poll()).toBeNull();
		poller.expectExactlyOnce();
	});

	it('manual mode returns the newest matching call and leaves the state alone', async () => {
		const poller = new Poller(fixture('trigger/new-call'));
		await poller.poll();
		const before = JSON.parse(JSON.stringify(poller.staticData)) as IDataObject;
		const newest = gong.addCall({ metaData: { started: iso(1_000) } });
		const sample = await poller.poll('manual');
		expect(ids(sample)).toEqual([newest.metaData.id]);
		expect(JSON.parse(JSON.stringify(poller.staticData))).toEqual(before);
		// The sampled call is still new for the active workflow.
		expect(ids(await poller.poll())).toContain(newest.metaData.id);
	});

	it('filters by scope and workspace', async () => {
		const workflow = fixture('trigger/external-calls-in-workspace');
		const workspaceId = gong.workspaces[1].id;
		(workflow.nodes[0].parameters.filters as IDataObject).workspaceId = { __rl: true, mode: 'id', value: workspaceId };
		const poller = new Poller(workflow);
		await poller.poll();
		const external = gong.addCall({ metaData: { started: iso(5_000), scope: 'External', workspaceId } });
		gong.addCall({ metaData: { started: iso(5_000), scope: 'Internal', workspaceId } });
		gong.addCall({ metaData: { started: iso(5_000), scope: 'External', workspaceId: gong.workspaces[0].id } });
		expect(ids(await poller.poll())).toEqual([external.metaData.id]);
		expect((apiRequests().at(-1)!.body as { filter: IDataObject }).filter.workspaceId).toBe(workspaceId);
	});
});

describe('Gong Trigger: Transcript Ready', () => {
	it('a call whose transcript comes one poll later is emitted then, once, with the transcript attached', async () => {
		const poller = new Poller(fixture('trigger/transcript-ready'));
		await poller.poll();
		const call = gong.addCall({ metaData: { started: iso(20_000) }, transcript: null });
		const ready = gong.addCall({ metaData: { started: iso(10_000) } });
		expect(ids(await poller.poll())).toEqual([ready.metaData.id]);
		gong.setTranscriptReady(call.metaData.id, true);
		const result = await poller.poll();
		expect(ids(result)).toEqual([call.metaData.id]);
		const transcript = result![0][0].json.transcript as { transcript: string; speakers: Array<{ name: string }> };
		const firstSpeaker = gong.calls.find((c) => c.metaData.id === call.metaData.id)!.transcript![0].speakerId;
		const name = call.parties.find((party) => party.speakerId === firstSpeaker)?.name ?? 'Unknown speaker 1';
		expect(transcript.transcript.startsWith(`${name}: `)).toBe(true);
		expect(await poller.poll()).toBeNull();
		poller.expectExactlyOnce();
	});

	it('a call still untranscribed when it leaves the look-back window stays pending and is emitted when ready', async () => {
		const workflow = fixture('trigger/transcript-ready');
		const poller = new Poller(workflow);
		await poller.poll();
		const call = gong.addCall({ metaData: { started: iso(5 * HOUR) }, transcript: null });
		expect(await poller.poll()).toBeNull();
		// Time passes: with a 4-hour look-back the window now starts after the call did.
		workflow.nodes[0].parameters.options = { lookbackHours: 4 };
		expect(await poller.poll()).toBeNull();
		expect(Object.keys(poller.state().pending)).toEqual([call.metaData.id]);
		gong.clearLog();
		expect(await poller.poll()).toBeNull();
		// Checked by ID although it is outside the window.
		expect(apiRequests().map((entry) => entry.path)).toEqual([
			'/v2/calls/extensive',
			'/v2/calls/extensive',
			'/v2/calls/transcript',
		]);
		gong.setTranscriptReady(call.metaData.id, true);
		expect(ids(await poller.poll())).toEqual([call.metaData.id]);
		expect(poller.state().pending).toEqual({});
		expect(await poller.poll()).toBeNull();
		poller.expectExactlyOnce();
	});

	// n8n 1.x gives a poll no time budget (nor the context method that tells it).
	it.skipIf(N8N_MAJOR < 2)(
		'a backlog bigger than n8n’s poll budget is read in parts: each poll stops paging in time, nothing lost or repeated',
		async () => {
			const poller = new Poller(fixture('trigger/transcript-ready'));
			await poller.poll();
			const added = addCalls(1_000, (i) => iso(5 * HOUR - i * 15_000));
			// At 3 requests/s a page takes about 1/3 s: a 1.5 s budget leaves time for 2 or 3 pages of
			// calls (then their transcripts), not for the 10 pages of the whole backlog.
			gong.clearLog();
			const first = await poller.poll('trigger', 1_500);
			const firstPages = apiRequests().filter((entry) => entry.path === '/v2/calls/extensive').length;
			expect(firstPages).toBeGreaterThanOrEqual(1);
			expect(firstPages).toBeLessThan(10);
			expect(ids(first)).toHaveLength(firstPages * 100);
			for (let i = 0; i < 12 && poller.emitted.length < added.length; i++) await poller.poll('trigger', 1_500);
			expect(new Set(poller.emitted)).toEqual(new Set(added.map((call) => call.metaData.id)));
			poller.expectExactlyOnce();
		},
	);

	it.skipIf(N8N_MAJOR < 2)(
		'Transcript Ready keeps the whole poll, transcripts included, within n8n’s poll budget',
		async () => {
			const poller = new Poller(fixture('trigger/transcript-ready'));
			await poller.poll();
			addCalls(1_000, (i) => iso(5 * HOUR - i * 15_000));
			// Each page of calls is followed by a page of transcripts, so the paging must stop well before
			// the budget: the poll as a whole (what n8n's durable scheduler times) has to end inside it.
			for (const budget of [3_000, 4_500]) {
				const started = Date.now();
				const emitted = ids(await poller.poll('trigger', budget));
				const took = Date.now() - started;
				expect(emitted.length).toBeGreaterThan(0);
				expect(took, `a poll with a ${budget} ms budget took ${took} ms`).toBeLessThan(budget);
			}
			poller.expectExactlyOnce();
		},
	);

	it('catching up on 120 calls costs 2 requests per 100 calls', async () => {
		const poller = new Poller(fixture('trigger/transcript-ready'));
		await poller.poll();
		addCalls(120, (i) => iso(2 * HOUR - i * 10_000));
		gong.clearLog();
		expect(ids(await poller.poll())).toHaveLength(120);
		expect(apiRequests().map((entry) => entry.path)).toEqual([
			'/v2/calls/extensive',
			'/v2/calls/extensive',
			'/v2/calls/transcript',
			'/v2/calls/transcript',
		]);
	});
});
