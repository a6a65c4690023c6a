import { createHash } from 'node:crypto';

import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { GONG_SCOPES, GongStandIn } from './stand-in/gong-stand-in';
import { callAccessOf, grantCallAccess } from './stand-in/routes/call-extras';
import {
	callByClientUniqueId,
	createdCallsOf,
	mediaOf,
	setCallRecordingEnabled,
	setDuplicateCallAnswer,
} from './stand-in/routes/call-writes';
import { fastRetries } from './support/faults';
import { fixture, gongNode, oauthCredentials, runFixture, type Auth } from './support/gong-run';

/**
 * The call writes as workflow JSON through n8n-core against the stand-in: Call → Create with its
 * recording from a binary field or a URL, Upload Media, Grant and Remove Access. What matters most:
 * a run repeated, or a request whose answer was lost after Gong acted, never makes a second call or
 * a second upload.
 */

let gong: GongStandIn;
let restore: () => void;
let sequence = 0;

beforeAll(async () => {
	restore = fastRetries();
	gong = await GongStandIn.start({ calls: 20, users: 6, rateLimitPerSecond: 0, dailyLimit: 0 });
});
afterAll(async () => {
	restore();
	await gong.stop();
});
afterEach(() => {
	gong.clearFaults();
	setDuplicateCallAnswer(gong, 'conflict');
});

const AUTHS: Auth[] = ['accessKey', 'oAuth2'];

/** A recording as n8n holds it in its in-memory binary mode. */
function recording(bytes: number, fileName = 'call.mp3', mimeType = 'audio/mpeg') {
	const content = Buffer.alloc(bytes);
	for (let i = 0; i < bytes; i++) content[i] = (i * 31 + 7) % 251;
	return {
		content,
		binary: { data: { data: content.toString('base64'), mimeType, fileName, fileExtension: 'mp3' } },
	};
}

function newSource(): string {
	return `dialer-${Date.now()}-${++sequence}`;
}

function callInput(overrides: IDataObject = {}): IDataObject {
	return {
		sourceId: newSource(),
		start: '2026-03-02T15:04:00Z',
		host: gong.users[1]!.id,
		prospectName: 'Pat Prospect',
		prospectEmail: 'pat@prospect.example',
		title: 'Discovery with Prospect Inc',
		...overrides,
	};
}

async function create(
	input: IDataObject,
	file = recording(64 * 1024),
	options: { auth?: Auth; credentials?: Record<string, ICredentialDataDecryptedObject> } = {},
) {
	const items: INodeExecutionData[] = [{ json: input, binary: file.binary }];
	return await runFixture(gong, 'call/create', [input], { ...options, inputItems: items });
}

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');
const requests = (method: string, path: RegExp) =>
	gong.apiRequests().filter((entry) => entry.method === method && path.test(entry.path));

