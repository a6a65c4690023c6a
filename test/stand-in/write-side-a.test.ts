import { createHash, randomBytes } from 'crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { GongStandIn } from './gong-stand-in';
import { MultipartScanner } from './multipart';
import { callAccessOf } from './routes/call-extras';
import {
	callByClientUniqueId,
	createdCallsOf,
	mediaOf,
	setCallRecordingEnabled,
	setDuplicateCallAnswer,
} from './routes/call-writes';
import { digitalInteractionsOf } from './routes/digital-interactions';
import { meetingsOf, setMeetingsConsentPageEnabled, setMeetingsLimitedRelease } from './routes/meetings';
import { tasksOf } from './routes/tasks';

type Json = Record<string, unknown>;

interface Reply {
	status: number;
	text: string;
	body: Json;
}

async function call(
	url: string,
	init: { auth: string; json?: unknown; method?: string; body?: RequestInit['body']; contentType?: string },
): Promise<Reply> {
	const headers: Record<string, string> = { Authorization: init.auth };
	let body: RequestInit['body'] | undefined = init.body;
	if (init.json !== undefined) {
		headers['Content-Type'] = 'application/json';
		body = JSON.stringify(init.json);
	}
	if (init.contentType) headers['Content-Type'] = init.contentType;
	const response = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
	const text = await response.text();
	return { status: response.status, text, body: text ? (JSON.parse(text) as Json) : {} };
}

const errors = (reply: Reply): string[] => (reply.body.errors ?? []) as string[];
const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

