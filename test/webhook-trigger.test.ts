import { createHash, createHmac, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'crypto';
import express from 'express';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeType,
	IWebhookFunctions,
	IWebhookResponseData,
	IWorkflowBase,
} from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { GongStandIn, type StandInCall } from './stand-in/gong-stand-in';
import { accessKeyCredentials, fixture, oauthCredentials } from './support/gong-run';
import { loadPackage, webhookContext } from './support/n8n-harness';
import { expectedText } from './support/expected';
import { FAULTS, fastRetries, type FaultTarget } from './support/faults';

/**
 * The Gong Webhook Trigger over real HTTP: an express server stands in for n8n's webhook endpoint
 * (raw body kept as `rawBody`, JSON parsed as `body`, the way n8n does), builds n8n-core's real
 * WebhookContext for each request and calls the node's `webhook()`. Gong's requests are imitated
 * with `fetch`, their JWTs signed with a key pair made for this run.
 */

const NODE_NAME = 'Gong Webhook Trigger';
const WEBHOOK_ID = '6f1c2a9e-0b7d-4c3e-9a8f-2d5e7b1c4a60';
/** The URL Key set in the url-key fixtures. */
const URL_KEY = String(fixture('webhook/url-key').nodes[0].parameters.urlKey);

interface Target {
	workflow: IWorkflowBase;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Imitate n8n 1.x, whose webhook context has no getWebhookResourceUrl. */
	legacyContext?: boolean;
}

interface Reply {
	status: number;
	text: string;
	body: unknown;
	/** What webhook() returned; undefined if it threw. */
	result?: IWebhookResponseData;
	/** The items the execution would start with (none when the request started no execution). */
	items: IDataObject[];
}

let gong: GongStandIn;
let server: ReturnType<express.Express['listen']>;
let base: string;
let target: Target;
/** The node's handling of the latest request: it may answer Gong before webhook() returns. */
const delivery: { inFlight?: Promise<IWebhookResponseData | undefined> } = {};
let trigger: INodeType;

const gongKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicPem = gongKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const publicBase64 = gongKeys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

const productionUrl = () => `${base}/webhook/${WEBHOOK_ID}/webhook`;
const testUrl = () => `${base}/webhook-test/${WEBHOOK_ID}/webhook`;

beforeAll(async () => {
	gong = await GongStandIn.start({ calls: 20, users: 6 });
	const loader = await loadPackage();
	trigger = loader.getNode('gongWebhookTrigger').type as INodeType;

	const app = express();
	app.use(express.raw({ type: '*/*' }), async (req, res) => {
		delivery.inFlight = handle(req, res);
		await delivery.inFlight;
	});
	/** One request through the node, the way n8n's webhook endpoint runs it; resolves with webhook()'s result. */
	async function handle(req: express.Request, res: express.Response): Promise<IWebhookResponseData | undefined> {
		try {
			const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
			req.rawBody = raw;
			req.body = raw.length ? (JSON.parse(raw.toString('utf8')) as unknown) : {};
			const ctx = await webhookContext(target.workflow, NODE_NAME, target.credentials, {
				req,
				res,
				isTest: req.path.startsWith('/webhook-test/'),
				webhookBaseUrl: base,
			});
			if (target.legacyContext) Object.defineProperty(ctx, 'getWebhookResourceUrl', { value: undefined });
			const result = await trigger.webhook!.call(ctx as unknown as IWebhookFunctions);
			if (!res.headersSent) {
				if (result.workflowData) res.status(200).json(result.workflowData);
				else res.status(200).json({ message: 'Webhook call received' });
			}
			return result;
		} catch (error) {
			if (!res.headersSent) res.status(500).json({ message: (error as Error).message });
			return undefined;
		}
	}
	server = app.listen(0, '127.0.0.1');
	await new Promise<void>((resolve, reject) => {
		server.once('listening', () => resolve());
		server.once('error', reject);
	});
	const address = server.address();
	if (address === null || typeof address === 'string') throw new Error('no TCP port');
	base = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
	await new Promise<void>((resolve) => server?.close(() => resolve()));
	await gong?.stop();
});

