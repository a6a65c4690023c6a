import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GongStandIn } from './stand-in/gong-stand-in';
import { runFixture, type Auth } from './support/gong-run';

let gong: GongStandIn;

beforeAll(async () => {
	gong = await GongStandIn.start({ calls: 260, users: 12, workspaces: 2 });
});
afterAll(async () => await gong.stop());

/** API requests Gong answered (a 429 that was retried is counted by the rate-limit tests). */
const apiRequests = () => gong.apiRequests({ without429: true });

describe.each<Auth>(['accessKey', 'oAuth2'])('Call with %s', (auth) => {
	it('Get by ID returns the call with the chosen content', async () => {
		const call = gong.calls[3];
		gong.clearLog();
		const { items, errorMessage } = await runFixture(gong, 'call/get-by-id', [{ callId: call.metaData.id }], { auth });
		expect(errorMessage).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].metaData).toMatchObject({ id: call.metaData.id, title: call.metaData.title });
		expect(items[0].parties).toEqual(call.parties);
		expect(items[0].content).toEqual({
			brief: call.content.brief,
			pointsOfInterest: call.content.pointsOfInterest,
			keyPoints: call.content.keyPoints,
		});
		expect(items[0].media).toBeUndefined();
		expect(apiRequests()).toHaveLength(1);
		// OAuth tokens name the customer's host; requests must go there.
		expect(apiRequests()[0].host).toBe(auth === 'oAuth2' ? 'customer' : 'generic');
	});

	it('Get Many with a limit', async () => {
		const { items, errorMessage } = await runFixture(gong, 'call/get-many-limit', [{}], { auth });
		expect(errorMessage).toBeUndefined();
		expect(items).toHaveLength(120);
	});
});

describe('Call', () => {
	it('Get by Gong URL extracts the ID', async () => {
		const call = gong.calls[7];
		const { items } = await runFixture(gong, 'call/get-by-url', [{ url: call.metaData.url }]);
		expect(items.map((item) => (item.metaData as { id: string }).id)).toEqual([call.metaData.id]);
	});

	it('Get for many input items batches the IDs: one request per 100 calls, output paired with input', async () => {
		const wanted = gong.calls.slice(0, 150).map((call) => call.metaData.id);
		gong.clearLog();
		const result = await runFixture(
			gong,
			'call/get-by-id',
			wanted.map((callId) => ({ callId })),
		);
		expect(result.items.map((item) => (item.metaData as { id: string }).id)).toEqual(wanted);
		expect(result.output('Gong').map((item) => item.pairedItem)).toEqual(wanted.map((_, item) => ({ item })));
		expect(apiRequests()).toHaveLength(2);
	});

	it('Get Many with Return All pages past 250 calls, one request per 100', async () => {
		const from = gong.calls[0].metaData.started;
		gong.clearLog();
		const { items, errorMessage } = await runFixture(gong, 'call/get-many-all', [{ from, to: '2027-01-01T00:00:00Z' }]);
		expect(errorMessage).toBeUndefined();
		expect(items).toHaveLength(260);
		expect(new Set(items.map((item) => (item.metaData as { id: string }).id)).size).toBe(260);
		expect(items.every((item) => Array.isArray(item.parties) && (item.parties as unknown[]).length > 0)).toBe(true);
		expect(apiRequests()).toHaveLength(3);
		expect(apiRequests().map((entry) => Boolean((entry.body as { cursor?: string }).cursor))).toEqual([
			false,
			true,
			true,
		]);
	});

	it('Get Many with a limit stops fetching pages early', async () => {
		gong.clearLog();
		const { items } = await runFixture(gong, 'call/get-many-limit');
		expect(items).toHaveLength(120);
		expect(apiRequests()).toHaveLength(2);
		expect(items[0]).not.toHaveProperty('parties');
	});

	it('Get Many filters by workspace, organizers and call IDs, and returns every kind of content', async () => {
		const candidates = gong.calls.slice(0, 40);
		const workspaceId = candidates[0].metaData.workspaceId;
		const organizers = [candidates[0].metaData.primaryUserId, candidates[1].metaData.primaryUserId];
		const expected = candidates.filter(
			(call) => call.metaData.workspaceId === workspaceId && organizers.includes(call.metaData.primaryUserId),
		);
		gong.clearLog();
		const { items, errorMessage } = await runFixture(gong, 'call/get-many-filtered', [
			{ workspaceId, organizers, callIds: candidates.map((call) => call.metaData.id).join(', ') },
		]);
		expect(errorMessage).toBeUndefined();
		expect(items.map((item) => (item.metaData as { id: string }).id)).toEqual(expected.map((call) => call.metaData.id));
		const [first] = items as Array<Record<string, Record<string, unknown>>>;
		expect(Object.keys(first.content).sort()).toEqual(
			['callOutcome', 'highlights', 'outline', 'structure', 'topics', 'trackers'].sort(),
		);
		expect(first.collaboration).toHaveProperty('publicComments');
		expect(first.interaction).toBeDefined();
		expect(first.context).toBeDefined();
		const body = apiRequests()[0].body as { filter: Record<string, unknown> };
		expect(body.filter).toEqual({
			workspaceId,
			primaryUserIds: organizers,
			callIds: candidates.map((c) => c.metaData.id),
		});
	});
});