describe('Call → Create', () => {
	it.each(AUTHS)('registers the call and streams its recording from a binary field (%s)', async (auth) => {
		const input = callInput();
		const file = recording(300 * 1024);
		const before = gong.apiRequests().length;
		const run = await create(input, file, { auth });
		expect(run.errorMessage).toBeUndefined();
		const [item] = run.items;
		expect(item).toMatchObject({ outcome: 'created', clientUniqueId: input.sourceId });
		const callId = String(item!.callId);
		const created = createdCallsOf(gong).find((entry) => entry.callId === callId)!;
		// The host's party was added: Gong refuses a call without one.
		expect(created.body).toMatchObject({
			clientUniqueId: input.sourceId,
			actualStart: '2026-03-02T15:04:00Z',
			direction: 'Outbound',
			primaryUser: input.host,
			title: input.title,
			purpose: 'Discovery',
			context: [{ system: 'Salesforce', objects: [{ objectType: 'Opportunity', objectId: '0065g00000XyZ12' }] }],
			parties: [{ userId: input.host }, { name: 'Pat Prospect', emailAddress: 'pat@prospect.example' }],
		});
		expect(mediaOf(gong, callId)).toMatchObject({
			fileName: 'call.mp3',
			contentType: 'audio/mpeg',
			size: file.content.length,
			sha256: sha256(file.content),
			uploads: 1,
		});
		expect(item!.media).toMatchObject({ alreadyUploaded: false, fileName: 'call.mp3', callId });
		const mine = gong.apiRequests().slice(before);
		expect(mine.map((entry) => `${entry.method} ${entry.path.replace(/\d{6,}/, '{id}')}`)).toEqual([
			'POST /v2/calls',
			'PUT /v2/calls/{id}/media',
		]);
		expect(run.run.data.resultData.runData.Gong![0]!.data!.main[0]![0]!.pairedItem).toEqual({ item: 0 });
	});

	it('running the same item again makes no second call and no second upload (Gong answers 409 for the repeat)', async () => {
		const input = callInput();
		const file = recording(10_000);
		const first = await create(input, file);
		const callId = String(first.items[0]!.callId);
		const second = await create(input, file);
		expect(second.errorMessage).toBeUndefined();
		// The 409 names no call: it is found by its start time and source ID.
		expect(second.items[0]).toMatchObject({ outcome: 'alreadyExisted', callId, media: { alreadyUploaded: true } });
		expect(createdCallsOf(gong).filter((entry) => entry.clientUniqueId === input.sourceId)).toHaveLength(1);
		expect(mediaOf(gong, callId)?.uploads).toBe(2);
		expect(mediaOf(gong, callId)?.sha256).toBe(sha256(file.content));
	});

	it('when Gong answers a repeat with 200 and the existing call, there is still one call and one recording', async () => {
		setDuplicateCallAnswer(gong, 'existing');
		const input = callInput();
		const first = await create(input);
		const second = await create(input);
		expect(second.items[0]!.callId).toBe(first.items[0]!.callId);
		expect(second.items[0]!.media).toMatchObject({ alreadyUploaded: true });
		expect(createdCallsOf(gong).filter((entry) => entry.clientUniqueId === input.sourceId)).toHaveLength(1);
	});

	it.each(['status', 'reset'] as const)(
		'an answer lost after Gong registered the call (%s) is retried: Gong knows the source ID, one call results',
		async (then) => {
			const input = callInput();
			gong.inject({ kind: 'afterWrite', then, status: 500 }, { path: '/v2/calls', method: 'POST', times: 1 });
			const run = await create(input);
			expect(run.errorMessage).toBeUndefined();
			expect(run.items[0]).toMatchObject({ outcome: 'alreadyExisted', media: { alreadyUploaded: false } });
			expect(createdCallsOf(gong).filter((entry) => entry.clientUniqueId === input.sourceId)).toHaveLength(1);
			expect(mediaOf(gong, String(run.items[0]!.callId))?.uploads).toBe(1);
		},
	);

	it('an upload whose answer was lost after Gong stored the file is not stored twice', async () => {
		const input = callInput();
		gong.inject({ kind: 'afterWrite', then: 'reset' }, { path: '/v2/calls/', method: 'PUT', times: 1 });
		const file = recording(200_000);
		const run = await create(input, file);
		expect(run.errorMessage).toBeUndefined();
		const callId = String(run.items[0]!.callId);
		expect(run.items[0]!.media).toMatchObject({ alreadyUploaded: true });
		expect(mediaOf(gong, callId)).toMatchObject({ size: file.content.length, sha256: sha256(file.content) });
	});

	it('a recording from a URL is sent as downloadMediaUrl, with no upload', async () => {
		const input = callInput({ source: 'url', url: `https://recordings.example.com/${newSource()}.mp3` });
		const before = requests('PUT', /media/).length;
		const run = await runFixture(gong, 'call/create', [input]);
		expect(run.errorMessage).toBeUndefined();
		const created = createdCallsOf(gong).find((entry) => entry.callId === run.items[0]!.callId)!;
		expect(created.downloadMediaUrl).toBe(input.url);
		expect(requests('PUT', /media/)).toHaveLength(before);
		expect(run.items[0]!.media).toBeUndefined();
	});

	it('a missing binary field fails before anything is sent: no call without its recording', async () => {
		const input = callInput();
		const before = gong.apiRequests().length;
		const run = await runFixture(gong, 'call/create', [input]);
		expect(run.errorMessage).toMatch(/binary/i);
		expect(gong.apiRequests()).toHaveLength(before);
		expect(callByClientUniqueId(gong, String(input.sourceId))).toBeUndefined();
	});

	it('Gong refusing the call (recording not enabled for the host) is an error with its words', async () => {
		const host = gong.users[2]!.id;
		setCallRecordingEnabled(gong, host, false);
		try {
			const run = await create(callInput({ host }));
			expect(run.errorMessage).toMatch(/conflict \(409\): Recording is not enabled/);
		} finally {
			setCallRecordingEnabled(gong, host, true);
		}
	});

	it('an OAuth token without api:calls:create is told which scope to add', async () => {
		const token = gong.issueToken({ scopes: GONG_SCOPES.filter((scope) => scope !== 'api:calls:create') });
		const run = await create(callInput(), undefined, { auth: 'oAuth2', credentials: oauthCredentials(gong, token) });
		expect(run.errorMessage).toBe('Missing Gong permission: api:calls:create');
	});

	it('bad input is refused before any request, naming the field', async () => {
		const before = gong.apiRequests().length;
		const badStart = await create(callInput({ start: 'next tuesday' }));
		expect(badStart.errorMessage).toMatch(/"next tuesday" in "Start Time" is not a date/);
		const badHost = await create(callInput({ host: 'jane' }));
		expect(badHost.errorMessage).toMatch(/"jane" in "Host" is not a Gong ID/);
		const noSource = await create(callInput({ sourceId: '' }));
		expect(noSource.errorMessage).toMatch(/"Call ID in Source System" is empty/);
		expect(gong.apiRequests()).toHaveLength(before);
	});
});