beforeEach(() => {
	target = { workflow: jwtWorkflow(), credentials: {} };
});

// ---- helpers ------------------------------------------------------------------------------------

function jwtWorkflow(publicKey = publicPem, name = 'webhook/jwt'): IWorkflowBase {
	const workflow = fixture(name);
	workflow.nodes[0].parameters.publicKey = publicKey;
	return workflow;
}

/** A call as Gong puts it in the webhook: the /v2/calls/extensive shape, no transcript. */
function callDataOf(call: StandInCall): IDataObject {
	const copy = structuredClone(call) as Partial<StandInCall>;
	delete copy.transcript;
	return copy as IDataObject;
}

/** Gong's body, pretty-printed so that re-serialising the parsed JSON would not give the same bytes. */
function gongBody(call: StandInCall, isTest = false): string {
	return JSON.stringify({ callData: callDataOf(call), isTest }, null, 2);
}

const sha256Hex = (data: string) => createHash('sha256').update(data).digest('hex');
const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

function signJwt(claims: IDataObject, options: { key?: KeyObject; header?: IDataObject } = {}): string {
	const header = b64url(JSON.stringify(options.header ?? { alg: 'RS256', typ: 'JWT' }));
	const payload = b64url(JSON.stringify(claims));
	const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), options.key ?? gongKeys.privateKey);
	return `${header}.${payload}.${b64url(signature)}`;
}

/** The claims Gong puts in its token for this body sent to this URL. */
function gongClaims(body: string, url: string, extra: IDataObject = {}): IDataObject {
	const now = nowSeconds();
	// Each delivery is its own signed request (RS256 signatures are deterministic: without a nonce two
	// deliveries of one call in the same second would be the very same token, which is a replay).
	return { webhook_url: url, body_sha256: sha256Hex(body), iat: now, exp: now + 300, jti: randomUUID(), ...extra };
}

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Reply> {
	delivery.inFlight = undefined;
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body,
	});
	const text = await response.text();
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = text;
	}
	// Set by the handler while this request was served (TS cannot see that across the await).
	const result = await (delivery.inFlight as Promise<IWebhookResponseData | undefined> | undefined);
	const items = (result?.workflowData?.[0] ?? []).map((item) => item.json);
	return { status: response.status, text, body: parsed, result, items };
}

/** Gong's signed request: body, token over it, sent to `url` (the production URL by default). */
async function sendSigned(
	call: StandInCall,
	options: { url?: string; claimUrl?: string; isTest?: boolean; authorization?: (token: string) => string } = {},
): Promise<Reply> {
	const url = options.url ?? productionUrl();
	const body = gongBody(call, options.isTest);
	const token = signJwt(gongClaims(body, options.claimUrl ?? url));
	return await post(url, body, { authorization: (options.authorization ?? ((t) => `Bearer ${t}`))(token) });
}

const UNAUTHORIZED_TEXT = JSON.stringify({ message: 'Unauthorized' });

/** A refused request: 401, the one fixed body, no execution. */
function expectRefused(reply: Reply) {
	expect(reply.status).toBe(401);
	expect(reply.text).toBe(UNAUTHORIZED_TEXT);
	expect(reply.result).toEqual({ noWebhookResponse: true });
	expect(reply.items).toEqual([]);
}

const withTranscript = () => gong.calls.filter((call) => call.transcript);

// ---- tests --------------------------------------------------------------------------------------

