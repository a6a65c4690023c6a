import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GongStandIn, type StandInCall } from './stand-in/gong-stand-in';
import { runFixture, type Auth } from './support/gong-run';
import { expectedText } from './support/expected';

let gong: GongStandIn;

beforeAll(async () => {
	gong = await GongStandIn.start({ calls: 300, users: 10 });
});
afterAll(async () => await gong.stop());

const apiRequests = () => gong.apiRequests({ without429: true });

const withTranscript = () => gong.calls.filter((call) => call.transcript);
const hasUnknownSpeaker = (call: StandInCall) =>
	(call.transcript ?? []).some((m) => !call.parties.some((party) => party.speakerId === m.speakerId));

describe.each<Auth>(['accessKey', 'oAuth2'])('Transcript with %s', (auth) => {
	it('Get returns the plain-text transcript with speaker names', async () => {
		const call = withTranscript()[0];
		gong.clearLog();
		const { items, errorMessage } = await runFixture(gong, 'transcript/get-text', [{ callId: call.metaData.id }], {
			auth,
		});
		expect(errorMessage).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ callId: call.metaData.id, title: call.metaData.title, url: call.metaData.url });
		expect(items[0].transcript).toBe(expectedText(call));
		expect(apiRequests().map((entry) => entry.path)).toEqual(['/v2/calls/transcript', '/v2/calls/extensive']);
	});

	it('Get Many returns transcripts with speaker names', async () => {
		const ids = withTranscript()
			.slice(0, 5)
			.map((call) => call.metaData.id);
		const { items, errorMessage } = await runFixture(gong, 'transcript/get-many-limit', [{ callIds: ids }], { auth });
		expect(errorMessage).toBeUndefined();
		expect(items.map((item) => item.callId).sort()).toEqual([...ids].sort());
		expect((items[0].monologues as Array<{ speakerName: string }>)[0].speakerName).not.toBe('');
	});
});

describe('Transcript', () => {
	it('labels a speaker who is not among the participants, without failing', async () => {
		const call = withTranscript().find(hasUnknownSpeaker)!;
		expect(call).toBeDefined();
		const { items } = await runFixture(gong, 'transcript/get-text', [{ callId: call.metaData.id }]);
		expect(items[0].transcript).toContain('Unknown speaker 1: ');
		expect(items[0].transcript).toBe(expectedText(call));
		const speakers = items[0].speakers as Array<{ identified: boolean; name: string }>;
		expect(speakers.filter((speaker) => !speaker.identified).map((speaker) => speaker.name)).toContain(
			'Unknown speaker 1',
		);
	});

	it('Get structured resolves every monologue to name, email, affiliation and Gong user id', async () => {
		const call = withTranscript()[1];
		const { items } = await runFixture(gong, 'transcript/get-structured', [{ callId: call.metaData.id }]);
		const monologues = items[0].monologues as Array<Record<string, unknown>>;
		expect(monologues).toHaveLength(call.transcript!.length);
		monologues.forEach((monologue, index) => {
			const source = call.transcript![index];
			const party = call.parties.find((p) => p.speakerId === source.speakerId);
			expect(monologue).toMatchObject({
				speakerId: source.speakerId,
				speakerName: party?.name ?? expect.stringMatching(/^Unknown speaker \d+$/),
				speakerEmail: party?.emailAddress ?? null,
				affiliation: party?.affiliation ?? 'Unknown',
				userId: party?.userId ?? null,
				topic: source.topic,
				start: source.sentences[0].start,
				end: source.sentences[source.sentences.length - 1].end,
				sentences: source.sentences,
			});
		});
	});

	it('Get with timestamps prefixes each turn with its time into the call', async () => {
		const call = withTranscript()[2];
		const { items } = await runFixture(gong, 'transcript/get-text', [{ callId: call.metaData.id, timestamps: true }]);
		const lines = String(items[0].transcript).split('\n');
		expect(lines.every((line) => /^\[\d{2}:\d{2}\] [^:]+: /.test(line) || /^\[\d+:\d{2}:\d{2}\] /.test(line))).toBe(
			true,
		);
		expect(lines[0].startsWith('[00:00]') || lines[0].startsWith('[00:0')).toBe(true);
	});

	it('Get for 120 input items costs 4 requests, not 240', async () => {
		const calls = withTranscript().slice(0, 120);
		gong.clearLog();
		const result = await runFixture(
			gong,
			'transcript/get-text',
			calls.map((call) => ({ callId: call.metaData.id })),
		);
		expect(result.items.map((item) => item.transcript)).toEqual(calls.map(expectedText));
		expect(result.output('Gong').map((item) => item.pairedItem)).toEqual(calls.map((_, item) => ({ item })));
		expect(apiRequests()).toHaveLength(4);
	});

	it('Get on a call whose transcript is not ready says so', async () => {
		const call = gong.calls.find((c) => !c.transcript)!;
		const { errorMessage } = await runFixture(gong, 'transcript/get-text', [{ callId: call.metaData.id }]);
		expect(errorMessage).toBe(`Call ${call.metaData.id} has no transcript yet`);
	});

	it('Get Many: every transcript of 300 calls (past 250), speakers resolved, 2 requests per 100 calls', async () => {
		gong.clearLog();
		const { items, errorMessage } = await runFixture(gong, 'transcript/get-many', [
			{ from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' },
		]);
		expect(errorMessage).toBeUndefined();
		// Gong's order (by start time), not ours: compare per call.
		const expected = new Map(withTranscript().map((call) => [call.metaData.id, expectedText(call)]));
		expect(new Set(items.map((item) => item.callId))).toEqual(new Set(expected.keys()));
		expect(items).toHaveLength(expected.size);
		for (const item of items) expect(item.transcript).toBe(expected.get(item.callId as string));
		expect(apiRequests()).toHaveLength(2 * Math.ceil(expected.size / 100));
	});

	it('Get Many with a limit fetches only what it returns', async () => {
		const ids = withTranscript()
			.slice(0, 80)
			.map((call) => call.metaData.id);
		gong.clearLog();
		const { items } = await runFixture(gong, 'transcript/get-many-limit', [{ callIds: ids }]);
		expect(items.map((item) => item.callId)).toHaveLength(30);
		const participantsRequest = apiRequests().find((entry) => entry.path === '/v2/calls/extensive')!;
		expect((participantsRequest.body as { filter: { callIds: string[] } }).filter.callIds).toHaveLength(30);
	});
});