describe('Gong stand-in: write side A (calls, media, call access, digital interactions, meetings, tasks)', () => {
	let gong: GongStandIn;
	let basic: string;
	let seq = 0;
	const send = (method: string, path: string, json?: unknown): Promise<Reply> =>
		call(`${gong.baseUrl}${path}`, { auth: basic, method, json });
	const post = (path: string, json: unknown): Promise<Reply> => send('POST', path, json);
	const uid = (prefix: string): string => `${prefix}-${++seq}`;

	beforeAll(async () => {
		gong = await GongStandIn.start({ calls: 40, rateLimitPerSecond: 0 });
		basic = gong.basicAuthHeader();
	});

	afterAll(async () => {
		await gong.stop();
	});

	beforeEach(() => {
		gong.clearFaults();
	});

	/** A valid POST /v2/calls body for gong.users[0], with a fresh clientUniqueId. */
	function newCall(overrides: Json = {}): Json {
		const user = gong.users[0];
		return {
			clientUniqueId: uid('pbx-call'),
			actualStart: '2026-02-10T15:30:00Z',
			direction: 'Outbound',
			primaryUser: user?.id,
			title: 'Call with Globex',
			parties: [
				{ userId: user?.id, name: `${user?.firstName} ${user?.lastName}`, mediaChannelId: 0 },
				{ name: 'Hank Scorpio', emailAddress: 'hank@globex.example', phoneNumber: '+1 312 555 0199' },
			],
			...overrides,
		};
	}

	async function createCall(overrides: Json = {}): Promise<{ callId: string; body: Json }> {
		const body = newCall(overrides);
		const reply = await post('/v2/calls', body);
		expect(reply.status, reply.text).toBe(200);
		return { callId: reply.body.callId as string, body };
	}

	/** PUT /v2/calls/{id}/media with a FormData body (what fetch sends for a form upload). */
	function uploadForm(
		callId: string,
		content: Uint8Array<ArrayBuffer>,
		opts: { field?: string; type?: string; name?: string } = {},
	) {
		const form = new FormData();
		form.append('note', 'not the media');
		form.append(
			opts.field ?? 'mediaFile',
			new Blob([content], { type: opts.type ?? 'audio/mpeg' }),
			opts.name ?? 'call.mp3',
		);
		return call(`${gong.baseUrl}/v2/calls/${callId}/media`, { auth: basic, method: 'PUT', body: form });
	}

	describe('missing scope', () => {
		const cases: [string, string, string, unknown][] = [
			['POST', '/v2/calls', 'api:calls:create', {}],
			['PUT', '/v2/calls/123/media', 'api:calls:create', {}],
			['PUT', '/v2/calls/users-access', 'api:call-user-access:write', { callAccessList: [] }],
			['DELETE', '/v2/calls/users-access', 'api:call-user-access:write', { callAccessList: [] }],
			['POST', '/v2/digital-interaction', 'api:digital-interactions:write', {}],
			['POST', '/v2/meetings', 'api:meetings:user:create', {}],
			['PUT', '/v2/meetings/123', 'api:meetings:user:update', {}],
			['DELETE', '/v2/meetings/123', 'api:meetings:user:delete', {}],
			['POST', '/v2/meetings/integration/status', 'api:meetings:integration:status', { emails: [] }],
			['PATCH', '/v2/tasks/123', 'api:tasks:write', {}],
		];
		it.each(cases)('%s %s needs %s (401)', async (method, path, scope, json) => {
			const token = gong.issueToken({ scopes: ['api:calls:read:basic'] }).access_token;
			const reply = await call(`${gong.customerBaseUrl}${path}`, { method, auth: `Bearer ${token}`, json });
			expect(reply.status).toBe(401);
			expect(errors(reply)).toEqual([`You don't have permission to use '${scope}' in your app.`]);
		});

		it('a token with the scope gets past the check (the default integration has every write scope)', async () => {
			const token = gong.issueToken().access_token;
			const reply = await call(`${gong.customerBaseUrl}/v2/calls`, {
				auth: `Bearer ${token}`,
				json: newCall(),
			});
			expect(reply.status, reply.text).toBe(200);
			const status = await call(`${gong.customerBaseUrl}/v2/meetings/integration/status`, {
				auth: `Bearer ${gong.issueToken({ scopes: ['api:meetings:integration:status'] }).access_token}`,
				json: { emails: [] },
			});
			expect(status.status, status.text).toBe(200);
		});
	});

	describe('POST /v2/calls', () => {
		it('registers a call: 200 {requestId, callId}, listed by GET /v2/calls and /v2/calls/extensive', async () => {
			const body = newCall({
				purpose: 'Discovery',
				disposition: 'Connected',
				customData: 'crm-ref-17',
				scheduledStart: '2026-02-10T15:25:00Z',
				duration: 312.4,
				context: [{ system: 'Salesforce', objects: [{ objectType: 'Account', objectId: '0013600000AbCdE' }] }],
			});
			const reply = await post('/v2/calls', body);
			expect(reply.status, reply.text).toBe(200);
			expect(Object.keys(reply.body).sort()).toEqual(['callId', 'requestId']);
			const callId = reply.body.callId as string;
			// A string in the spec's NewCallAddingResponse; int64-like digits.
			expect(reply.text).toContain(`"callId":"${callId}"`);
			expect(callId).toMatch(/^[1-8]\d{18}$/);

			const created = createdCallsOf(gong).find((c) => c.callId === callId);
			expect(created?.body).toEqual(body);
			expect(created?.downloadMediaUrl).toBeNull();
			const stored = callByClientUniqueId(gong, body.clientUniqueId as string);
			expect(stored?.metaData).toMatchObject({
				id: callId,
				url: `https://app.gong.io/call?id=${callId}`,
				clientUniqueId: body.clientUniqueId,
				started: '2026-02-10T15:30:00Z',
				scheduled: '2026-02-10T15:25:00Z',
				title: 'Call with Globex',
				direction: 'Outbound',
				primaryUserId: gong.users[0]?.id,
				purpose: 'Discovery',
				sdrDisposition: 'Connected',
				customData: 'crm-ref-17',
				duration: 312,
				scope: 'External',
			});
			expect(stored?.transcript).toBeNull();

			const list = await send('GET', '/v2/calls?fromDateTime=2026-02-10T15:00:00Z&toDateTime=2026-02-10T16:00:00Z');
			expect(list.status, list.text).toBe(200);
			expect((list.body.calls as Json[]).map((c) => c.id)).toContain(callId);

			const extensive = await post('/v2/calls/extensive', {
				filter: { callIds: [callId] },
				contentSelector: { context: 'Extended', exposedFields: { parties: true } },
			});
			expect(extensive.status, extensive.text).toBe(200);
			const [only] = extensive.body.calls as Json[];
			expect((only?.metaData as Json).clientUniqueId).toBe(body.clientUniqueId);
			const parties = only?.parties as Json[];
			expect(parties.map((p) => p.affiliation)).toEqual(['Internal', 'External']);
			expect(parties[0]).toMatchObject({ userId: gong.users[0]?.id, emailAddress: gong.users[0]?.emailAddress });
			expect(only?.context).toEqual([
				{
					system: 'Salesforce',
					objects: [{ objectType: 'Account', objectId: '0013600000AbCdE', timing: 'TimeOfCall', fields: [] }],
				},
			]);
		});

		const invalid: [string, (body: Json) => Json, string][] = [
			['no clientUniqueId', (b) => ({ ...b, clientUniqueId: undefined }), 'clientUniqueId is required'],
			['no actualStart', (b) => ({ ...b, actualStart: undefined }), 'actualStart is required'],
			[
				'an actualStart that is not ISO',
				(b) => ({ ...b, actualStart: '10/02/2026 15:30' }),
				"Invalid actualStart '10/02/2026 15:30': expected ISO-8601, e.g. 2018-02-18T02:30:00-07:00",
			],
			['no direction', (b) => ({ ...b, direction: undefined }), 'direction is required'],
			[
				'an unknown direction',
				(b) => ({ ...b, direction: 'Sideways' }),
				'direction must be one of Inbound, Outbound, Conference, Unknown, got "Sideways"',
			],
			['no primaryUser', (b) => ({ ...b, primaryUser: undefined }), 'primaryUser is required'],
			[
				'an unknown primaryUser',
				(b) => ({ ...b, primaryUser: '1111111111111111111' }),
				"primaryUser '1111111111111111111' is not a Gong user ID",
			],
			[
				'no parties',
				(b) => ({ ...b, parties: [] }),
				'parties is required: a non-empty array that includes a party for the primaryUser',
			],
			[
				'no party for the primary user',
				(b) => ({ ...b, parties: [{ name: 'Hank Scorpio', emailAddress: 'hank@globex.example' }] }),
				'', // filled in below: the message names the primary user
			],
			[
				'a purpose over 255 characters',
				(b) => ({ ...b, purpose: 'x'.repeat(256) }),
				'purpose must be at most 255 characters long, got 256',
			],
			[
				'a disposition over 255 characters',
				(b) => ({ ...b, disposition: 'y'.repeat(300) }),
				'disposition must be at most 255 characters long, got 300',
			],
			[
				'a mediaChannelId of 2',
				(b) => ({ ...b, parties: [{ ...(b.parties as Json[])[0], mediaChannelId: 2 }] }),
				'parties[0].mediaChannelId must be 0 (left) or 1 (right), got 2',
			],
			[
				'a downloadMediaUrl that is no URL',
				(b) => ({ ...b, downloadMediaUrl: 'recording.mp3' }),
				"downloadMediaUrl must be an http(s) URL, got 'recording.mp3'",
			],
		];
		it.each(invalid)('400 for %s', async (_name, change, message) => {
			const body = change(newCall());
			const reply = await post('/v2/calls', body);
			expect(reply.status, reply.text).toBe(400);
			expect(errors(reply)).toEqual([
				message ||
					`parties must include a party for the primaryUser (a party with userId '${gong.users[0]?.id ?? ''}')`,
			]);
			expect(callByClientUniqueId(gong, String(body.clientUniqueId))).toBeUndefined();
		});

		it("a repeated clientUniqueId answers 409 without the callId ('conflict', the default) and makes no call", async () => {
			const { callId, body } = await createCall();
			const count = gong.calls.length;
			const again = await post('/v2/calls', body);
			expect(again.status).toBe(409);
			expect(errors(again)).toEqual([`A call with clientUniqueId '${String(body.clientUniqueId)}' already exists`]);
			expect(again.body.callId).toBeUndefined();
			expect(again.text).not.toContain(callId);
			expect(gong.calls.length).toBe(count);
		});

		it("with setDuplicateCallAnswer('existing') a repeat answers 200 with the existing callId", async () => {
			const { callId, body } = await createCall();
			setDuplicateCallAnswer(gong, 'existing');
			try {
				const again = await post('/v2/calls', { ...body, title: 'A retry' });
				expect(again.status).toBe(200);
				expect(again.body.callId).toBe(callId);
				expect(callByClientUniqueId(gong, String(body.clientUniqueId))?.metaData.title).toBe('Call with Globex');
			} finally {
				setDuplicateCallAnswer(gong, 'conflict');
			}
		});

		it('409 when recording is not enabled for the primary user', async () => {
			const user = gong.users[3];
			setCallRecordingEnabled(gong, user?.id ?? '', false);
			try {
				const body = newCall({ primaryUser: user?.id, parties: [{ userId: user?.id }] });
				const reply = await post('/v2/calls', body);
				expect(reply.status).toBe(409);
				expect(errors(reply)).toEqual(['Recording is not enabled for the primary user']);
				expect(callByClientUniqueId(gong, String(body.clientUniqueId))).toBeUndefined();
			} finally {
				setCallRecordingEnabled(gong, user?.id ?? '', true);
			}
		});

		it('downloadMediaUrl: recorded as the media source; the same URL for another call is a 400', async () => {
			const url = `https://recordings.example.com/${uid('rec')}.mp4`;
			const { callId } = await createCall({ downloadMediaUrl: url });
			expect(createdCallsOf(gong).find((c) => c.callId === callId)?.downloadMediaUrl).toBe(url);
			const stored = gong.calls.find((c) => c.metaData.id === callId);
			expect(stored?.metaData.media).toBe('Video');
			expect(stored?.media.audioUrl).toContain(callId);
			const other = await post('/v2/calls', newCall({ downloadMediaUrl: url }));
			expect(other.status).toBe(400);
			expect(errors(other)).toEqual([`downloadMediaUrl must be unique: '${url}' was already used for another call`]);
		});

		it("afterWrite (status): the call is made, the client gets Gong's 500, the log keeps both", async () => {
			gong.inject({ kind: 'afterWrite', then: 'status' }, { path: '/v2/calls', method: 'POST' });
			// The method filter: a GET of the same path goes through untouched and leaves the fault in place.
			const list = await send('GET', '/v2/calls?fromDateTime=2026-01-05T00:00:00Z');
			expect(list.status).toBe(200);
			const body = newCall();
			const reply = await post('/v2/calls', body);
			expect(reply.status).toBe(500);
			expect(errors(reply)).toEqual(['Internal server error']);
			expect(typeof reply.body.requestId).toBe('string');
			expect(reply.body.callId).toBeUndefined();
			const stored = callByClientUniqueId(gong, String(body.clientUniqueId));
			expect(stored).toBeDefined();
			const entry = gong.log.filter((e) => e.method === 'POST' && e.path === '/v2/calls').at(-1);
			expect(entry?.status).toBe(500);
			expect(entry?.unsentStatus).toBe(200);
			// The retry with the same clientUniqueId is refused: the client must find the call another way.
			const retry = await post('/v2/calls', body);
			expect(retry.status).toBe(409);
		});

		it('afterWrite (reset, 503): the connection drops or a 503 comes, after the write', async () => {
			gong.inject({ kind: 'afterWrite', then: 'reset' }, { path: '/v2/calls', method: 'POST' });
			const body = newCall();
			await expect(post('/v2/calls', body)).rejects.toThrow();
			expect(callByClientUniqueId(gong, String(body.clientUniqueId))).toBeDefined();
			const entry = gong.log.filter((e) => e.method === 'POST' && e.path === '/v2/calls').at(-1);
			expect(entry?.status).toBe(-1);
			expect(entry?.unsentStatus).toBe(200);

			gong.inject({ kind: 'afterWrite', then: 'status', status: 503 }, { path: '/v2/calls', method: 'POST' });
			const second = newCall();
			const reply = await post('/v2/calls', second);
			expect(reply.status).toBe(503);
			expect(errors(reply)).toEqual(['Service temporarily unavailable']);
			expect(callByClientUniqueId(gong, String(second.clientUniqueId))).toBeDefined();
		});
	});

	describe('PUT /v2/calls/{id}/media', () => {
		it('201 {requestId, callId, url}; the stand-in keeps name, type, size and sha256 of the file', async () => {
			const { callId } = await createCall();
			const content = randomBytes(300_000);
			const reply = await uploadForm(callId, content, { name: 'Globex call.mp3', type: 'audio/mpeg' });
			expect(reply.status, reply.text).toBe(201);
			expect(reply.body).toEqual({
				requestId: expect.any(String) as string,
				callId,
				url: `https://app.gong.io/call?id=${callId}`,
			});
			expect(mediaOf(gong, callId)).toMatchObject({
				callId,
				fileName: 'Globex call.mp3',
				contentType: 'audio/mpeg',
				size: content.length,
				sha256: sha256(content),
				uploads: 1,
			});
			expect(gong.calls.find((c) => c.metaData.id === callId)?.media.audioUrl).toContain(callId);
		});

		it('a second upload to the same call is refused with 409 "already"; the first one stands', async () => {
			const { callId } = await createCall();
			const first = randomBytes(1000);
			expect((await uploadForm(callId, first)).status).toBe(201);
			const again = await uploadForm(callId, randomBytes(2000), { name: 'other.wav', type: 'audio/wav' });
			expect(again.status).toBe(409);
			expect(errors(again)).toEqual([`Media was already uploaded for call '${callId}'`]);
			expect(mediaOf(gong, callId)).toMatchObject({ size: 1000, sha256: sha256(first), uploads: 2 });
		});

		it('409 for a call registered with a downloadMediaUrl, and for a call Gong recorded itself', async () => {
			const { callId } = await createCall({ downloadMediaUrl: `https://recordings.example.com/${uid('r')}.mp3` });
			const reply = await uploadForm(callId, randomBytes(10));
			expect(reply.status).toBe(409);
			expect(errors(reply)).toEqual([`Call '${callId}' already has media: it was registered with a downloadMediaUrl`]);
			const recorded = gong.calls[0]?.metaData.id ?? '';
			const other = await uploadForm(recorded, randomBytes(10));
			expect(other.status).toBe(409);
			expect(errors(other)).toEqual([`Call '${recorded}' already has media`]);
			expect(mediaOf(gong, callId)).toBeUndefined();
		});

		it('404 for an unknown call, 400 for a malformed id', async () => {
			const unknown = await uploadForm('1234567890123456789', randomBytes(10));
			expect(unknown.status).toBe(404);
			expect(errors(unknown)).toEqual(['Call ID was not found']);
			const malformed = await uploadForm('abc', randomBytes(10));
			expect(malformed.status).toBe(400);
			expect(errors(malformed)).toEqual(["Invalid call ID 'abc': expected up to 20 digits"]);
		});

		it('400 without a mediaFile part or with an empty one; 415 for a body that is not multipart', async () => {
			const { callId } = await createCall();
			const missing = await uploadForm(callId, randomBytes(10), { field: 'file' });
			expect(missing.status).toBe(400);
			expect(errors(missing)).toEqual(["Required request part 'mediaFile' is not present"]);
			const empty = await uploadForm(callId, new Uint8Array(0));
			expect(empty.status).toBe(400);
			expect(errors(empty)).toEqual(['mediaFile is empty']);
			const json = await call(`${gong.baseUrl}/v2/calls/${callId}/media`, {
				auth: basic,
				method: 'PUT',
				json: { mediaFile: 'abc' },
			});
			expect(json.status).toBe(415);
			expect(errors(json)).toEqual(['Unsupported Media Type']);
			const noBoundary = await call(`${gong.baseUrl}/v2/calls/${callId}/media`, {
				auth: basic,
				method: 'PUT',
				body: 'x',
				contentType: 'multipart/form-data',
			});
			expect(noBoundary.status).toBe(400);
			expect(errors(noBoundary)).toEqual(['Malformed multipart request: the Content-Type has no boundary']);
			expect(mediaOf(gong, callId)).toBeUndefined();
		});

		it('400 for a multipart body without its closing boundary', async () => {
			const { callId } = await createCall();
			const body =
				'--XyZ\r\nContent-Disposition: form-data; name="mediaFile"; filename="a.mp3"\r\n' +
				'Content-Type: audio/mpeg\r\n\r\nabcdef';
			const reply = await call(`${gong.baseUrl}/v2/calls/${callId}/media`, {
				auth: basic,
				method: 'PUT',
				body,
				contentType: 'multipart/form-data; boundary=XyZ',
			});
			expect(reply.status).toBe(400);
			expect(errors(reply)).toEqual(['Malformed multipart body: the closing boundary is missing']);
			expect(mediaOf(gong, callId)).toBeUndefined();
		});

		it('afterWrite (reset) on the upload: the media is kept, the retry gets 409 "already"', async () => {
			const { callId } = await createCall();
			gong.inject({ kind: 'afterWrite', then: 'reset' }, { path: `/v2/calls/${callId}/media`, method: 'PUT' });
			const content = randomBytes(5000);
			await expect(uploadForm(callId, content)).rejects.toThrow();
			expect(mediaOf(gong, callId)?.sha256).toBe(sha256(content));
			const retry = await uploadForm(callId, content);
			expect(retry.status).toBe(409);
			expect(errors(retry)[0]).toContain('already');
		});

		it('streams a 200 MB upload: size and sha256 match, memory does not grow by anything near that', async () => {
			const { callId } = await createCall();
			const boundary = '----n8nGongBoundary7MA4YWxkTrZu0gW';
			const chunk = randomBytes(64 * 1024);
			// Chunks that look like the start of a boundary, cut at a chunk's end, must not fool the scanner.
			const cut = Buffer.from(`\r\n--${boundary.slice(0, 14)}`);
			const decoy = Buffer.concat([chunk.subarray(0, chunk.length - cut.length), cut]);
			// Big enough that a body held in memory stands out from the garbage of reading it (which the
			// heap's sawtooth keeps below about 45 MB here, however long the upload).
			const total = 200 * 1024 * 1024;
			const count = total / chunk.length;
			const head = Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="mediaFile"; filename="long.wav"\r\n` +
					'Content-Type: audio/wav\r\n\r\n',
			);
			const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
			const hash = createHash('sha256');
			const heap = (): number => {
				// Buffers live outside the JS heap (arrayBuffers): a body kept as Buffers would show there.
				// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- the stand-in runs in this very process
				const usage = process.memoryUsage();
				return usage.heapUsed + usage.arrayBuffers;
			};
			const baseline = heap();
			let peak = baseline;
			let sent = 0;
			const stream = new ReadableStream<Uint8Array>({
				pull(controller) {
					if (sent === 0) controller.enqueue(head);
					if (sent === count) {
						controller.enqueue(tail);
						controller.close();
						return;
					}
					const piece = sent % 97 === 5 ? decoy : chunk;
					hash.update(piece);
					controller.enqueue(piece);
					sent++;
					if (sent % 16 === 0) peak = Math.max(peak, heap());
				},
			});
			// A streamed request body needs duplex 'half' (Node's fetch; the DOM typings lack the field).
			const init: RequestInit & { duplex: 'half' } = {
				method: 'PUT',
				headers: { Authorization: basic, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
				body: stream,
				duplex: 'half',
			};
			const response = await fetch(`${gong.baseUrl}/v2/calls/${callId}/media`, init);
			peak = Math.max(peak, heap());
			expect(response.status, await response.text()).toBe(201);
			expect(mediaOf(gong, callId)).toMatchObject({
				fileName: 'long.wav',
				contentType: 'audio/wav',
				size: total,
				sha256: hash.digest('hex'),
			});
			expect(peak - baseline).toBeLessThan(total / 2);
		});
	});

	describe('MultipartScanner', () => {
		it('finds every part when the body arrives one byte at a time', () => {
			const boundary = 'b0und';
			const body = Buffer.from(
				'preamble to ignore\r\n' +
					`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n` +
					`--${boundary}  \r\nContent-Disposition: form-data; name="mediaFile"; filename*=UTF-8''r%C3%A9union.mp3\r\n` +
					`Content-Type: audio/mpeg\r\n\r\nx\r\n--b0un\r\n-- y\r\n` +
					`--${boundary}\r\nContent-Disposition: form-data; name="empty"\r\n\r\n` +
					`\r\n--${boundary}--\r\nepilogue`,
			);
			const parts: { name: string; fileName: string | null; contentType: string | null; content: string }[] = [];
			const scanner = new MultipartScanner(boundary, {
				part: (p) => parts.push({ ...p, content: '' }),
				data: (c) => {
					const last = parts.at(-1);
					if (last) last.content += c.toString('utf8');
				},
				partEnd: () => undefined,
			});
			for (const byte of body) scanner.write(Buffer.from([byte]));
			scanner.end();
			expect(parts).toEqual([
				{ name: 'note', fileName: null, contentType: null, content: 'hello' },
				{ name: 'mediaFile', fileName: 'réunion.mp3', contentType: 'audio/mpeg', content: 'x\r\n--b0un\r\n-- y' },
				{ name: 'empty', fileName: null, contentType: null, content: '' },
			]);
		});
	});

	describe('PUT / DELETE /v2/calls/users-access', () => {
		const readAccess = async (callId: string): Promise<string[]> => {
			const reply = await post('/v2/calls/users-access', { filter: { callIds: [callId] } });
			expect(reply.status, reply.text).toBe(200);
			const [entry] = reply.body.callAccessList as { users: { userId: string }[] }[];
			return (entry?.users ?? []).map((u) => u.userId).sort();
		};

		it('grants (idempotently) and revokes with a JSON body on DELETE; the read endpoint shows it', async () => {
			const callId = gong.calls[2]?.metaData.id ?? '';
			const [a, b] = [gong.users[5]?.id ?? '', gong.users[6]?.id ?? ''];
			const before = await readAccess(callId);
			const grant = { callAccessList: [{ callId, userIds: [a, b] }] };
			const put = await send('PUT', '/v2/calls/users-access', grant);
			expect(put.status, put.text).toBe(200);
			expect(Object.keys(put.body)).toEqual(['requestId']);
			expect(await readAccess(callId)).toEqual([...new Set([...before, a, b])].sort());
			expect((await send('PUT', '/v2/calls/users-access', grant)).status).toBe(200);
			expect(
				callAccessOf(gong)
					.get(callId)
					?.filter((id) => id === a),
			).toHaveLength(1);

			const revoke = { callAccessList: [{ callId, userIds: [a] }] };
			const del = await send('DELETE', '/v2/calls/users-access', revoke);
			expect(del.status, del.text).toBe(200);
			expect(gong.log.at(-1)?.body).toEqual(revoke);
			expect(await readAccess(callId)).toEqual([...new Set([...before, b])].sort());
			expect((await send('DELETE', '/v2/calls/users-access', revoke)).status).toBe(200);
			expect(await readAccess(callId)).toEqual([...new Set([...before, b])].sort());
		});

		it('one unknown call or user fails the whole batch with 400, nothing changes', async () => {
			const callId = gong.calls[3]?.metaData.id ?? '';
			const user = gong.users[7]?.id ?? '';
			const before = [...(callAccessOf(gong).get(callId) ?? [])];
			const unknownCall = await send('PUT', '/v2/calls/users-access', {
				callAccessList: [
					{ callId, userIds: [user] },
					{ callId: '999999999999', userIds: [user] },
				],
			});
			expect(unknownCall.status).toBe(400);
			expect(errors(unknownCall)).toEqual(['Some calls not found']);
			const unknownUser = await send('DELETE', '/v2/calls/users-access', {
				callAccessList: [{ callId, userIds: ['123'] }],
			});
			expect(unknownUser.status).toBe(400);
			expect(errors(unknownUser)).toEqual(['Some users not found']);
			expect(callAccessOf(gong).get(callId) ?? []).toEqual(before);
		});

		it('400 without a callAccessList or with a malformed item', async () => {
			const none = await send('PUT', '/v2/calls/users-access', {});
			expect(none.status).toBe(400);
			expect(errors(none)).toEqual(['callAccessList is required: a non-empty array of {callId, userIds}']);
			const noUsers = await send('PUT', '/v2/calls/users-access', {
				callAccessList: [{ callId: gong.calls[0]?.metaData.id }],
			});
			expect(noUsers.status).toBe(400);
			expect(errors(noUsers)).toEqual(['callAccessList[0].userIds is required: an array of numeric user ID strings']);
		});
	});

	describe('POST /v2/digital-interaction', () => {
		const event = (overrides: Json = {}): Json => ({
			eventId: uid('evt'),
			timestamp: '2026-02-11T08:15:00Z',
			eventType: 'page viewed',
			sourceSystemName: 'Acme Web',
			device: 'PC',
			content: { contentTitle: 'Pricing', contentUrl: 'https://acme.example/pricing', contentLabel: ['web'] },
			person: { name: 'Hank Scorpio', email: 'hank@globex.example', company: { domain: 'globex.example' } },
			customFields: [{ name: 'visit', value: '3', dataType: 'NUMBER' }],
			...overrides,
		});

		it('200 {requestId}; the event is stored; a repeat eventId answers 409 "Event was already reported"', async () => {
			const body = event();
			const reply = await post('/v2/digital-interaction', body);
			expect(reply.status, reply.text).toBe(200);
			expect(Object.keys(reply.body)).toEqual(['requestId']);
			const stored = digitalInteractionsOf(gong).filter((e) => e.eventId === body.eventId);
			expect(stored).toHaveLength(1);
			expect(stored[0]?.body).toEqual(body);
			const again = await post('/v2/digital-interaction', body);
			expect(again.status).toBe(409);
			expect(errors(again)).toEqual(['Event was already reported']);
			expect(digitalInteractionsOf(gong).filter((e) => e.eventId === body.eventId)).toHaveLength(1);
		});

		it('accepts a trackingId instead of a person', async () => {
			const reply = await post('/v2/digital-interaction', event({ person: undefined, trackingId: 'trk-42' }));
			expect(reply.status, reply.text).toBe(200);
		});

		const invalid: [string, Json, string][] = [
			['no eventId', { eventId: undefined }, 'eventId is required'],
			['no timestamp', { timestamp: undefined }, 'timestamp is required'],
			[
				'a timestamp that is not ISO',
				{ timestamp: 'yesterday' },
				"Invalid timestamp 'yesterday': expected ISO-8601, e.g. 2018-02-18T02:30:00-07:00",
			],
			['no eventType', { eventType: '' }, 'eventType is required'],
			['no content', { content: undefined }, 'content is required: an object with contentTitle'],
			['no content.contentTitle', { content: { contentUrl: 'https://x.example' } }, 'content.contentTitle is required'],
			[
				'both person and trackingId',
				{ trackingId: 'trk-1' },
				'person and trackingId cannot be sent together: send one of them',
			],
			['neither person nor trackingId', { person: undefined }, 'Either person or trackingId is required'],
			[
				'an anonymous person without personId',
				{ person: { company: { domain: 'globex.example' } } },
				'person.personId is required for an anonymous person (no name, email, phoneNumber or personBusinessContext)',
			],
			['an unknown device', { device: 'TV' }, 'device must be one of MOBILE, PC, got "TV"'],
		];
		it.each(invalid)('400 for %s', async (_name, overrides, message) => {
			const body = event(overrides);
			const reply = await post('/v2/digital-interaction', body);
			expect(reply.status, reply.text).toBe(400);
			expect(errors(reply)).toEqual([message]);
		});
	});

	describe('meetings', () => {
		const organizer = (): string => gong.users[0]?.emailAddress ?? '';
		const meeting = (overrides: Json = {}): Json => ({
			startTime: '2026-03-02T16:00:00Z',
			endTime: '2026-03-02T16:30:00Z',
			title: 'Globex pilot kickoff',
			invitees: [{ email: 'hank@globex.example', displayName: 'Hank Scorpio' }],
			organizerEmail: organizer(),
			externalId: uid('cal'),
			provider: 'zoom',
			...overrides,
		});

		it('create, replace (PUT), delete (JSON body); a repeated DELETE is a 404', async () => {
			const created = await post('/v2/meetings', meeting());
			expect(created.status, created.text).toBe(200);
			const meetingId = created.body.meetingId as string;
			expect(meetingId).toMatch(/^\d{19}$/);
			expect(created.body.meetingUrl).toMatch(/^https:\/\/join\.gong\.io\/acme-robotics\/[a-z.]+\?tkn=\w{22}$/);
			expect(created.body.additionalInvitees).toEqual([{ displayName: 'Gong Assistant', email: 'assistant@gong.io' }]);
			expect(meetingsOf(gong).find((m) => m.meetingId === meetingId)?.title).toBe('Globex pilot kickoff');

			const replaced = await send(
				'PUT',
				`/v2/meetings/${meetingId}`,
				meeting({ title: undefined, invitees: [{ email: 'marge@globex.example' }], endTime: '2026-03-02T17:00:00Z' }),
			);
			expect(replaced.status, replaced.text).toBe(200);
			expect(replaced.body).toEqual({ requestId: expect.any(String) as string, meetingId });
			const stored = meetingsOf(gong).find((m) => m.meetingId === meetingId);
			expect(stored).toMatchObject({ title: null, invitees: [{ email: 'marge@globex.example' }] });
			expect(stored?.endTime).toBe('2026-03-02T17:00:00Z');

			const deleted = await send('DELETE', `/v2/meetings/${meetingId}`, { organizerEmail: organizer() });
			expect(deleted.status, deleted.text).toBe(200);
			expect(meetingsOf(gong).some((m) => m.meetingId === meetingId)).toBe(false);
			const again = await send('DELETE', `/v2/meetings/${meetingId}`, { organizerEmail: organizer() });
			expect(again.status).toBe(404);
			expect(errors(again)).toEqual(['No Gong meeting found corresponding to the provided organizer email']);
		});

		it('404 for an unknown organizer or meeting; 400 for a malformed body', async () => {
			const unknown = await post('/v2/meetings', meeting({ organizerEmail: 'nobody@acme-robotics.com' }));
			expect(unknown.status).toBe(404);
			expect(errors(unknown)).toEqual(['No Gong user found corresponding to the provided organizer email']);
			const put = await send('PUT', '/v2/meetings/1234567890123456789', meeting());
			expect(put.status).toBe(404);
			expect(errors(put)).toEqual(['No meeting found corresponding to the provided meeting ID']);
			const backwards = await post('/v2/meetings', meeting({ endTime: '2026-03-02T15:00:00Z' }));
			expect(backwards.status).toBe(400);
			expect(errors(backwards)).toEqual(['endTime must be after startTime']);
			const noInvitees = await post('/v2/meetings', meeting({ invitees: undefined }));
			expect(errors(noInvitees)).toEqual([
				'invitees is required: an array of {email, displayName?, firstName?, lastName?}',
			]);
			const noOrganizer = await send('DELETE', '/v2/meetings/1234567890123456789', {});
			expect(noOrganizer.status).toBe(400);
			expect(errors(noOrganizer)).toEqual(['organizerEmail is required']);
		});

		it('a company outside the Limited release gets 403 on every meetings endpoint', async () => {
			const created = await post('/v2/meetings', meeting());
			const meetingId = created.body.meetingId as string;
			setMeetingsLimitedRelease(gong, true);
			try {
				const replies = await Promise.all([
					post('/v2/meetings', meeting()),
					send('PUT', `/v2/meetings/${meetingId}`, meeting()),
					send('DELETE', `/v2/meetings/${meetingId}`, { organizerEmail: organizer() }),
					post('/v2/meetings/integration/status', { emails: [organizer()] }),
				]);
				for (const reply of replies) {
					expect(reply.status).toBe(403);
					expect(errors(reply)).toEqual([
						'This API endpoint is in Limited release - contact your CSM for more information.',
					]);
				}
				expect(meetingsOf(gong).some((m) => m.meetingId === meetingId)).toBe(true);
			} finally {
				setMeetingsLimitedRelease(gong, false);
			}
		});

		it('integration status per email; 409 on writes when the consent page is off', async () => {
			const inactive = gong.users.find((u) => !u.active)?.emailAddress ?? '';
			const status = await post('/v2/meetings/integration/status', {
				emails: [organizer().toUpperCase(), 'nobody@acme-robotics.com', inactive],
			});
			expect(status.status, status.text).toBe(200);
			expect(status.body.users).toEqual([
				{
					email: organizer().toUpperCase(),
					exists: true,
					valid: true,
					userFacingError: null,
					fixUrl: null,
					helpUrl: null,
				},
				{
					email: 'nobody@acme-robotics.com',
					exists: false,
					valid: false,
					userFacingError: 'No Gong user was found for this email address.',
					fixUrl: null,
					helpUrl: null,
				},
				{
					email: inactive,
					exists: true,
					valid: false,
					userFacingError: 'This Gong user is not active. Contact your Gong Admin.',
					fixUrl: null,
					helpUrl: null,
				},
			]);
			const tooMany = await post('/v2/meetings/integration/status', {
				emails: Array.from({ length: 101 }, (_, i) => `u${i}@x.example`),
			});
			expect(tooMany.status).toBe(400);
			expect(errors(tooMany)).toEqual(['emails may hold at most 100 addresses, got 101']);

			setMeetingsConsentPageEnabled(gong, false);
			try {
				const write = await post('/v2/meetings', meeting());
				expect(write.status).toBe(409);
				expect(errors(write)).toEqual([
					'The Gong consent page is not enabled in your company. Contact your Gong Admin.',
				]);
				const check = await post('/v2/meetings/integration/status', { emails: [organizer()] });
				expect((check.body.users as Json[])[0]).toMatchObject({
					valid: false,
					fixUrl: 'https://app.gong.io/company/recording-consent/consent-page',
				});
			} finally {
				setMeetingsConsentPageEnabled(gong, true);
			}
		});
	});

	describe('PATCH /v2/tasks/{taskId}', () => {
		it('updates status, due date and priority; answers the task as the list does; the list shows it', async () => {
			const owner = gong.users[2]?.id ?? '';
			const task = tasksOf(gong).find((t) => t.userId === owner && t.status === 'OPEN');
			if (!task) throw new Error('no open task for users[2]');
			const reply = await send('PATCH', `/v2/tasks/${task.id}`, {
				userId: owner,
				status: 'DONE',
				dueDate: '2026-03-01T10:00:00-05:00',
				priority: 'HIGH',
			});
			expect(reply.status, reply.text).toBe(200);
			expect(reply.body.crmType).toBe('SALESFORCE');
			const [out] = reply.body.tasks as Json[];
			// int64 ids go out as bare JSON numbers, as in the list.
			expect(reply.text).toContain(`"id":${task.id}`);
			expect(out).toMatchObject({
				status: 'DONE',
				dueDate: '2026-03-01T15:00:00Z',
				priority: { name: 'high', weight: 100 },
			});

			const list = await post('/v2/tasks', {
				filter: { userId: owner, types: ['FLOW', 'MANUAL'], taskAction: ['CALL'], status: ['DONE'] },
			});
			expect(list.status, list.text).toBe(200);
			const listed = (list.body.tasks as Json[]).find(
				(t) => String(t.updated) === out?.updated && t.dueDate === out?.dueDate,
			);
			expect(listed).toMatchObject({ status: 'DONE', priority: { name: 'high' } });
			expect(task.status).toBe('DONE');
		});

		it("404 'TaskId not found', 403 for someone else's task, 400 for a malformed body", async () => {
			const task = tasksOf(gong)[0];
			const other = gong.users.find((u) => u.id !== task?.userId)?.id ?? '';
			const unknown = await send('PATCH', '/v2/tasks/1234567890123456789', { userId: other });
			expect(unknown.status).toBe(404);
			expect(errors(unknown)).toEqual(['TaskId not found']);
			const denied = await send('PATCH', `/v2/tasks/${task?.id ?? ''}`, { userId: other, status: 'DONE' });
			expect(denied.status).toBe(403);
			expect(errors(denied)).toEqual(['Access denied']);
			const noUser = await send('PATCH', `/v2/tasks/${task?.id ?? ''}`, { status: 'DONE' });
			expect(errors(noUser)).toEqual(['userId is required']);
			const badStatus = await send('PATCH', `/v2/tasks/${task?.id ?? ''}`, { userId: task?.userId, status: 'CLOSED' });
			expect(badStatus.status).toBe(400);
			expect(errors(badStatus)).toEqual(['status must be one of OPEN, DONE, DISMISSED, got "CLOSED"']);
			const badPriority = await send('PATCH', `/v2/tasks/${task?.id ?? ''}`, {
				userId: task?.userId,
				priority: 'URGENT',
			});
			expect(errors(badPriority)).toEqual(['priority must be one of HIGH, MEDIUM, LOW, got "URGENT"']);
		});
	});
});