describe('Gong Webhook Trigger: the node', () => {
	it('is a webhook trigger n8n loads with the Gong icons and a POST webhook at <id>/webhook', async () => {
		const loader = await loadPackage();
		const { description } = loader.getNode('gongWebhookTrigger').type as INodeType;
		const gongNode = loader.getNode('gong').type as INodeType;
		expect(description).toMatchObject({
			displayName: 'Gong Webhook Trigger',
			group: ['trigger'],
			inputs: [],
			webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		});
		expect(description.usableAsTool).toBeUndefined();
		expect(description.iconUrl).toEqual({
			light: 'icons/n8n-nodes-gong/dist/nodes/Gong/gong.svg',
			dark: 'icons/n8n-nodes-gong/dist/nodes/Gong/gong.dark.svg',
		});
		expect(description.iconUrl).toEqual(gongNode.description.iconUrl);
		expect(description.codex?.categories).toEqual(['Sales', 'Communication']);
	});

	it('has nothing to register in Gong: checkExists, create and delete succeed without a request', async () => {
		const loader = await loadPackage();
		const hooks = (loader.getNode('gongWebhookTrigger').type as INodeType).webhookMethods?.default;
		expect(hooks).toBeDefined();
		gong.clearLog();
		const noContext = {} as never;
		expect(await hooks!.checkExists.call(noContext)).toBe(true);
		expect(await hooks!.create.call(noContext)).toBe(true);
		expect(await hooks!.delete.call(noContext)).toBe(true);
		expect(gong.log).toHaveLength(0);
	});

	it('computes the production URL the Gong rule must call', async () => {
		const ctx = await webhookContext(jwtWorkflow(), NODE_NAME, {}, { req: {}, res: {}, webhookBaseUrl: base });
		expect(ctx.getNodeWebhookUrl('default')).toBe(productionUrl());
	});
});