describe('Call → Upload Media', () => {
	it.each(AUTHS)('streams a file to a call created without one; a second run leaves it as it is (%s)', async (auth) => {
		const input = callInput({ source: 'none' });
		const created = await runFixture(gong, 'call/create', [input], { auth });
		const callId = String(created.items[0]!.callId);
		expect(mediaOf(gong, callId)).toBeUndefined();
		const file = recording(123_456, 'webinar.mp4', 'video/mp4');
		const items = [{ json: { callId }, binary: file.binary }];
		const upload = await runFixture(gong, 'call/upload-media', [{ callId }], { auth, inputItems: items });
		expect(upload.errorMessage).toBeUndefined();
		expect(upload.items[0]).toMatchObject({ callId, alreadyUploaded: false, fileName: 'webinar.mp4' });
		expect(mediaOf(gong, callId)).toMatchObject({
			contentType: 'video/mp4',
			size: 123_456,
			sha256: sha256(file.content),
		});
		const again = await runFixture(gong, 'call/upload-media', [{ callId }], { auth, inputItems: items });
		expect(again.items[0]).toMatchObject({ callId, alreadyUploaded: true });
	});

	it('with an expired OAuth token: n8n refreshes it (a file-less probe), then the file goes once', async () => {
		const input = callInput({ source: 'none' });
		const created = await runFixture(gong, 'call/create', [input]);
		const callId = String(created.items[0]!.callId);
		const file = recording(80_000);
		const before = gong.apiRequests().length;
		const run = await runFixture(gong, 'call/upload-media', [{ callId }], {
			auth: 'oAuth2',
			credentials: oauthCredentials(gong, gong.issueToken({ expired: true })),
			inputItems: [{ json: { callId }, binary: file.binary }],
		});
		expect(run.errorMessage).toBeUndefined();
		expect(run.items[0]).toMatchObject({ callId, alreadyUploaded: false });
		expect(mediaOf(gong, callId)).toMatchObject({ size: 80_000, sha256: sha256(file.content), uploads: 1 });
		// The new token was stored, as n8n does.
		expect(run.credentials.updates.length).toBeGreaterThan(0);
		// The file with the expired token (401); the probe (no file) with it (401: n8n refreshes) and with
		// the new token (400: no file, nothing done); then the file, once.
		expect(
			gong
				.apiRequests()
				.slice(before)
				.map((entry) => entry.status),
		).toEqual([401, 401, 400, 201]);
	});

	it('an unknown call is named in the error', async () => {
		const file = recording(1000);
		const run = await runFixture(gong, 'call/upload-media', [{ callId: '1234567890123' }], {
			inputItems: [{ json: { callId: '1234567890123' }, binary: file.binary }],
		});
		expect(run.errorMessage).toBe('Call 1234567890123 was not found in Gong');
	});
});

describe('Call → Grant Access / Remove Access', () => {
	it.each(AUTHS)('grants and removes users per call, all items in one request (%s)', async (auth) => {
		const [a, b] = [gong.calls[3]!.metaData.id, gong.calls[4]!.metaData.id];
		const [u1, u2] = [gong.users[1]!.id, gong.users[2]!.id];
		const before = requests('PUT', /users-access/).length;
		const grant = await runFixture(
			gong,
			'call/grant-access',
			[
				{ callId: a, userIds: [u1, u2] },
				{ callId: b, userIds: [u2] },
			],
			{ auth },
		);
		expect(grant.errorMessage).toBeUndefined();
		expect(grant.items).toMatchObject([
			{ callId: a, userIds: [u1, u2], access: 'granted' },
			{ callId: b, userIds: [u2], access: 'granted' },
		]);
		expect(requests('PUT', /users-access/)).toHaveLength(before + 1);
		expect(callAccessOf(gong).get(a)).toEqual(expect.arrayContaining([u1, u2]));
		// Again: nothing changes, nothing fails.
		const again = await runFixture(gong, 'call/grant-access', [{ callId: a, userIds: [u1] }], { auth });
		expect(again.errorMessage).toBeUndefined();
		const remove = await runFixture(gong, 'call/remove-access', [{ callId: a, userIds: [u1] }], { auth });
		expect(remove.items[0]).toMatchObject({ access: 'removed' });
		expect(callAccessOf(gong).get(a) ?? []).not.toContain(u1);
	});

	it('one unknown call fails only its own item (Gong refuses the whole list; items are sent again one by one)', async () => {
		const good = gong.calls[5]!.metaData.id;
		grantCallAccess(gong, good, []);
		const workflow = fixture('call/grant-access');
		gongNode(workflow).continueOnFail = true;
		const run = await runFixture(gong, workflow, [
			{ callId: good, userIds: [gong.users[3]!.id] },
			{ callId: '999999999999999', userIds: [gong.users[3]!.id] },
		]);
		expect(run.items[0]).toMatchObject({ callId: good, access: 'granted' });
		expect(run.items[1]!.error).toMatch(/Some calls not found/);
		expect(callAccessOf(gong).get(good)).toContain(gong.users[3]!.id);
	});
});