describe('Gong Webhook Trigger: signed JWT header', () => {
	it('a request Gong signed starts an execution with the call and isTest false', async () => {
		const call = gong.calls[0];
		const reply = await sendSigned(call);
		expect(reply.status).toBe(200);
		expect(reply.items).toEqual([{ ...callDataOf(call), isTest: false }]);
		expect(reply.body).toEqual([[{ json: { ...callDataOf(call), isTest: false } }]]);
	});

	it('accepts the token with or without the Bearer prefix', async () => {
		const call = gong.calls[1];
		for (const authorization of [(t: string) => `Bearer ${t}`, (t: string) => t, (t: string) => `bearer  ${t}`]) {
			const reply = await sendSigned(call, { authorization });
			expect(reply.status).toBe(200);
			expect(reply.items).toHaveLength(1);
		}
	});

	it('accepts the public key as a PEM block, a PEM pasted on one line, its bare base64 body, or PKCS#1', async () => {
		const pkcs1 = gongKeys.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
		for (const key of [
			publicPem,
			publicPem.replace(/\n/g, ' '),
			publicBase64,
			`  ${publicBase64.replace(/(.{64})/g, '$1\n')}  `,
			pkcs1,
		]) {
			target.workflow = jwtWorkflow(key);
			const reply = await sendSigned(gong.calls[2]);
			expect(reply.status).toBe(200);
			expect(reply.items[0].metaData).toEqual(gong.calls[2].metaData);
		}
	});

	it('hashes the raw body: a request whose bytes differ from what Gong signed is refused', async () => {
		const call = gong.calls[3];
		const body = gongBody(call);
		const token = signJwt(gongClaims(body, productionUrl()));
		const tampered = body.replace(
			`"title": ${JSON.stringify(call.metaData.title)}`,
			'"title": "Renewal: 90% discount approved"',
		);
		expect(tampered).not.toBe(body);
		expectRefused(await post(productionUrl(), tampered, { authorization: `Bearer ${token}` }));
		// Same JSON, different bytes: still not what was signed.
		expectRefused(await post(productionUrl(), JSON.stringify(JSON.parse(body)), { authorization: `Bearer ${token}` }));
	});

	it('refuses a token signed for another URL', async () => {
		const call = gong.calls[4];
		expectRefused(await sendSigned(call, { claimUrl: `${base}/webhook/another-id/webhook` }));
		expectRefused(await sendSigned(call, { claimUrl: `https://attacker.example/webhook/${WEBHOOK_ID}/webhook` }));
		expectRefused(await sendSigned(call, { claimUrl: `${productionUrl()}/` }));
	});

	it('accepts the exact URL with its query string, or the URL without it', async () => {
		const call = gong.calls[4];
		const url = `${productionUrl()}?source=gong`;
		expect((await sendSigned(call, { url, claimUrl: url })).items).toHaveLength(1);
		expect((await sendSigned(call, { url, claimUrl: productionUrl() })).items).toHaveLength(1);
		expectRefused(await sendSigned(call, { url, claimUrl: `${productionUrl()}?source=other` }));
	});

	it('on the test URL ("Listen for test event") accepts a token for the test URL only', async () => {
		const call = gong.calls[5];
		const accepted = await sendSigned(call, { url: testUrl(), isTest: true });
		expect(accepted.status).toBe(200);
		expect(accepted.items).toEqual([{ ...callDataOf(call), isTest: true }]);
		expectRefused(await sendSigned(call, { url: testUrl(), claimUrl: productionUrl() }));
		expectRefused(await sendSigned(call, { url: productionUrl(), claimUrl: testUrl() }));
	});

	it('on n8n 1.x (no getWebhookResourceUrl) still matches the test URL it was called on', async () => {
		target.legacyContext = true;
		const call = gong.calls[5];
		expect((await sendSigned(call, { url: testUrl() })).items).toHaveLength(1);
		expect((await sendSigned(call, { url: productionUrl() })).items).toHaveLength(1);
		expectRefused(await sendSigned(call, { url: testUrl(), claimUrl: `${base}/webhook-test/another-id/webhook` }));
		expectRefused(await sendSigned(call, { url: testUrl(), claimUrl: productionUrl() }));
		expectRefused(await sendSigned(call, { url: productionUrl(), claimUrl: testUrl() }));
	});

	it('refuses an expired token and one not valid yet, allowing 60 s of clock skew', async () => {
		const call = gong.calls[6];
		const body = gongBody(call);
		const send = (extra: IDataObject) =>
			post(productionUrl(), body, { authorization: signJwt(gongClaims(body, productionUrl(), extra)) });
		const now = nowSeconds();
		expectRefused(await send({ exp: now - 120 }));
		expectRefused(await send({ exp: String(now + 300) }));
		expectRefused(await send({ iat: now + 600 }));
		expectRefused(await send({ nbf: now + 600 }));
		expect((await send({ exp: now - 20, iat: now + 20 })).items).toHaveLength(1);
		// A token without exp would be valid forever: refused unless the user allows it.
		expectRefused(await send({ exp: undefined, iat: undefined }));
	});

	it('runs one signed request once: the same request replayed within its lifetime starts nothing', async () => {
		const call = gong.calls[5];
		const body = gongBody(call);
		const headers = { authorization: `Bearer ${signJwt(gongClaims(body, productionUrl()))}` };
		const first = await post(productionUrl(), body, headers);
		expect(first.items).toHaveLength(1);
		for (let i = 0; i < 3; i++) {
			const again = await post(productionUrl(), body, headers);
			expect(again.status).toBe(200);
			expect(again.body).toEqual({ message: 'Already received' });
			expect(again.items).toEqual([]);
		}
		// A new delivery of the same call (a new token) is a new request.
		expect((await sendSigned(call)).items).toHaveLength(1);
	});

	it('with "Accept Tokens Without Expiry", a token without exp is accepted, and still only once', async () => {
		target.workflow.nodes[0].parameters.options = { acceptTokensWithoutExp: true };
		const call = gong.calls[4];
		const body = gongBody(call);
		const headers = { authorization: signJwt(gongClaims(body, productionUrl(), { exp: undefined })) };
		expect((await post(productionUrl(), body, headers)).items).toHaveLength(1);
		expect((await post(productionUrl(), body, headers)).body).toEqual({ message: 'Already received' });
	});

	it('refuses a token signed with another key', async () => {
		const call = gong.calls[7];
		const body = gongBody(call);
		const token = signJwt(gongClaims(body, productionUrl()), { key: otherKeys.privateKey });
		expectRefused(await post(productionUrl(), body, { authorization: `Bearer ${token}` }));
	});

	it('refuses alg none, HS256 keyed with the public key, and a garbled token', async () => {
		const call = gong.calls[8];
		const body = gongBody(call);
		const claims = gongClaims(body, productionUrl());
		const unsigned = `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}.`;
		const hsHeader = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
		const hsPayload = b64url(JSON.stringify(claims));
		const hsSignature = createHmac('sha256', publicPem).update(`${hsHeader}.${hsPayload}`).digest('base64url');
		const valid = signJwt(claims);
		const [h, p, s] = valid.split('.');
		for (const token of [
			unsigned,
			`${unsigned}${b64url('x')}`,
			`${hsHeader}.${hsPayload}.${hsSignature}`,
			signJwt(claims, { header: { alg: 'RS512', typ: 'JWT' } }),
			signJwt(claims, { header: { alg: 'RS256', crit: ['exp'] } }),
			`${h}.${p}`,
			`${h}.${p}.${s}.${s}`,
			`${h}.${b64url(JSON.stringify({ ...claims, exp: nowSeconds() + 86_400 }))}.${s}`,
			'not-a-token',
		]) {
			expectRefused(await post(productionUrl(), body, { authorization: `Bearer ${token}` }));
		}
	});

	it('refuses a request without an Authorization header', async () => {
		expectRefused(await post(productionUrl(), gongBody(gong.calls[9])));
		expectRefused(await post(productionUrl(), gongBody(gong.calls[9]), { authorization: 'Bearer ' }));
	});

	it('refuses everything while the Public Key is empty or not an RSA public key', async () => {
		const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
			.publicKey.export({ type: 'spki', format: 'pem' })
			.toString();
		for (const key of ['', 'copy the key here', publicBase64.slice(0, 100), ec]) {
			target.workflow = jwtWorkflow(key);
			expectRefused(await sendSigned(gong.calls[10]));
		}
	});

	it('answers every refusal with the same body, naming neither the key nor any part of the token', async () => {
		const call = gong.calls[11];
		const body = gongBody(call);
		const token = signJwt(gongClaims(body, productionUrl()));
		const other = signJwt(gongClaims(body, productionUrl()), { key: otherKeys.privateKey });
		const replies = [
			await post(productionUrl(), body),
			await post(productionUrl(), `${body} `, { authorization: `Bearer ${token}` }),
			await post(productionUrl(), body, { authorization: `Bearer ${other}` }),
			await post(testUrl(), body, { authorization: `Bearer ${token}` }),
		];
		for (const reply of replies) {
			expectRefused(reply);
			for (const part of [...token.split('.'), ...other.split('.')]) expect(reply.text).not.toContain(part);
			expect(reply.text).not.toContain(publicBase64.slice(20, 60));
		}
		expect(new Set(replies.map((reply) => reply.text)).size).toBe(1);
	});

	it('answers 400 to a correctly signed body that is not a Gong call, without an execution', async () => {
		for (const payload of [{ hello: 'world' }, { callData: { metaData: {} }, isTest: false }, { callData: 'x' }]) {
			const body = JSON.stringify(payload);
			const reply = await post(productionUrl(), body, { authorization: signJwt(gongClaims(body, productionUrl())) });
			expect(reply.status).toBe(400);
			expect(reply.body).toEqual({ message: 'Not a Gong call webhook' });
			expect(reply.items).toEqual([]);
		}
	});
});

describe('Gong Webhook Trigger: test events', () => {
	it('"Test now" (isTest: true) starts an execution with isTest true by default', async () => {
		const call = gong.calls[12];
		const reply = await sendSigned(call, { isTest: true });
		expect(reply.status).toBe(200);
		expect(reply.items).toEqual([{ ...callDataOf(call), isTest: true }]);
	});

	it('with Ignore Test Events, answers 200 { ignored: true } and starts nothing; real calls still run', async () => {
		target.workflow = jwtWorkflow(publicPem, 'webhook/jwt-ignore-test-events');
		const call = gong.calls[12];
		const ignored = await sendSigned(call, { isTest: true });
		expect(ignored.status).toBe(200);
		expect(ignored.body).toEqual({ ignored: true });
		expect(ignored.result).toEqual({ noWebhookResponse: true });
		expect(ignored.items).toEqual([]);
		expect((await sendSigned(call)).items).toEqual([{ ...callDataOf(call), isTest: false }]);
		// A test event still has to be signed.
		expectRefused(await post(productionUrl(), gongBody(call, true)));
	});
});

describe('Gong Webhook Trigger: URL key', () => {
	beforeEach(() => {
		target = { workflow: fixture('webhook/url-key'), credentials: {} };
	});

	it('the right key starts an execution; the key is not in the item', async () => {
		const call = gong.calls[13];
		const reply = await post(`${productionUrl()}?key=${URL_KEY}`, gongBody(call));
		expect(reply.status).toBe(200);
		expect(reply.items).toEqual([{ ...callDataOf(call), isTest: false }]);
		expect(JSON.stringify(reply.items)).not.toContain(URL_KEY);
	});

	it('a wrong, partial, repeated or missing key is refused with the same body', async () => {
		const body = gongBody(gong.calls[13]);
		for (const query of [
			'',
			'?key=',
			'?key=wrong',
			`?key=${URL_KEY.slice(0, -1)}`,
			`?key=${URL_KEY}x`,
			`?key=${URL_KEY}&key=${URL_KEY}`,
			`?secret=${URL_KEY}`,
		]) {
			const reply = await post(`${productionUrl()}${query}`, body);
			expectRefused(reply);
			expect(reply.text).not.toContain(URL_KEY);
		}
	});

	it('refuses everything while the URL Key is empty', async () => {
		target.workflow.nodes[0].parameters.urlKey = '';
		expectRefused(await post(`${productionUrl()}?key=`, gongBody(gong.calls[13])));
		expectRefused(await post(productionUrl(), gongBody(gong.calls[13])));
	});
});

describe('Gong Webhook Trigger: attach transcript', () => {
	const transcriptRequests = () => gong.apiRequests();

	it('Plain Text: answers Gong at once, then adds the transcript with speaker names from the call’s parties', async () => {
		target = {
			workflow: jwtWorkflow(publicPem, 'webhook/jwt-transcript-text'),
			credentials: accessKeyCredentials(gong),
		};
		for (const call of withTranscript().slice(0, 3)) {
			gong.clearLog();
			const reply = await sendSigned(call);
			expect(reply.status).toBe(200);
			expect(reply.body).toEqual({ message: 'Workflow was started' });
			expect(reply.result?.noWebhookResponse).toBe(true);
			expect(reply.items).toHaveLength(1);
			const item = reply.items[0];
			expect(item).toMatchObject({ ...callDataOf(call), isTest: false });
			expect(item.transcriptError).toBeUndefined();
			const transcript = item.transcript as IDataObject;
			expect(transcript).toMatchObject({
				callId: call.metaData.id,
				title: call.metaData.title,
				url: call.metaData.url,
			});
			expect(transcript.transcript).toBe(expectedText(call));
			for (const party of call.parties.filter((p) => call.transcript!.some((m) => m.speakerId === p.speakerId))) {
				expect(transcript.transcript).toContain(`${party.name}: `);
			}
			// One request: the speakers come from the webhook's own parties.
			expect(transcriptRequests().map((entry) => `${entry.method} ${entry.path}`)).toEqual([
				'POST /v2/calls/transcript',
			]);
		}
	});

	it('Structured with OAuth2 (URL key): monologues with speaker name, email and affiliation', async () => {
		target = {
			workflow: fixture('webhook/url-key-transcript-structured'),
			credentials: oauthCredentials(gong, gong.issueToken()),
		};
		const call = withTranscript()[3];
		const reply = await post(`${productionUrl()}?key=${URL_KEY}`, gongBody(call));
		expect(reply.status).toBe(200);
		const monologues = (reply.items[0].transcript as IDataObject).monologues as IDataObject[];
		expect(monologues).toHaveLength(call.transcript!.length);
		monologues.forEach((monologue, index) => {
			const party = call.parties.find((p) => p.speakerId === call.transcript![index].speakerId);
			expect(monologue).toMatchObject({
				speakerId: call.transcript![index].speakerId,
				speakerName: party?.name ?? expect.stringMatching(/^Unknown speaker \d+$/),
				speakerEmail: party?.emailAddress ?? null,
				affiliation: party?.affiliation ?? 'Unknown',
			});
		});
	});

	it('a transcript that is not ready yet gives transcript null and a transcriptError, and the execution still starts', async () => {
		target = {
			workflow: jwtWorkflow(publicPem, 'webhook/jwt-transcript-text'),
			credentials: accessKeyCredentials(gong),
		};
		const call = withTranscript()[4];
		gong.setTranscriptReady(call.metaData.id, false);
		try {
			const reply = await sendSigned(call);
			expect(reply.status).toBe(200);
			expect(reply.items).toHaveLength(1);
			expect(reply.items[0]).toMatchObject({ ...callDataOf(call), isTest: false, transcript: null });
			expect(reply.items[0].transcriptError).toBe(`Gong has no transcript for call ${call.metaData.id} yet`);
		} finally {
			gong.setTranscriptReady(call.metaData.id, true);
		}
	});

	it('a failed transcript request gives Gong’s reason as transcriptError, and the execution still starts', async () => {
		target = {
			workflow: fixture('webhook/url-key-transcript-structured'),
			credentials: oauthCredentials(gong, gong.issueToken({ scopes: ['api:calls:read:basic', 'api:users:read'] })),
		};
		const call = withTranscript()[5];
		const reply = await post(`${productionUrl()}?key=${URL_KEY}`, gongBody(call));
		expect(reply.status).toBe(200);
		expect(reply.items).toHaveLength(1);
		expect(reply.items[0]).toMatchObject({ metaData: call.metaData, transcript: null });
		expect(reply.items[0].transcriptError).toBe('Missing Gong permission: api:calls:read:transcript');
	});

	it('does not call Gong for a refused request', async () => {
		target = {
			workflow: jwtWorkflow(publicPem, 'webhook/jwt-transcript-text'),
			credentials: accessKeyCredentials(gong),
		};
		gong.clearLog();
		expectRefused(await post(productionUrl(), gongBody(gong.calls[0])));
		expect(gong.log).toHaveLength(0);
	});
});

/**
 * The fault matrix's Gong Webhook Trigger column (see fault-matrix.test.ts): Gong delivers a call
 * once, so the execution always starts; the transcript is attached after a retry, or is null with
 * the table's error text as `transcriptError` — never a transcript silently missing.
 */
describe('Fault matrix: Gong Webhook Trigger (attach transcript)', () => {
	const faultTarget: FaultTarget = {
		path: '/v2/calls/transcript',
		listKey: 'callTranscripts',
		scope: 'api:calls:read:transcript',
		skip: 0,
		paged: false,
		empty: 'empty',
	};
	let restore: () => void;
	beforeAll(() => {
		restore = fastRetries();
	});
	afterAll(() => restore());
	afterEach(() => gong.clearFaults());

	const rows = FAULTS.filter((fault) => fault.expect(faultTarget) !== 'not applicable').map(
		(fault) => [fault.name, fault] as const,
	);
	it.each(rows)('%s', async (_name, fault) => {
		target = {
			workflow: jwtWorkflow(publicPem, 'webhook/jwt-transcript-text'),
			credentials: accessKeyCredentials(gong),
		};
		const call = withTranscript()[3];
		fault.inject(gong, faultTarget);
		const reply = await sendSigned(call);
		expect(reply.status).toBe(200);
		expect(reply.items, 'the execution starts whatever Gong answered').toHaveLength(1);
		const [item] = reply.items;
		const expected = fault.expect(faultTarget);
		if (expected === 'recovers') {
			expect(item.transcriptError).toBeUndefined();
			expect((item.transcript as IDataObject).transcript).toBe(expectedText(call));
		} else if (expected === 'empty') {
			expect(item).toMatchObject({
				transcript: null,
				transcriptError: `Gong has no transcript for call ${call.metaData.id} yet`,
			});
		} else if (expected !== 'not applicable') {
			expect(item).toMatchObject({ transcript: null, transcriptError: expected.error });
		}
	});
});
